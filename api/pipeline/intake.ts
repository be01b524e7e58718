/**
 * The ONE intake of Kontakt (issue #4): Open311 POST, the agent console, the public portal, later
 * e-mail/SMS and imports all hand a report to `submitReport`. Nothing else inserts into `requests`.
 *
 *   validate -> locate -> resolve (district, unit, address, public point, duplicates: one statement)
 *   -> merge policy -> SLA (calendar arithmetic in JS) -> store (one statement)
 *
 * Round trips for a report given as lat/long with one jurisdiction: jurisdiction lookup, context
 * (jurisdiction calendar + service + attribute definitions), resolution, store — four statements.
 * The store is a single statement of data-modifying CTEs (person, request, reporter, events,
 * media, the merge target), so it is atomic without an explicit transaction, which also keeps the
 * embedded engine's single connection free.
 *
 * Decisions:
 * - A point inside the jurisdiction boundary but in no district (a hole, a gap) is ACCEPTED with
 *   no district and a reason saying so; only rules for "anywhere" can route it. A point outside the
 *   boundary (or, without a boundary, outside every district) is refused with a 400, which says
 *   so when the swapped pair (long, lat) would have been inside.
 * - `merge` policy: a strong match (see duplicates.ts) becomes a closed request with
 *   detailed_status `duplicate` and duplicate_of_id -> the surviving request, its reporter moves to
 *   the survivor (original_request_id remembers where they came from), so a wrong automatic merge
 *   can be undone with unmergeRequest. `attachTo` ("me too", agent attaches a caller) creates no
 *   request: the reporter joins the chosen one; their words go to a staff-only note.
 */
import type { Knex } from 'knex';
import crypto from 'node:crypto';
import type { Database } from '../db/engine';
import { Errors, type ErrorDetail } from '../errors';
import { scrubPersonalData } from '../privacy/scrub';
import { calendarFromRow, type SlaUnit } from '../sla/calendar';
import { rankCandidates, type RankedCandidate } from './duplicates';
import { checkWgs84, locate, type Located } from './locate';
import { EMAIL_RE, normaliseEmail, normalisePhone, staffConfirmedAddressCte } from './people';
import { newPublicId, normalisePublicId } from './public-id';
import { rawPrepared } from './prepared';
import { describePoint, resolvePoint, type ServiceRow } from './resolve';
import { deadlines } from './sla-batch';
import type { LocationInput, Reason, ReportInput, ReportResult, Resolution, ReporterInput, DuplicateCandidate } from './types';
import { checkAttributes, checkDescription, normaliseText, type AttributeDef } from './validate';

interface Context {
  jurisdiction: { id: string; name: string; time_zone: string; working_hours: unknown; holiday_country: string; days_off: unknown };
  service?: ServiceRow;
  attributes: AttributeDef[];
}

/** Jurisdictions whose boundary (or, without one, whose current districts) hold the point. */
export async function jurisdictionsAtPoint(knex: Knex, lat: number, long: number): Promise<string[]> {
  const { rows } = await knex.raw(
    `SELECT j.id FROM jurisdictions j
      WHERE ST_Intersects(j.boundary, ST_SetSRID(ST_MakePoint(?, ?), 4326))
         OR (j.boundary IS NULL AND EXISTS (SELECT 1 FROM district_parts dp JOIN districts d ON d.id = dp.district_id AND d.valid_to IS NULL
              WHERE dp.jurisdiction_id = j.id AND ST_Intersects(dp.geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))))`,
    [long, lat, long, lat],
  );
  return rows.map((r: { id: string }) => r.id);
}

/** Which jurisdiction a report belongs to: given, the only one, or the one whose boundary holds the point. */
export async function resolveJurisdiction(db: Database, jurisdictionId: string | undefined, location?: LocationInput): Promise<string> {
  if (jurisdictionId) {
    const found = await db.knex.raw(`SELECT id FROM jurisdictions WHERE id = ?`, [jurisdictionId]);
    if (found.rows.length === 0) throw Errors.notFound('jurisdiction_id', jurisdictionId);
    return jurisdictionId;
  }
  const all = (await db.knex.raw(`SELECT id FROM jurisdictions ORDER BY id LIMIT 2`)).rows as Array<{ id: string }>;
  if (all.length === 0) throw Errors.badRequest('jurisdiction_id', 'no jurisdiction is configured on this server');
  if (all.length === 1) return all[0].id;
  if (location?.kind === 'wgs84') {
    const p = checkWgs84(location.lat, location.long);
    const hits = await jurisdictionsAtPoint(db.knex, p.lat, p.long);
    if (hits.length === 1) return hits[0];
  }
  throw Errors.badRequest('jurisdiction_id', 'jurisdiction_id is required: this server serves several jurisdictions');
}

