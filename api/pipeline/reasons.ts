/**
 * Wording of the resolution reasons shown to agents. The intake builds them in JavaScript; batch
 * resolution builds the same sentences in SQL (`*Sql` helpers) so imported requests read alike.
 */
import { sql, type Sql } from '../db/sql';
import type { Reason } from './types';
import { OVERLAP_RULES, type OverlapRule } from './resolve-sql';

export const metres = (m: number) => `${Math.round(m)} m`;

/** How the district was found (PointResolution.district, stored as resolution.district). */
export interface DistrictFound {
  name: string;
  via: 'polygon' | 'nearest';
  distanceM?: number;
  /** Other districts that also cover the point, in rule order. */
  others?: Array<{ code: string; name: string }>;
  decidedBy?: OverlapRule;
}

export const NO_DISTRICT = 'outside every district (a hole or gap in the district map); no district set';

/** `nearestM`: the nearest-district distance, given only when the point is inside the city outline. */
export function districtReason(d: DistrictFound | undefined, nearestM?: number): Reason {
  if (!d) return { step: 'district', text: nearestM ? `${NO_DISTRICT}: none within ${nearestM} m` : NO_DISTRICT };
  if (d.via === 'nearest')
    return { step: 'district', text: `nearest district, ${metres(d.distanceM ?? 0)}: ${d.name} (the point is inside the city outline but in no district)` };
  const others = d.others?.length ? `; also in ${d.others.map((o) => o.name).join(', ')}: ${OVERLAP_RULES[d.decidedBy ?? 'code']}` : '';
  return { step: 'district', text: `district ${d.name} (point in polygon${others})` };
}

export function unitReason(district: { name: string } | undefined, rule: { code: string; description: string | null; unit_name: string } | undefined): Reason {
  if (!rule) return { step: 'unit', text: 'no routing rule matches; the request waits for an agent to assign it' };
  const where = district ? `district ${district.name}; ` : '';
  return { step: 'unit', text: `${where}rule ${rule.code}${rule.description ? `: ${rule.description}` : ''} -> ${rule.unit_name}` };
}

export function addressReason(
  addr: { label: string; distance_m: number } | undefined,
  street: { label: string; distance_m: number } | undefined,
  near: number,
): Reason {
  if (addr && addr.distance_m <= near) return { step: 'address', text: `nearest address ${addr.label}, ${metres(addr.distance_m)}` };
  if (street) return { step: 'address', text: `no address point within ${near} m; nearest street ${street.label}, ${metres(street.distance_m)}` };
  if (addr) return { step: 'address', text: `nearest address ${addr.label}, ${metres(addr.distance_m)} (far)` };
  return { step: 'address', text: 'no address register for this place' };
}

/** SQL building the same reasons as a jsonb array, over the laterals of `resolve-sql.ts` and the row alias `t`. */
export function reasonsSql(near: number): Sql {
  const n = sql.int(near);
  return sql`jsonb_build_array(
    jsonb_build_object('step', 'district', 'text', CASE
      WHEN dist.id IS NULL AND t.nearest_m > 0 AND EXISTS (SELECT 1 FROM jurisdictions jb WHERE jb.id = t.jurisdiction_id AND ST_Intersects(jb.boundary, t.geom))
        THEN ${NO_DISTRICT}::text || ': none within ' || t.nearest_m || ' m'
      WHEN dist.id IS NULL THEN ${NO_DISTRICT}::text
      WHEN dist.via = 'nearest' THEN 'nearest district, ' || round(dist.distance_m) || ' m: ' || dist.name || ' (the point is inside the city outline but in no district)'
      WHEN cardinality(dist.others) > 0 THEN 'district ' || dist.name || ' (point in polygon; also in ' || array_to_string(dist.others, ', ') || ': '
        || CASE dist.decided_by WHEN 'priority' THEN ${OVERLAP_RULES.priority}::text WHEN 'smaller' THEN ${OVERLAP_RULES.smaller}::text ELSE ${OVERLAP_RULES.code}::text END || ')'
      ELSE 'district ' || dist.name || ' (point in polygon)' END),
    jsonb_build_object('step', 'unit', 'text', CASE WHEN rule.id IS NULL
      THEN 'no routing rule matches; the request waits for an agent to assign it'
      ELSE coalesce('district ' || dist.name || '; ', '') || 'rule ' || rule.code || coalesce(': ' || rule.description, '') || ' -> ' || rule.unit_name END),
    jsonb_build_object('step', 'address', 'text', CASE
      WHEN addr.id IS NOT NULL AND addr.distance_m <= ${n} THEN 'nearest address ' || addr.label || ', ' || round(addr.distance_m) || ' m'
      WHEN street.label IS NOT NULL THEN 'no address point within ${n} m; nearest street ' || street.label || ', ' || round(street.distance_m) || ' m'
      WHEN addr.id IS NOT NULL THEN 'nearest address ' || addr.label || ', ' || round(addr.distance_m) || ' m (far)'
      ELSE 'no address register for this place' END))`;
}
