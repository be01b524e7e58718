/**
 * The public map's query string, parsed and checked once: bbox, zoom and the filters residents can
 * set (service group or service, status, date range, district). Pure; errors from the catalogue.
 */
import { Errors, ErrorDetail } from '../errors';
import { clampToCalendar, dateProblem, parseIsoDate } from '../../kernel/dates';
import { parseBbox } from '../../gis/bbox';

export interface MapFilterInput {
  groups?: string[];
  services?: string[];
  status?: 'open' | 'closed';
  districts?: string[];
  /** Inclusive start. */
  from?: Date;
  /** Exclusive end. */
  to?: Date;
}

export interface MapQuery {
  bbox: [number, number, number, number];
  zoom: number;
  filter: MapFilterInput;
}

type Query = Record<string, unknown>;

const list = (v: unknown): string[] | undefined => {
  if (v === undefined || v === '') return undefined;
  const items = (Array.isArray(v) ? v : [v])
    .flatMap((x) => String(x).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items.slice(0, 50) : undefined;
};

/**
 * A date (YYYY-MM-DD, start of that UTC day) or an ISO timestamp with a zone, through the kernel's
 * one date engine: a day that does not exist (2026-02-30) or a year outside 1900-9999 is a 400
 * naming the parameter, never rolled over (issue #11 item 6).
 */
function date(v: unknown, field: string, problems: ErrorDetail[], endOfDay = false): Date | undefined {
  if (v === undefined || v === '') return undefined;
  const r = parseIsoDate(String(v), 'UTC', { zone: 'required' });
  if (!r.ok) {
    problems.push({ field, description: dateProblem(field, r.reason) });
    return undefined;
  }
  // `to=2026-11-28` means "up to and including that day".
  return r.dateOnly && endOfDay ? clampToCalendar(new Date(r.date.getTime() + 86400000)) : r.date;
}

export function parseFilter(q: Query, problems: ErrorDetail[] = []): MapFilterInput {
  const filter: MapFilterInput = {};
  filter.groups = list(q.group);
  filter.services = list(q.service_code);
  filter.districts = list(q.district);
  if (q.status !== undefined && q.status !== '') {
    if (q.status !== 'open' && q.status !== 'closed') problems.push({ field: 'status', description: 'must be open or closed' });
    else filter.status = q.status;
  }
  filter.from = date(q.start_date, 'start_date', problems);
  filter.to = date(q.end_date, 'end_date', problems, true);
  if (filter.from && filter.to && filter.from >= filter.to) problems.push({ field: 'end_date', description: 'must be after start_date' });
  for (const k of Object.keys(filter) as Array<keyof MapFilterInput>) if (filter[k] === undefined) delete filter[k];
  return filter;
}

export function parseMapQuery(q: Query): MapQuery {
  const problems: ErrorDetail[] = [];
  // A web mercator view can reach past the world's edge: clamped to it rather than refused.
  const parsed = parseBbox(String(q.bbox ?? ''), { clampLat: 85 });
  const bbox: MapQuery['bbox'] = parsed.ok ? parsed.bbox : [0, 0, 0, 0];
  if (!parsed.ok && parsed.reason === 'order') problems.push({ field: 'bbox', description: 'west must be less than east and south less than north' });
  else if (!parsed.ok) problems.push({ field: 'bbox', description: 'must be west,south,east,north in degrees' });
  const zoom = Number(q.zoom);
  if (!Number.isFinite(zoom) || zoom < 0 || zoom > 24) problems.push({ field: 'zoom', description: 'must be a number from 0 to 24' });
  const filter = parseFilter(q, problems);
  if (problems.length) throw Errors.many(problems);
  return { bbox, zoom, filter };
}
