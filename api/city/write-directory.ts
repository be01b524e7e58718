/**
 * Units, services with their attributes, and routing rules: upserted by code (issue #2). What the
 * pack no longer lists is retired, never deleted, because requests point at it: units and services
 * become inactive, routing rules get valid_to = now. Removed attributes are deleted (requests keep
 * their values in their own JSON).
 */
import type { Knex } from 'knex';
import type { ServiceEntry, UnitEntry } from './pack-types';
import type { RoutingInput } from './load-pack';
import type { ImportProblem } from './problems';
import { Count, countUpsert } from './write-support';

export async function writeUnits(trx: Knex.Transaction, jurisdictionId: string, units: UnitEntry[], count: Count): Promise<void> {
  const touched = new Set<string>(); // inserted or updated in this import, already counted
  for (const u of units) {
    const returned = await countUpsert(
      trx,
      `
      INSERT INTO units AS u (jurisdiction_id, code, name, name_en, kind, email, phone, active, address, geom)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ?::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326) END)
      ON CONFLICT (jurisdiction_id, code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, kind = EXCLUDED.kind,
        email = EXCLUDED.email, phone = EXCLUDED.phone, active = EXCLUDED.active, address = EXCLUDED.address, geom = EXCLUDED.geom, updated_at = now()
      WHERE (u.name, u.name_en, u.kind, u.email, u.phone, u.active, u.address, ST_AsBinary(u.geom)) IS DISTINCT FROM
        (EXCLUDED.name, EXCLUDED.name_en, EXCLUDED.kind, EXCLUDED.email, EXCLUDED.phone, EXCLUDED.active, EXCLUDED.address, ST_AsBinary(EXCLUDED.geom))
      RETURNING (xmax = 0) AS inserted`,
      [
        jurisdictionId,
        u.code,
        u.name,
        u.name_en ?? null,
        u.kind ?? 'department',
        u.email ?? null,
        u.phone ?? null,
        u.active ?? true,
        u.address ?? null,
        u.location?.long ?? null,
        u.location?.long ?? null,
        u.location?.lat ?? null,
      ],
      1,
      count,
    );
    if (returned.length) touched.add(u.code);
  }
  // Parents in a second pass: a unit may name a parent listed after it.
  for (const u of units) {
    const changed = await trx.raw(
      `
      UPDATE units SET parent_id = p.id, updated_at = now()
      FROM (SELECT (SELECT id FROM units WHERE jurisdiction_id = ? AND code = ?::text) AS id) p
      WHERE units.jurisdiction_id = ? AND units.code = ? AND units.parent_id IS DISTINCT FROM p.id
      RETURNING units.id`,
      [jurisdictionId, u.parent ?? null, jurisdictionId, u.code],
    );
    if (changed.rows.length && !touched.has(u.code)) {
      touched.add(u.code);
      count.updated++;
      count.unchanged--;
    }
  }
  const retired = await trx.raw(
    `UPDATE units SET active = false, updated_at = now() WHERE jurisdiction_id = ? AND active AND NOT (code = ANY(?::text[])) RETURNING id`,
    [jurisdictionId, units.map((u) => u.code)],
  );
  count.closed = retired.rows.length;
}

