/**
 * Landmarks and unit offices (issue #5 item 2: the console's one search box finds "landmarks/units").
 *
 * A landmark is a place people name instead of an address: the hospital, the station, the park.
 * It has a point (for an area, a representative point inside it; the area itself is kept too),
 * names in both languages and the aliases callers use. Landmarks are directory entries like units:
 * a later pack that leaves one out makes it inactive rather than deleting it, so no validity dates.
 *
 * Search: `names_folded` holds every name and alias through k_fold (lower case, no diacritics, the
 * geocoder folding), for scoring each name on its own; `search_folded` joins them into one text with
 * a trigram index, so "szpital mjeski" or "Szpital Miejski" find the row with the same operators
 * the street search uses. Both are generated columns, so no writer can forget them.
 *
 * Units get an office location (a customer service point) and its address, both optional.
 */
import type { Knex } from 'knex';
import { geometry, gist, timestamps } from './lib/support';

const LANDMARK_KINDS = [
  'school',
  'hospital',
  'clinic',
  'park',
  'station',
  'office',
  'church',
  'market',
  'stadium',
  'bridge',
  'museum',
  'cemetery',
  'other',
] as const;

export async function up(knex: Knex): Promise<void> {
  // Folded names for generated columns: our own IMMUTABLE wrappers, because array_to_string and
  // unaccent are only STABLE. The result depends on the arguments alone (k_fold pins its dictionary).
  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_fold_names(name_pl text, name_en text, aliases text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(DISTINCT k_fold(btrim(n))) FILTER (WHERE btrim(n) <> ''), '{}')
            FROM unnest(array_prepend(name_pl, array_prepend(name_en, coalesce(aliases, '{}')))) AS n $$`);
  await knex.raw(
    `COMMENT ON FUNCTION k_fold_names(text, text, text[]) IS 'Every name and alias of a landmark through k_fold, without duplicates; immutable so a generated column can use it.'`,
  );
  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_join_names(names text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT string_agg(n, ' | ') FROM unnest(names) AS n $$`);
  await knex.raw(`COMMENT ON FUNCTION k_join_names(text[]) IS 'Folded names joined by a bar, for one trigram index over all of them.'`);

  await knex.schema.createTable('landmarks', (t) => {
    t.comment('Landmarks: places callers name instead of an address (hospital, station, park, bridge); found by the console search box.');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.text('code').notNullable().comment('Stable landmark code from the city pack (re-imports update the row in place)');
    t.text('name_pl').notNullable().comment('Name in Polish, as residents say it');
    t.text('name_en').comment('Name in English, when different');
    t.text('kind')
      .notNullable()
      .defaultTo('other')
      .comment(`What it is: ${LANDMARK_KINDS.join(', ')}`);
    t.specificType('aliases', 'text[]').notNullable().defaultTo('{}').comment('Other names people use, e.g. Miejski for the city hospital');
    t.text('address').comment('Address as displayed, e.g. ul. Długa 5');
    t.bigInteger('address_id').references('addresses.id').onDelete('SET NULL').comment('Address point of the register, when the pack names one');
    geometry(t, 'geom', 'Point', false).comment('Where the pin goes: the point itself, or for an area a point on its surface, EPSG:4326');
    geometry(t, 'area', 'MultiPolygon').comment('The area of a landmark given as a polygon (a park), EPSG:4326; null for points');
    t.boolean('active').notNullable().defaultTo(true).comment('Inactive landmarks (left out of a later pack) are not searched');
    timestamps(t, knex);
    t.unique(['jurisdiction_id', 'code']);
  });
  await knex.raw(`ALTER TABLE landmarks ADD CONSTRAINT landmarks_kind_check CHECK (kind IN (${LANDMARK_KINDS.map((k) => `'${k}'`).join(',')}))`);
  await knex.raw(`ALTER TABLE landmarks
    ADD COLUMN names_folded text[] GENERATED ALWAYS AS (k_fold_names(name_pl, name_en, aliases)) STORED,
    ADD COLUMN search_folded text GENERATED ALWAYS AS (k_join_names(k_fold_names(name_pl, name_en, aliases))) STORED`);
  await knex.raw(`COMMENT ON COLUMN landmarks.names_folded IS 'Generated: every name and alias through k_fold, each scored on its own by the search'`);
  await knex.raw(`COMMENT ON COLUMN landmarks.search_folded IS 'Generated: the folded names joined, with a trigram index for the search box'`);
  await gist(knex, 'landmarks', 'geom');
  await gist(knex, 'landmarks', 'area');
  await knex.raw(`CREATE INDEX landmarks_search_trgm ON landmarks USING gin (search_folded public.gin_trgm_ops)`);

  await knex.schema.alterTable('units', (t) => {
    t.text('address').comment('Address of the unit office (customer service point), as displayed');
    geometry(t, 'geom', 'Point').comment('Location of the unit office, EPSG:4326; null when the pack gives none (then the search box does not offer the unit)');
  });
  await gist(knex, 'units', 'geom');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('units', (t) => {
    t.dropColumn('geom');
    t.dropColumn('address');
  });
  await knex.schema.dropTableIfExists('landmarks');
  await knex.raw('DROP FUNCTION IF EXISTS k_join_names(text[])');
  await knex.raw('DROP FUNCTION IF EXISTS k_fold_names(text, text, text[])');
}
