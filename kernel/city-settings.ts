/**
 * The city's own settings (`city.json` "settings", stored in `jurisdictions.settings`), typed and
 * checked against one schema, with every default written down here once. Readers call
 * `citySettings(row.settings)` instead of reaching into the JSON. Unknown keys are kept (a city
 * pack may carry notes of its own); a known key of the wrong shape is an error naming the field.
 *
 * | field | default | meaning |
 * |---|---|---|
 * | `contact` | none | how residents reach the city (public map, Open311 discovery), e.g. `19115, kontakt@miasto.pl` |
 * | `description` | none | one line about the deployment |
 * | `demo` | `false` | the demo city |
 * | `map.center` | centre of the districts | `[lon, lat]` the public map opens on |
 * | `map.zoom` | `11` | zoom the public map opens at |
 * | `open311.contact` | `contact`, else a sentence | discovery document's contact |
 * | `open311.key_service` | how to get a key | discovery document's key_service |
 * | `open311.jurisdiction_from_point` | `false` | with several cities, find this one by lat/long |
 * | `inquirySla` | `{ amount: 10, unit: 'working_days' }` (each part alone too) | deadline of a question forwarded to a unit |
 * | `resolution.nearest_district_m` | `500` | a point inside the city outline but in no district goes to the nearest district within this many metres (0: never) |
 * | `notify_limits.*` | in migration 20261205000500 (`k_notify_limit`) | e-mail notice limits, read by SQL |
 *
 * @example
 * citySettings({ contact: '19115' })            // => { contact: '19115', map: { zoom: 11 }, inquirySla: { amount: 10, unit: 'working_days' }, open311: {...}, ... }
 * citySettings({ map: { zoom: 'far' } })        // throws CitySettingsError: settings.map.zoom: must be a number from 0 to 24
 * checkCitySettings({ inquirySla: { amount: 0, unit: 'days' } }) // => ['settings.inquirySla.amount: must be a whole number from 1 to 365']
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const Limit = Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'must be a whole number from 0 to 1000000' });

export const CitySettingsSchema = Type.Object(
  {
    contact: Type.Optional(Type.String({ maxLength: 500, description: 'must be text of at most 500 characters' })),
    description: Type.Optional(Type.String({ maxLength: 2000, description: 'must be text of at most 2000 characters' })),
    demo: Type.Optional(Type.Boolean({ description: 'must be true or false' })),
    map: Type.Optional(
      Type.Object(
        {
          center: Type.Optional(
            Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })], {
              description: 'must be [longitude, latitude] in degrees',
            }),
          ),
          zoom: Type.Optional(Type.Number({ minimum: 0, maximum: 24, description: 'must be a number from 0 to 24' })),
        },
        { description: 'must be an object' },
      ),
    ),
    open311: Type.Optional(
      Type.Object(
        {
          contact: Type.Optional(Type.String({ maxLength: 500, description: 'must be text of at most 500 characters' })),
          key_service: Type.Optional(Type.String({ maxLength: 500, description: 'must be text of at most 500 characters' })),
          jurisdiction_from_point: Type.Optional(Type.Boolean({ description: 'must be true or false' })),
        },
        { description: 'must be an object' },
      ),
    ),
    inquirySla: Type.Optional(
      Type.Object(
        {
          amount: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'must be a whole number from 1 to 365' })),
          unit: Type.Optional(
            Type.Union([Type.Literal('working_hours'), Type.Literal('working_days'), Type.Literal('hours'), Type.Literal('days')], {
              description: 'must be one of working_hours, working_days, hours, days',
            }),
          ),
        },
        { description: 'must be an object' },
      ),
    ),
    resolution: Type.Optional(
      Type.Object(
        {
          nearest_district_m: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000, description: 'must be a number of metres from 0 to 10000' })),
        },
        { description: 'must be an object' },
      ),
    ),
    notify_limits: Type.Optional(
      Type.Object(
        {
          confirmation_resend_hours: Type.Optional(Limit),
          confirmations_per_week: Type.Optional(Limit),
          confirmations_per_client_per_hour: Type.Optional(Limit),
          per_address_per_day: Type.Optional(Limit),
        },
        { description: 'must be an object' },
      ),
    ),
  },
  { description: 'must be an object' },
);

export type CitySettingsInput = Static<typeof CitySettingsSchema>;

/** Settings with their defaults applied; `map.center` stays optional (its default comes from the districts, in the database). */
export interface CitySettings {
  contact: string | null;
  description: string | null;
  demo: boolean;
  map: { center?: [number, number]; zoom: number };
  open311: { contact: string; keyService: string; jurisdictionFromPoint: boolean };
  inquirySla: { amount: number; unit: 'working_hours' | 'working_days' | 'hours' | 'days' };
  /** Resolution of points: nearest district for points in gaps of the district map (issue #12). */
  resolution: { nearestDistrictM: number };
  /** Overrides only; the defaults live with the SQL that reads them (`k_notify_limit`). */
  notifyLimits: Partial<Record<'confirmation_resend_hours' | 'confirmations_per_week' | 'confirmations_per_client_per_hour' | 'per_address_per_day', number>>;
  /** Everything as stored, unknown keys included. */
  raw: Record<string, unknown>;
}

