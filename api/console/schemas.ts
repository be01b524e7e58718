/**
 * The answers of the /api/console surface as TypeBox schemas (what ./contract.ts routes return).
 * Objects allow further properties: a schema names what the console page reads and what tests hold
 * the server to; the server may add more without breaking the page. Times are ISO strings on the wire.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { Staff } from '../auth/contract';

const S = Type.String();
const N = Type.Number();
const I = Type.Integer();
const Null = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Named = Type.Object({ code: S, name: S, nameEn: Null(S) });
const Named2 = Type.Object({ code: S, name: S });

export const Settings = Type.Object({
  jurisdiction: Type.Object({ id: S, name: S, nameEn: Null(S), localSrid: I, defaultLocale: S, timeZone: S }),
  extent: Null(Type.Tuple([N, N, N, N])),
  districts: Type.Array(Named),
  units: Type.Array(Named),
  tileUrl: Null(S),
  channels: Type.Array(S),
  replyChannels: Type.Array(S),
  staff: Staff,
  csrfToken: S,
});

export const LocateCandidate = Type.Object({
  kind: S,
  label: S,
  lat: N,
  long: N,
  score: N,
  publicId: Type.Optional(S),
  addressId: Type.Optional(I),
  reading: Type.Optional(S),
  labelEn: Type.Optional(S),
  code: Type.Optional(S),
  landmarkKind: Type.Optional(S),
});

export const Candidate = Type.Object({
  publicId: S,
  serviceCode: S,
  serviceName: S,
  distanceM: N,
  ageDays: N,
  status: S,
  reporterCount: I,
  description: S,
  score: N,
  reason: S,
});

export const Resolution = Type.Object({
  lat: N,
  long: N,
  address: Type.Optional(Type.Object({ label: Type.Optional(S), street: Type.Optional(S), distanceM: N })),
  district: Type.Optional(Named2),
  unit: Type.Optional(Named2),
  candidates: Type.Array(Candidate),
  expectedAt: Type.Optional(S),
  reasons: Type.Array(Type.Object({ step: S, text: S })),
});

export const Attribute = Type.Object({
  code: S,
  order: I,
  datatype: S,
  variable: Type.Boolean(),
  required: Type.Boolean(),
  descriptionPl: S,
  descriptionEn: S,
  values: Type.Array(Type.Object({ key: S, name_pl: Type.Optional(S), name_en: Type.Optional(S), name: Type.Optional(S) })),
});

export const Service = Type.Object({
  code: S,
  namePl: S,
  nameEn: S,
  group: Null(S),
  groupNamePl: Null(S),
  groupNameEn: Null(S),
  keywords: Type.Array(S),
  kind: S,
  attributes: Type.Array(Attribute),
});

export const CallerHistory = Type.Object({
  people: Type.Array(Type.Object({ id: I, name: Null(S), email: Null(S), phone: Null(S), firstName: Null(S), lastName: Null(S) })),
  requests: Type.Array(Type.Object({ publicId: S, detailedStatus: S, address: Null(S), requestedAt: S, serviceNamePl: S, serviceNameEn: S })),
  contacts: Type.Array(Type.Object({ startedAt: S, outcome: Null(S), topic: Null(S), channel: S })),
  inquiries: Type.Array(Type.Object({ publicId: S, topic: S, status: S, dueAt: S, answer: Null(S), answeredAt: Null(S), returnReason: Null(S) })),
});

export const Contact = Type.Object({ id: I, channel: S, startedAt: S, endedAt: Null(S), outcome: Null(S), topic: Null(S) });

export const ReportResult = Type.Object({
  publicId: S,
  requestId: I,
  merged: Type.Boolean(),
  attached: Type.Boolean(),
  serviceNotice: Null(S),
  serviceCode: S,
  serviceName: S,
  expectedAt: Null(S),
  responseDueAt: Null(S),
  address: Null(S),
  district: Null(Named2),
  unit: Null(Named2),
});

export const RequestDetail = Type.Object({
  publicId: S,
  status: S,
  detailedStatus: S,
  statusNotes: Null(S),
  service: Type.Object({ code: S, namePl: S, nameEn: S }),
  description: S,
  lat: Null(N),
  long: Null(N),
  address: Null(S),
  /** `how`: the resolution's district reason when it was not a plain point in polygon (nearest district in a gap, an overlap). */
  district: Null(Type.Object({ name: S, how: Type.Optional(S) })),
  unit: Null(Type.Object({ name: S })),
  channel: S,
  requestedAt: S,
  expectedAt: Null(S),
  reporterCount: I,
  duplicateOf: Null(S),
  duplicates: Type.Array(Type.Object({ publicId: S, requestedAt: S })),
  reporters: Type.Array(
    Type.Object({
      channel: S,
      reportedAt: S,
      name: Null(S),
      email: Null(S),
      phone: Null(S),
      originalPublicId: Null(S),
      notices: Type.Optional(Type.Array(Type.Object({ kind: S, status: S, createdAt: S, sentAt: Null(S), lastError: Type.Optional(Null(S)) }))),
    }),
  ),
  events: Type.Array(Type.Object({ at: S, kind: S, public: Type.Boolean(), detailedStatus: Null(S), note: Null(S), actor: Null(S) })),
  allowedStatuses: Type.Array(S),
});

