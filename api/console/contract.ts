/**
 * The /api/console contract (issue #13 item 3): every route of the agent console as data
 * (api/http/contract.ts), mounted by ./routes.ts. web/console/api.ts takes its types from here
 * (type-only); answers are the schemas in ./schemas.ts, checked in contract.db.test.ts.
 * Every route also takes `?jurisdiction_id=` (staff not bound to a city name one when several are
 * served). Input schemas say what is accepted; the handlers (./handlers.ts) still word the finer
 * checks (ranges, bounding boxes, dates) as they did before the contract, so answers did not change.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { contract, ErrorBody, type Answer, type Body } from '../http/contract';
import * as A from './schemas';

const STAFF = ['agent', 'admin'] as const;
const ADMIN = ['admin'] as const;
const S = Type.String();
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const Null = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** Numbers the handlers parse themselves (a string of digits was always accepted too). */
const Num = Type.Union([Type.Number(), Type.String({ maxLength: 40 })]);
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const writeErrors = { ...errors, 409: ErrorBody };
const scope = { jurisdiction_id: Opt(Type.String({ maxLength: 200 })) };
const Scope = Type.Object(scope);
const Id = Type.Object({ id: Type.String({ maxLength: 200 }) });
const Box = { bbox: Type.String({ maxLength: 200 }), zoom: Opt(Type.String({ maxLength: 20 })) };
const cache = 'no-store';

export const settings = contract({
  method: 'GET',
  path: '/settings',
  roles: STAFF,
  summary: 'city, extent, districts, units, tile URL, channels, staff, CSRF token',
  input: { query: Scope },
  output: { 200: A.Settings, ...errors },
  cache,
});

export const locate = contract({
  method: 'GET',
  path: '/locate',
  roles: STAFF,
  summary: 'the search box: request and inquiry numbers, coordinates, addresses, streets, landmarks, units',
  input: { query: Type.Object({ ...scope, q: Opt(Type.String({ maxLength: 200, error: 'q is at most 200 characters' })) }) },
  output: { 200: Type.Object({ candidates: Type.Array(A.LocateCandidate), ms: Type.Number() }), ...errors },
  cache,
});

export const resolve = contract({
  method: 'GET',
  path: '/resolve',
  roles: STAFF,
  summary: "what is at a pin (the pipeline's previewResolution)",
  input: {
    query: Type.Object({
      ...scope,
      lat: Type.Number({ minimum: -90, maximum: 90, error: 'lat must be a number between -90 and 90' }),
      long: Type.Number({ minimum: -180, maximum: 180, error: 'long must be a number between -180 and 180' }),
      service_code: Opt(Type.String({ maxLength: 200 })),
      locale: Opt(Type.String({ maxLength: 10 })),
    }),
  },
  output: { 200: Type.Object({ resolution: A.Resolution, ms: Type.Number() }), ...errors },
  cache,
});

export const services = contract({
  method: 'GET',
  path: '/services',
  roles: STAFF,
  summary: 'active services with their attribute definitions (the form)',
  input: { query: Scope },
  output: { 200: Type.Object({ services: Type.Array(A.Service) }), ...errors },
  cache,
});

export const callers = contract({
  method: 'GET',
  path: '/callers',
  roles: STAFF,
  summary: "a caller's people rows, requests, contacts and inquiries",
  input: { query: Type.Object({ ...scope, phone: Opt(Type.String({ maxLength: 200 })), email: Opt(Type.String({ maxLength: 320 })) }) },
  output: { 200: A.CallerHistory, ...errors },
  cache,
});

export const openContact = contract({
  method: 'POST',
  path: '/contacts',
  roles: STAFF,
  summary: 'open a contact',
  input: { query: Scope, body: Type.Object({ channel: Opt(S), phone: Opt(S), email: Opt(S) }) },
  output: { 200: Type.Object({ contact: A.Contact }), ...errors },
  cache,
});

export const closeContact = contract({
  method: 'POST',
  path: '/contacts/:id/close',
  roles: STAFF,
  summary: 'record the outcome of a contact',
  input: {
    params: Id,
    query: Scope,
    body: Type.Object({ outcome: Opt(S), topic: Opt(S), articleId: Opt(Null(Num)), note: Opt(S), channel: Opt(S) }),
  },
  output: { 200: Type.Object({ contact: A.Contact }), ...errors },
  cache,
});

