/**
 * Reads for the Open311 surface: small builders that return `Sql` fragments (api/db/sql.ts; no input reaches SQL text),
 * and the functions running them. Public reads never touch `people` or `request_reporters`
 * (the only tables with personal data), so no GET can leak a reporter by construction.
 */
import type { Knex } from 'knex';
import { query, queryOne } from '../db/query';
import { sql, type Sql } from '../db/sql';

export type { Sql };

export interface JurisdictionRow {
  id: string;
  name: string;
  name_en: string | null;
  time_zone: string;
  default_locale: string;
  settings: Record<string, unknown>;
  updated_at: Date;
}

export async function listJurisdictions(knex: Knex): Promise<JurisdictionRow[]> {
  return knex('jurisdictions').select('id', 'name', 'name_en', 'time_zone', 'default_locale', 'settings', 'updated_at').orderBy('id');
}

/** The point lies inside the jurisdiction: its boundary, or the union of its current districts. */
export function pointInJurisdictionSql(jurisdictionId: string, lat: number, long: number): Sql {
  const point = sql`ST_SetSRID(ST_MakePoint(${long}, ${lat}), 4326)`;
  return sql`SELECT CASE WHEN j.boundary IS NOT NULL THEN ST_Intersects(j.boundary, ${point})
                 ELSE EXISTS (SELECT 1 FROM districts d WHERE d.jurisdiction_id = j.id AND d.valid_to IS NULL
                              AND ST_Intersects(d.geom, ${point})) END AS inside
          FROM jurisdictions j WHERE j.id = ${jurisdictionId}`;
}

export async function pointInJurisdiction(knex: Knex, jurisdictionId: string, lat: number, long: number): Promise<boolean> {
  const row = await queryOne<{ inside: boolean }>(knex, pointInJurisdictionSql(jurisdictionId, lat, long));
  return Boolean(row?.inside);
}

/** Jurisdictions whose area holds the point (to find the jurisdiction when a client gives none). */
export interface ServiceRow {
  id: number;
  code: string;
  name_pl: string;
  name_en: string;
  description_pl: string;
  description_en: string;
  group_code: string | null;
  group_name_pl: string | null;
  group_name_en: string | null;
  keywords: string[];
  type: 'realtime' | 'batch' | 'blackbox';
  privacy: string;
  metadata: boolean;
  updated_at: Date;
}

const SERVICE_COLUMNS = sql`s.id, s.code, s.name_pl, s.name_en, s.description_pl, s.description_en, s.group_code, s.group_name_pl,
  s.group_name_en, s.keywords, s.type, s.privacy, s.updated_at,
  EXISTS (SELECT 1 FROM service_attributes a WHERE a.service_id = s.id) AS metadata`;

/**
 * Active services; with a point, only those some current routing rule covers there (a rule for the
 * service, its group or any service, valid anywhere, in the district or in the area holding the
 * point). A jurisdiction without routing rules offers every service everywhere inside it.
 */
export function servicesSql(jurisdictionId: string, point?: { lat: number; long: number }): Sql {
  let where = sql.empty;
  if (point) {
    const p = sql`ST_SetSRID(ST_MakePoint(${point.long}, ${point.lat}), 4326)`;
    where = sql`AND (NOT EXISTS (SELECT 1 FROM routing_rules r0 WHERE r0.jurisdiction_id = s.jurisdiction_id)
      OR EXISTS (SELECT 1 FROM routing_rules rr
        LEFT JOIN districts d ON d.jurisdiction_id = rr.jurisdiction_id AND d.code = rr.district_code AND d.valid_to IS NULL
        WHERE rr.jurisdiction_id = s.jurisdiction_id
          AND (rr.service_id = s.id OR rr.service_group = s.group_code OR (rr.service_id IS NULL AND rr.service_group IS NULL))
          AND (rr.valid_from IS NULL OR rr.valid_from <= now()) AND (rr.valid_to IS NULL OR rr.valid_to > now())
          AND ((rr.district_code IS NULL AND rr.area IS NULL)
               OR ST_Intersects(rr.area, ${p})
               OR ST_Intersects(d.geom, ${p}))))`;
  }
  return sql`SELECT ${SERVICE_COLUMNS} FROM services s WHERE s.jurisdiction_id = ${jurisdictionId} AND s.active ${where}
          ORDER BY s.group_code NULLS LAST, s.sort_order, s.code`;
}

