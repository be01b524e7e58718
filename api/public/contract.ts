/**
 * The /api/public contract (issue #13 item 3): the public map's JSON API as data
 * (api/http/contract.ts). web/lib/api.ts takes its types from here (type-only). No route needs a
 * login; nothing here answers personal data (api/public/store.ts).
 * The map's filters (bbox, zoom, dates) stay strings: api/map/filters.ts parseMapQuery is the one
 * parser of them, with its own messages (`bbox`, impossible dates).
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { contract, ErrorBody, type Answer, type Body } from '../http/contract';

/** Public reads are the same for everyone: let browsers and proxies keep them briefly. */
const SHORT_CACHE = 'public, max-age=15';
const Names = Type.Object({ pl: Type.String(), en: Type.String() });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const MaybeText = Type.Optional(Type.String({ maxLength: 200 }));
const errors = { 400: ErrorBody, 404: ErrorBody };

export const Cluster = Type.Object({ lon: Type.Number(), lat: Type.Number(), count: Type.Integer() });
export const MapPoint = Type.Object({
  id: Type.String(),
  serviceCode: Type.String(),
  group: Nullable(Type.String()),
  status: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
  approximateM: Type.Optional(Type.Number()),
});
export const MapView = Type.Union([
  Type.Object({ kind: Type.Literal('clusters'), clusters: Type.Array(Cluster) }),
  Type.Object({ kind: Type.Literal('points'), points: Type.Array(MapPoint), truncated: Type.Boolean() }),
]);

export const ServiceAttribute = Type.Object({
  code: Type.String(),
  datatype: Type.String(),
  required: Type.Boolean(),
  variable: Type.Boolean(),
  description: Names,
  values: Type.Array(Type.Object({ key: Type.String(), name: Names })),
});
export const Service = Type.Object({
  code: Type.String(),
  name: Names,
  description: Names,
  keywords: Type.Array(Type.String()),
  privacy: Type.Union([Type.Literal('public'), Type.Literal('fuzzed'), Type.Literal('private')]),
  attributes: Type.Array(ServiceAttribute),
});
export const ServiceGroup = Type.Object({ code: Type.String(), name: Names, services: Type.Array(Service) });

export const Districts = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String(),
      properties: Type.Object({ code: Type.String(), name: Type.String(), name_en: Type.String() }),
      geometry: Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Unknown()) }),
    }),
  ),
});

export const Place = Type.Object({ district: Nullable(Type.Object({ code: Type.String(), name: Names })), address: Nullable(Type.String()) });

export const PublicRequest = Type.Object({
  id: Type.String(),
  service: Type.Object({ code: Type.String(), name: Names, group: Nullable(Type.String()) }),
  status: Type.String(),
  detailedStatus: Type.String(),
  statusNotes: Nullable(Type.String()),
  description: Nullable(Type.String()),
  address: Nullable(Type.String()),
  district: Nullable(Type.Object({ code: Type.String(), name: Names })),
  unit: Nullable(Names),
  lon: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  approximateM: Nullable(Type.Number()),
  private: Type.Boolean(),
  reporters: Type.Integer(),
  requestedAt: Type.String(),
  updatedAt: Type.String(),
  expectedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  mergedInto: Nullable(Type.String()),
  history: Type.Array(
    Type.Object({
      at: Type.String(),
      kind: Type.String(),
      status: Nullable(Type.String()),
      detailedStatus: Nullable(Type.String()),
      note: Nullable(Type.String()),
    }),
  ),
  photos: Type.Array(Type.String()),
});

export const NearbyRequest = Type.Object({
  id: Type.String(),
  service: Type.Object({ code: Type.String(), name: Names }),
  status: Type.String(),
  description: Type.String(),
  reporters: Type.Integer(),
  requestedAt: Type.String(),
  distanceM: Type.Number(),
  lon: Type.Number(),
  lat: Type.Number(),
  photos: Type.Array(Type.String()),
});

const Point = Type.Object({ lat: MaybeText, long: MaybeText });

