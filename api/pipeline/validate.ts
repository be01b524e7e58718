/**
 * Checks of a report before anything is stored: description length and attribute values against
 * the service definition. Every violation names its field (`description`, `attribute[size]`), and
 * all of them are reported at once.
 */
import type { ErrorDetail } from '../errors';
import { isoInstant } from '../../kernel/dates';

export const MAX_DESCRIPTION = 4000;

export interface AttributeDef {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  variable: boolean;
  required: boolean;
  values: Array<{ key: string }>;
}

/** CRLF and lone CR become LF, so the 4000-character limit counts what a person sees. */
export const normaliseText = (s: string | undefined): string => (s ?? '').replace(/\r\n?/g, '\n');

/** Counts characters as the database does (code points, not UTF-16 units: an emoji is one). */
export function checkDescription(description: string, problems: ErrorDetail[]): void {
  const length = [...description].length;
  if (length > MAX_DESCRIPTION) problems.push({ field: 'description', description: `description is longer than ${MAX_DESCRIPTION} characters (${length})` });
}

export interface AttributeCheckOptions {
  /**
   * Codes the service does not define: `reject` (our own forms never send them) or `ignore`
   * (Open311 clients such as FixMyStreet post extra attributes; they are dropped, not stored).
   */
  unknown?: 'reject' | 'ignore';
  /** Datetime check; Open311 passes its W3C parser, which needs the jurisdiction's time zone. */
  isDatetime?: (value: string) => boolean;
}

/** Returns the values to store (lists as arrays, empty values dropped). */
export function checkAttributes(
  defs: AttributeDef[],
  given: Record<string, string | string[]> | undefined,
  problems: ErrorDetail[],
  options: AttributeCheckOptions = {},
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const byCode = new Map(defs.map((d) => [d.code, d]));
  // Date.parse would read 2026-02-30 as 2 March: the kernel's date engine refuses it.
  const isDatetime = options.isDatetime ?? ((v: string) => isoInstant(v, 'UTC') !== undefined);
  if (options.unknown !== 'ignore')
    for (const code of Object.keys(given ?? {})) {
      const def = byCode.get(code);
      if (!def || !def.variable) problems.push({ field: `attribute[${code}]`, description: `attribute[${code}] is not an attribute of this service` });
    }
  for (const def of defs) {
    if (!def.variable) continue;
    const field = `attribute[${def.code}]`;
    const raw = given?.[def.code];
    const list = (Array.isArray(raw) ? raw : raw == null ? [] : [raw]).map((v) => String(v).trim()).filter((v) => v !== '');
    if (list.length === 0) {
      if (def.required) problems.push({ field, description: `${field} is required` });
      continue;
    }
    const keys = new Set(def.values.map((v) => String(v.key)));
    if (def.datatype === 'multivaluelist') {
      const bad = list.filter((v) => !keys.has(v));
      if (bad.length)
        problems.push({
          field,
          description: `${field}: ${bad.map((b) => JSON.stringify(b.slice(0, 60))).join(', ')} not in the list (${[...keys].join(', ')})`,
        });
      else out[def.code] = [...new Set(list)];
      continue;
    }
    if (list.length > 1) {
      problems.push({ field, description: `${field} takes one value, got ${list.length}` });
      continue;
    }
    const v = list[0];
    if (def.datatype === 'singlevaluelist' && !keys.has(v))
      problems.push({ field, description: `${field}: ${JSON.stringify(v.slice(0, 60))} is not in the list (${[...keys].join(', ')})` });
    else if (def.datatype === 'number' && !/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(v)) problems.push({ field, description: `${field} must be a number` });
    else if (def.datatype === 'datetime' && !isDatetime(v)) problems.push({ field, description: `${field} must be a date and time (ISO 8601)` });
    else if (v.length > MAX_DESCRIPTION) problems.push({ field, description: `${field} is longer than ${MAX_DESCRIPTION} characters` });
    else out[def.code] = v;
  }
  return out;
}
