/**
 * Pre-aggregated map clusters (issue #6). Drawing a million requests straight from `requests` costs
 * ~100 ms per clustered tile (docs/performance.md); the goal is p95 < 50 ms. So every request that
 * is public on the map (public_geom set, not merged into another) is counted, as it arrives, in one
 * grid cell per zoom level 8..16 (cells of 64 screen pixels in EPSG:3857), split by the dimensions
 * the public filters use: service, district, status and month of the report. A clustered view then
 * sums a few hundred rows of this table instead of grouping hundreds of thousands of points.
 *
 * Maintained by a row trigger on `requests` (insert, delete, and updates of the columns that
 * matter). Trade-off: each insert does 9 small upserts; concurrent inserts into the same cell,
 * service, district, status and month wait for each other at commit. Bulk loads disable the trigger
 * and rebuild with `rebuildMapCells` (api/map/store.ts).
 */
import type { Knex } from 'knex';

export const MAP_LEVEL_MIN = 8;
export const MAP_LEVEL_MAX = 16;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('map_cells', (t) => {
    t.comment('Counts of public requests per map grid cell, zoom level and filter dimensions; the public map sums these instead of raw points.');
    t.smallint('level').notNullable().comment('Zoom level the grid belongs to (8..16); a cell is 64 pixels wide at that zoom');
    t.integer('cx').notNullable().comment('Cell column: floor(x / cell size), x in EPSG:3857 metres');
    t.integer('cy').notNullable().comment('Cell row: floor(y / cell size), y in EPSG:3857 metres');
    t.bigInteger('service_id').notNullable().comment('Service of the counted requests (it also fixes the jurisdiction)');
    t.bigInteger('district_id').notNullable().comment('District version of the counted requests; 0 when none');
    t.text('status').notNullable().comment('Open311 status of the counted requests: open or closed');
    t.date('month').notNullable().comment('First day (UTC) of the month the counted requests were reported in');
    t.integer('n').notNullable().comment('Number of requests counted');
    t.double('sum_x').notNullable().comment('Sum of their public x (EPSG:3857), for the cluster centroid');
    t.double('sum_y').notNullable().comment('Sum of their public y (EPSG:3857), for the cluster centroid');
    t.primary(['level', 'cx', 'cy', 'service_id', 'district_id', 'status', 'month']);
  });

  // One point added (+1) or removed (-1) from every level. Cell size = 64 px * metres per pixel.
  await knex.raw(`
    CREATE OR REPLACE FUNCTION map_cells_add(g public.geometry, p_service bigint, p_district bigint, p_status text, p_at timestamptz, p_sign int)
    RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      x float8; y float8; z int; size float8; kx int; ky int; m date;
    BEGIN
      IF g IS NULL THEN RETURN; END IF;
      g := public.ST_Transform(g, 3857);
      x := public.ST_X(g); y := public.ST_Y(g);
      m := date_trunc('month', p_at AT TIME ZONE 'UTC')::date;
      FOR z IN ${MAP_LEVEL_MIN}..${MAP_LEVEL_MAX} LOOP
        size := 64 * 156543.03392804097 / (2 ^ z);
        kx := floor(x / size)::int; ky := floor(y / size)::int;
        INSERT INTO map_cells AS c (level, cx, cy, service_id, district_id, status, month, n, sum_x, sum_y)
        VALUES (z, kx, ky, p_service, coalesce(p_district, 0), p_status, m, p_sign, p_sign * x, p_sign * y)
        ON CONFLICT (level, cx, cy, service_id, district_id, status, month)
        DO UPDATE SET n = c.n + EXCLUDED.n, sum_x = c.sum_x + EXCLUDED.sum_x, sum_y = c.sum_y + EXCLUDED.sum_y;
        IF p_sign < 0 THEN
          DELETE FROM map_cells WHERE level = z AND cx = kx AND cy = ky AND service_id = p_service
            AND district_id = coalesce(p_district, 0) AND status = p_status AND month = m AND n <= 0;
        END IF;
      END LOOP;
    END $$`);
  await knex.raw(`
    CREATE OR REPLACE FUNCTION map_cells_track() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.duplicate_of_id IS NULL THEN
        IF TG_OP = 'DELETE' OR OLD.public_geom IS DISTINCT FROM NEW.public_geom OR OLD.status IS DISTINCT FROM NEW.status
           OR OLD.service_id IS DISTINCT FROM NEW.service_id OR OLD.district_id IS DISTINCT FROM NEW.district_id
           OR OLD.requested_at IS DISTINCT FROM NEW.requested_at OR NEW.duplicate_of_id IS NOT NULL THEN
          PERFORM map_cells_add(OLD.public_geom, OLD.service_id, OLD.district_id, OLD.status, OLD.requested_at, -1);
        ELSE
          RETURN NULL;
        END IF;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.duplicate_of_id IS NULL THEN
        IF TG_OP = 'INSERT' OR OLD.duplicate_of_id IS NOT NULL OR OLD.public_geom IS DISTINCT FROM NEW.public_geom
           OR OLD.status IS DISTINCT FROM NEW.status OR OLD.service_id IS DISTINCT FROM NEW.service_id
           OR OLD.district_id IS DISTINCT FROM NEW.district_id OR OLD.requested_at IS DISTINCT FROM NEW.requested_at THEN
          PERFORM map_cells_add(NEW.public_geom, NEW.service_id, NEW.district_id, NEW.status, NEW.requested_at, 1);
        END IF;
      END IF;
      RETURN NULL;
    END $$`);
  await knex.raw(`CREATE TRIGGER requests_map_cells AFTER INSERT OR DELETE OR UPDATE OF public_geom, status, service_id, district_id, requested_at, duplicate_of_id
    ON requests FOR EACH ROW EXECUTE FUNCTION map_cells_track()`);
  // Requests stored before this migration.
  await knex.raw(
    `SELECT map_cells_add(public_geom, service_id, district_id, status, requested_at, 1) FROM requests WHERE public_geom IS NOT NULL AND duplicate_of_id IS NULL`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS requests_map_cells ON requests');
  await knex.raw('DROP FUNCTION IF EXISTS map_cells_track()');
  await knex.raw('DROP FUNCTION IF EXISTS map_cells_add(public.geometry, bigint, bigint, text, timestamptz, int)');
  await knex.schema.dropTableIfExists('map_cells');
}