export async function listServices(knex: Knex, jurisdictionId: string, point?: { lat: number; long: number }): Promise<ServiceRow[]> {
  return query<ServiceRow>(knex, servicesSql(jurisdictionId, point));
}

export async function findService(knex: Knex, jurisdictionId: string, code: string): Promise<ServiceRow | undefined> {
  return queryOne<ServiceRow>(
    knex,
    sql`SELECT ${SERVICE_COLUMNS} FROM services s WHERE s.jurisdiction_id = ${jurisdictionId} AND s.code = ${code} AND s.active`,
  );
}

export interface AttributeRow {
  code: string;
  order: number;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  variable: boolean;
  required: boolean;
  description_pl: string;
  description_en: string;
  datatype_description_pl: string | null;
  datatype_description_en: string | null;
  values: Array<{ key: string; name_pl?: string; name_en?: string; name?: string }>;
}

/** Attributes by service code, so a POST can read them in parallel with the service itself. */
export async function serviceAttributesByCode(knex: Knex, jurisdictionId: string, code: string): Promise<AttributeRow[]> {
  return knex('service_attributes as a')
    .join('services as s', 's.id', 'a.service_id')
    .where({ 's.jurisdiction_id': jurisdictionId, 's.code': code })
    .orderBy('a.order')
    .select(
      'a.code',
      'a.order',
      'a.datatype',
      'a.variable',
      'a.required',
      'a.description_pl',
      'a.description_en',
      'a.datatype_description_pl',
      'a.datatype_description_en',
      'a.values',
    );
}

export async function serviceAttributes(knex: Knex, serviceId: number): Promise<AttributeRow[]> {
  return knex('service_attributes')
    .where({ service_id: serviceId })
    .orderBy('order')
    .select(
      'code',
      'order',
      'datatype',
      'variable',
      'required',
      'description_pl',
      'description_en',
      'datatype_description_pl',
      'datatype_description_en',
      'values',
    );
}

/** Filters of GET Service Requests, already validated (see query.ts). */
export interface RequestFilter {
  jurisdictionId: string;
  ids?: string[];
  serviceCodes?: string[];
  statuses?: Array<'open' | 'closed'>;
  /** requested_at >= */
  start?: Date;
  /** requested_at < */
  endExclusive?: Date;
  /** updated_at >= */
  updatedFrom?: Date;
  /** updated_at < */
  updatedUntilExclusive?: Date;
  bbox?: [number, number, number, number];
  near?: { lat: number; long: number; radiusM: number };
  /** `q` (query.ts): raw description or public address contains it, any case; handlers.ts keeps the rows whose public text does. */
  text?: string;
  /** Change feeds read oldest change first; everything else newest request first. */
  order: 'requested_desc' | 'updated_asc';
  limit: number;
  offset: number;
  extensions: boolean;
}

export interface RequestRow {
  id: number;
  public_id: string;
  status: string;
  detailed_status: string;
  status_notes: string | null;
  service_code: string;
  service_name_pl: string;
  service_name_en: string;
  description: string | null;
  unit_name: string | null;
  unit_name_en: string | null;
  requested_at: Date;
  updated_at: Date;
  expected_at: Date | null;
  address: string | null;
  address_id: string | null;
  postcode: string | null;
  lat: number | null;
  long: number | null;
  media: Array<{ public_id: string; external_url: string | null; stored: boolean }> | null;
  // extensions only
  unit_code?: string | null;
  channel?: string;
  reporter_count?: number;
  parent_id?: string | null;
  district_code?: string | null;
  district_name?: string | null;
  district_name_en?: string | null;
  notes?: Array<{ at: string; kind: string; note: string | null; detailed_status: string | null }> | null;
  /** The report's answers to its service's attributes (raw), and the service's variable attributes. */
  attribute_answers?: Record<string, unknown> | null;
  attribute_defs?: Array<Pick<AttributeRow, 'code' | 'datatype' | 'description_pl' | 'description_en' | 'values'>> | null;
}

