/**
 * Rendering Open311 documents. One value shape (the Spark JSON form: lists are arrays, the XML
 * root wrapper is dropped) is rendered either as JSON or as XML with the root put back and each
 * array item wrapped in the singular of its container (SPEC "JSON Support"; open311.md §1.8).
 */
import type { Response } from 'express';
import { offsetMinutes, parseIsoDate } from '../../kernel/dates';

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

/**
 * Parses a W3C datetime or a plain date with the kernel's one date engine (calendar-valid, years
 * 1900-9999). Without an offset the time is read in the jurisdiction's time zone (a plain date is
 * its midnight). Returns undefined when the text is not a date.
 */
export function parseW3c(text: string, timeZone: string): Date | undefined {
  const r = parseIsoDate(text, timeZone);
  // Open311 dates have second precision (open311-spec/README.md): a fraction is dropped.
  return r.ok ? new Date(Math.floor(r.date.getTime() / 1000) * 1000) : undefined;
}
