/**
 * The /api/unit contract (issue #13 item 3): the second line's inbox as data
 * (api/http/contract.ts). web/unit/api.ts takes its types from here (type-only).
 * Every route also takes `?unit=CODE` (admins narrow to one unit) and `?jurisdiction_id=`
 * (staff not bound to a city name one when several are served).
 */
import { Type } from '@sinclair/typebox';
import { contract, ErrorBody, type Answer } from '../http/contract';
import { Staff } from '../auth/contract';

const UNIT_STAFF = ['unit_staff', 'admin'] as const;
const NullableString = Type.Union([Type.String(), Type.Null()]);
const Named = Type.Object({ code: Type.String(), name: Type.String(), nameEn: NullableString });

/** Scope parameters every route reads (api/unit/scope.ts, api/console/handlers.ts jurisdictionFor). */
const scopeQuery = {
  unit: Type.Optional(Type.String({ maxLength: 100 })),
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 200 })),
};
const Id = Type.Object({ id: Type.String({ maxLength: 200 }) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const SlaState = Type.Union([
  Type.Literal('on_time'),
  Type.Literal('due_soon'),
  Type.Literal('overdue'),
  Type.Literal('answered_on_time'),
  Type.Literal('answered_late'),
]);

export const InquiryItem = Type.Object({
  publicId: Type.String(),
  status: Type.String(),
  topic: Type.String(),
  question: Type.String(),
  service: Type.Union([Type.Object({ code: Type.String(), namePl: Type.String(), nameEn: NullableString }), Type.Null()]),
  district: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  channel: Type.String(),
  replyChannel: Type.String(),
  createdAt: Type.String(),
  dueAt: Type.String(),
  answeredAt: NullableString,
  returnedAt: NullableString,
  sla: Type.Object({ state: SlaState, workingHoursLeft: Type.Union([Type.Number(), Type.Null()]) }),
});

export const InquiryDetail = Type.Composite([
  InquiryItem,
  Type.Object({
    point: Type.Union([Type.Object({ lat: Type.Number(), long: Type.Number() }), Type.Null()]),
    forwardedBy: NullableString,
    resident: Type.Union([Type.Object({ name: NullableString, email: Type.Optional(Type.String()), phone: Type.Optional(Type.String()) }), Type.Null()]),
    answer: NullableString,
    answeredBy: NullableString,
    returnReason: NullableString,
    returnedBy: NullableString,
  }),
]);
const OneInquiry = Type.Object({ inquiry: InquiryDetail });

export const UnitSettings = Type.Object({
  jurisdiction: Type.Object({ id: Type.String(), name: Type.String(), nameEn: NullableString }),
  unit: Type.Union([Named, Type.Null()]),
  units: Type.Array(Named),
  tileUrl: NullableString,
  limits: Type.Object({ answer: Type.Integer(), reason: Type.Integer() }),
  staff: Staff,
  csrfToken: Type.String(),
});

const Count = Type.Integer({ minimum: 0 });
export const InboxPage = Type.Object({
  inquiries: Type.Array(InquiryItem),
  counts: Type.Object({ open: Count, overdue: Count, answered: Count, returned: Count, all: Count }),
  page: Type.Integer(),
  limit: Type.Integer(),
  total: Type.Integer(),
});

export const settings = contract({
  method: 'GET',
  path: '/settings',
  roles: UNIT_STAFF,
  summary: 'city, the unit (or all units for admins), limits, CSRF token',
  input: { query: Type.Object(scopeQuery) },
  output: { 200: UnitSettings, ...errors },
  cache: 'no-store',
});

export const inquiries = contract({
  method: 'GET',
  path: '/inquiries',
  roles: UNIT_STAFF,
  summary: 'the inbox: open / answered / returned / all, with counts',
  input: {
    query: Type.Object({
      ...scopeQuery,
      status: Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('returned'), Type.Literal('all')], {
        default: 'open',
        error: 'status must be one of open, answered, returned, all',
      }),
      page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1, error: 'page must be a whole number from 1 to 100000' }),
      limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, error: 'limit must be a whole number from 1 to 200' }),
    }),
  },
  output: { 200: InboxPage, ...errors },
  cache: 'no-store',
});

export const inquiry = contract({
  method: 'GET',
  path: '/inquiries/:id',
  roles: UNIT_STAFF,
  summary: 'one inquiry: question, context, SLA state, reply channel',
  input: { params: Id, query: Type.Object(scopeQuery) },
  output: { 200: OneInquiry, ...errors },
  cache: 'no-store',
});

export const answer = contract({
  method: 'POST',
  path: '/inquiries/:id/answer',
  roles: UNIT_STAFF,
  summary: 'answered: returns to the resident',
  // Trimmed and measured (MAX_ANSWER_CHARS) by api/unit/answers.ts, the rule's one place.
  input: { params: Id, query: Type.Object(scopeQuery), body: Type.Object({ answer: Type.String({ error: 'answer is required' }) }) },
  output: { 200: OneInquiry, ...errors, 409: ErrorBody },
  cache: 'no-store',
});

export const giveBack = contract({
  method: 'POST',
  path: '/inquiries/:id/return',
  roles: UNIT_STAFF,
  summary: 'wrong unit: back to the first line',
  input: { params: Id, query: Type.Object(scopeQuery), body: Type.Object({ reason: Type.String({ error: 'reason is required' }) }) },
  output: { 200: OneInquiry, ...errors, 409: ErrorBody },
  cache: 'no-store',
});

export const unitContracts = [settings, inquiries, inquiry, answer, giveBack] as const;

export type UnitSettingsAnswer = Answer<typeof settings>;
export type InboxPageAnswer = Answer<typeof inquiries>;
export type InquiryAnswer = Answer<typeof inquiry>;
