/**
 * A small fixture city for database tests (reusable by any suite): direct inserts, no importer.
 *
 * "Testowo" (jurisdiction `testowo.pl`), a box 21.00-21.04 E x 52.20-52.24 N, Europe/Warsaw:
 * - district 01 Alfa: west half (21.00-21.02) with a HOLE at 21.005-21.008 / 52.205-52.208;
 *   before 2026-01-01 Alfa reached 21.03 (boundary history, no hole);
 * - district 02 Beta: east half (21.02-21.04), plus an ISLAND inside Alfa's hole
 *   (21.0055-21.0065 / 52.2055-52.2065); before 2026-01-01 it started at 21.03;
 *   the border 21.02 is shared (a point on it goes to 01, the lowest code);
 * - units UM (city hall), ZDM (roads), UDB (Beta district office), ZOM (cleaning), ZOM2, MPWIK, OLD (inactive);
 * - services: pothole (roads, suggest, 100 m / 30 d, 8 working h / 5 working d, attributes size + depth),
 *   streetlight and lamp_post (duplicate group lights; streetlight merges automatically, 50 m),
 *   litter (cleaning, 2 days), noise (fuzzed 200 m), abuse (private), closed_service (inactive);
 * - routing rules: default (any, anywhere) -> UM; roads-all (group roads) -> ZDM; roads-beta
 *   (group roads, district 02) -> UDB; pothole-zone (service pothole, area 21.03-21.035 /
 *   52.23-52.235) -> MPWIK; litter-low / litter-high (litter in 01, priorities 1 and 5) -> ZOM / ZOM2;
 *   litter-old (litter anywhere, expired 2025-01-01) -> ZOM; lamp-inactive (lamp_post) -> OLD, an inactive unit;
 * - streets ul. Marszałkowska (along 52.220 N), ul. Złota (along 21.010 E), al. Jerozolimskie
 *   (along 52.210 N), pl. Zbawiciela (short, at 21.025/52.215), ul. Łazienkowska (along 21.030 E,
 *   no address points: the street fallback);
 * - addresses: Marszałkowska 1..20 (with 12A and 5/7) just north of the street, Złota 1..10,
 *   Jerozolimskie 1..5, Zbawiciela 1.
 */
import type { Knex } from 'knex';
import type { Database } from '../db/engine';

export const FIXTURE_JURISDICTION = 'testowo.pl';

export interface FixtureCity {
  jurisdictionId: string;
  districts: Record<'alfa' | 'beta' | 'alfaOld' | 'betaOld', number>;
  units: Record<string, number>;
  services: Record<string, number>;
  rules: Record<string, number>;
  streets: Record<string, number>;
}

const box = (x1: number, y1: number, x2: number, y2: number) => `(${x1} ${y1}, ${x2} ${y1}, ${x2} ${y2}, ${x1} ${y2}, ${x1} ${y1})`;

