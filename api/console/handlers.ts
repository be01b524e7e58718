/**
 * Handlers of the console API: parse -> look up -> act -> render, so each reads top to bottom on one screen. Each returns the
 * JSON body; the route table wraps it. SQL and rules live in the modules they call.
 */
import type { Request } from 'express';
import type { AppDeps } from '../http/deps';
import type { Database } from '../db/engine';
import type { Session } from '../auth/session';
import { Errors, type ErrorDetail } from '../errors';
import { locate } from './locate';
import { addNote, callerHistory, changeStatus, consoleSettings, requestDetail, serviceCatalogue } from './requests';
import type { Bbox, RequestFilter } from './map-sql';
import { requestLayer } from './map';
import { AGENT_CHANNELS, parseChannel, OUTCOMES, type Outcome } from '../knowledge/contacts';
import { getArticle, saveArticle, searchArticles, type ArticleInput } from '../knowledge/articles';
import { inquiryNumber, listInquiries, REPLY_CHANNELS, type ReplyChannel } from '../knowledge/inquiries';
import { reassignInquiry } from '../knowledge/reassign';
import { answerAsUnit } from '../unit/answers';
import { mergeInto, previewPoint, unmerge } from './pipeline';
import { closeContactWith, openContactFor } from './services/contacts';
import { fileReportAndClose } from './services/reports';
import { forwardAndClose } from './services/inquiries';
import { addressLayer, ADDRESSES_FROM_ZOOM, districtLayer, emptyLayer, streetLayer, STREETS_FROM_ZOOM } from './services/map';
import { myShift } from './shift';
import { isoInstant } from '../../kernel/dates';
import { parseBbox as parseGisBbox } from '../../gis/bbox';

export interface HandlerContext {
  deps: AppDeps;
  req: Request;
  session: Session;
  jurisdictionId: string;
}
export type Handler = (ctx: HandlerContext) => Promise<unknown>;

/** Staff bound to a city work for it; unbound staff (admins of a multi-city install) name it, or there is one. */
export async function jurisdictionFor(db: Database, session: Session, req: Request): Promise<string> {
  if (session.staff.jurisdictionId) return session.staff.jurisdictionId;
  const asked = typeof req.query.jurisdiction_id === 'string' ? req.query.jurisdiction_id : undefined;
  const rows = await db
    .knex('jurisdictions')
    .modify((q) => (asked ? q.where({ id: asked }) : q))
    .limit(2)
    .select('id');
  if (rows.length === 0) throw asked ? Errors.notFound('jurisdiction_id', asked) : Errors.badRequest('jurisdiction_id', 'no city is loaded yet');
  if (rows.length > 1) throw Errors.badRequest('jurisdiction_id', 'several cities are served; name one with jurisdiction_id');
  return rows[0].id;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function num(v: unknown, field: string, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) throw Errors.badRequest(field, `${field} must be a number between ${min} and ${max}`);
  return n;
}

function idParam(v: unknown, field: string): number {
  if (typeof v !== 'string' || !/^\d{1,15}$/.test(v)) throw Errors.badRequest(field, `${field} must be a whole number`);
  return Number(v);
}

/** A map view may reach past the world's edge: clamped to it (gis/bbox.ts), refused only when not a box. */
function parseBbox(v: unknown): Bbox {
  const r = parseGisBbox(v, { clampLat: 90 });
  if (!r.ok) throw Errors.badRequest('bbox', 'bbox must be minLong,minLat,maxLong,maxLat in degrees');
  return r.bbox;
}

function mapFilter(ctx: HandlerContext): RequestFilter {
  const q = ctx.req.query;
  const problems: ErrorDetail[] = [];
  const status = str(q.status);
  if (status && status !== 'open' && status !== 'closed') problems.push({ field: 'status', description: 'status must be open or closed' });
  const age = str(q.age_days);
  if (age && !/^\d{1,5}$/.test(age)) problems.push({ field: 'age_days', description: 'age_days must be a whole number of days' });
  if (problems.length) throw Errors.many(problems);
  return {
    jurisdictionId: ctx.jurisdictionId,
    serviceCodes: str(q.service)?.split(',').filter(Boolean),
    status: status as RequestFilter['status'],
    maxAgeDays: age ? Number(age) : undefined,
    districtCode: str(q.district),
  };
}