async function loadContext(knex: Knex, jurisdictionId: string, serviceCode: string | undefined): Promise<Context> {
  const { rows } = await knex.raw(
    `SELECT to_jsonb(j) - 'boundary' AS jurisdiction, CASE WHEN s.id IS NULL THEN NULL ELSE to_jsonb(s) END AS service,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('code', a.code, 'datatype', a.datatype, 'variable', a.variable, 'required', a.required, 'values', a.values) ORDER BY a."order"), '[]'::jsonb)
               FROM service_attributes a WHERE a.service_id = s.id) AS attributes
       FROM jurisdictions j LEFT JOIN services s ON s.jurisdiction_id = j.id AND s.code = ?
      WHERE j.id = ?`,
    [serviceCode ?? null, jurisdictionId],
  );
  const r = rows[0];
  if (!r) throw Errors.notFound('jurisdiction_id', jurisdictionId);
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return {
    jurisdiction: parse(r.jurisdiction),
    service: r.service ? parse<ServiceRow>(r.service) : undefined,
    attributes: parse<AttributeDef[]>(r.attributes) ?? [],
  };
}

function outsideError(located: Located, name: string, swappedInside: boolean) {
  const at = `${located.lat.toFixed(6)}, ${located.long.toFixed(6)}`;
  const hint = swappedInside ? `; lat and long look swapped: lat ${located.long.toFixed(6)}, long ${located.lat.toFixed(6)} would be inside` : '';
  return Errors.badRequest(located.field, `the location (${at}) is outside ${name}${hint}`);
}

const publicCandidate = (c: RankedCandidate): DuplicateCandidate => {
  const { requestId: _r, strong: _s, ...rest } = c;
  return rest;
};

/**
 * The district, unit and duplicate candidates for a pin, without storing anything. `publicOnly`
 * (answers without a login): candidates of public services only, in the list and in the reasons.
 */
export async function previewResolution(
  db: Database,
  input: {
    jurisdictionId?: string;
    serviceCode?: string;
    location: LocationInput;
    description?: string;
    locale?: 'pl' | 'en';
    at?: Date;
    publicOnly?: boolean;
  },
): Promise<Resolution> {
  // A given id is checked by loadContext (404 when unknown): no separate round trip for it.
  const jurisdictionId = input.jurisdictionId ?? (await resolveJurisdiction(db, undefined, input.location));
  const ctx = await loadContext(db.knex, jurisdictionId, input.serviceCode);
  if (input.serviceCode && (!ctx.service || !ctx.service.active)) throw Errors.notFound('service_code', input.serviceCode);
  const located = await locate(db, jurisdictionId, input.location);
  const at = input.at ?? new Date();
  const pr = await resolvePoint(db, { jurisdictionId, lat: located.lat, long: located.long, at, service: ctx.service, text: normaliseText(input.description) });
  if (!pr.inside) throw outsideError(located, ctx.jurisdiction.name, pr.swappedInside);
  const resolution = describePoint(jurisdictionId, located.lat, located.long, pr, located.reason);
  const raw = input.publicOnly ? pr.raw.filter((c) => (c.privacy ?? 'public') === 'public') : pr.raw;
  const ranked = rankCandidates(raw, pr.radiusM, pr.windowDays, input.locale ?? 'en');
  resolution.candidates = ranked.map(publicCandidate);
  resolution.reasons.push(duplicatesReason(ranked, pr.radiusM, pr.windowDays));
  if (ctx.service) {
    const d = deadlines(calendarFromRow(ctx.jurisdiction), slaOf(ctx.service), at);
    resolution.responseDueAt = d.responseDueAt ?? undefined;
    resolution.expectedAt = d.expectedAt ?? undefined;
  }
  return resolution;
}

const slaOf = (s: ServiceRow) => ({
  sla_response: s.sla_response,
  sla_response_unit: s.sla_response_unit as SlaUnit | null,
  sla_resolution: s.sla_resolution,
  sla_resolution_unit: s.sla_resolution_unit as SlaUnit | null,
});

