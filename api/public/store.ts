/**
 * Everything the public pages read, behind one interface, so one file shows every column a public page can see. Only public columns
 * are selected: public_geom, status, public events, public media, counts, and the free texts
 * (description, status notes, public notes), which leave only through publicText, the one scrubber
 * of every public output (api/privacy/public-text.ts). Nothing here joins people or
 * request_reporters' personal columns, so no public answer can carry a reporter's name, e-mail or
 * phone (issue #6, "Privacy by design").
 */
import type { Knex } from 'knex';
import { publicText } from '../privacy/public-text';
import { citySettings } from '../../kernel/city-settings';

type Names = { pl: string; en: string };

export interface PublicCity {
  id: string;
  name: Names;
  center: [number, number];
  zoom: number;
  contact: string | null;
}

export interface PublicService {
  code: string;
  name: Names;
  description: Names;
  keywords: string[];
  privacy: 'public' | 'fuzzed' | 'private';
  attributes: Array<{ code: string; datatype: string; required: boolean; variable: boolean; description: Names; values: Array<{ key: string; name: Names }> }>;
}

export interface PublicServiceGroup {
  code: string;
  name: Names;
  services: PublicService[];
}

export interface PublicRequest {
  id: string;
  service: { code: string; name: Names; group: string | null };
  status: string;
  detailedStatus: string;
  statusNotes: string | null;
  /** Null for private services: only the number and the status are public. */
  description: string | null;
  address: string | null;
  district: { code: string; name: Names } | null;
  unit: Names | null;
  lon: number | null;
  lat: number | null;
  /** Sensitive services: the point is only somewhere within this many metres. */
  approximateM: number | null;
  private: boolean;
  reporters: number;
  requestedAt: Date;
  updatedAt: Date;
  expectedAt: Date | null;
  closedAt: Date | null;
  /** When merged into another request: that request's id (the page follows it). */
  mergedInto: string | null;
  history: Array<{ at: Date; kind: string; status: string | null; detailedStatus: string | null; note: string | null }>;
  photos: string[];
}

export interface NearbyRequest {
  id: string;
  service: { code: string; name: Names };
  status: string;
  description: string;
  reporters: number;
  requestedAt: Date;
  distanceM: number;
  lon: number;
  lat: number;
  photos: string[];
}

export interface PublicStore {
  city(): Promise<PublicCity | undefined>;
  services(jurisdictionId: string): Promise<PublicServiceGroup[]>;
  districts(jurisdictionId: string): Promise<unknown>;
  request(publicId: string): Promise<PublicRequest | undefined>;
  nearby(jurisdictionId: string, serviceCode: string, lon: number, lat: number): Promise<NearbyRequest[]>;
  place(jurisdictionId: string, lon: number, lat: number): Promise<{ district: { code: string; name: Names } | null; address: string | null }>;
}

const names = (pl: string | null, en: string | null): Names => ({ pl: pl ?? en ?? '', en: en || pl || '' });
const mediaUrl = (id: string) => `/media/${id}`;