export const CITY_SETTINGS_DEFAULTS = {
  mapZoom: 11,
  open311Contact: 'See the city website for contact details.',
  open311KeyService: 'API keys are issued by the city administrator (kontakt apikey create).',
  inquirySla: { amount: 10, unit: 'working_days' as const },
  nearestDistrictM: 500,
};

export class CitySettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`City settings are not valid: ${problems.join('; ')}`);
    this.name = 'CitySettingsError';
  }
}

/** Problems as `settings.<path>: <what it must be>`, one per field; empty when the settings are valid. */
export function checkCitySettings(input: unknown): string[] {
  const value = input ?? {};
  const problems = new Map<string, string>();
  for (const e of Value.Errors(CitySettingsSchema, value)) {
    // A tuple's items carry no description of their own: the nearest described field is named.
    const { path, schema } = describedAncestor(e.path.replace(/^\//, '').split('/').filter(Boolean));
    const field = path.length ? `settings.${path.join('.')}` : 'settings';
    if (!problems.has(field) && ![...problems.keys()].some((f) => field.startsWith(`${f}.`)))
      problems.set(field, `${field}: ${(schema as { description?: string } | undefined)?.description ?? e.message}`);
  }
  return [...problems.values()];
}

function describedAncestor(parts: string[]): { path: string[]; schema: TSchema | undefined } {
  let schema: TSchema | undefined = CitySettingsSchema;
  let found = { path: [] as string[], schema: schema as TSchema | undefined };
  parts.forEach((part, i) => {
    schema = (schema?.properties?.[part] ?? schema?.items?.[Number(part)]) as TSchema | undefined;
    if (schema?.description) found = { path: parts.slice(0, i + 1), schema };
    else if (!schema) found = found.path.length === i ? { path: parts.slice(0, i + 1), schema: undefined } : found;
  });
  return found;
}

/** Checked settings with defaults; throws CitySettingsError naming every wrong field. */
export function citySettings(input: unknown): CitySettings {
  const problems = checkCitySettings(input);
  if (problems.length) throw new CitySettingsError(problems);
  const s = (input ?? {}) as CitySettingsInput;
  return {
    contact: s.contact ?? null,
    description: s.description ?? null,
    demo: s.demo ?? false,
    map: { ...(s.map?.center ? { center: s.map.center as [number, number] } : {}), zoom: s.map?.zoom ?? CITY_SETTINGS_DEFAULTS.mapZoom },
    open311: {
      contact: s.open311?.contact ?? s.contact ?? CITY_SETTINGS_DEFAULTS.open311Contact,
      keyService: s.open311?.key_service ?? CITY_SETTINGS_DEFAULTS.open311KeyService,
      jurisdictionFromPoint: s.open311?.jurisdiction_from_point ?? false,
    },
    inquirySla: { ...CITY_SETTINGS_DEFAULTS.inquirySla, ...(s.inquirySla ?? {}) },
    resolution: { nearestDistrictM: s.resolution?.nearest_district_m ?? CITY_SETTINGS_DEFAULTS.nearestDistrictM },
    notifyLimits: { ...(s.notify_limits ?? {}) },
    raw: { ...(s as Record<string, unknown>) },
  };
}