function duplicatesReason(ranked: RankedCandidate[], radius: number, windowDays: number): Reason {
  if (ranked.length === 0) return { step: 'duplicates', text: `no open request of this kind within ${radius} m and ${windowDays} days` };
  return { step: 'duplicates', text: `${ranked.length} possible duplicate(s); best ${ranked[0].publicId}: ${ranked[0].reason}` };
}

function checkReporter(r: ReporterInput | undefined, problems: ErrorDetail[]): void {
  if (!r) return;
  if (r.email && !EMAIL_RE.test(r.email.trim())) problems.push({ field: 'email', description: 'email is not a valid e-mail address' });
  if (r.phone && !normalisePhone(r.phone)) problems.push({ field: 'phone', description: 'phone is not a valid phone number' });
  if (r.notify === 'email' && !r.email) problems.push({ field: 'email', description: 'an e-mail address is needed to be notified by e-mail' });
  if (r.notify === 'sms' && !r.phone) problems.push({ field: 'phone', description: 'a phone number is needed to be notified by SMS' });
  for (const [field, v] of [
    ['first_name', r.firstName],
    ['last_name', r.lastName],
    ['email', r.email],
    ['phone', r.phone],
    ['device_id', r.deviceId],
    ['account_id', r.accountId],
  ] as const) {
    if (v && v.length > 200) problems.push({ field, description: `${field} is longer than 200 characters` });
  }
}

/** The existing request a report joins: chains are flattened; closed requests refuse. */
async function attachTarget(knex: Knex, jurisdictionId: string, publicId: string): Promise<{ id: number; publicId: string }> {
  const { rows } = await knex.raw(
    `SELECT coalesce(root.id, r.id) AS id, coalesce(root.public_id, r.public_id) AS public_id, coalesce(root.status, r.status) AS status
       FROM requests r LEFT JOIN requests root ON root.id = r.duplicate_of_id
      WHERE r.public_id = ? AND r.jurisdiction_id = ?`,
    [normalisePublicId(publicId), jurisdictionId],
  );
  const t = rows[0];
  if (!t) throw Errors.notFound('service_request_id', publicId);
  if (t.status !== 'open')
    throw Errors.badRequest('service_request_id', `request ${t.public_id} is closed; closed requests are not merge targets unless reopened`);
  return { id: Number(t.id), publicId: t.public_id };
}

/** SQL + bindings of the person CTEs (`person` yields 0 or 1 id): reuse a known e-mail/phone, else insert. */
function personCte(jurisdictionId: string, r: ReporterInput | undefined, locale: 'pl' | 'en' | undefined): { sql: string; bindings: unknown[] } {
  const email = normaliseEmail(r?.email);
  const phone = normalisePhone(r?.phone);
  const any = !!(r && (r.firstName || r.lastName || email || phone));
  return {
    sql: `found AS (SELECT id FROM people WHERE jurisdiction_id = ? AND ((?::text IS NOT NULL AND email_norm = ?::text) OR (?::text IS NOT NULL AND phone_norm = ?::text)) ORDER BY id LIMIT 1),
      newp AS (INSERT INTO people (jurisdiction_id, first_name, last_name, email, email_norm, phone, phone_norm, locale)
               SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE ?::boolean AND NOT EXISTS (SELECT 1 FROM found) RETURNING id),
      person AS (SELECT id FROM found UNION ALL SELECT id FROM newp)`,
    bindings: [
      jurisdictionId,
      email,
      email,
      phone,
      phone,
      jurisdictionId,
      r?.firstName?.trim() || null,
      r?.lastName?.trim() || null,
      r?.email?.trim() || null,
      email,
      r?.phone?.trim() || null,
      phone,
      locale ?? null,
      any,
    ],
  };
}

function actor(input: ReportInput): { kind: string; id: number | null } {
  if (input.staffId) return { kind: 'staff', id: input.staffId };
  if (input.apiClientId) return { kind: 'api_client', id: input.apiClientId };
  return { kind: 'resident', id: null };
}

function notice(locale: 'pl' | 'en', publicId: string): string {
  return locale === 'pl'
    ? `To zgłoszenie już przyjęliśmy jako ${publicId}; będziemy informować o postępach.`
    : `Already reported as ${publicId}; you will be kept informed.`;
}

/** What a report is about to become, before it is stored (all of ReportResult but the row id). */
export type StoringReport = Omit<ReportResult, 'requestId' | 'resolution'> & { serviceType: ServiceRow['type'] };