export async function writeServices(
  trx: Knex.Transaction,
  jurisdictionId: string,
  services: ServiceEntry[],
  count: Count,
  attributeCount: Count,
): Promise<void> {
  for (const [i, s] of services.entries()) {
    const values = [
      s.name.pl,
      s.name.en,
      s.description?.pl ?? '',
      s.description?.en ?? '',
      s.group?.code ?? null,
      s.group?.pl ?? null,
      s.group?.en ?? null,
      s.keywords ?? [],
      s.type ?? 'realtime',
      s.kind ?? 'intervention',
      s.active ?? true,
      s.sla?.response?.value ?? null,
      s.sla?.response?.unit ?? null,
      s.sla?.resolution?.value ?? null,
      s.sla?.resolution?.unit ?? null,
      s.duplicates?.policy ?? 'suggest',
      s.duplicates?.radius_m ?? 250,
      s.duplicates?.window_days ?? 30,
      s.duplicates?.group ?? null,
      s.privacy?.mode ?? 'public',
      s.privacy?.radius_m ?? 0,
      s.sort_order ?? i,
    ];
    const cols = `name_pl, name_en, description_pl, description_en, group_code, group_name_pl, group_name_en, keywords, type, kind, active,
      sla_response, sla_response_unit, sla_resolution, sla_resolution_unit, duplicate_policy, duplicate_radius_m, duplicate_window_days,
      duplicate_group, privacy, fuzz_radius_m, sort_order`;
    const names = cols.split(',').map((c) => c.trim());
    const returned = await countUpsert<{ inserted: boolean; id: number }>(
      trx,
      `
      INSERT INTO services AS s (jurisdiction_id, code, ${cols})
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (jurisdiction_id, code) DO UPDATE SET ${names.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
      WHERE (${names.map((c) => `s.${c}`).join(', ')}) IS DISTINCT FROM (${names.map((c) => `EXCLUDED.${c}`).join(', ')})
      RETURNING (xmax = 0) AS inserted, id`,
      [jurisdictionId, s.code, ...values],
      1,
      count,
    );
    const serviceId = returned.length
      ? Number(returned[0].id)
      : Number((await trx.raw(`SELECT id FROM services WHERE jurisdiction_id = ? AND code = ?`, [jurisdictionId, s.code])).rows[0].id);
    await writeAttributes(trx, serviceId, s, attributeCount);
  }
  const retired = await trx.raw(
    `UPDATE services SET active = false, updated_at = now() WHERE jurisdiction_id = ? AND active AND NOT (code = ANY(?::text[])) RETURNING id`,
    [jurisdictionId, services.map((s) => s.code)],
  );
  count.closed = retired.rows.length;
}

async function writeAttributes(trx: Knex.Transaction, serviceId: number, s: ServiceEntry, count: Count): Promise<void> {
  const attributes = s.attributes ?? [];
  const removed = await trx.raw(`DELETE FROM service_attributes WHERE service_id = ? AND NOT (code = ANY(?::text[])) RETURNING id`, [
    serviceId,
    attributes.map((a) => a.code),
  ]);
  count.closed = (count.closed ?? 0) + removed.rows.length;
  // "order" is unique per service: move reordered attributes out of the way first, so a swap cannot collide.
  const existing = await trx.raw(`SELECT code, "order" FROM service_attributes WHERE service_id = ?`, [serviceId]);
  const orderOf = new Map<string, number>(existing.rows.map((r: { code: string; order: number }) => [r.code, r.order]));
  const moving = attributes.filter((a) => orderOf.has(a.code) && orderOf.get(a.code) !== a.order).map((a) => a.code);
  if (moving.length)
    await trx.raw(`UPDATE service_attributes SET "order" = "order" + 1000000 WHERE service_id = ? AND code = ANY(?::text[])`, [serviceId, moving]);
  for (const a of attributes) {
    const values = (a.values ?? []).map((v) => ({ key: v.key, name_pl: v.name.pl, name_en: v.name.en }));
    await countUpsert(
      trx,
      `
      INSERT INTO service_attributes AS a (service_id, code, "order", datatype, variable, required, description_pl, description_en,
        datatype_description_pl, datatype_description_en, "values")
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
      ON CONFLICT (service_id, code) DO UPDATE SET "order" = EXCLUDED."order", datatype = EXCLUDED.datatype, variable = EXCLUDED.variable,
        required = EXCLUDED.required, description_pl = EXCLUDED.description_pl, description_en = EXCLUDED.description_en,
        datatype_description_pl = EXCLUDED.datatype_description_pl, datatype_description_en = EXCLUDED.datatype_description_en, "values" = EXCLUDED."values"
      WHERE (a."order", a.datatype, a.variable, a.required, a.description_pl, a.description_en, a.datatype_description_pl, a.datatype_description_en, a."values")
        IS DISTINCT FROM (EXCLUDED."order", EXCLUDED.datatype, EXCLUDED.variable, EXCLUDED.required, EXCLUDED.description_pl, EXCLUDED.description_en,
        EXCLUDED.datatype_description_pl, EXCLUDED.datatype_description_en, EXCLUDED."values")
      RETURNING (xmax = 0) AS inserted`,
      [
        serviceId,
        a.code,
        a.order,
        a.datatype,
        a.variable ?? true,
        a.required ?? false,
        a.description.pl,
        a.description.en,
        a.datatype_description?.pl ?? null,
        a.datatype_description?.en ?? null,
        JSON.stringify(values),
      ],
      1,
      count,
    );
  }
}

/**
 * Routing rules. References (unit, service, group) are resolved against the database, so a pack
 * that only carries routing.json can still route to units imported earlier; an unknown one is a problem.
 */
