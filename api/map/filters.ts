/**
 * The public map's query string, parsed and checked once: bbox, zoom and the filters residents can
 * set (service group or service, status, date range, district). Pure; errors from the catalogue.
 */
import { Errors, ErrorDetail } from '../errors';

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

/** Years the map can be asked about; anything outside is a typo, and PostgreSQL would refuse it with a 500. */
const YEAR_MIN = 1900;
const YEAR_MAX = 9999;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 timestamp with a four-digit year (no `+275760-…`, no `-000001-…`) and a zone. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A date (YYYY-MM-DD, start of that UTC day) or a full ISO timestamp. Date.parse rolls 2026-02-30
 * over to 2 March and takes six-digit years, so the day must exist in the calendar and the year lie
 * in YEAR_MIN..YEAR_MAX; anything else is a 400 naming the parameter (issue #11 item 6).
 */
function date(v: unknown, field: string, problems: ErrorDetail[], endOfDay = false): Date | undefined {
  if (v === undefined || v === '') return undefined;
  const s = String(v);
  const parts = DAY.exec(s) ?? TIMESTAMP.exec(s);
  const day = DAY.test(s);
  const d = parts ? new Date(day ? `${s}T00:00:00Z` : s) : new Date(NaN);
  const calendarDay = parts && new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  const exists =
    !!calendarDay &&
    calendarDay.getUTCFullYear() === Number(parts![1]) &&
    calendarDay.getUTCMonth() === Number(parts![2]) - 1 &&
    calendarDay.getUTCDate() === Number(parts![3]);
  if (Number.isNaN(d.getTime()) || !exists) {
    problems.push({ field, description: `${field} must be a real date (YYYY-MM-DD) or an ISO 8601 timestamp with a zone` });
    return undefined;
  }
  if (d.getUTCFullYear() < YEAR_MIN || d.getUTCFullYear() > YEAR_MAX) {
    problems.push({ field, description: `${field} must lie between the years ${YEAR_MIN} and ${YEAR_MAX}` });
    return undefined;
  }
  // `to=2026-11-28` means "up to and including that day".
  return day && endOfDay ? new Date(d.getTime() + 86400000) : d;
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
  const parts = String(q.bbox ?? '')
    .split(',')
    .map(Number);
  let bbox: MapQuery['bbox'] = [0, 0, 0, 0];
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    problems.push({ field: 'bbox', description: 'must be west,south,east,north in degrees' });
  } else {
    bbox = [Math.max(-180, parts[0]), Math.max(-85, parts[1]), Math.min(180, parts[2]), Math.min(85, parts[3])];
    if (bbox[0] >= bbox[2] || bbox[1] >= bbox[3]) problems.push({ field: 'bbox', description: 'west must be less than east and south less than north' });
  }
  const zoom = Number(q.zoom);
  if (!Number.isFinite(zoom) || zoom < 0 || zoom > 24) problems.push({ field: 'zoom', description: 'must be a number from 0 to 24' });
  const filter = parseFilter(q, problems);
  if (problems.length) throw Errors.many(problems);
  return { bbox, zoom, filter };
}
