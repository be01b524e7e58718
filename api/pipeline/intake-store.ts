/**
 * The two statements that store a report (intake.ts decides which): a new request, or a reporter
 * joining an existing one ("me too"). Each is ONE statement of data-modifying CTEs (person,
 * request, reporter, events, media, the merge target, the caller's `alongside` row), so it is
 * atomic without an explicit transaction, which also keeps the embedded engine's single
 * connection free. The new-request statement runs as a named prepared statement on the server
 * (its plan costs more to build than to run; EXPLAIN in bench/pipeline.ts).
 */
import type { Database } from '../db/engine';
import { prepared, query } from '../db/query';
import { fromKnex, sql, Sql } from '../db/sql';
import { normaliseEmail, normalisePhone, staffConfirmedAddressCte } from './people';
import type { ReportInput, ReporterInput } from './types';

/** The person CTEs (`person` yields 0 or 1 id): reuse a known e-mail/phone, else insert; then the staff-confirmed address. */
export function personCtes(jurisdictionId: string, input: ReportInput): Sql {
  const r: ReporterInput | undefined = input.reporter;
  // A new person's notices come in the language they reported in (an agent's screen language is
  // not the caller's: staff name it in reporter.locale or leave the city default); a known person keeps theirs.
  const locale = r?.locale ?? (input.staffId ? undefined : input.locale);
  const email = normaliseEmail(r?.email);
  const phone = normalisePhone(r?.phone);
  const any = !!(r && (r.firstName || r.lastName || email || phone));
  // An address an agent typed counts as confirmed; a public one waits for its owner (people.ts).
  const staffAddress = staffConfirmedAddressCte(jurisdictionId, r?.email, input.staffId, r?.notify);
  return sql`found AS (SELECT id FROM people WHERE jurisdiction_id = ${jurisdictionId} AND ((${email}::text IS NOT NULL AND email_norm = ${email}::text) OR (${phone}::text IS NOT NULL AND phone_norm = ${phone}::text)) ORDER BY id LIMIT 1),
      newp AS (INSERT INTO people (jurisdiction_id, first_name, last_name, email, email_norm, phone, phone_norm, locale)
               SELECT ${jurisdictionId}, ${r?.firstName?.trim() || null}, ${r?.lastName?.trim() || null}, ${r?.email?.trim() || null}, ${email}, ${r?.phone?.trim() || null}, ${phone}, ${locale ?? null} WHERE ${any}::boolean AND NOT EXISTS (SELECT 1 FROM found) RETURNING id),
      person AS (SELECT id FROM found UNION ALL SELECT id FROM newp),
      ${staffAddress}`;
}

/** The caller's row (IntakeOptions.alongside) as one more CTE (data-modifying CTEs always run to completion). */
export function keptCte(row: Sql | { sql: string; bindings: unknown[] } | undefined): Sql {
  if (!row) return sql.empty;
  return sql`,
     kept AS (${row instanceof Sql ? row : fromKnex(row.sql, row.bindings)})`;
}

/** Who acts: the staff member, the API client, or a resident. */
export function actor(input: ReportInput): { kind: string; id: number | null } {
  if (input.staffId) return { kind: 'staff', id: input.staffId };
  if (input.apiClientId) return { kind: 'api_client', id: input.apiClientId };
  return { kind: 'resident', id: null };
}

export interface Storing {
  jurisdictionId: string;
  input: ReportInput;
  description: string;
  at: Date;
  now: Date;
  mediaIds: number[];
  kept: Sql;
}

/** "Me too" / an agent attaches the caller: a reporter, an event (and a staff-only note) on the target. */
export async function storeAttached(db: Database, s: Storing, targetId: number): Promise<void> {
  const { jurisdictionId: j, input, now, description } = s;
  const who = actor(input);
  const reporter = input.reporter ?? {};
  await query(
    db,
    sql`WITH ${personCtes(j, input)},
       rep AS (INSERT INTO request_reporters (request_id, jurisdiction_id, person_id, channel, notify, device_id, account_id, api_client_id, reported_at)
               SELECT ${targetId}, ${j}, (SELECT id FROM person LIMIT 1), ${input.channel}, ${reporter.notify ?? 'none'}, ${reporter.deviceId ?? null}, ${reporter.accountId ?? null}, ${input.apiClientId ?? null}, ${s.at} RETURNING id),
       tgt AS (UPDATE requests SET reporter_count = reporter_count + 1, priority = greatest(priority, least(reporter_count, 5)), updated_at = ${now} WHERE id = ${targetId} RETURNING id),
       ev AS (INSERT INTO request_events (request_id, jurisdiction_id, at, actor_kind, actor_id, kind, public, note, data)
              SELECT ${targetId}::bigint, ${j}::text, ${now}::timestamptz, ${who.kind}::text, ${who.id}::bigint, 'reporter_added', true, NULL::text, ${JSON.stringify({ channel: input.channel, attached: true })}::jsonb || jsonb_build_object('reporter_id', (SELECT id FROM rep))
              UNION ALL SELECT ${targetId}::bigint, ${j}::text, ${now}::timestamptz, ${who.kind}::text, ${who.id}::bigint, 'note', false, ${description}::text, '{}'::jsonb WHERE ${description}::text <> ''),
       med AS (UPDATE media SET request_id = ${targetId}, jurisdiction_id = ${j} WHERE id = ANY(${s.mediaIds}::bigint[]) AND request_id IS NULL RETURNING id)${s.kept}
       SELECT (SELECT count(*) FROM rep) AS reporters, (SELECT count(*) FROM tgt) AS targets, (SELECT count(*) FROM med) AS media`,
  );
}

