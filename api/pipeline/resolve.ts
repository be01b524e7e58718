/**
 * Resolution of one point in ONE statement (docs/performance.md#the-database-alone: keep round trips few): inside
 * the jurisdiction (and whether the swapped pair would be), district, routing rule, nearest address
 * or street, the public point and the duplicate candidates. Used by the intake and by
 * previewResolution (the console and portal pin drop), so both show the same answer.
 */
import type { Database } from '../db/engine';
import { prepared } from '../db/query';
import { sql } from '../db/sql';
import { publicGeomSql } from '../privacy/fuzz';
import { addressLateral, districtLateral, ruleLateral, streetLateral, ADDRESS_NEAR_M } from './resolve-sql';
import { duplicatesLateral, MAX_RADIUS_M, RawCandidate } from './duplicates';
import { addressReason, districtReason, unitReason, type DistrictFound } from './reasons';
import type { OverlapRule } from './resolve-sql';
import { CITY_SETTINGS_DEFAULTS } from '../../kernel/city-settings';
import type { Reason, Resolution } from './types';

export interface ServiceRow {
  id: number;
  code: string;
  name_pl: string;
  name_en: string;
  group_code: string | null;
  type: string;
  active: boolean;
  duplicate_policy: 'off' | 'suggest' | 'merge';
  duplicate_radius_m: number;
  duplicate_window_days: number;
  duplicate_group: string | null;
  privacy: 'public' | 'fuzzed' | 'private';
  fuzz_radius_m: number;
  sla_response: number | null;
  sla_response_unit: string | null;
  sla_resolution: number | null;
  sla_resolution_unit: string | null;
}

export interface PointResolution {
  inside: boolean;
  swappedInside: boolean;
  /** City setting resolution.nearest_district_m, as used. */
  nearestM: number;
  district?: { id: number; code: string; name: string } & DistrictFound;
  rule?: { id: number; code: string; description: string | null; unit_id: number; unit_code: string; unit_name: string; place: string };
  address?: { id: number; source_id: string; label: string; postcode: string | null; distance_m: number };
  street?: { label: string; distance_m: number };
  publicPoint: { lat: number; long: number } | null;
  raw: RawCandidate[];
  radiusM: number;
  windowDays: number;
}

/** Preview without a service: any open request within this radius and window is a candidate. */
export const PREVIEW_RADIUS_M = 250;
export const PREVIEW_WINDOW_DAYS = 30;