export const map = contract({
  method: 'GET',
  path: '/api/public/map',
  roles: 'anonymous',
  summary: 'clusters or points for a viewport, with filters',
  input: {
    query: Type.Object({
      bbox: MaybeText,
      zoom: MaybeText,
      group: MaybeText,
      status: MaybeText,
      district: MaybeText,
      start_date: MaybeText,
      end_date: MaybeText,
    }),
  },
  output: { 200: MapView, ...errors },
  cache: SHORT_CACHE,
});

export const services = contract({
  method: 'GET',
  path: '/api/public/services',
  roles: 'anonymous',
  summary: 'services grouped, with attributes (PL and EN)',
  input: {},
  output: { 200: Type.Array(ServiceGroup), 404: ErrorBody },
  cache: SHORT_CACHE,
});

export const districts = contract({
  method: 'GET',
  path: '/api/public/districts',
  roles: 'anonymous',
  summary: 'current districts (GeoJSON), base map and filter',
  input: {},
  output: { 200: Districts, 404: ErrorBody },
  cache: 'public, max-age=300',
});

export const place = contract({
  method: 'GET',
  path: '/api/public/place',
  roles: 'anonymous',
  summary: 'district and nearest address of a point',
  input: { query: Point },
  output: { 200: Place, ...errors },
});

export const nearby = contract({
  method: 'GET',
  path: '/api/public/nearby',
  roles: 'anonymous',
  summary: '"Is it one of these?" candidates',
  input: { query: Type.Composite([Point, Type.Object({ service_code: Type.String({ maxLength: 200 }) })]) },
  output: { 200: Type.Array(NearbyRequest), ...errors },
});

export const request = contract({
  method: 'GET',
  path: '/api/public/requests/:id',
  roles: 'anonymous',
  summary: 'one request: status, public history, reporters, photos',
  input: { params: Type.Object({ id: Type.String({ maxLength: 200 }) }) },
  output: { 200: PublicRequest, 404: ErrorBody },
  cache: 'no-cache',
});

export const report = contract({
  method: 'POST',
  path: '/api/public/reports',
  roles: 'anonymous',
  // The body is the Open311 POST form (multipart or urlencoded), read and checked by Open311's own
  // parser (api/open311/form.ts, open311-spec): one definition of that form, not a second one here.
  summary: 'file a report (the Open311 POST form, no api_key); per-address limit, same-site only',
  input: {},
  output: {
    201: Type.Object({
      service_request_id: Type.Optional(Type.String()),
      token: Type.Optional(Type.String()),
      service_notice: Nullable(Type.String()),
      account_id: Nullable(Type.String()),
    }),
    ...errors,
    403: ErrorBody,
    413: ErrorBody,
    415: ErrorBody,
    429: ErrorBody,
  },
});

export const follow = contract({
  method: 'POST',
  path: '/api/public/requests/:id/follow',
  roles: 'anonymous',
  summary: '"me too": become a reporter of an existing request (10 per 10 minutes per address)',
  input: {
    params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
    // Shapes only: which e-mail or phone is valid, and that consent goes with them, is api/public/follow.ts parseFollow.
    body: Type.Object({
      email: Type.Optional(Type.String({ maxLength: 320 })),
      phone: Type.Optional(Type.String({ maxLength: 40 })),
      consent: Type.Optional(Type.Boolean({ error: 'consent is required to keep an e-mail or phone number' })),
      locale: Type.Optional(Type.String({ maxLength: 10 })),
    }),
  },
  output: { 201: Type.Object({ id: Type.String(), reporters: Type.Integer() }), ...errors, 409: ErrorBody, 429: ErrorBody },
});

export const publicContracts = [map, services, districts, place, nearby, request, report, follow] as const;

export type MapViewAnswer = Answer<typeof map>;
export type ServiceGroupAnswer = Answer<typeof services>[number];
export type DistrictsAnswer = Answer<typeof districts>;
export type PlaceAnswer = Answer<typeof place>;
export type NearbyAnswer = Answer<typeof nearby>[number];
export type PublicRequestAnswer = Answer<typeof request>;
export type ReportAnswer = Answer<typeof report>;
export type FollowBody = Body<typeof follow>;
export type FollowAnswer = Answer<typeof follow>;
