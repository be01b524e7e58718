/**
 * The /api/geo contract (issue #13 item 3): routes, inputs and answers as data (api/http/contract.ts).
 * The console and the public map import the answer types from here (type-only).
 * lat/long stay strings here: api/pipeline/locate.ts checkWgs84 parses them with its own words
 * ("look swapped"), the one parser every surface shares.
 */
import { Type } from '@sinclair/typebox';
import { contract, ErrorBody, type Answer } from '../http/contract';

const Coordinates = {
  lat: Type.Optional(Type.String({ maxLength: 100 })),
  long: Type.Optional(Type.String({ maxLength: 100 })),
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 200 })),
};

export const GeocodeCandidate = Type.Object({
  kind: Type.Union([Type.Literal('address'), Type.Literal('street'), Type.Literal('intersection')]),
  label: Type.String(),
  score: Type.Number(),
  lat: Type.Number(),
  long: Type.Number(),
  addressId: Type.Optional(Type.Integer()),
  sourceId: Type.Optional(Type.String()),
  streetId: Type.Optional(Type.Integer()),
  houseNumber: Type.Optional(Type.String()),
  postcode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

const Distance = { distanceM: Type.Number() };
export const ReverseResult = Type.Object({
  address: Type.Optional(
    Type.Object({ id: Type.Integer(), sourceId: Type.String(), label: Type.String(), postcode: Type.Union([Type.String(), Type.Null()]), ...Distance }),
  ),
  street: Type.Optional(Type.Object({ label: Type.String(), ...Distance })),
});

export const DuplicateCandidate = Type.Object({
  publicId: Type.String(),
  serviceCode: Type.String(),
  serviceName: Type.String(),
  distanceM: Type.Number(),
  ageDays: Type.Number(),
  status: Type.String(),
  reporterCount: Type.Integer(),
  description: Type.String(),
  score: Type.Number(),
});

export const Resolution = Type.Object({
  jurisdictionId: Type.String(),
  lat: Type.Number(),
  long: Type.Number(),
  address: Type.Optional(Type.Object({ label: Type.Optional(Type.String()), street: Type.Optional(Type.String()), ...Distance })),
  district: Type.Optional(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })),
  unit: Type.Optional(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })),
  candidates: Type.Array(DuplicateCandidate),
  responseDueAt: Type.Optional(Type.String()),
  expectedAt: Type.Optional(Type.String()),
  reasons: Type.Array(Type.Object({ step: Type.String(), text: Type.String() })),
});

export const autocomplete = contract({
  method: 'GET',
  path: '/autocomplete',
  roles: 'anonymous',
  summary: 'ranked address / street candidates',
  input: {
    query: Type.Object({
      q: Type.String({ maxLength: 200, error: 'q is longer than 200 characters' }),
      limit: Type.Integer({ minimum: 1, maximum: 50, default: 10, error: 'limit must be an integer from 1 to 50' }),
      jurisdiction_id: Coordinates.jurisdiction_id,
    }),
  },
  output: { 200: Type.Object({ candidates: Type.Array(GeocodeCandidate) }), 400: ErrorBody, 404: ErrorBody },
  cache: 'public, max-age=60',
});

export const reverse = contract({
  method: 'GET',
  path: '/reverse',
  roles: 'anonymous',
  summary: 'nearest address (or street) with distance',
  input: { query: Type.Object(Coordinates) },
  output: { 200: ReverseResult, 400: ErrorBody, 404: ErrorBody },
  cache: 'public, max-age=60',
});

export const resolve = contract({
  method: 'GET',
  path: '/resolve',
  roles: 'anonymous',
  summary: 'district, unit, reasons, SLA, duplicate candidates (public services only)',
  input: {
    query: Type.Object({
      ...Coordinates,
      service_code: Type.Optional(Type.String({ maxLength: 200 })),
      // Longer descriptions are cut to 4000 characters, as filing does; refusing would change the answer.
      description: Type.Optional(Type.String()),
      locale: Type.Optional(Type.String()),
    }),
  },
  output: { 200: Resolution, 400: ErrorBody, 404: ErrorBody },
  cache: 'no-store',
});

export const geoContracts = [autocomplete, reverse, resolve] as const;

export type AutocompleteAnswer = Answer<typeof autocomplete>;
export type ReverseAnswer = Answer<typeof reverse>;
export type ResolveAnswer = Answer<typeof resolve>;