export interface IntakeOptions {
  /**
   * A row the caller keeps WITH the report: one data-modifying statement (`INSERT …`, no `WITH`)
   * and its bindings, run as part of the statement that stores the report, so both are kept or
   * neither (issue #11: an Open311 Idempotency-Key and its answer, api/open311/idempotency.ts).
   * If it fails (a unique key taken by a concurrent twin), the report is not stored either.
   */
  alongside?: (report: StoringReport) => { sql: string; bindings: unknown[] };
}

/** The caller's row as one more CTE of the storing statement (data-modifying CTEs always run to completion). */
function alongsideCte(options: IntakeOptions, report: StoringReport): { sql: string; bindings: unknown[] } {
  if (!options.alongside) return { sql: '', bindings: [] };
  const { sql, bindings } = options.alongside(report);
  return { sql: `,\n     kept AS (${sql})`, bindings };
}

export async function submitReport(db: Database, input: ReportInput, now: Date = new Date(), options: IntakeOptions = {}): Promise<ReportResult> {
  const { knex } = db;
  const locale = input.locale ?? 'pl';
  // A given id is checked by loadContext (404 when unknown): no separate round trip for it.
  const jurisdictionId = input.jurisdictionId ?? (await resolveJurisdiction(db, undefined, input.location));
  const ctx = await loadContext(knex, jurisdictionId, input.serviceCode);
  const service = ctx.service;
  if (!service || !service.active) throw Errors.notFound('service_code', input.serviceCode);

  const problems: ErrorDetail[] = [];
  const description = normaliseText(input.description);
  checkDescription(description, problems);
  // A reporter attached to an existing request ("me too") answers no questions: the request keeps its own answers.
  const attributes = input.attachTo ? {} : checkAttributes(ctx.attributes, input.attributes, problems);
  checkReporter(input.reporter, problems);
  if (input.requestedAt && Number.isNaN(input.requestedAt.getTime()))
    problems.push({ field: 'requested_datetime', description: 'requested_datetime is not a valid date' });
  if (problems.length) throw Errors.many(problems);

  const located = await locate(db, jurisdictionId, input.location);
  const at = input.requestedAt ?? now;
  const pr = await resolvePoint(db, { jurisdictionId, lat: located.lat, long: located.long, at, service, text: description });
  if (!pr.inside) throw outsideError(located, ctx.jurisdiction.name, pr.swappedInside);

  const resolution = describePoint(jurisdictionId, located.lat, located.long, pr, located.reason);
  if (located.addressId && resolution.address && 'id' in resolution.address && resolution.address.id !== located.addressId) {
    // The register's own point for the address given wins over the nearest one.
    const a = (await knex.raw(`SELECT id, source_id, street || ' ' || house_number AS label, postcode FROM addresses WHERE id = ?`, [located.addressId]))
      .rows[0];
    resolution.address = { id: Number(a.id), sourceId: a.source_id, label: a.label, postcode: a.postcode, distanceM: 0 };
  }
  const ranked = rankCandidates(pr.raw, pr.radiusM, pr.windowDays, locale);
  resolution.candidates = ranked.map(publicCandidate);
  resolution.reasons.push(duplicatesReason(ranked, pr.radiusM, pr.windowDays));
  const who = actor(input);
  // A new person's notices come in the language they reported in (an agent's screen language is
  // not the caller's: staff name it in reporter.locale or leave the city default); a known person keeps theirs.
  const person = personCte(jurisdictionId, input.reporter, input.reporter?.locale ?? (input.staffId ? undefined : input.locale));
  // An address an agent typed counts as confirmed; a public one waits for its owner (people.ts).
  const staffAddress = staffConfirmedAddressCte(jurisdictionId, input.reporter?.email, input.staffId, input.reporter?.notify);
  person.sql += `,\n      ${staffAddress.sql}`;
  person.bindings.push(...staffAddress.bindings);
  const reporter = input.reporter ?? {};
  const mediaIds = (input.mediaIds ?? []).filter((n) => Number.isSafeInteger(n));

  // "Me too" / agent attaches the caller: no new request.
  if (input.attachTo) {
    const target = await attachTarget(knex, jurisdictionId, input.attachTo);
    resolution.mergeInto = target.publicId;
    resolution.reasons.push({ step: 'duplicates', text: `attached by choice to ${target.publicId}` });
    const attached = { publicId: target.publicId, merged: true, serviceNotice: notice(locale, target.publicId), serviceType: service.type };
    const kept = alongsideCte(options, attached);
    await knex.raw(
      `WITH ${person.sql},
       rep AS (INSERT INTO request_reporters (request_id, jurisdiction_id, person_id, channel, notify, device_id, account_id, api_client_id, reported_at)
               SELECT ?, ?, (SELECT id FROM person LIMIT 1), ?, ?, ?, ?, ?, ? RETURNING id),
       tgt AS (UPDATE requests SET reporter_count = reporter_count + 1, priority = greatest(priority, least(reporter_count, 5)), updated_at = ? WHERE id = ? RETURNING id),
       ev AS (INSERT INTO request_events (request_id, jurisdiction_id, at, actor_kind, actor_id, kind, public, note, data)
              SELECT ?::bigint, ?::text, ?::timestamptz, ?::text, ?::bigint, 'reporter_added', true, NULL::text, ?::jsonb || jsonb_build_object('reporter_id', (SELECT id FROM rep))
              UNION ALL SELECT ?::bigint, ?::text, ?::timestamptz, ?::text, ?::bigint, 'note', false, ?::text, '{}'::jsonb WHERE ?::text <> ''),
       med AS (UPDATE media SET request_id = ?, jurisdiction_id = ? WHERE id = ANY(?::bigint[]) AND request_id IS NULL RETURNING id)${kept.sql}
       SELECT (SELECT count(*) FROM rep) AS reporters, (SELECT count(*) FROM tgt) AS targets, (SELECT count(*) FROM med) AS media`,
      [
        ...person.bindings,
        target.id,
        jurisdictionId,
        input.channel,
        reporter.notify ?? 'none',
        reporter.deviceId ?? null,
        reporter.accountId ?? null,
        input.apiClientId ?? null,
        at,
        now,
        target.id,
        target.id,
        jurisdictionId,
        now,
        who.kind,
        who.id,
        JSON.stringify({ channel: input.channel, attached: true }),
        target.id,
        jurisdictionId,
        now,
        who.kind,
        who.id,
        description,
        description,
        target.id,
        jurisdictionId,
        mediaIds,
        ...kept.bindings,
      ] as Knex.RawBinding[],
    );
    return { ...withoutType(attached), requestId: target.id, resolution };
  }

  const strong = service.duplicate_policy === 'merge' ? ranked.find((c) => c.strong) : undefined;
  let responseDueAt: Date | null = null;
  let expectedAt: Date | null = null;
  if (strong) {
    resolution.mergeInto = strong.publicId;
    resolution.reasons.push({ step: 'duplicates', text: `merged automatically into ${strong.publicId} (${strong.reason})` });
  } else {
    ({ responseDueAt, expectedAt } = deadlines(calendarFromRow(ctx.jurisdiction), slaOf(service), at));
    resolution.responseDueAt = responseDueAt ?? undefined;
    resolution.expectedAt = expectedAt ?? undefined;
    resolution.reasons.push({
      step: 'sla',
      text:
        expectedAt || responseDueAt
          ? [responseDueAt && `first response by ${responseDueAt.toISOString()}`, expectedAt && `resolution by ${expectedAt.toISOString()}`]
              .filter(Boolean)
              .join('; ') +
            ` (${service.sla_resolution ?? service.sla_response} ${service.sla_resolution_unit ?? service.sla_response_unit}, ${ctx.jurisdiction.holiday_country} calendar)`
          : 'no SLA target for this service',
    });
  }
  const mergeId = strong?.requestId ?? null;
  const token = service.type === 'batch' ? crypto.randomBytes(12).toString('base64url') : null;
  const stored = {
    reasons: resolution.reasons,
    district: resolution.district ?? null,
    unit: resolution.unit ?? null,
    address: resolution.address ?? null,
    candidates: ranked.map((c) => ({ publicId: c.publicId, distanceM: c.distanceM, score: c.score, reason: c.reason })),
    mergedInto: resolution.mergeInto ?? null,
  };
  const address = resolution.address ? ('label' in resolution.address ? resolution.address.label : resolution.address.street) : null;
  const addressId = resolution.address && 'id' in resolution.address ? resolution.address.id : null;
  const postcode = resolution.address && 'postcode' in resolution.address ? resolution.address.postcode : null;
  const pub = pr.publicPoint;
  const publicId = newPublicId();
  // What the caller's row (options.alongside) is told: the same facts this function returns.
  const storing: StoringReport = strong
    ? { publicId: strong.publicId, merged: true, serviceNotice: notice(locale, strong.publicId), serviceType: service.type }
    : { publicId, merged: false, token: token ?? undefined, serviceType: service.type };
  const kept = alongsideCte(options, storing);

  const { rows } = await rawPrepared(
    db,
    `WITH ${person.sql},
     req AS (INSERT INTO requests (public_id, jurisdiction_id, service_id, status, detailed_status, description, public_description, attributes,
                                   geom, public_geom, address, address_id, postcode, district_id, unit_id, routing_rule_id, resolution, channel,
                                   requested_at, updated_at, closed_at, expected_at, response_due_at, duplicate_of_id, token, api_client_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb,
                     ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326),
                     CASE WHEN ?::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326) END,
                     ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             RETURNING id, public_id),
     rep AS (INSERT INTO request_reporters (request_id, jurisdiction_id, person_id, original_request_id, channel, notify, device_id, account_id, api_client_id, reported_at)
             SELECT coalesce(?::bigint, req.id), ?, (SELECT id FROM person LIMIT 1), CASE WHEN ?::bigint IS NULL THEN NULL ELSE req.id END, ?, ?, ?, ?, ?, ? FROM req RETURNING id),
     tgt AS (UPDATE requests SET reporter_count = reporter_count + 1, priority = greatest(priority, least(reporter_count, 5)), updated_at = ?
              WHERE id = ?::bigint RETURNING id),
     ev AS (INSERT INTO request_events (request_id, jurisdiction_id, at, actor_kind, actor_id, kind, public, status, detailed_status, note, data)
            SELECT req.id, ?::text, ?::timestamptz, ?::text, ?::bigint, 'created', true, 'open', 'new', NULL::text, ?::jsonb FROM req
            UNION ALL SELECT req.id, ?::text, ?::timestamptz, 'system', NULL::bigint, 'merged', true, 'closed', 'duplicate', ?::text, ?::jsonb FROM req WHERE ?::bigint IS NOT NULL
            UNION ALL SELECT ?::bigint, ?::text, ?::timestamptz, 'system', NULL::bigint, 'reporter_added', true, NULL, NULL, NULL::text, jsonb_build_object('from', req.public_id, 'channel', ?::text) FROM req WHERE ?::bigint IS NOT NULL),
     med AS (UPDATE media SET request_id = req.id, jurisdiction_id = ? FROM req WHERE media.id = ANY(?::bigint[]) AND media.request_id IS NULL RETURNING media.id)${kept.sql}
     SELECT req.id, req.public_id, (SELECT count(*) FROM med) AS media FROM req`,
    [
      ...person.bindings,
      publicId,
      jurisdictionId,
      service.id,
      mergeId ? 'closed' : 'open',
      mergeId ? 'duplicate' : 'new',
      description,
      scrubPersonalData(description),
      JSON.stringify(attributes),
      located.long,
      located.lat,
      pub?.long ?? null,
      pub?.long ?? null,
      pub?.lat ?? null,
      address,
      addressId,
      postcode,
      resolution.district?.id ?? null,
      resolution.unit?.id ?? null,
      resolution.unit?.ruleId ?? null,
      JSON.stringify(stored),
      input.channel,
      at,
      now,
      mergeId ? now : null,
      expectedAt,
      responseDueAt,
      mergeId,
      token,
      input.apiClientId ?? null,
      mergeId,
      jurisdictionId,
      mergeId,
      input.channel,
      reporter.notify ?? 'none',
      reporter.deviceId ?? null,
      reporter.accountId ?? null,
      input.apiClientId ?? null,
      at,
      now,
      mergeId,
      jurisdictionId,
      now,
      who.kind,
      who.id,
      JSON.stringify({ channel: input.channel, reasons: resolution.reasons }),
      jurisdictionId,
      now,
      strong ? `merged into ${strong.publicId}: ${strong.reason}` : null,
      JSON.stringify({ into: strong?.publicId ?? null, automatic: true }),
      mergeId,
      mergeId,
      jurisdictionId,
      now,
      input.channel,
      mergeId,
      jurisdictionId,
      mediaIds,
      ...kept.bindings,
    ] as Knex.RawBinding[],
  );
  const row = rows[0];
  if (strong) return { ...withoutType(storing), requestId: strong.requestId, resolution };
  return { ...withoutType(storing), publicId: row.public_id, requestId: Number(row.id), resolution };
}

const withoutType = ({ serviceType: _t, ...rest }: StoringReport) => rest;