export function postgisPublicStore(knex: Knex): PublicStore {
  return {
    async city() {
      const row = await knex.raw(
        `SELECT j.id, j.name, j.name_en, j.settings,
                public.ST_X(public.ST_Centroid(coalesce(j.boundary, (SELECT public.ST_Collect(d.geom) FROM districts d WHERE d.jurisdiction_id = j.id AND d.valid_to IS NULL)))) AS lon,
                public.ST_Y(public.ST_Centroid(coalesce(j.boundary, (SELECT public.ST_Collect(d.geom) FROM districts d WHERE d.jurisdiction_id = j.id AND d.valid_to IS NULL)))) AS lat
           FROM jurisdictions j ORDER BY j.created_at, j.id LIMIT 1`,
      );
      const j = row.rows[0];
      if (!j) return undefined;
      const settings = citySettings(j.settings);
      return {
        id: j.id,
        name: names(j.name, j.name_en),
        center: settings.map.center ?? [j.lon ?? 21.01, j.lat ?? 52.23],
        zoom: settings.map.zoom,
        contact: settings.contact,
      };
    },

    async services(jurisdictionId) {
      const services = await knex('services')
        .where({ jurisdiction_id: jurisdictionId, active: true })
        .orderBy([{ column: 'group_code' }, { column: 'sort_order' }, { column: 'name_pl' }])
        .select('id', 'code', 'name_pl', 'name_en', 'description_pl', 'description_en', 'group_code', 'group_name_pl', 'group_name_en', 'keywords', 'privacy');
      const attributes = services.length
        ? await knex('service_attributes')
            .whereIn(
              'service_id',
              services.map((s) => s.id),
            )
            .orderBy(['service_id', 'order'])
        : [];
      const groups = new Map<string, PublicServiceGroup>();
      for (const s of services) {
        const code = s.group_code ?? 'other';
        if (!groups.has(code))
          groups.set(code, { code, name: s.group_code ? names(s.group_name_pl ?? s.group_code, s.group_name_en) : { pl: 'Inne', en: 'Other' }, services: [] });
        groups.get(code)!.services.push({
          code: s.code,
          name: names(s.name_pl, s.name_en),
          description: names(s.description_pl, s.description_en),
          keywords: s.keywords ?? [],
          privacy: s.privacy,
          attributes: attributes
            .filter((a) => a.service_id === s.id)
            .map((a) => ({
              code: a.code,
              datatype: a.datatype,
              required: a.required,
              variable: a.variable,
              description: names(a.description_pl, a.description_en),
              values: (a.values ?? []).map((v: { key: string; name_pl?: string; name_en?: string; name?: string }) => ({
                key: v.key,
                name: names(v.name_pl ?? v.name ?? v.key, v.name_en ?? null),
              })),
            })),
        });
      }
      return [...groups.values()];
    },

    async districts(jurisdictionId) {
      // Simplified to ~10 m: the base layer of the offline map and the district filter.
      const r = await knex.raw(
        `SELECT code, name, name_en, public.ST_AsGeoJSON(public.ST_SimplifyPreserveTopology(geom, 0.0001), 5) AS geometry
           FROM districts WHERE jurisdiction_id = ? AND valid_to IS NULL ORDER BY name`,
        [jurisdictionId],
      );
      return {
        type: 'FeatureCollection',
        features: r.rows.map((d: { code: string; name: string; name_en: string | null; geometry: string }) => ({
          type: 'Feature',
          id: d.code,
          properties: { code: d.code, name: d.name, name_en: d.name_en ?? d.name },
          geometry: JSON.parse(d.geometry),
        })),
      };
    },

    async request(publicId) {
      const r = await knex.raw(
        `SELECT r.id, r.public_id, r.status, r.detailed_status, r.status_notes, r.description, r.address,
                r.requested_at, r.updated_at, r.expected_at, r.closed_at, r.reporter_count,
                (SELECT m.public_id FROM requests m WHERE m.id = r.duplicate_of_id) AS merged_into,
                s.code AS service_code, s.name_pl, s.name_en, s.group_code, s.privacy, s.fuzz_radius_m,
                public.ST_X(r.public_geom) AS lon, public.ST_Y(r.public_geom) AS lat,
                d.code AS district_code, d.name AS district_name, d.name_en AS district_name_en,
                u.name AS unit_name, u.name_en AS unit_name_en
           FROM requests r
           JOIN services s ON s.id = r.service_id
           LEFT JOIN districts d ON d.id = r.district_id
           LEFT JOIN units u ON u.id = r.unit_id
          WHERE r.public_id = ?`,
        [publicId],
      );
      const row = r.rows[0];
      if (!row) return undefined;
      const isPrivate = row.privacy === 'private';
      const fuzzed = row.privacy === 'fuzzed';
      const history = (
        await knex('request_events').where({ request_id: row.id, public: true }).orderBy('at').select('at', 'kind', 'status', 'detailed_status', 'note')
      ).map((e) => ({
        at: e.at,
        kind: e.kind,
        status: e.status,
        detailedStatus: e.detailed_status,
        note: publicText(e.note),
      }));
      const photos = isPrivate
        ? []
        : (await knex('media').where({ request_id: row.id, public: true }).whereNotNull('storage_path').orderBy('id').select('public_id')).map((m) =>
            mediaUrl(m.public_id),
          );
      return {
        id: row.public_id,
        service: { code: row.service_code, name: names(row.name_pl, row.name_en), group: row.group_code },
        status: row.status,
        detailedStatus: row.detailed_status,
        // Private services publish only the number and the status: their notes stay inside too.
        statusNotes: isPrivate ? null : publicText(row.status_notes),
        description: isPrivate ? null : (publicText(row.description) ?? ''),
        // An address pins a sensitive report to a door: only the district is shown for those.
        address: isPrivate || fuzzed ? null : row.address,
        district: isPrivate || !row.district_code ? null : { code: row.district_code, name: names(row.district_name, row.district_name_en) },
        unit: row.unit_name ? names(row.unit_name, row.unit_name_en) : null,
        lon: isPrivate ? null : row.lon,
        lat: isPrivate ? null : row.lat,
        approximateM: fuzzed ? Math.max(50, row.fuzz_radius_m) : null,
        private: isPrivate,
        reporters: row.reporter_count,
        requestedAt: row.requested_at,
        updatedAt: row.updated_at,
        expectedAt: row.expected_at,
        closedAt: row.closed_at,
        mergedInto: row.merged_into,
        history: isPrivate ? history.map((h) => ({ ...h, note: null })) : history,
        photos,
      };
    },

    async nearby(jurisdictionId, serviceCode, lon, lat) {
      // Same kind = same service or the same duplicate group; within the service's duplicate radius
      // (at least 50 m: a tap on a phone is not more precise) and window. The envelope is expanded in
      // degrees so the GIST index on public_geom applies; the exact distance is then geographic.
      const r = await knex.raw(
        `WITH t AS (SELECT id, duplicate_group, greatest(duplicate_radius_m, 50) AS radius, duplicate_window_days AS days, duplicate_policy
                      FROM services WHERE jurisdiction_id = ? AND code = ?),
              p AS (SELECT public.ST_SetSRID(public.ST_MakePoint(?, ?), 4326) AS g)
         SELECT r.id, r.public_id, s.code, s.name_pl, s.name_en, r.status, r.description, r.reporter_count, r.requested_at,
                public.ST_X(r.public_geom) AS lon, public.ST_Y(r.public_geom) AS lat,
                public.ST_Distance(r.public_geom::public.geography, p.g::public.geography) AS distance_m
           FROM t, p, requests r JOIN services s ON s.id = r.service_id
          WHERE t.duplicate_policy <> 'off'
            AND r.public_geom && public.ST_Expand(p.g, t.radius / (111320.0 * cos(radians(?))), t.radius / 111320.0)
            AND r.status = 'open' AND r.duplicate_of_id IS NULL AND r.jurisdiction_id = ?
            AND (r.service_id = t.id OR (t.duplicate_group IS NOT NULL AND s.duplicate_group = t.duplicate_group))
            AND r.requested_at > now() - make_interval(days => t.days)
            AND public.ST_DWithin(r.public_geom::public.geography, p.g::public.geography, t.radius)
          ORDER BY distance_m
          LIMIT 5`,
        [jurisdictionId, serviceCode, lon, lat, lat, jurisdictionId],
      );
      const ids = r.rows.map((x: { id: number }) => x.id);
      const media = ids.length
        ? await knex('media').whereIn('request_id', ids).where({ public: true }).whereNotNull('storage_path').select('request_id', 'public_id')
        : [];
      return r.rows.map((x: Record<string, any>) => ({
        id: x.public_id,
        service: { code: x.code, name: names(x.name_pl, x.name_en) },
        status: x.status,
        description: publicText(x.description) ?? '',
        reporters: x.reporter_count,
        requestedAt: x.requested_at,
        distanceM: Math.round(x.distance_m),
        lon: x.lon,
        lat: x.lat,
        photos: media.filter((m) => m.request_id === x.id).map((m) => mediaUrl(m.public_id)),
      }));
    },

    async place(jurisdictionId, lon, lat) {
      const r = await knex.raw(
        `WITH p AS (SELECT public.ST_SetSRID(public.ST_MakePoint(?, ?), 4326) AS g)
         SELECT (SELECT json_build_object('code', d.code, 'name', d.name, 'name_en', d.name_en)
                   FROM district_parts dp JOIN districts d ON d.id = dp.district_id, p
                  WHERE dp.jurisdiction_id = ? AND d.valid_to IS NULL AND public.ST_Intersects(dp.geom, p.g)
                  ORDER BY d.code LIMIT 1) AS district,
                (SELECT a.street || ' ' || a.house_number FROM addresses a, p
                  WHERE a.jurisdiction_id = ? AND a.geom && public.ST_Expand(p.g, 0.003)
                  ORDER BY a.geom <-> p.g LIMIT 1) AS address`,
        [lon, lat, jurisdictionId, jurisdictionId],
      );
      const row = r.rows[0];
      const d = typeof row.district === 'string' ? JSON.parse(row.district) : row.district;
      return { district: d ? { code: d.code, name: names(d.name, d.name_en) } : null, address: row.address ?? null };
    },
  };
}
