/**
 * Resolution on real cities' data (issue #12, items 8 and 9).
 *
 * A point in more than one district (overlapping polygons, or exactly on a shared border) goes to
 * the district with the highest `priority` (a property the city pack names), else the one with the
 * smaller `area_m2`, else the first code in numeric-aware order (api/pipeline/resolve-sql.ts).
 * Both are stored per district version so resolution reads them from the row it already joins,
 * instead of measuring polygons for every report. Existing versions get their area here; their
 * priority stays null until a pack names a priority property.
 *
 * `jurisdictions.boundary_source` says where the outline came from: `file` (boundary.geojson or
 * boundary.shp of the pack) or `districts` (their union, small holes and slivers closed).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('districts', (t) => {
    t.integer('priority').comment('From the pack property named by city.json districts.priority_property: in an overlap, the highest wins; null: no priority');
    t.double('area_m2').comment('Area of this version in square metres (geography); in an overlap without priorities, the smaller polygon wins');
  });
  await knex.raw(`UPDATE districts SET area_m2 = ST_Area(geom::geography)`);
  await knex.schema.alterTable('jurisdictions', (t) => {
    t.text('boundary_source').comment('Where the boundary came from: file (the pack outline) or districts (their union, small gaps closed); null: set by hand');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('jurisdictions', (t) => {
    t.dropColumn('boundary_source');
  });
  await knex.schema.alterTable('districts', (t) => {
    t.dropColumn('area_m2');
    t.dropColumn('priority');
  });
}