export const settings: Handler = async ({ deps, jurisdictionId, session }) => ({
  ...(await consoleSettings(deps.db.knex, jurisdictionId)),
  tileUrl: deps.config.tileUrl ?? null,
  channels: AGENT_CHANNELS,
  replyChannels: REPLY_CHANNELS,
  staff: session.staff,
  csrfToken: session.csrfToken,
});

export const locateText: Handler = async ({ deps, req, jurisdictionId }) => {
  const q = str(req.query.q) ?? '';
  if (q.length > 200) throw Errors.badRequest('q', 'q is at most 200 characters');
  const started = performance.now();
  const candidates = await locate(deps.db, jurisdictionId, q);
  return { candidates, ms: Math.round((performance.now() - started) * 10) / 10 };
};

export const resolvePoint: Handler = async ({ deps, req, jurisdictionId }) => {
  const lat = num(req.query.lat, 'lat', -90, 90);
  const long = num(req.query.long, 'long', -180, 180);
  const started = performance.now();
  const resolution = await previewPoint(deps.db, {
    jurisdictionId,
    serviceCode: str(req.query.service_code),
    lat,
    long,
    locale: str(req.query.locale) === 'en' ? 'en' : 'pl',
  });
  return { resolution, ms: Math.round((performance.now() - started) * 10) / 10 };
};

export const services: Handler = async ({ deps, jurisdictionId }) => ({ services: await serviceCatalogue(deps.db.knex, jurisdictionId) });

export const callers: Handler = async ({ deps, req, jurisdictionId }) => {
  const phone = str(req.query.phone);
  const email = str(req.query.email);
  if (!phone && !email) throw Errors.badRequest('phone', 'give a phone number or an e-mail');
  return callerHistory(deps.db.knex, jurisdictionId, { phone, email });
};

export const openContactHandler: Handler = async ({ deps, req, jurisdictionId, session }) => {
  const body = req.body ?? {};
  const channel = parseChannel(body.channel);
  return {
    contact: await openContactFor(deps.db.knex, { jurisdictionId, staffId: session.staff.id, channel, phone: str(body.phone), email: str(body.email) }),
  };
};

export const closeContactHandler: Handler = async ({ deps, req, jurisdictionId }) => {
  const body = req.body ?? {};
  if (!(OUTCOMES as readonly string[]).includes(body.outcome)) throw Errors.badRequest('outcome', `outcome must be one of ${OUTCOMES.join(', ')}`);
  const articleId = body.articleId === undefined || body.articleId === null ? undefined : num(body.articleId, 'articleId', 1, Number.MAX_SAFE_INTEGER);
  const channel = body.channel ? parseChannel(body.channel) : undefined;
  return {
    contact: await closeContactWith(deps.db.knex, jurisdictionId, idParam(req.params.id, 'contact'), {
      outcome: body.outcome as Outcome,
      topic: str(body.topic),
      articleId,
      note: str(body.note),
      channel,
    }),
  };
};

/** Files a report (or attaches the caller) through the same pipeline as every channel and closes the contact, in one transaction. */
export const fileReport: Handler = async ({ deps, req, jurisdictionId, session }) => {
  const body = req.body ?? {};
  const contactId = body.contactId ? num(body.contactId, 'contactId', 1, Number.MAX_SAFE_INTEGER) : undefined;
  const location = body.location ?? {};
  const reporter = body.reporter && typeof body.reporter === 'object' ? body.reporter : undefined;
  return fileReportAndClose(deps.db, {
    jurisdictionId,
    contactId,
    serviceCode: str(body.serviceCode),
    attachTo: str(body.attachTo),
    location: location.addressId
      ? { kind: 'address_id', id: String(location.addressId) }
      : { kind: 'wgs84', lat: num(location.lat, 'lat', -90, 90), long: num(location.long, 'long', -180, 180) },
    description: typeof body.description === 'string' ? body.description : undefined,
    attributes: body.attributes && typeof body.attributes === 'object' ? body.attributes : undefined,
    channel: body.channel ? parseChannel(body.channel) : undefined,
    reporter: reporter
      ? {
          firstName: str(reporter.firstName),
          lastName: str(reporter.lastName),
          email: str(reporter.email),
          phone: str(reporter.phone),
          notify: ['email', 'sms'].includes(reporter.notify) ? reporter.notify : 'none',
          locale: reporter.locale === 'en' || reporter.locale === 'pl' ? reporter.locale : undefined,
        }
      : undefined,
    staffId: session.staff.id,
    locale: body.locale === 'en' ? 'en' : 'pl',
  });
};