export async function resolvePoint(
  db: Database,
  p: { jurisdictionId: string; lat: number; long: number; at: Date; service?: ServiceRow; text?: string; nearestM?: number },
): Promise<PointResolution> {
  const s = p.service;
  const nearestM = p.nearestM ?? CITY_SETTINGS_DEFAULTS.nearestDistrictM;
  const radius = Math.min(s ? s.duplicate_radius_m : PREVIEW_RADIUS_M, MAX_RADIUS_M);
  const windowDays = s ? s.duplicate_window_days : PREVIEW_WINDOW_DAYS;
  const swapped = sql`ST_SetSRID(ST_MakePoint(ST_Y(t.geom), ST_X(t.geom)), 4326)`;
  // publicGeomSql builds its text from the constant column names given here.
  const pub = sql.raw(publicGeomSql('t.geom', 't.privacy', 't.fuzz_radius_m') as 'public_geom');
  const rows = await prepared<any>(
    db,
    'resolve',
    sql`WITH t AS (
       SELECT ${p.jurisdictionId}::text AS jurisdiction_id, ST_SetSRID(ST_MakePoint(${p.long}::float8, ${p.lat}::float8), 4326) AS geom, ${p.at.toISOString()}::timestamptz AS at,
              ${s?.id ?? null}::bigint AS service_id, ${s?.group_code ?? null}::text AS group_code, ${s?.duplicate_group ?? null}::text AS dup_group, ${radius}::int AS radius_m, ${windowDays}::int AS window_days,
              ${s ? s.duplicate_policy : 'suggest'}::text AS policy, ${s?.privacy ?? 'public'}::text AS privacy, ${s?.fuzz_radius_m ?? 0}::int AS fuzz_radius_m, ${p.text ?? ''}::text AS txt, ${nearestM}::float8 AS nearest_m)
     SELECT j.has_boundary, j.inside_boundary, j.swapped_inside,
            dist.id AS district_id, dist.code AS district_code, dist.name AS district_name, dist.via AS district_via,
            dist.distance_m AS district_m, to_jsonb(dist.others) AS district_others, to_jsonb(dist.other_codes) AS district_other_codes, dist.decided_by AS district_rule,
            rule.id AS rule_id, rule.code AS rule_code, rule.description AS rule_description, rule.unit_id, rule.unit_code, rule.unit_name, rule.place AS rule_place,
            addr.id AS address_id, addr.source_id AS address_source_id, addr.label AS address_label, addr.postcode, addr.distance_m AS address_m,
            street.label AS street_label, street.distance_m AS street_m,
            ST_Y(pub.g) AS pub_lat, ST_X(pub.g) AS pub_long, dups.list AS candidates
       FROM t
       CROSS JOIN LATERAL (
         SELECT jj.boundary IS NOT NULL AS has_boundary, ST_Intersects(jj.boundary, t.geom) AS inside_boundary,
                CASE WHEN jj.boundary IS NOT NULL THEN ST_Intersects(jj.boundary, ${swapped})
                     ELSE EXISTS (SELECT 1 FROM district_parts dp WHERE dp.jurisdiction_id = t.jurisdiction_id AND ST_Intersects(dp.geom, ${swapped})) END AS swapped_inside
           FROM jurisdictions jj WHERE jj.id = t.jurisdiction_id) j
       ${districtLateral('t')} ${ruleLateral('t')} ${addressLateral('t')} ${streetLateral('t')}
       CROSS JOIN LATERAL (SELECT ${pub} AS g) pub
       ${duplicatesLateral('t')}`,
  );
  const r = rows[0];
  return {
    inside: r.has_boundary ? !!r.inside_boundary : r.district_id != null,
    swappedInside: !!r.swapped_inside,
    nearestM,
    district: r.district_id != null ? districtFound(r) : undefined,
    rule:
      r.rule_id != null
        ? {
            id: Number(r.rule_id),
            code: r.rule_code,
            description: r.rule_description,
            unit_id: Number(r.unit_id),
            unit_code: r.unit_code,
            unit_name: r.unit_name,
            place: r.rule_place,
          }
        : undefined,
    address:
      r.address_id != null
        ? { id: Number(r.address_id), source_id: r.address_source_id, label: r.address_label, postcode: r.postcode, distance_m: r.address_m }
        : undefined,
    street: r.street_label != null ? { label: r.street_label, distance_m: r.street_m } : undefined,
    publicPoint: r.pub_lat != null ? { lat: r.pub_lat, long: r.pub_long } : null,
    raw: (typeof r.candidates === 'string' ? JSON.parse(r.candidates) : (r.candidates ?? [])) as RawCandidate[],
    radiusM: radius,
    windowDays,
  };
}

const textArray = (v: unknown): string[] => (typeof v === 'string' ? JSON.parse(v) : (v ?? [])) as string[];

function districtFound(r: any): NonNullable<PointResolution['district']> {
  const base = { id: Number(r.district_id), code: r.district_code as string, name: r.district_name as string };
  if (r.district_via === 'nearest') return { ...base, via: 'nearest', distanceM: Math.round(Number(r.district_m)) };
  const names = textArray(r.district_others);
  const codes = textArray(r.district_other_codes);
  if (!names.length) return { ...base, via: 'polygon' };
  return { ...base, via: 'polygon', others: names.map((name, i) => ({ code: codes[i], name })), decidedBy: r.district_rule as OverlapRule };
}

/** The parts of a Resolution that come from the point (no duplicates, no SLA yet). */
export function describePoint(jurisdictionId: string, lat: number, long: number, pr: PointResolution, locationReason?: Reason): Resolution {
  const reasons: Reason[] = [];
  if (locationReason) reasons.push(locationReason);
  reasons.push(addressReason(pr.address, pr.street, ADDRESS_NEAR_M));
  reasons.push(districtReason(pr.district, pr.inside ? pr.nearestM : undefined));
  reasons.push(unitReason(pr.district, pr.rule));
  const near = pr.address && pr.address.distance_m <= ADDRESS_NEAR_M;
  return {
    jurisdictionId,
    lat,
    long,
    address: near
      ? {
          id: pr.address!.id,
          sourceId: pr.address!.source_id,
          label: pr.address!.label,
          postcode: pr.address!.postcode,
          distanceM: Math.round(pr.address!.distance_m),
        }
      : pr.street
        ? { street: pr.street.label, distanceM: Math.round(pr.street.distance_m) }
        : undefined,
    district: pr.district,
    unit: pr.rule ? { id: pr.rule.unit_id, code: pr.rule.unit_code, name: pr.rule.unit_name, ruleId: pr.rule.id, ruleCode: pr.rule.code } : undefined,
    candidates: [],
    reasons,
  };
}