export async function createFixtureCity(db: Database, options: { jurisdictionId?: string } = {}): Promise<FixtureCity> {
  const k = db.knex;
  const j = options.jurisdictionId ?? FIXTURE_JURISDICTION;
  await k.raw(`INSERT INTO jurisdictions (id, name, name_en, boundary) VALUES (?, 'Testowo', 'Testtown', ST_GeomFromText(?, 4326))`, [
    j,
    `MULTIPOLYGON((${box(21, 52.2, 21.04, 52.24)}))`,
  ]);

  const district = async (code: string, name: string, wkt: string, from: string, to: string | null) => {
    const id = (
      await k.raw(
        `INSERT INTO districts (jurisdiction_id, code, name, geom, geom_hash, valid_from, valid_to)
       VALUES (?, ?, ?, ST_Multi(ST_GeomFromText(?, 4326)), md5(?), ?, ?) RETURNING id`,
        [j, code, name, wkt, wkt, from, to],
      )
    ).rows[0].id as number;
    await k.raw(
      `INSERT INTO district_parts (district_id, jurisdiction_id, geom)
       SELECT ?, ?, (ST_Dump(ST_Subdivide(geom, 64))).geom FROM districts WHERE id = ?`,
      [id, j, id],
    );
    return id;
  };
  const districts = {
    alfaOld: await district('01', 'Alfa', `POLYGON(${box(21, 52.2, 21.03, 52.24)})`, '2000-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    betaOld: await district('02', 'Beta', `POLYGON(${box(21.03, 52.2, 21.04, 52.24)})`, '2000-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    alfa: await district('01', 'Alfa', `POLYGON(${box(21, 52.2, 21.02, 52.24)}, ${box(21.005, 52.205, 21.008, 52.208)})`, '2026-01-01T00:00:00Z', null),
    beta: await district(
      '02',
      'Beta',
      `MULTIPOLYGON((${box(21.02, 52.2, 21.04, 52.24)}), (${box(21.0055, 52.2055, 21.0065, 52.2065)}))`,
      '2026-01-01T00:00:00Z',
      null,
    ),
  };

  const units: Record<string, number> = {};
  for (const [code, name, kind, active] of [
    ['UM', 'Urząd Miasta Testowo', 'department', true],
    ['ZDM', 'Zarząd Dróg Miejskich', 'department', true],
    ['UDB', 'Urząd Dzielnicy Beta', 'district_office', true],
    ['ZOM', 'Zakład Oczyszczania Miasta', 'department', true],
    ['ZOM2', 'Zakład Oczyszczania Miasta, brygada 2', 'contractor', true],
    ['MPWIK', 'Wodociągi Miejskie', 'utility', true],
    ['OLD', 'Dawna jednostka', 'department', false],
  ] as const) {
    units[code] = (
      await k.raw(`INSERT INTO units (jurisdiction_id, code, name, kind, active) VALUES (?, ?, ?, ?, ?) RETURNING id`, [j, code, name, kind, active])
    ).rows[0].id;
  }

  const services: Record<string, number> = {};
  const service = async (code: string, v: Record<string, unknown>) => {
    services[code] = (
      await k('services')
        .insert({ jurisdiction_id: j, code, name_pl: code, name_en: code, ...v })
        .returning('id')
    )[0].id;
  };
  await service('pothole', {
    name_pl: 'Dziura w jezdni',
    name_en: 'Pothole',
    group_code: 'roads',
    sla_response: 8,
    sla_response_unit: 'working_hours',
    sla_resolution: 5,
    sla_resolution_unit: 'working_days',
    duplicate_policy: 'suggest',
    duplicate_radius_m: 100,
    duplicate_window_days: 30,
  });
  await service('streetlight', {
    name_pl: 'Nie świeci latarnia',
    name_en: 'Street light out',
    group_code: 'roads',
    duplicate_policy: 'merge',
    duplicate_radius_m: 50,
    duplicate_group: 'lights',
    sla_resolution: 3,
    sla_resolution_unit: 'days',
  });
  await service('lamp_post', {
    name_pl: 'Uszkodzony słup',
    name_en: 'Damaged lamp post',
    group_code: 'lighting',
    duplicate_policy: 'suggest',
    duplicate_radius_m: 50,
    duplicate_group: 'lights',
  });
  await service('litter', {
    name_pl: 'Śmieci',
    name_en: 'Litter',
    group_code: 'cleaning',
    sla_resolution: 2,
    sla_resolution_unit: 'days',
    duplicate_window_days: 7,
  });
  await service('noise', { name_pl: 'Hałas', name_en: 'Noise', group_code: 'order', privacy: 'fuzzed', fuzz_radius_m: 200, duplicate_policy: 'off' });
  await service('abuse', { name_pl: 'Przemoc', name_en: 'Abuse', group_code: 'order', privacy: 'private', duplicate_policy: 'off' });
  await service('closed_service', { name_pl: 'Wycofana', name_en: 'Withdrawn', active: false });
  await k('service_attributes').insert([
    {
      service_id: services.pothole,
      code: 'size',
      order: 1,
      datatype: 'singlevaluelist',
      required: true,
      description_pl: 'Wielkość',
      description_en: 'Size',
      values: JSON.stringify([
        { key: 'small', name_pl: 'mała', name_en: 'small' },
        { key: 'large', name_pl: 'duża', name_en: 'large' },
      ]),
    },
    {
      service_id: services.pothole,
      code: 'depth',
      order: 2,
      datatype: 'number',
      required: false,
      description_pl: 'Głębokość (cm)',
      description_en: 'Depth (cm)',
    },
    { service_id: services.pothole, code: 'info', order: 3, datatype: 'text', variable: false, description_pl: 'Uwaga', description_en: 'Note' },
    {
      service_id: services.litter,
      code: 'kinds',
      order: 1,
      datatype: 'multivaluelist',
      required: false,
      description_pl: 'Rodzaj',
      description_en: 'Kind',
      values: JSON.stringify([
        { key: 'glass', name_pl: 'szkło', name_en: 'glass' },
        { key: 'bulky', name_pl: 'gabaryty', name_en: 'bulky' },
      ]),
    },
    { service_id: services.litter, code: 'seen_at', order: 2, datatype: 'datetime', required: false, description_pl: 'Kiedy', description_en: 'When' },
  ]);

  const rules: Record<string, number> = {};
  const rule = async (code: string, v: Record<string, unknown>, area?: string) => {
    rules[code] = (
      await k.raw(
        `INSERT INTO routing_rules (jurisdiction_id, code, description, service_id, service_group, district_code, unit_id, priority, valid_from, valid_to, area)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${area ? 'ST_Multi(ST_GeomFromText(?, 4326))' : 'NULL'}) RETURNING id`,
        [
          j,
          code,
          v.description ?? null,
          v.service_id ?? null,
          v.service_group ?? null,
          v.district_code ?? null,
          v.unit_id,
          v.priority ?? 0,
          v.valid_from ?? null,
          v.valid_to ?? null,
          ...(area ? [area] : []),
        ] as Knex.RawBinding[],
      )
    ).rows[0].id;
  };
  await rule('default', { unit_id: units.UM, description: 'everything else' });
  await rule('roads-all', { service_group: 'roads', unit_id: units.ZDM, description: 'roads' });
  await rule('roads-beta', { service_group: 'roads', district_code: '02', unit_id: units.UDB, description: 'roads in Beta' });
  await rule(
    'pothole-zone',
    { service_id: services.pothole, unit_id: units.MPWIK, description: 'potholes over the water works' },
    `POLYGON(${box(21.03, 52.23, 21.035, 52.235)})`,
  );
  await rule('litter-low', { service_id: services.litter, district_code: '01', unit_id: units.ZOM, priority: 1 });
  await rule('litter-high', { service_id: services.litter, district_code: '01', unit_id: units.ZOM2, priority: 5 });
  await rule('litter-old', { service_id: services.litter, unit_id: units.ZOM, priority: 9, valid_to: '2025-01-01T00:00:00Z' });
  await rule('lamp-inactive', { service_id: services.lamp_post, unit_id: units.OLD, priority: 9 });

  const streets: Record<string, number> = {};
  const street = async (prefix: string, name: string, wkt: string) => {
    streets[name] = (
      await k.raw(
        `INSERT INTO streets (jurisdiction_id, prefix, name, name_folded, geom) VALUES (?, ?, ?, k_fold(?), ST_Multi(ST_GeomFromText(?, 4326))) RETURNING id`,
        [j, prefix, name, name, wkt],
      )
    ).rows[0].id;
  };
  await street('ul.', 'Marszałkowska', 'LINESTRING(21 52.22, 21.04 52.22)');
  await street('ul.', 'Złota', 'LINESTRING(21.01 52.2, 21.01 52.24)');
  await street('al.', 'Jerozolimskie', 'LINESTRING(21 52.21, 21.04 52.21)');
  await street('pl.', 'Zbawiciela', 'LINESTRING(21.0245 52.215, 21.0255 52.215)');
  await street('ul.', 'Łazienkowska', 'LINESTRING(21.03 52.2, 21.03 52.24)');
  const addr = async (streetName: string, prefix: string, numbers: string[], at: (i: number) => [number, number]) => {
    const rows = numbers.map((n, i) => {
      const [x, y] = at(i);
      return k.raw(`(?, ?, ?, ?, ?, '00-001', ST_SetSRID(ST_MakePoint(?, ?), 4326))`, [
        j,
        `${streetName}-${n}`,
        streets[streetName],
        `${prefix} ${streetName}`,
        n,
        x,
        y,
      ]);
    });
    await k.raw(
      `INSERT INTO addresses (jurisdiction_id, source_id, street_id, street, house_number, postcode, geom) VALUES ${rows.map(() => '?').join(', ')}`,
      rows,
    );
  };
  const marsz = [...Array.from({ length: 20 }, (_, i) => String(i + 1)), '12A', '5/7'];
  await addr('Marszałkowska', 'ul.', marsz, (i) => [21.001 + (i < 20 ? i : i === 20 ? 11.3 : 4.5) * 0.001, 52.2201]);
  await addr(
    'Złota',
    'ul.',
    Array.from({ length: 10 }, (_, i) => String(i + 1)),
    (i) => [21.0101, 52.221 + i * 0.001],
  );
  await addr('Jerozolimskie', 'al.', ['1', '2', '3', '4', '5'], (i) => [21.011 + i * 0.001, 52.2101]);
  await addr('Zbawiciela', 'pl.', ['1'], () => [21.025, 52.2151]);
  return { jurisdictionId: j, districts, units, services, rules, streets };
}