export const requestDetailHandler: Handler = async ({ deps, req, jurisdictionId, session }) => ({
  request: await requestDetail(deps.db.knex, jurisdictionId, String(req.params.id), session.staff.role),
});

export const addNoteHandler: Handler = async ({ deps, req, jurisdictionId, session }) => {
  await addNote(deps.db.knex, jurisdictionId, String(req.params.id), {
    text: String(req.body?.text ?? ''),
    public: req.body?.public === true,
    staffId: session.staff.id,
  });
  return { request: await requestDetail(deps.db.knex, jurisdictionId, String(req.params.id), session.staff.role) };
};

export const changeStatusHandler: Handler = async ({ deps, req, jurisdictionId, session }) => {
  await changeStatus(deps.db.knex, jurisdictionId, String(req.params.id), {
    detailedStatus: String(req.body?.detailedStatus ?? ''),
    note: str(req.body?.note),
    role: session.staff.role,
    staffId: session.staff.id,
  });
  return { request: await requestDetail(deps.db.knex, jurisdictionId, String(req.params.id), session.staff.role) };
};

export const mergeHandler: Handler = async ({ deps, req, jurisdictionId, session }) => {
  const into = str(req.body?.into);
  if (!into) throw Errors.missing('into');
  const merge = await mergeInto(deps.db, { jurisdictionId, from: String(req.params.id), into, staffId: session.staff.id });
  return { merge, request: await requestDetail(deps.db.knex, jurisdictionId, String(req.params.id), session.staff.role) };
};

export const unmergeHandler: Handler = async ({ deps, req, jurisdictionId, session }) => {
  const unmerged = await unmerge(deps.db, { jurisdictionId, publicId: String(req.params.id), staffId: session.staff.id });
  return { unmerged, request: await requestDetail(deps.db.knex, jurisdictionId, String(req.params.id), session.staff.role) };
};

export const mapRequests: Handler = async (ctx) =>
  requestLayer(ctx.deps.db.knex, parseBbox(ctx.req.query.bbox), num(ctx.req.query.zoom, 'zoom', 0, 24), mapFilter(ctx));

export const mapDistricts: Handler = async ({ deps, req, jurisdictionId }) =>
  districtLayer(deps.db.knex, jurisdictionId, parseBbox(req.query.bbox), num(req.query.zoom ?? '12', 'zoom', 0, 24));

/** Below a layer's zoom the answer is empty and the bbox is not even checked (as before the layers moved to services/map.ts). */
export const mapAddresses: Handler = async ({ deps, req, jurisdictionId }) => {
  const zoom = num(req.query.zoom, 'zoom', 0, 24);
  return zoom < ADDRESSES_FROM_ZOOM ? emptyLayer() : addressLayer(deps.db.knex, jurisdictionId, parseBbox(req.query.bbox));
};

export const mapStreets: Handler = async ({ deps, req, jurisdictionId }) => {
  const zoom = num(req.query.zoom, 'zoom', 0, 24);
  return zoom < STREETS_FROM_ZOOM ? emptyLayer() : streetLayer(deps.db.knex, jurisdictionId, parseBbox(req.query.bbox), zoom);
};

export const searchKb: Handler = async ({ deps, req, jurisdictionId, session }) => {
  const q = str(req.query.q) ?? '';
  if (q.length > 300) throw Errors.badRequest('q', 'q is at most 300 characters');
  const started = performance.now();
  const articles = await searchArticles(deps.db.knex, {
    jurisdictionId,
    text: q,
    serviceCode: str(req.query.service),
    districtCode: str(req.query.district),
    includeInactive: session.staff.role === 'admin' && (req.query.include_inactive === '1' || req.query.all === '1'),
    limit: 10,
  });
  return { articles, ms: Math.round((performance.now() - started) * 10) / 10 };
};

export const getKb: Handler = async ({ deps, req, jurisdictionId }) => ({
  article: await getArticle(deps.db.knex, jurisdictionId, idParam(req.params.id, 'article')),
});

