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
 * - A point inside the jurisdiction boundary but in no district (a hole, a gap) is ACCEPTED: it
 *   gets the nearest district within the city's resolution.nearest_district_m (reason "nearest
 *   district, 12 m: …"), else no district and a reason saying so; only rules for "anywhere" route it then. A point outside the
 *   boundary (or, without a boundary, outside every district) is refused with a 400, which says
 *   so when the swapped pair (long, lat) would have been inside.
 * - `merge` policy: a strong match (see duplicates.ts) becomes a closed request with
 *   detailed_status `duplicate` and duplicate_of_id -> the surviving request, its reporter moves to
 *   the survivor (original_request_id remembers where they came from), so a wrong automatic merge
 *   can be undone with unmergeRequest. The report keeps its own public id (ReportResult.ownPublicId,
 *   what Open311 answers): two reports never share one id (issue #12 item 3). `attachTo` ("me too", agent attaches a caller) creates no
 *   request: the reporter joins the chosen one; their words go to a staff-only note.
 */
import crypto from 'node:crypto';
import type { Database } from '../db/engine';
import type { Sql } from '../db/sql';
import { Errors, type ErrorDetail } from '../errors';
import { scrubPersonalData } from '../privacy/scrub';
import { calendarFromRow, type SlaUnit } from '../sla/calendar';
import { rankCandidates, type RankedCandidate } from './duplicates';
import { addressById, attachTarget, loadContext, nearestDistrictM, resolveJurisdiction } from './intake-context';
import { keptCte, storeAttached, storeRequest, type Storing } from './intake-store';
import { locate, type Located } from './locate';
import { EMAIL_RE, normalisePhone } from './people';
import { newPublicId } from './public-id';
import { describePoint, resolvePoint, type ServiceRow } from './resolve';
import { deadlines } from './sla-batch';
import type { LocationInput, Reason, ReportInput, ReportResult, Resolution, ReporterInput, DuplicateCandidate } from './types';
import { checkAttributes, checkDescription, normaliseText } from './validate';

// Callers import these from the intake, where they lived before intake-context.ts.
export { jurisdictionsAtPoint, resolveJurisdiction } from './intake-context';

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
  const pr = await resolvePoint(db, {
    jurisdictionId,
    lat: located.lat,
    long: located.long,
    at,
    service: ctx.service,
    text: normaliseText(input.description),
    nearestM: nearestDistrictM(ctx.jurisdiction.settings),
  });
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

function notice(locale: 'pl' | 'en', publicId: string): string {
  return locale === 'pl'
    ? `To zgłoszenie już przyjęliśmy jako ${publicId}; będziemy informować o postępach.`
    : `Already reported as ${publicId}; you will be kept informed.`;
}

/** What a report is about to become, before it is stored (all of ReportResult but the row id). */
export type StoringReport = Omit<ReportResult, 'requestId' | 'resolution'> & { serviceType: ServiceRow['type'] };

export interface IntakeOptions {
  /**
   * A row the caller keeps WITH the report: one data-modifying statement (`INSERT …`, no `WITH`),
   * a `Sql` or knex-style text and bindings, run as part of the statement that stores the report, so both are kept or
   * neither (issue #11: an Open311 Idempotency-Key and its answer, api/open311/idempotency.ts).
   * If it fails (a unique key taken by a concurrent twin), the report is not stored either.
   */
  alongside?: (report: StoringReport) => Sql | { sql: string; bindings: unknown[] };
}

export async function submitReport(db: Database, input: ReportInput, now: Date = new Date(), options: IntakeOptions = {}): Promise<ReportResult> {
  const locale = input.locale ?? 'pl';
  // A given id is checked by loadContext (404 when unknown): no separate round trip for it.
  const jurisdictionId = input.jurisdictionId ?? (await resolveJurisdiction(db, undefined, input.location));
  const ctx = await loadContext(db.knex, jurisdictionId, input.serviceCode);
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
  const nearestM = nearestDistrictM(ctx.jurisdiction.settings);
  const pr = await resolvePoint(db, { jurisdictionId, lat: located.lat, long: located.long, at, service, text: description, nearestM });
  if (!pr.inside) throw outsideError(located, ctx.jurisdiction.name, pr.swappedInside);

  const resolution = describePoint(jurisdictionId, located.lat, located.long, pr, located.reason);
  if (located.addressId && resolution.address && 'id' in resolution.address && resolution.address.id !== located.addressId) {
    // The register's own point for the address given wins over the nearest one.
    const a = (await addressById(db.knex, located.addressId))!;
    resolution.address = { id: Number(a.id), sourceId: a.source_id, label: a.label, postcode: a.postcode, distanceM: 0 };
  }
  const ranked = rankCandidates(pr.raw, pr.radiusM, pr.windowDays, locale);
  resolution.candidates = ranked.map(publicCandidate);
  resolution.reasons.push(duplicatesReason(ranked, pr.radiusM, pr.windowDays));
  const mediaIds = (input.mediaIds ?? []).filter((n) => Number.isSafeInteger(n));
  const storing0 = { jurisdictionId, input, description, at, now, mediaIds };

  // "Me too" / agent attaches the caller: no new request.
  if (input.attachTo) {
    const target = await attachTarget(db.knex, jurisdictionId, input.attachTo);
    resolution.mergeInto = target.publicId;
    resolution.reasons.push({ step: 'duplicates', text: `attached by choice to ${target.publicId}` });
    const attached = {
      publicId: target.publicId,
      ownPublicId: target.publicId,
      merged: true,
      serviceNotice: notice(locale, target.publicId),
      serviceType: service.type,
    };
    await storeAttached(db, { ...storing0, kept: keptCte(options.alongside?.(attached)) }, target.id);
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
    ? {
        publicId: strong.publicId,
        ownPublicId: publicId,
        merged: true,
        token: token ?? undefined,
        serviceNotice: notice(locale, strong.publicId),
        serviceType: service.type,
      }
    : { publicId, ownPublicId: publicId, merged: false, token: token ?? undefined, serviceType: service.type };
  const store: Storing = { ...storing0, kept: keptCte(options.alongside?.(storing)) };
  const row = await storeRequest(db, store, {
    publicId,
    serviceId: service.id,
    mergeId,
    mergeNote: strong ? `merged into ${strong.publicId}: ${strong.reason}` : null,
    mergeInto: strong?.publicId ?? null,
    publicDescription: scrubPersonalData(description),
    attributes,
    long: located.long,
    lat: located.lat,
    pub,
    address,
    addressId,
    postcode,
    districtId: resolution.district?.id ?? null,
    unitId: resolution.unit?.id ?? null,
    ruleId: resolution.unit?.ruleId ?? null,
    resolution: stored,
    reasons: resolution.reasons,
    expectedAt,
    responseDueAt,
    token,
  });
  if (strong) return { ...withoutType(storing), ownPublicId: row.public_id, requestId: strong.requestId, resolution };
  return { ...withoutType(storing), publicId: row.public_id, ownPublicId: row.public_id, requestId: Number(row.id), resolution };
}

const withoutType = ({ serviceType: _t, ...rest }: StoringReport) => rest;