const Reporter = Type.Object({
  firstName: Opt(S),
  lastName: Opt(S),
  email: Opt(S),
  phone: Opt(S),
  notify: Opt(S),
  locale: Opt(S),
});

export const fileReport = contract({
  method: 'POST',
  path: '/reports',
  roles: STAFF,
  summary: 'file a report or attach the caller (submitReport), closing the contact, in one transaction',
  input: {
    query: Scope,
    body: Type.Object({
      contactId: Opt(Null(Num)),
      serviceCode: Opt(S),
      attachTo: Opt(S),
      location: Opt(Type.Object({ addressId: Opt(Num), lat: Opt(Num), long: Opt(Num) })),
      description: Opt(S),
      attributes: Opt(Type.Record(S, Type.Unknown())),
      channel: Opt(S),
      reporter: Opt(Reporter),
      locale: Opt(S),
    }),
  },
  output: { 200: A.ReportResult, ...writeErrors },
  cache,
});

const OneRequest = Type.Object({ request: A.RequestDetail });

export const requestDetail = contract({
  method: 'GET',
  path: '/requests/:id',
  roles: STAFF,
  summary: 'request detail',
  input: { params: Id, query: Scope },
  output: { 200: OneRequest, ...errors },
  cache,
});

export const addNote = contract({
  method: 'POST',
  path: '/requests/:id/notes',
  roles: STAFF,
  summary: 'an internal or public note',
  input: { params: Id, query: Scope, body: Type.Object({ text: Opt(S), public: Opt(Type.Boolean()) }) },
  output: { 200: OneRequest, ...errors },
  cache,
});

export const changeStatus = contract({
  method: 'POST',
  path: '/requests/:id/status',
  roles: STAFF,
  summary: 'a status change (api/requests lifecycle)',
  input: { params: Id, query: Scope, body: Type.Object({ detailedStatus: Opt(S), note: Opt(S) }) },
  output: { 200: OneRequest, ...writeErrors },
  cache,
});

export const merge = contract({
  method: 'POST',
  path: '/requests/:id/merge',
  roles: STAFF,
  summary: 'merge into another request',
  input: { params: Id, query: Scope, body: Type.Object({ into: Opt(S) }) },
  output: { 200: Type.Object({ merge: Type.Unknown(), request: A.RequestDetail }), ...writeErrors },
  cache,
});

export const unmerge = contract({
  method: 'POST',
  path: '/requests/:id/unmerge',
  roles: STAFF,
  summary: 'undo a merge',
  input: { params: Id, query: Scope, body: Type.Object({}) },
  output: { 200: Type.Object({ unmerged: Type.Unknown(), request: A.RequestDetail }), ...writeErrors },
  cache,
});

export const mapRequests = contract({
  method: 'GET',
  path: '/map/requests',
  roles: STAFF,
  summary: 'requests in a box, clustered by zoom (GeoJSON)',
  input: {
    query: Type.Object({
      ...scope,
      ...Box,
      service: Opt(Type.String({ maxLength: 2000 })),
      status: Opt(S),
      age_days: Opt(S),
      district: Opt(Type.String({ maxLength: 200 })),
    }),
  },
  output: { 200: A.FeatureCollection, ...errors },
  cache,
});

const layer = (path: string, summary: string) =>
  contract({
    method: 'GET',
    path,
    roles: STAFF,
    summary,
    input: { query: Type.Object({ ...scope, ...Box }) },
    output: { 200: A.FeatureCollection, ...errors },
    cache,
  });
export const mapDistricts = layer('/map/districts', 'district outlines (GeoJSON)');
export const mapAddresses = layer('/map/addresses', 'address points from zoom 16 (GeoJSON)');
export const mapStreets = layer('/map/streets', 'street centre lines with names (GeoJSON)');

export const searchKb = contract({
  method: 'GET',
  path: '/kb',
  roles: STAFF,
  summary: 'knowledge-base search',
  input: {
    query: Type.Object({
      ...scope,
      q: Opt(Type.String({ maxLength: 300, error: 'q is at most 300 characters' })),
      service: Opt(Type.String({ maxLength: 200 })),
      district: Opt(Type.String({ maxLength: 200 })),
      include_inactive: Opt(S),
      all: Opt(S),
    }),
  },
  output: { 200: Type.Object({ articles: Type.Array(A.Article), ms: Type.Number() }), ...errors },
  cache,
});

