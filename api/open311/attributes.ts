/**
 * Attribute values posted as `attribute[code]` checked against the service definition (datatype,
 * required, list keys). Empty values count as not given (FixMyStreet posts every attribute, empty
 * ones too). Codes the definition does not know are ignored, as ADAPTER does, and not stored.
 */
import type { ErrorDetail } from '../errors';
import type { AttributeRow } from './store';
import { parseW3c } from './render';

export function validateAttributes(defined: AttributeRow[], posted: Record<string, string[]>, timeZone: string): { values: Record<string, string | string[]>; problems: ErrorDetail[] } {
  const values: Record<string, string | string[]> = {};
  const problems: ErrorDetail[] = [];
  for (const a of defined) {
    if (!a.variable) continue;
    const field = `attribute[${a.code}]`;
    const given = (posted[a.code] ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (given.length === 0) {
      if (a.required) problems.push({ field, description: `${field} is required` });
      continue;
    }
    const keys = new Set((a.values ?? []).map((v) => String(v.key)));
    if (a.datatype === 'multivaluelist') {
      const bad = given.filter((v) => !keys.has(v));
      if (bad.length) problems.push({ field, description: `${field}: ${bad.map((b) => JSON.stringify(b.slice(0, 60))).join(', ')} not in the list (${[...keys].join(', ')})` });
      else values[a.code] = [...new Set(given)];
      continue;
    }
    if (given.length > 1) {
      problems.push({ field, description: `${field} takes one value, got ${given.length}` });
      continue;
    }
    const v = given[0];
    if (a.datatype === 'singlevaluelist' && !keys.has(v)) {
      problems.push({ field, description: `${field}: ${JSON.stringify(v.slice(0, 60))} is not in the list (${[...keys].join(', ')})` });
    } else if (a.datatype === 'number' && !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v)) {
      problems.push({ field, description: `${field} must be a number` });
    } else if (a.datatype === 'datetime' && !parseW3c(v, timeZone)) {
      problems.push({ field, description: `${field} must be a W3C datetime` });
    } else if (v.length > 4000) {
      problems.push({ field, description: `${field} is longer than 4000 characters` });
    } else values[a.code] = v;
  }
  return { values, problems };
}
