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
export const MAX_PAGE = 100000;
/** The deepest row a page may start at: as deep as `page` reaches. */
export const MAX_OFFSET = MAX_PAGE * MAX_PAGE_SIZE;
const MIN_Q = 2;
const MAX_Q = 200;
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

/**
 * Paging: `page`/`page_size` (ours) or `limit`/`offset` (Mark-a-Spot's), with true offset
 * semantics: `offset=5&limit=10` answers rows 6..15. `limit` is another name for `page_size`
 * (both given must agree); `page` and `offset` may not be combined (two answers to one question).
 */
function parsePaging(params: Params, problems: ErrorDetail[]): { limit: number; offset: number; paged: boolean; byOffset: boolean } {
  const pageSize = parseInteger(params, 'page_size', 1, MAX_PAGE_SIZE, problems);
  const limitParam = parseInteger(params, 'limit', 1, MAX_PAGE_SIZE, problems);
  const page = parseInteger(params, 'page', 1, MAX_PAGE, problems);
  const offsetParam = parseInteger(params, 'offset', 0, MAX_OFFSET, problems);
  if (pageSize !== undefined && limitParam !== undefined && pageSize !== limitParam) {
    problems.push({ field: 'limit', description: `limit (${limitParam}) and page_size (${pageSize}) are the same setting: give one of them` });
  }
  if (page !== undefined && offsetParam !== undefined) {
    problems.push({ field: 'offset', description: 'offset and page are two ways to say where a page starts: give one of them' });
  }
  const limit = pageSize ?? limitParam ?? DEFAULT_LIMIT;
  const offset = offsetParam ?? ((page ?? 1) - 1) * limit;
  const paged = [pageSize, limitParam, page, offsetParam].some((v) => v !== undefined);
  return { limit, offset, paged, byOffset: offsetParam !== undefined };
}

/** `q`: text search in the public description and address (Mark-a-Spot, Chicago), 2..200 characters. */
function parseText(params: Params, problems: ErrorDetail[]): string | undefined {
  const q = params.get('q');
  if (q === undefined) return undefined;
  const length = [...q].length;
  if (length < MIN_Q || length > MAX_Q) problems.push({ field: 'q', description: `q must be ${MIN_Q} to ${MAX_Q} characters, got ${length}` });
  return q;
}

export function parseRequestFilter(
  params: Params,
  jurisdictionId: string,
  timeZone: string,
  now: Date,
): { filter: RequestFilter; paged: boolean; byOffset: boolean } {
  const problems: ErrorDetail[] = [];
  const extensions = /^(true|1)$/i.test(params.get('extensions') ?? '');
  const { limit, offset, paged, byOffset } = parsePaging(params, problems);
  const base = { jurisdictionId, extensions, limit, offset };

  const ids = params.list('service_request_id');
  if (ids.length) {
    if (ids.length > MAX_IDS) problems.push({ field: 'service_request_id', description: `at most ${MAX_IDS} ids per call, got ${ids.length}` });
    const bad = ids.find((id) => !ID.test(id));
    if (bad !== undefined) problems.push({ field: 'service_request_id', description: `${JSON.stringify(bad.slice(0, 70))} is not a service_request_id` });
    if (problems.length) throw Errors.many(problems);
    return { filter: { ...base, ids: [...new Set(ids)], order: 'requested_desc' }, paged, byOffset };
  }

  const serviceCodes = params.list('service_code');
  const badCode = serviceCodes.find((c) => !ID.test(c));
  if (badCode !== undefined) problems.push({ field: 'service_code', description: `${JSON.stringify(badCode.slice(0, 70))} is not a service_code` });
  const statuses = params.list('status').map((s) => s.toLowerCase());
  const badStatus = statuses.find((s) => s !== 'open' && s !== 'closed');
  if (badStatus !== undefined) problems.push({ field: 'status', description: `status must be open or closed, got ${JSON.stringify(badStatus.slice(0, 40))}` });

  let start = parseDate(params, 'start_date', timeZone, problems);
  const end = parseDate(params, 'end_date', timeZone, problems);
  const updatedAfter = parseDate(params, 'updated_after', timeZone, problems);
  const updatedBefore = parseDate(params, 'updated_before', timeZone, problems);
  const changeFeed = updatedAfter !== undefined || updatedBefore !== undefined;
  if (start && end && start > end) problems.push({ field: 'start_date', description: 'start_date is after end_date' });
  if (updatedAfter && updatedBefore && updatedAfter > updatedBefore)
    problems.push({ field: 'updated_after', description: 'updated_after is after updated_before' });
  // Without any date the window is the most recent 90 days (SPEC's default). Dates the client gives
  // are its window, whatever its length (issue #12 item 4: `start_date=2001-01-01` alone means
  // "since 2001", not "90 days of 2001"); paging bounds each answer instead.
  if (!start && !end && !changeFeed) start = new Date(now.getTime() - MAX_SPAN_DAYS * DAY);
  const text = parseText(params, problems);

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
      text,
      order: changeFeed ? 'updated_asc' : 'requested_desc',
    },
    paged,
    byOffset,
  };
}