export const getKb = contract({
  method: 'GET',
  path: '/kb/:id',
  roles: STAFF,
  summary: 'one article',
  input: { params: Id, query: Scope },
  output: { 200: Type.Object({ article: A.Article }), ...errors },
  cache,
});

export const saveKb = contract({
  method: 'PUT',
  path: '/kb/:slug',
  roles: ADMIN,
  summary: 'create or edit an article (admin)',
  // Types, lengths, dates and codes are checked by saveArticle, all problems at once, each with its field.
  input: { params: Type.Object({ slug: Type.String({ maxLength: 200 }) }), query: Scope, body: Type.Object({}) },
  output: { 200: Type.Object({ article: A.Article }), ...writeErrors },
  cache,
});

export const forward = contract({
  method: 'POST',
  path: '/inquiries',
  roles: STAFF,
  summary: 'forward a question to the second line, closing the contact, in one transaction',
  input: {
    query: Scope,
    body: Type.Object({
      contactId: Opt(Null(Num)),
      question: Opt(S),
      topic: Opt(S),
      serviceCode: Opt(S),
      districtCode: Opt(S),
      unitCode: Opt(S),
      replyChannel: Opt(S),
      channel: Opt(S),
      lat: Opt(Null(Num)),
      long: Opt(Null(Num)),
      person: Opt(Type.Object({ firstName: Opt(S), lastName: Opt(S), email: Opt(S), phone: Opt(S) })),
    }),
  },
  output: { 200: Type.Object({ inquiry: A.Inquiry }), ...errors },
  cache,
});

export const inquiries = contract({
  method: 'GET',
  path: '/inquiries',
  roles: STAFF,
  summary: 'forwarded questions',
  input: { query: Type.Object({ ...scope, status: Opt(S) }) },
  output: { 200: Type.Object({ inquiries: Type.Array(A.InquiryListItem) }), ...errors },
  cache,
});

export const answerInquiry = contract({
  method: 'POST',
  path: '/inquiries/:id/answer',
  roles: ADMIN,
  summary: "the second line's answer, recorded by an admin",
  input: { params: Id, query: Scope, body: Type.Object({ answer: Opt(S) }) },
  output: { 200: Type.Object({ inquiries: Type.Array(A.InquiryListItem) }), ...writeErrors },
  cache,
});

export const reassignInquiry = contract({
  method: 'POST',
  path: '/inquiries/:id/reassign',
  roles: STAFF,
  summary: 'a returned (or open) inquiry to another unit',
  input: { params: Id, query: Scope, body: Type.Object({ unitCode: Opt(S) }) },
  output: { 200: Type.Object({ inquiry: Type.Object({ publicId: S, unit: Type.Object({ code: S, name: S }), dueAt: S }) }), ...writeErrors },
  cache,
});

export const shift = contract({
  method: 'GET',
  path: '/shift',
  roles: STAFF,
  summary: 'my shift: my contacts, my forwarded questions, requests at risk',
  input: { query: Type.Object({ ...scope, since: Opt(Type.String({ maxLength: 100 })) }) },
  output: { 200: Type.Object({ shift: A.Shift }), ...errors },
  cache,
});

export type SettingsAnswer = Answer<typeof settings>;
export type LocateAnswer = Answer<typeof locate>;
export type ResolveAnswer = Answer<typeof resolve>;
export type ServicesAnswer = Answer<typeof services>;
export type CallerHistory = Answer<typeof callers>;
export type ContactAnswer = Answer<typeof openContact>;
export type CloseContactBody = Body<typeof closeContact>;
export type ReportBody = Body<typeof fileReport>;
export type ReportResult = Answer<typeof fileReport>;
export type RequestAnswer = Answer<typeof requestDetail>;
export type KbAnswer = Answer<typeof searchKb>;
export type ArticleAnswer = Answer<typeof saveKb>;
export type ForwardBody = Body<typeof forward>;
export type ForwardAnswer = Answer<typeof forward>;
export type InquiriesAnswer = Answer<typeof inquiries>;
export type ReassignAnswer = Answer<typeof reassignInquiry>;
export type ShiftAnswer = Answer<typeof shift>;
/** What an admin sends to save an article (the route checks it in saveArticle, whose messages name each field). */
export type ArticleBody = Static<typeof A.ArticleInput>;
export type Article = Static<typeof A.Article>;
export type RequestDetail = Static<typeof A.RequestDetail>;
