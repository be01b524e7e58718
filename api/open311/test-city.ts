/**
 * A small city for the Open311 tests and the benchmark, inserted directly: a square jurisdiction
 * split into two districts (west, east), two units routed by district, and services of every
 * Open311 type with attributes of every list kind.
 */
import type { Knex } from 'knex';

export const CITY = {
  id: 'testowo.pl',
  /** Inside the west district. */
  west: { lat: 52.25, long: 21.02 },
  /** Inside the east district. */
  east: { lat: 52.25, long: 21.08 },
  outside: { lat: 50.06, long: 19.94 },
  westBbox: [21.0, 52.2, 21.05, 52.3] as [number, number, number, number],
};

const square = (x0: number, y0: number, x1: number, y1: number) => `SRID=4326;MULTIPOLYGON(((${x0} ${y0},${x1} ${y0},${x1} ${y1},${x0} ${y1},${x0} ${y0})))`;

export async function createTestCity(knex: Knex, id = CITY.id): Promise<void> {
  await knex('jurisdictions').insert({
    id,
    name: 'Testowo',
    name_en: 'Testtown',
    time_zone: 'Europe/Warsaw',
    boundary: knex.raw('ST_GeomFromEWKT(?)', [square(21.0, 52.2, 21.1, 52.3)]),
    settings: JSON.stringify({ contact: 'kontakt@testowo.example, 19115' }),
  });
  const districts = await knex('districts')
    .insert([
      {
        jurisdiction_id: id,
        code: 'west',
        name: 'Zachód',
        name_en: 'West',
        geom: knex.raw('ST_GeomFromEWKT(?)', [square(21.0, 52.2, 21.05, 52.3)]),
        geom_hash: 'w',
        valid_from: new Date('2020-01-01'),
      },
      {
        jurisdiction_id: id,
        code: 'east',
        name: 'Wschód',
        name_en: 'East',
        geom: knex.raw('ST_GeomFromEWKT(?)', [square(21.05, 52.2, 21.1, 52.3)]),
        geom_hash: 'e',
        valid_from: new Date('2020-01-01'),
      },
    ])
    .returning('id');
  void districts;
  await knex.raw(
    `INSERT INTO district_parts (district_id, jurisdiction_id, geom)
     SELECT id, jurisdiction_id, (ST_Dump(ST_Subdivide(geom, 64))).geom FROM districts WHERE jurisdiction_id = ?`,
    [id],
  );
  const units = await knex('units')
    .insert([
      { jurisdiction_id: id, code: 'ZDW', name: 'Zarząd Dróg Zachód', name_en: 'Roads West' },
      { jurisdiction_id: id, code: 'ZDE', name: 'Zarząd Dróg Wschód', name_en: 'Roads East' },
    ])
    .returning('id');
  const services = await knex('services')
    .insert([
      {
        jurisdiction_id: id,
        code: 'pothole',
        name_pl: 'Dziura w jezdni',
        name_en: 'Pothole',
        description_pl: 'Ubytek w nawierzchni',
        description_en: 'A hole in the road surface',
        group_code: 'roads',
        group_name_pl: 'Drogi',
        group_name_en: 'Roads',
        keywords: ['dziura', 'jezdnia'],
        type: 'realtime',
      },
      {
        jurisdiction_id: id,
        code: 'litter',
        name_pl: 'Śmieci',
        name_en: 'Litter',
        group_code: 'clean',
        group_name_pl: 'Czystość',
        group_name_en: 'Cleanliness',
        type: 'batch',
      },
      {
        jurisdiction_id: id,
        code: 'graffiti',
        name_pl: 'Graffiti',
        name_en: 'Graffiti',
        group_code: 'clean',
        group_name_pl: 'Czystość',
        group_name_en: 'Cleanliness',
        type: 'blackbox',
      },
      { jurisdiction_id: id, code: 'abuse', name_pl: 'Przemoc', name_en: 'Abuse', group_code: 'social', type: 'realtime', privacy: 'private' },
      { jurisdiction_id: id, code: 'park_bench', name_pl: 'Ławka w parku', name_en: 'Park bench', group_code: 'parks', type: 'realtime' },
    ])
    .returning(['id', 'code']);
  const pothole = services.find((s: { code: string }) => s.code === 'pothole').id;
  await knex('service_attributes').insert([
    {
      service_id: pothole,
      code: 'size',
      order: 1,
      datatype: 'singlevaluelist',
      required: true,
      description_pl: 'Jak duża?',
      description_en: 'How big?',
      values: JSON.stringify([
        { key: 'small', name_pl: 'mała', name_en: 'small' },
        { key: 'large', name_pl: 'duża', name_en: 'large' },
      ]),
    },
    { service_id: pothole, code: 'depth', order: 2, datatype: 'number', required: false, description_pl: 'Głębokość (cm)', description_en: 'Depth (cm)' },
    {
      service_id: pothole,
      code: 'lanes',
      order: 3,
      datatype: 'multivaluelist',
      required: false,
      description_pl: 'Pasy',
      description_en: 'Lanes',
      values: JSON.stringify([
        { key: 'left', name_pl: 'lewy', name_en: 'left' },
        { key: 'right', name_pl: 'prawy', name_en: 'right' },
      ]),
    },
    { service_id: pothole, code: 'lamp number', order: 4, datatype: 'string', required: false, description_pl: 'Numer latarni', description_en: 'Lamp number' },
    {
      service_id: pothole,
      code: 'info',
      order: 5,
      datatype: 'text',
      variable: false,
      required: false,
      description_pl: 'Dziękujemy',
      description_en: 'Thank you',
    },
  ]);
  await knex('routing_rules').insert([
    { jurisdiction_id: id, code: 'any-west', district_code: 'west', unit_id: units[0].id },
    { jurisdiction_id: id, code: 'any-east', district_code: 'east', unit_id: units[1].id },
  ]);
  // Park benches are only looked after in the west district: GET services at an east point omits them.
  const bench = services.find((s: { code: string }) => s.code === 'park_bench').id;
  await knex('routing_rules').where({ code: 'any-east' }).update({ service_group: 'roads' });
  await knex('routing_rules').insert({ jurisdiction_id: id, code: 'east-clean', service_group: 'clean', district_code: 'east', unit_id: units[1].id });
  await knex('routing_rules').insert({ jurisdiction_id: id, code: 'east-social', service_group: 'social', district_code: 'east', unit_id: units[1].id });
  void bench;
  const [street] = await knex('streets').insert({ jurisdiction_id: id, prefix: 'ul.', name: 'Testowa', name_folded: 'testowa' }).returning('id');
  await knex('addresses').insert({
    jurisdiction_id: id,
    source_id: 'ADR-1',
    street_id: street.id,
    street: 'ul. Testowa',
    house_number: '1',
    postcode: '00-001',
    geom: knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [CITY.west.long, CITY.west.lat]),
  });
}