export async function writeRouting(trx: Knex.Transaction, jurisdictionId: string, rules: RoutingInput[], now: Date, count: Count): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  const units = new Map<string, number>(
    (await trx.raw(`SELECT code, id FROM units WHERE jurisdiction_id = ?`, [jurisdictionId])).rows.map((r: { code: string; id: number }) => [
      r.code,
      Number(r.id),
    ]),
  );
  const services = new Map<string, number>(
    (await trx.raw(`SELECT code, id FROM services WHERE jurisdiction_id = ?`, [jurisdictionId])).rows.map((r: { code: string; id: number }) => [
      r.code,
      Number(r.id),
    ]),
  );
  const groups = new Set<string>(
    (await trx.raw(`SELECT DISTINCT group_code FROM services WHERE jurisdiction_id = ? AND group_code IS NOT NULL`, [jurisdictionId])).rows.map(
      (r: { group_code: string }) => r.group_code,
    ),
  );
  const districts = new Set<string>(
    (await trx.raw(`SELECT code FROM districts WHERE jurisdiction_id = ? AND valid_to IS NULL`, [jurisdictionId])).rows.map((r: { code: string }) => r.code),
  );
  for (const rule of rules) {
    const at = (field: string) => `$[${rule.index}].${field}`;
    const unitId = units.get(rule.unit);
    if (unitId === undefined)
      problems.push({ file: 'routing.json', location: at('unit'), reason: `unit ${JSON.stringify(rule.unit)} is not a unit of this city` });
    const serviceId = rule.service !== undefined ? services.get(rule.service) : null;
    if (serviceId === undefined)
      problems.push({ file: 'routing.json', location: at('service'), reason: `service ${JSON.stringify(rule.service)} is not a service of this city` });
    if (rule.group !== undefined && !groups.has(rule.group))
      problems.push({
        file: 'routing.json',
        location: at('group'),
        reason: `group ${JSON.stringify(rule.group)} is not the group of any service of this city`,
      });
    if (rule.district !== undefined && !districts.has(rule.district))
      problems.push({ file: 'routing.json', location: at('district'), reason: `district ${JSON.stringify(rule.district)} is not a district of this city` });
    if (problems.length) continue;
    await countUpsert(
      trx,
      `
      INSERT INTO routing_rules AS r (jurisdiction_id, code, description, service_id, service_group, district_code, area, unit_id, priority, valid_from, valid_to)
      VALUES (?, ?, ?, ?, ?, ?, CASE WHEN ?::text IS NULL THEN NULL ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326)), 3)) END, ?, ?, ?, ?)
      ON CONFLICT (jurisdiction_id, code) DO UPDATE SET description = EXCLUDED.description, service_id = EXCLUDED.service_id,
        service_group = EXCLUDED.service_group, district_code = EXCLUDED.district_code, area = EXCLUDED.area, unit_id = EXCLUDED.unit_id,
        priority = EXCLUDED.priority, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, updated_at = now()
      WHERE (r.description, r.service_id, r.service_group, r.district_code, ST_AsBinary(r.area), r.unit_id, r.priority, r.valid_from, r.valid_to)
        IS DISTINCT FROM (EXCLUDED.description, EXCLUDED.service_id, EXCLUDED.service_group, EXCLUDED.district_code, ST_AsBinary(EXCLUDED.area),
        EXCLUDED.unit_id, EXCLUDED.priority, EXCLUDED.valid_from, EXCLUDED.valid_to)
      RETURNING (xmax = 0) AS inserted`,
      [
        jurisdictionId,
        rule.code,
        rule.description ?? null,
        serviceId ?? null,
        rule.group ?? null,
        rule.district ?? null,
        rule.areaGeometry ? JSON.stringify(rule.areaGeometry) : null,
        rule.areaGeometry ? JSON.stringify(rule.areaGeometry) : null,
        unitId!,
        rule.priority ?? 0,
        rule.valid_from ? new Date(`${rule.valid_from}T00:00:00Z`) : null,
        rule.valid_to ? new Date(`${rule.valid_to}T00:00:00Z`) : null,
      ],
      1,
      count,
    );
  }
  if (problems.length) return problems;
  const retired = await trx.raw(
    `
    UPDATE routing_rules SET valid_to = ?, updated_at = now()
    WHERE jurisdiction_id = ? AND NOT (code = ANY(?::text[])) AND (valid_to IS NULL OR valid_to > ?) RETURNING id`,
    [now, jurisdictionId, rules.map((r) => r.code), now],
  );
  count.closed = retired.rows.length;
  return problems;
}
