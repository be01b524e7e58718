/**
 * Rendering Open311 documents. One value shape (the Spark JSON form: lists are arrays, the XML
 * root wrapper is dropped) is rendered either as JSON or as XML with the root put back and each
 * array item wrapped in the singular of its container (SPEC "JSON Support"; open311.md §1.8).
 */
import type { Response } from 'express';

export type Format = 'xml' | 'json';

export const CONTENT_TYPES: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Singular element names that are not simply "strip the trailing s" (ADAPTER's Spark rules). */
const SINGULAR: Record<string, string> = {
  service_requests: 'request',
  service_request_updates: 'request_update',
  media_urls: 'media_url',
  notes: 'note',
};

export function singular(container: string): string {
  return SINGULAR[container] ?? container.replace(/s$/, '');
}

// XML 1.0 cannot carry most control characters at all, even escaped: drop them.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function escapeXml(text: string): string {
  // Most values need nothing: one test instead of five replacements (1,000-row pages).
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(XML_FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function element(name: string, value: unknown, indent: string): string {
  if (value === null || value === undefined) return `${indent}<${name}></${name}>\n`;
  if (Array.isArray(value)) {
    const item = singular(name);
    return `${indent}<${name}>\n${value.map((v) => element(item, v, indent + '  ')).join('')}${indent}</${name}>\n`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v, indent + '  '))
      .join('');
    return `${indent}<${name}>\n${children}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

/** `root` is the XML root element (`services`, `service_requests`, `errors`, ...). */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, '')}`;
}

export function send(res: Response, format: Format, root: string, value: unknown, status = 200): void {
  res.status(status).type(CONTENT_TYPES[format]);
  res.send(format === 'xml' ? toXml(root, value) : JSON.stringify(value));
}

/**
 * W3C datetime in the jurisdiction's own offset, seconds precision, never fractional
 * (open311.md §0.4: ADAPTER's regex rejects `.000Z`), e.g. `2026-11-28T09:15:30+01:00`.
 */
export function w3cDate(date: Date | null | undefined, timeZone: string): string | null {
  if (!date) return null;
  const seconds = Math.floor(date.getTime() / 1000) * 1000;
  const offsetMin = offsetMinutes(new Date(seconds), timeZone);
  const local = new Date(seconds + offsetMin * 60000);
  const stamp = local.toISOString().slice(0, 19);
  if (offsetMin === 0) return `${stamp}Z`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${stamp}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const QUARTER_HOUR = 900000;

/**
 * Offset of `timeZone` from UTC at `date`, in minutes (positive east of Greenwich). Offsets only
 * change on quarter-hour boundaries, so they are cached per quarter hour: Intl is slow enough to
 * dominate the rendering of a 1,000-row page otherwise.
 */
export function offsetMinutes(date: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(date.getTime() / QUARTER_HOUR)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  if (offsets.size > 100000) offsets.clear();
  const value = computeOffset(date, timeZone);
  offsets.set(key, value);
  return value;
}

function computeOffset(date: Date, timeZone: string): number {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, fmt);
  }
  const p = Object.fromEntries(fmt.formatToParts(date).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

const W3C_INPUT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses a W3C datetime or a plain date. Without an offset the time is read in the jurisdiction's
 * time zone (a plain date is its midnight). Returns undefined when the text is not a date.
 */
export function parseW3c(text: string, timeZone: string): Date | undefined {
  const m = W3C_INPUT.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', tz] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  if (fields[1] > 11 || fields[2] < 1 || fields[2] > 31 || fields[3] > 23 || fields[4] > 59 || fields[5] > 60) return undefined;
  const utc = Date.UTC(...fields);
  if (new Date(utc).getUTCDate() !== fields[2]) return undefined; // 31 February and friends
  if (tz) {
    if (tz.toUpperCase() === 'Z') return new Date(utc);
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const off = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    return new Date(utc - off * 60000);
  }
  // Local wall time: guess with the offset at that instant, then correct once (DST edges).
  let guess = utc - offsetMinutes(new Date(utc), timeZone) * 60000;
  guess = utc - offsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess);
}