/** Shapes, lengths, dates and codes are checked by saveArticle (all problems at once, each with its field). */
export const saveKb: Handler = async ({ deps, req, jurisdictionId, session }) => {
  const b = req.body ?? {};
  const blank = (v: unknown) => (v === undefined || v === null || v === '' ? null : v);
  const input = {
    slug: String(req.params.slug),
    titlePl: b.titlePl ?? '',
    titleEn: b.titleEn ?? undefined,
    bodyPl: b.bodyPl ?? '',
    bodyEn: b.bodyEn ?? undefined,
    tags: b.tags,
    serviceCodes: b.serviceCodes,
    districtCodes: b.districtCodes,
    validFrom: blank(b.validFrom),
    validTo: blank(b.validTo),
    active: b.active ?? true,
  } as ArticleInput;
  return { article: await saveArticle(deps.db.knex, jurisdictionId, input, session.staff.id, { mustBeNew: b.create === true }) };
};

/** Forwards a question and closes the contact it came from, in one transaction. */
export const forwardInquiryHandler: Handler = async ({ deps, req, jurisdictionId, session }) => {
  const b = req.body ?? {};
  const contactId = b.contactId ? num(b.contactId, 'contactId', 1, Number.MAX_SAFE_INTEGER) : undefined;
  const replyChannel = (str(b.replyChannel) ?? 'none') as ReplyChannel;
  const person =
    b.person && typeof b.person === 'object'
      ? { firstName: str(b.person.firstName), lastName: str(b.person.lastName), email: str(b.person.email), phone: str(b.person.phone) }
      : undefined;
  const point =
    b.lat !== undefined && b.long !== undefined && b.lat !== null ? { lat: num(b.lat, 'lat', -90, 90), long: num(b.long, 'long', -180, 180) } : undefined;
  const inquiry = await forwardAndClose(deps.db, {
    jurisdictionId,
    contactId,
    question: String(b.question ?? ''),
    topic: str(b.topic),
    serviceCode: str(b.serviceCode),
    districtCode: str(b.districtCode),
    point,
    unitCode: str(b.unitCode),
    channel: b.channel ? parseChannel(b.channel) : undefined,
    replyChannel,
    person,
    staffId: session.staff.id,
  });
  return { inquiry };
};

const INQUIRY_STATUSES = ['open', 'answered', 'returned', 'closed'];

export const listInquiriesHandler: Handler = async ({ deps, req, jurisdictionId }) => {
  const status = str(req.query.status);
  // An unknown word would list nothing and look like an empty queue: say it is unknown instead.
  if (status !== undefined && !INQUIRY_STATUSES.includes(status)) throw Errors.badRequest('status', `status is one of ${INQUIRY_STATUSES.join(', ')}`);
  return { inquiries: await listInquiries(deps.db.knex, { jurisdictionId, status }) };
};

/**
 * An admin records the second line's answer from the console (units answer on /unit). The same
 * path as the unit's, with every unit in scope: validation, answered_by, audit, 409 when answered.
 */
export const answerInquiryHandler: Handler = async ({ deps, req, jurisdictionId, session }) => {
  await answerAsUnit(deps.db.knex, { jurisdictionId, unitId: null }, { staffId: session.staff.id, ip: req.ip }, inquiryNumber(req.params.id), req.body?.answer);
  return { inquiries: await listInquiries(deps.db.knex, { jurisdictionId, status: 'answered' }) };
};

/** An inquiry a unit returned (or one that went astray) goes to another unit; the deadline is kept. */
export const reassignInquiryHandler: Handler = async ({ deps, req, jurisdictionId, session }) => ({
  inquiry: await reassignInquiry(deps.db.knex, jurisdictionId, { staffId: session.staff.id, ip: req.ip }, inquiryNumber(req.params.id), req.body?.unitCode),
});

/** The logged-in agent's shift; `since` (ISO time, at most 7 days back) for a shift that began yesterday. */
export const shiftHandler: Handler = async ({ deps, req, jurisdictionId, session }) => {
  const sinceText = str(req.query.since);
  const since = sinceText ? (isoInstant(sinceText, 'UTC') ?? new Date(NaN)) : undefined;
  if (since && (Number.isNaN(since.getTime()) || since.getTime() < Date.now() - 7 * 86_400_000 || since.getTime() > Date.now())) {
    throw Errors.badRequest('since', 'since must be an ISO time within the last 7 days');
  }
  return { shift: await myShift(deps.db, { jurisdictionId, staffId: session.staff.id, since }) };
};