/** GeoJSON as the map layers send it (geometry as PostGIS writes it). */
export const FeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.Optional(Type.Union([I, S])),
      geometry: Null(Type.Object({ type: S })),
      properties: Type.Record(S, Type.Unknown()),
    }),
  ),
});

export const Article = Type.Object({
  id: I,
  slug: S,
  titlePl: S,
  titleEn: S,
  bodyPl: S,
  bodyEn: S,
  tags: Type.Array(S),
  serviceCodes: Type.Array(S),
  districtCodes: Type.Array(S),
  validFrom: Null(S),
  validTo: Null(S),
  active: Type.Boolean(),
  updatedAt: S,
  updatedBy: Null(I),
});

/** What an admin sends to create or edit an article; validFrom/validTo as calendar days (YYYY-MM-DD) in the city's time zone. */
export const ArticleInput = Type.Object({
  titlePl: Type.Optional(S),
  titleEn: Type.Optional(S),
  bodyPl: Type.Optional(S),
  bodyEn: Type.Optional(S),
  tags: Type.Optional(Type.Array(S)),
  serviceCodes: Type.Optional(Type.Array(S)),
  districtCodes: Type.Optional(Type.Array(S)),
  validFrom: Type.Optional(Null(S)),
  validTo: Type.Optional(Null(S)),
  active: Type.Optional(Type.Boolean()),
  /** A new article: refused when the slug is taken. */
  create: Type.Optional(Type.Boolean()),
});

export const Inquiry = Type.Object({ id: I, publicId: S, unit: Named2, dueAt: S, topic: S });

export const InquiryListItem = Type.Object({
  publicId: S,
  topic: S,
  status: S,
  dueAt: S,
  unit: Named2,
  answer: Null(S),
  returnReason: Null(S),
  returnedAt: Null(S),
});

export const Shift = Type.Object({
  since: S,
  now: S,
  timeZone: S,
  totals: Type.Object({ contacts: I, closed: I, avgHandlingSeconds: Null(N) }),
  byOutcome: Type.Record(S, I),
  byChannel: Type.Record(S, I),
  openContact: Null(Type.Object({ id: I, channel: S, startedAt: S })),
  recent: Type.Array(
    Type.Object({
      id: I,
      startedAt: S,
      endedAt: Null(S),
      channel: S,
      outcome: Null(S),
      topic: Null(S),
      requestPublicId: Null(S),
      inquiryPublicId: Null(S),
    }),
  ),
  forwarded: Type.Array(
    Type.Object({
      publicId: S,
      topic: S,
      question: S,
      status: S,
      dueAt: S,
      createdAt: S,
      answer: Null(S),
      answeredAt: Null(S),
      unitName: S,
      overdue: Type.Boolean(),
    }),
  ),
  atRisk: Type.Object({
    withinHours: N,
    count: I,
    capped: Type.Boolean(),
    requests: Type.Array(
      Type.Object({
        publicId: S,
        kind: S,
        state: Type.Union([Type.Literal('breached'), Type.Literal('due_soon')]),
        dueAt: S,
        serviceNamePl: S,
        serviceNameEn: Null(S),
        address: Null(S),
        unitName: Null(S),
      }),
    ),
  }),
});