const likeAny = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

function whereRequests(f: RequestFilter): Sql {
  // Private services never appear in public reads (services.privacy).
  const parts = [sql`r.jurisdiction_id = ${f.jurisdictionId}`, sql`s.privacy <> 'private'`];
  if (f.ids) {
    // "This overrides all other arguments" (SPEC GET Service Requests).
    parts.push(sql`r.public_id = ANY(${f.ids}::text[])`);
    return sql.join(parts, ' AND ');
  }
  if (f.serviceCodes?.length) parts.push(sql`s.code = ANY(${f.serviceCodes}::text[])`);
  // A report merged into another follows its survivor's status (open311-spec/ids-and-merges.md);
  // the survivor is read only for merged rows, so other rows cost no extra probe.
  if (f.statuses?.length)
    parts.push(
      sql`(CASE WHEN r.duplicate_of_id IS NULL THEN r.status ELSE (SELECT sv.status FROM requests sv WHERE sv.id = r.duplicate_of_id) END) = ANY(${f.statuses}::text[])`,
    );
  if (f.start) parts.push(sql`r.requested_at >= ${f.start}`);
  if (f.endExclusive) parts.push(sql`r.requested_at < ${f.endExclusive}`);
  if (f.updatedFrom) parts.push(sql`r.updated_at >= ${f.updatedFrom}`);
  if (f.updatedUntilExclusive) parts.push(sql`r.updated_at < ${f.updatedUntilExclusive}`);
  if (f.text) parts.push(sql`(r.description ILIKE ${likeAny(f.text)} OR (s.privacy <> 'fuzzed' AND r.address ILIKE ${likeAny(f.text)}))`);
  if (f.bbox) {
    // The envelope is built in 4326, the column's SRID, so the GIST index on public_geom is used.
    parts.push(sql`r.public_geom && ST_MakeEnvelope(${f.bbox[0]}, ${f.bbox[1]}, ${f.bbox[2]}, ${f.bbox[3]}, 4326)`);
  }
  if (f.near) {
    // A box around the circle lets the GIST index cut first; the geography test is then exact metres.
    const { lat, long, radiusM } = f.near;
    const dLat = radiusM / 111320;
    const dLong = radiusM / (111320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
    parts.push(sql`r.public_geom && ST_MakeEnvelope(${long - dLong}, ${lat - dLat}, ${long + dLong}, ${lat + dLat}, 4326)`);
    parts.push(sql`ST_DWithin(r.public_geom::geography, ST_SetSRID(ST_MakePoint(${long}, ${lat}), 4326)::geography, ${radiusM})`);
  }
  return sql.join(parts, ' AND ');
}

/**
 * EXPLAIN ANALYZE (server engine, 1,000,000 stored requests, bench/open311.ts, busy machine):
 * - updated_after page: Index Scan on `requests_updated (jurisdiction_id, updated_at)` in order,
 *   stops after 1,001 rows; services/units via Memoize; ~20 ms.
 * - district bbox page (default 90-day window): the planner walks `requests_requested` newest first
 *   and filters on `public_geom && envelope` (17,600 rows read for 1,000 kept); ~70 ms. With a small
 *   bbox or few recent rows it switches to a BitmapAnd of the GIST index and the date index.
 * - per row, the media sub-select is an index probe on `media_request` (0 rows mostly).
 * The page query and the count for X-Total-Count are separate statements run in parallel.
 * The move to the sql builder (api/db/sql.ts) left both plans as they were: EXPLAIN before and after
 * on the server engine with 20,000 requests, bbox page and count, the same plan node for node.
 */
export function requestsSql(f: RequestFilter): Sql {
  const where = whereRequests(f);
  // A merged report's notes: its own, then its survivor's status changes and notes since the merge.
  const ext = f.extensions
    ? sql`, u.code AS unit_code, r.channel, coalesce(sv.reporter_count, r.reporter_count) AS reporter_count, sv.public_id AS parent_id,
         d.code AS district_code, d.name AS district_name, d.name_en AS district_name_en,
         (SELECT json_agg(json_build_object('at', e.at, 'kind', e.kind, 'note', e.note, 'detailed_status', e.detailed_status) ORDER BY e.at, e.id)
            FROM request_events e WHERE e.public AND (e.request_id = r.id
              OR (e.request_id = sv.id AND e.kind IN ('status', 'note') AND e.at >= coalesce(r.closed_at, r.requested_at)))) AS notes,
         r.attributes AS attribute_answers,
         (SELECT json_agg(json_build_object('code', sa.code, 'datatype', sa.datatype, 'description_pl', sa.description_pl,
                                            'description_en', sa.description_en, 'values', sa.values) ORDER BY sa.order, sa.code)
            FROM service_attributes sa WHERE sa.service_id = r.service_id AND sa.variable) AS attribute_defs`
    : sql.empty;
  const extJoins = f.extensions ? sql`LEFT JOIN districts d ON d.id = r.district_id` : sql.empty;
  const order = f.order === 'updated_asc' ? sql`r.updated_at ASC, r.id ASC` : sql`r.requested_at DESC, r.id DESC`;
  // `sv`: the survivor of a merged report, whose status, notes and expected date it shows.
  return sql`SELECT r.id, r.public_id, coalesce(sv.status, r.status) AS status, coalesce(sv.detailed_status, r.detailed_status) AS detailed_status,
            CASE WHEN sv.id IS NULL THEN r.status_notes ELSE sv.status_notes END AS status_notes, s.code AS service_code,
            s.name_pl AS service_name_pl, s.name_en AS service_name_en,
            r.description,
            u.name AS unit_name, u.name_en AS unit_name_en, r.requested_at, r.updated_at,
            CASE WHEN sv.id IS NULL THEN r.expected_at ELSE sv.expected_at END AS expected_at,
            CASE WHEN s.privacy = 'fuzzed' THEN NULL ELSE r.address END AS address,
            CASE WHEN s.privacy = 'fuzzed' THEN NULL ELSE a.source_id END AS address_id,
            r.postcode, ST_Y(r.public_geom) AS lat, ST_X(r.public_geom) AS long,
            (SELECT json_agg(json_build_object('public_id', m.public_id, 'external_url', m.external_url, 'stored', m.storage_path IS NOT NULL) ORDER BY m.id)
               FROM media m WHERE m.request_id = r.id AND m.public) AS media
            ${ext}
          FROM requests r
          JOIN services s ON s.id = r.service_id
          LEFT JOIN units u ON u.id = r.unit_id
          LEFT JOIN addresses a ON a.id = r.address_id
          LEFT JOIN requests sv ON sv.id = r.duplicate_of_id
          ${extJoins}
          WHERE ${where}
          ORDER BY ${order}
          LIMIT ${f.limit} OFFSET ${f.offset}`;
}

export function countRequestsSql(f: RequestFilter): Sql {
  return sql`SELECT count(*)::int AS n FROM requests r JOIN services s ON s.id = r.service_id WHERE ${whereRequests(f)}`;
}

export async function findRequests(knex: Knex, f: RequestFilter, withTotal: boolean): Promise<{ rows: RequestRow[]; total?: number }> {
  const q = requestsSql(f);
  if (!withTotal) return { rows: await query<RequestRow>(knex, q) };
  // Page and count run side by side (two pooled connections on the server engine), so the
  // answer waits for the slower of the two, not their sum.
  const c = countRequestsSql(f);
  const [rows, count] = await Promise.all([query<RequestRow>(knex, q), queryOne<{ n: number }>(knex, c)]);
  return { rows, total: count!.n };
}

export async function findToken(knex: Knex, jurisdictionId: string, token: string): Promise<{ public_id: string; token: string } | undefined> {
  return knex('requests').where({ jurisdiction_id: jurisdictionId, token }).first('public_id', 'token');
}