/** The columns of the new request that intake.ts computed. */
export interface NewRequest {
  publicId: string;
  serviceId: number;
  /** The surviving request of an automatic merge: this one is stored closed as its duplicate. */
  mergeId: number | null;
  mergeNote: string | null;
  mergeInto: string | null;
  publicDescription: string | null;
  attributes: unknown;
  long: number;
  lat: number;
  pub: { lat: number; long: number } | null;
  address: string | null;
  addressId: number | null;
  postcode: string | null;
  districtId: number | null;
  unitId: number | null;
  ruleId: number | null;
  resolution: unknown;
  reasons: unknown;
  expectedAt: Date | null;
  responseDueAt: Date | null;
  token: string | null;
}

/** A new request with its reporter and events; returns its row id and public id. */
export async function storeRequest(db: Database, s: Storing, q: NewRequest): Promise<{ id: number; public_id: string }> {
  const { jurisdictionId: j, input, now } = s;
  const who = actor(input);
  const reporter = input.reporter ?? {};
  const m = q.mergeId;
  const rows = await prepared<{ id: number; public_id: string }>(
    db,
    'store_request',
    sql`WITH ${personCtes(j, input)},
     req AS (INSERT INTO requests (public_id, jurisdiction_id, service_id, status, detailed_status, description, public_description, attributes,
                                   geom, public_geom, address, address_id, postcode, district_id, unit_id, routing_rule_id, resolution, channel,
                                   requested_at, updated_at, closed_at, expected_at, response_due_at, duplicate_of_id, token, api_client_id)
             VALUES (${q.publicId}, ${j}, ${q.serviceId}, ${m ? 'closed' : 'open'}, ${m ? 'duplicate' : 'new'}, ${s.description}, ${q.publicDescription}, ${JSON.stringify(q.attributes)}::jsonb,
                     ST_SetSRID(ST_MakePoint(${q.long}::float8, ${q.lat}::float8), 4326),
                     CASE WHEN ${q.pub?.long ?? null}::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(${q.pub?.long ?? null}::float8, ${q.pub?.lat ?? null}::float8), 4326) END,
                     ${q.address}, ${q.addressId}, ${q.postcode}, ${q.districtId}, ${q.unitId}, ${q.ruleId}, ${JSON.stringify(q.resolution)}::jsonb, ${input.channel},
                     ${s.at}, ${now}, ${m ? now : null}, ${q.expectedAt}, ${q.responseDueAt}, ${m}, ${q.token}, ${input.apiClientId ?? null})
             RETURNING id, public_id),
     rep AS (INSERT INTO request_reporters (request_id, jurisdiction_id, person_id, original_request_id, channel, notify, device_id, account_id, api_client_id, reported_at)
             SELECT coalesce(${m}::bigint, req.id), ${j}, (SELECT id FROM person LIMIT 1), CASE WHEN ${m}::bigint IS NULL THEN NULL ELSE req.id END,
                    ${input.channel}, ${reporter.notify ?? 'none'}, ${reporter.deviceId ?? null}, ${reporter.accountId ?? null}, ${input.apiClientId ?? null}, ${s.at} FROM req RETURNING id),
     tgt AS (UPDATE requests SET reporter_count = reporter_count + 1, priority = greatest(priority, least(reporter_count, 5)), updated_at = ${now}
              WHERE id = ${m}::bigint RETURNING id),
     ev AS (INSERT INTO request_events (request_id, jurisdiction_id, at, actor_kind, actor_id, kind, public, status, detailed_status, note, data)
            SELECT req.id, ${j}::text, ${now}::timestamptz, ${who.kind}::text, ${who.id}::bigint, 'created', true, 'open', 'new', NULL::text, ${JSON.stringify({ channel: input.channel, reasons: q.reasons })}::jsonb FROM req
            UNION ALL SELECT req.id, ${j}::text, ${now}::timestamptz, 'system', NULL::bigint, 'merged', true, 'closed', 'duplicate', ${q.mergeNote}::text, ${JSON.stringify({ into: q.mergeInto, automatic: true })}::jsonb FROM req WHERE ${m}::bigint IS NOT NULL
            UNION ALL SELECT ${m}::bigint, ${j}::text, ${now}::timestamptz, 'system', NULL::bigint, 'reporter_added', true, NULL, NULL, NULL::text, jsonb_build_object('from', req.public_id, 'channel', ${input.channel}::text) FROM req WHERE ${m}::bigint IS NOT NULL),
     med AS (UPDATE media SET request_id = req.id, jurisdiction_id = ${j} FROM req WHERE media.id = ANY(${s.mediaIds}::bigint[]) AND media.request_id IS NULL RETURNING media.id)${s.kept}
     SELECT req.id, req.public_id, (SELECT count(*) FROM med) AS media FROM req`,
  );
  return rows[0];
}
