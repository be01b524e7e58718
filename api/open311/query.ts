/**
 * GET Service Requests parameters -> a validated RequestFilter. Every rule here is written down in
 * open311-spec/README.md (defaults, the 90-day span, second precision, paging, spatial filters).
 */
import { Errors, ErrorDetail } from '../errors';
import type { Params } from './form';
import type { RequestFilter } from './store';
import { clampToCalendar, dateProblem, parseIsoDate } from '../../kernel/dates';
import { parseBbox } from '../../gis/bbox';
import { parseW3c } from './render';

export const MAX_SPAN_DAYS = 90;
export const DEFAULT_LIMIT = 1000;
export const MAX_PAGE_SIZE = 1000;
export const MAX_IDS = 1000;
export const MAX_RADIUS_M = 50000;
const DAY = 86400000;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseNumber(params: Params, name: string, min: number, max: number, problems: ErrorDetail[]): number | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw) || !Number.isFinite(n)) {
    problems.push({ field: name, description: `${name} must be a number, got ${JSON.stringify(raw.slice(0, 40))}` });
    return undefined;
  }
  if (n < min || n > max) {
    problems.push({ field: name, description: `${name} must be between ${min} and ${max}` });
    return undefined;
  }
  return n;
}

function parseInteger(params: Params, name: string, min: number, max: number, problems: ErrorDetail[]): number | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push({ field: name, description: `${name} must be a whole number from ${min} to ${max}` });
    return undefined;
  }
  return Number(raw);
}

/** A date parameter through the kernel's one date engine: a day that does not exist (2026-02-30) is a 400 naming the field. */
export function parseDate(params: Params, name: string, timeZone: string, problems: ErrorDetail[]): Date | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  const d = parseW3c(raw, timeZone);
  if (d) return d;
  const r = parseIsoDate(raw, timeZone);
  if (!r.ok) problems.push({ field: name, description: dateProblem(name, r.reason) });
  return undefined;
}

/** The latitude/longitude pair: both or neither, numbers, in range. */
export function parsePoint(params: Params, problems: ErrorDetail[]): { lat: number; long: number } | undefined {
  const hasLat = params.get('lat') !== undefined;
  const hasLong = params.get('long') !== undefined;
  if (hasLat !== hasLong) {
    problems.push({ field: hasLat ? 'long' : 'lat', description: 'lat and long must be given together' });
    return undefined;
  }
  if (!hasLat) return undefined;
  const lat = parseNumber(params, 'lat', -90, 90, problems);
  const long = parseNumber(params, 'long', -180, 180, problems);
  return lat === undefined || long === undefined ? undefined : { lat, long };
}

export function parseRequestFilter(params: Params, jurisdictionId: string, timeZone: string, now: Date): { filter: RequestFilter; paged: boolean } {
  const problems: ErrorDetail[] = [];
  const extensions = /^(true|1)$/i.test(params.get('extensions') ?? '');
  const pageSize = parseInteger(params, 'page_size', 1, MAX_PAGE_SIZE, problems);
  const page = parseInteger(params, 'page', 1, 100000, problems);
  const limit = pageSize ?? DEFAULT_LIMIT;
  const base = { jurisdictionId, extensions, limit, offset: ((page ?? 1) - 1) * limit };
  const paged = page !== undefined || pageSize !== undefined;

  const ids = params.list('service_request_id');
  if (ids.length) {
    if (ids.length > MAX_IDS) problems.push({ field: 'service_request_id', description: `at most ${MAX_IDS} ids per call, got ${ids.length}` });
    const bad = ids.find((id) => !ID.test(id));
    if (bad !== undefined) problems.push({ field: 'service_request_id', description: `${JSON.stringify(bad.slice(0, 70))} is not a service_request_id` });
    if (problems.length) throw Errors.many(problems);
    return { filter: { ...base, ids: [...new Set(ids)], order: 'requested_desc' }, paged };
  }

  const serviceCodes = params.list('service_code');
  const badCode = serviceCodes.find((c) => !ID.test(c));
  if (badCode !== undefined) problems.push({ field: 'service_code', description: `${JSON.stringify(badCode.slice(0, 70))} is not a service_code` });
  const statuses = params.list('status').map((s) => s.toLowerCase());
  const badStatus = statuses.find((s) => s !== 'open' && s !== 'closed');
  if (badStatus !== undefined) problems.push({ field: 'status', description: `status must be open or closed, got ${JSON.stringify(badStatus.slice(0, 40))}` });

  let start = parseDate(params, 'start_date', timeZone, problems);
  let end = parseDate(params, 'end_date', timeZone, problems);
  const updatedAfter = parseDate(params, 'updated_after', timeZone, problems);
  const updatedBefore = parseDate(params, 'updated_before', timeZone, problems);
  const changeFeed = updatedAfter !== undefined || updatedBefore !== undefined;
  if (start && end && start > end) problems.push({ field: 'start_date', description: 'start_date is after end_date' });
  else if (start && end && end.getTime() - start.getTime() > MAX_SPAN_DAYS * DAY) {
    problems.push({ field: 'end_date', description: `start_date and end_date may not span more than ${MAX_SPAN_DAYS} days` });
  }
  if (updatedAfter && updatedBefore && updatedAfter > updatedBefore)
    problems.push({ field: 'updated_after', description: 'updated_after is after updated_before' });
  // Default window: the most recent 90 days, or 90 days from/to the one date given (SPEC).
  if (!start && !end && !changeFeed) start = new Date(now.getTime() - MAX_SPAN_DAYS * DAY);
  else if (start && !end && !changeFeed) end = clampToCalendar(new Date(start.getTime() + MAX_SPAN_DAYS * DAY));
  else if (end && !start) start = new Date(end.getTime() - MAX_SPAN_DAYS * DAY);

  const point = parsePoint(params, problems);
  const radius = parseNumber(params, 'radius', 1, MAX_RADIUS_M, problems);
  if (radius !== undefined && !point && !problems.some((p) => p.field === 'lat' || p.field === 'long')) {
    problems.push({ field: 'radius', description: 'radius needs lat and long' });
  }
  let bbox: RequestFilter['bbox'];
  const rawBbox = params.get('bbox');
  if (rawBbox !== undefined) {
    const r = parseBbox(rawBbox);
    if (r.ok) bbox = r.bbox;
    else if (r.reason === 'format') problems.push({ field: 'bbox', description: 'bbox must be minLon,minLat,maxLon,maxLat' });
    else problems.push({ field: 'bbox', description: 'bbox must be minLon,minLat,maxLon,maxLat within -180..180 and -90..90, min below max' });
  }
  if (problems.length) throw Errors.many(problems);
  return {
    filter: {
      ...base,
      serviceCodes,
      statuses: statuses as Array<'open' | 'closed'>,
      start,
      // Inclusive of the whole second given: a client whose end is "now" to the second misses nothing.
      endExclusive: end && clampToCalendar(new Date(Math.floor(end.getTime() / 1000) * 1000 + 1000)),
      updatedFrom: updatedAfter && new Date(Math.floor(updatedAfter.getTime() / 1000) * 1000),
      updatedUntilExclusive: updatedBefore && clampToCalendar(new Date(Math.floor(updatedBefore.getTime() / 1000) * 1000 + 1000)),
      bbox,
      near: point ? { ...point, radiusM: radius ?? 500 } : undefined,
      order: changeFeed ? 'updated_asc' : 'requested_desc',
    },
    paged,
  };
}
