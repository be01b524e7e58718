/**
 * The city model (issue #2): jurisdictions, districts with history, units, services with their
 * Open311 attributes, routing rules, streets and the address register.
 *
 * Conventions kept in every migration:
 * - every geometry column is typed with SRID 4326 and has a GIST index;
 * - every table and column carries a comment;
 * - large tables carry `jurisdiction_id` on every row, so they can later be distributed by it.
 */
import type { Knex } from 'knex';
import { geometry, gist, timestamps } from './lib/support';

export async function up(knex: Knex): Promise<void> {
  // unaccent() is STABLE (it reads a dictionary), so it cannot appear in an index expression.
  // This wrapper pins the dictionary and is declared IMMUTABLE, the usual way round it.
  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_fold(input text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, input)) $$`);
  await knex.raw(`COMMENT ON FUNCTION k_fold(text) IS 'Lower-cases and strips diacritics (Łódź -> lodz); immutable so indexes can use it.'`);

  await knex.schema.createTable('jurisdictions', (t) => {
    t.comment('A city (or other authority) served by this installation; Open311 jurisdiction_id.');
    t.text('id').primary().comment('Open311 jurisdiction_id, e.g. warszawa.pl');
    t.text('name').notNullable().comment('Name in the default locale');
    t.text('name_en').comment('Name in English, when different');
    t.text('time_zone').notNullable().defaultTo('Europe/Warsaw').comment('IANA time zone for dates and the SLA calendar');
    t.text('default_locale').notNullable().defaultTo('pl').comment('Default language of names and messages (pl, en)');
    t.integer('local_srid').notNullable().defaultTo(2180).comment('Local CRS (EPSG code) for display and input, e.g. 2180');
    t.text('holiday_country').notNullable().defaultTo('PL').comment('Country (and optional region, PL or DE-BY) whose public holidays the SLA calendar uses');
    t.jsonb('working_hours')
      .notNullable()
      .defaultTo(
        JSON.stringify({ mon: ['08:00', '16:00'], tue: ['08:00', '16:00'], wed: ['08:00', '16:00'], thu: ['08:00', '16:00'], fri: ['08:00', '16:00'] }),
      )
      .comment('Working hours per weekday for SLA computation: {"mon":["08:00","16:00"],...}');
    t.jsonb('days_off').notNullable().defaultTo('[]').comment('City-specific days off (ISO dates) on top of public holidays');
    t.jsonb('settings').notNullable().defaultTo('{}').comment('Other per-city settings (contact, Open311 discovery texts, map centre)');
    geometry(t, 'boundary', 'MultiPolygon').comment('City boundary; points outside are rejected. Null: the union of its districts');
    timestamps(t, knex);
  });
  await gist(knex, 'jurisdictions', 'boundary');

  await knex.schema.createTable('districts', (t) => {
    t.comment('Administrative districts with history: a boundary change closes one version (valid_to) and opens another.');
    t.bigIncrements('id').comment('Surrogate key of one version of a district');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.text('code').notNullable().comment('Stable district code within the jurisdiction (from the city pack)');
    t.text('name').notNullable().comment('District name as residents write it');
    t.text('name_en').comment('English name, when different');
    geometry(t, 'geom', 'MultiPolygon', false).comment('Boundary of this version, EPSG:4326');
    t.text('geom_hash').notNullable().comment('Hash of the normalised boundary; an import compares it to decide whether the boundary changed');
    t.jsonb('properties').notNullable().defaultTo('{}').comment('Source attributes kept from the imported feature');
    t.timestamp('valid_from', { useTz: true }).notNullable().comment('Start of validity of this version');
    t.timestamp('valid_to', { useTz: true }).comment('End of validity (exclusive); null while current');
    timestamps(t, knex);
    t.unique(['jurisdiction_id', 'code', 'valid_from']);
  });
  await gist(knex, 'districts', 'geom');
  await knex.raw(`CREATE UNIQUE INDEX districts_current_code ON districts (jurisdiction_id, code) WHERE valid_to IS NULL`);

  await knex.schema.createTable('district_parts', (t) => {
    t.comment('Districts cut into small pieces (ST_Subdivide) so point-in-polygon tests stay fast on detailed boundaries (docs/performance.md).');
    t.bigIncrements('id').comment('Surrogate key');
    t.bigInteger('district_id').notNullable().references('districts.id').onDelete('CASCADE').comment('District version this piece belongs to');
    t.text('jurisdiction_id').notNullable().comment('Copied from the district for filtering without a join');
    geometry(t, 'geom', 'Polygon', false).comment('One piece of at most 64 vertices');
  });
  await gist(knex, 'district_parts', 'geom');
  await knex.raw(`CREATE INDEX district_parts_district ON district_parts (district_id)`);

  await knex.schema.createTable('units', (t) => {
    t.comment('Organisational units of the city that answer and fix: departments, district offices, utilities, contractors.');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.text('code').notNullable().comment('Stable unit code (from the city pack)');
    t.text('name').notNullable().comment('Name in the default locale');
    t.text('name_en').comment('Name in English');
    t.text('kind').notNullable().defaultTo('department').comment('department, district_office, utility, contractor, external or other');
    t.text('email').comment('Contact e-mail of the unit (not a person)');
    t.text('phone').comment('Contact phone of the unit');
    t.bigInteger('parent_id').references('units.id').onDelete('SET NULL').comment('Parent unit in the organisation tree');
    t.boolean('active').notNullable().defaultTo(true).comment('Inactive units receive no new requests');
    timestamps(t, knex);
    t.unique(['jurisdiction_id', 'code']);
  });
  await knex.raw(
    `ALTER TABLE units ADD CONSTRAINT units_kind_check CHECK (kind IN ('department','district_office','utility','contractor','external','other'))`,
  );

  await knex.schema.createTable('services', (t) => {
    t.comment('Open311 services (request types) offered by a jurisdiction, with SLA, duplicate and privacy settings.');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.text('code').notNullable().comment('Open311 service_code: [A-Za-z0-9_-]');
    t.text('name_pl').notNullable().comment('Service name in Polish');
    t.text('name_en').notNullable().comment('Service name in English');
    t.text('description_pl').notNullable().defaultTo('').comment('Description in Polish');
    t.text('description_en').notNullable().defaultTo('').comment('Description in English');
    t.text('group_code').comment('Group (category) code, e.g. roads');
    t.text('group_name_pl').comment('Group name in Polish');
    t.text('group_name_en').comment('Group name in English');
    t.specificType('keywords', 'text[]').notNullable().defaultTo('{}').comment('Search keywords and synonyms (PL and EN)');
    t.text('type').notNullable().defaultTo('realtime').comment('Open311 type: realtime, batch or blackbox');
    t.text('kind').notNullable().defaultTo('intervention').comment('intervention (a fault to fix), information (a question), complaint or suggestion');
    t.boolean('active').notNullable().defaultTo(true).comment('Inactive services are hidden and refuse new requests');
    t.integer('sla_response').comment('First-response target, in sla_response_unit');
    t.text('sla_response_unit').comment('working_hours, working_days, hours or days');
    t.integer('sla_resolution').comment('Resolution target, in sla_resolution_unit');
    t.text('sla_resolution_unit').comment('working_hours, working_days, hours or days');
    t.text('duplicate_policy').notNullable().defaultTo('suggest').comment('off, suggest (people choose) or merge (attach strong matches automatically)');
    t.integer('duplicate_radius_m').notNullable().defaultTo(250).comment('Radius of the duplicate search in metres (capped at 1000)');
    t.integer('duplicate_window_days').notNullable().defaultTo(30).comment('Only requests opened within this many days are duplicate candidates');
    t.text('duplicate_group').comment('Equivalence group: services sharing it are checked against each other for duplicates');
    t.text('privacy')
      .notNullable()
      .defaultTo('public')
      .comment('public (exact point), fuzzed (approximate area on public pages) or private (not on public pages)');
    t.integer('fuzz_radius_m').notNullable().defaultTo(0).comment('For privacy=fuzzed: radius of the approximate area in metres');
    t.integer('sort_order').notNullable().defaultTo(0).comment('Display order within the group');
    timestamps(t, knex);
    t.unique(['jurisdiction_id', 'code']);
  });
  await knex.raw(`ALTER TABLE services
    ADD CONSTRAINT services_type_check CHECK (type IN ('realtime','batch','blackbox')),
    ADD CONSTRAINT services_kind_check CHECK (kind IN ('intervention','information','complaint','suggestion')),
    ADD CONSTRAINT services_sla_units_check CHECK (coalesce(sla_response_unit,'hours') IN ('working_hours','working_days','hours','days') AND coalesce(sla_resolution_unit,'hours') IN ('working_hours','working_days','hours','days')),
    ADD CONSTRAINT services_duplicate_policy_check CHECK (duplicate_policy IN ('off','suggest','merge')),
    ADD CONSTRAINT services_duplicate_radius_check CHECK (duplicate_radius_m BETWEEN 0 AND 1000),
    ADD CONSTRAINT services_privacy_check CHECK (privacy IN ('public','fuzzed','private')),
    ADD CONSTRAINT services_code_check CHECK (code ~ '^[A-Za-z0-9_-]{1,64}$')`);

  await knex.schema.createTable('service_attributes', (t) => {
    t.comment('Open311 attribute definitions of a service (GET Service Definition).');
    t.bigIncrements('id').comment('Surrogate key');
    t.bigInteger('service_id').notNullable().references('services.id').onDelete('CASCADE').comment('Service the attribute belongs to');
    t.text('code').notNullable().comment('Open311 attribute code (ASCII: FixMyStreet double-encodes otherwise)');
    t.integer('order').notNullable().comment('Open311 order: positive, unique within the service');
    t.text('datatype').notNullable().comment('string, number, datetime, text, singlevaluelist or multivaluelist');
    t.boolean('variable').notNullable().defaultTo(true).comment('false: information shown to the user, no input');
    t.boolean('required').notNullable().defaultTo(false).comment('A value must be given when posting');
    t.text('description_pl').notNullable().comment('Question shown to the user, Polish');
    t.text('description_en').notNullable().comment('Question shown to the user, English');
    t.text('datatype_description_pl').comment('Input help, Polish');
    t.text('datatype_description_en').comment('Input help, English');
    t.jsonb('values').notNullable().defaultTo('[]').comment('List values: [{"key":"..","name_pl":"..","name_en":".."}]');
    t.unique(['service_id', 'code']);
    t.unique(['service_id', 'order']);
  });
  await knex.raw(`ALTER TABLE service_attributes
    ADD CONSTRAINT service_attributes_datatype_check CHECK (datatype IN ('string','number','datetime','text','singlevaluelist','multivaluelist')),
    ADD CONSTRAINT service_attributes_order_check CHECK ("order" > 0)`);

  await knex.schema.createTable('routing_rules', (t) => {
    t.comment('Routing: (service | group | any) x (area | district | anywhere) x validity -> unit. Most specific, then highest priority, wins.');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.text('code').notNullable().comment('Stable rule code from the city pack (re-imports update the rule in place)');
    t.text('description').comment('Why the rule exists, shown to agents with the routing reason');
    t.bigInteger('service_id').references('services.id').onDelete('CASCADE').comment('Applies to this service only; null: see service_group');
    t.text('service_group').comment('Applies to every service of this group; null with service_id null: any service');
    t.text('district_code').comment('Applies inside this district only; null: see area');
    geometry(t, 'area', 'MultiPolygon').comment('Applies inside this polygon only; null with district_code null: anywhere');
    t.bigInteger('unit_id').notNullable().references('units.id').onDelete('CASCADE').comment('Unit responsible when the rule matches');
    t.integer('priority').notNullable().defaultTo(0).comment('Higher wins among rules equally specific');
    t.timestamp('valid_from', { useTz: true }).comment('Start of validity; null: always');
    t.timestamp('valid_to', { useTz: true }).comment('End of validity (exclusive); null: open-ended');
    timestamps(t, knex);
    t.unique(['jurisdiction_id', 'code']);
  });
  await gist(knex, 'routing_rules', 'area');
  await knex.raw(`ALTER TABLE routing_rules ADD CONSTRAINT routing_rules_target_check CHECK (service_id IS NULL OR service_group IS NULL),
    ADD CONSTRAINT routing_rules_place_check CHECK (district_code IS NULL OR area IS NULL)`);
  await knex.raw(`CREATE INDEX routing_rules_lookup ON routing_rules (jurisdiction_id, service_id, service_group)`);

  await knex.schema.createTable('streets', (t) => {
    t.comment('Named streets of the address register; the geocoder searches streets first, then house numbers (docs/performance.md).');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.text('prefix').notNullable().defaultTo('ul.').comment('Street type as written before the name: ul., al., pl., os., rondo, ...');
    t.text('name').notNullable().comment('Street name without its prefix, e.g. Marszałkowska');
    t.text('name_folded').notNullable().comment('k_fold(name): lower case without diacritics, for search');
    geometry(t, 'geom', 'MultiLineString').comment('Street centre line when known; the geocoder falls back to it when no address point is near');
    t.unique(['jurisdiction_id', 'prefix', 'name']);
  });
  await gist(knex, 'streets', 'geom');
  await knex.raw(`CREATE INDEX streets_name_trgm ON streets USING gin (name_folded public.gin_trgm_ops)`);

  await knex.schema.createTable('addresses', (t) => {
    t.comment('Address register of the city: one row per address point.');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.text('source_id').notNullable().comment('Identifier in the source register; Open311 address_id');
    t.bigInteger('street_id').references('streets.id').onDelete('SET NULL').comment('Street of the address; null for places without a street');
    t.text('street').notNullable().comment('Street as displayed, with prefix (ul. Marszałkowska) or the place name');
    t.text('house_number').notNullable().comment('House number as written: 12, 12A, 5/7');
    t.text('postcode').comment('Postal code, e.g. 00-001');
    t.text('place').comment('Locality or city part, when the register has one');
    geometry(t, 'geom', 'Point', false).comment('Address point, EPSG:4326');
    t.unique(['jurisdiction_id', 'source_id']);
  });
  await gist(knex, 'addresses', 'geom');
  await knex.raw(`CREATE INDEX addresses_street_number ON addresses (street_id, lower(house_number))`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['addresses', 'streets', 'routing_rules', 'service_attributes', 'services', 'units', 'district_parts', 'districts', 'jurisdictions']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('DROP FUNCTION IF EXISTS k_fold(text)');
}
