/**
 * Map clusters without the month (issue #6, after bench/map.ts): keeping the month in map_cells
 * multiplies the rows a viewport sums by the number of months (24 in two years), which put the
 * whole-city view at p95 ~80 ms already at 50,000 requests. Most map views have no date filter, so
 * `map_cells_total` holds the same counts summed over all time and answers those; map_cells (by
 * month) stays for date-filtered views. The same trigger function now maintains both.
 *
 * Also: partial months of a date filter are counted from requests directly; an index on
 * requested_at for the rows the map shows lets the planner fetch just that time slice when the
 * viewport covers most of the city.
 */
import type { Knex } from 'knex';

const LEVELS = '8..16';

function addFunction(withTotal: boolean): string {
  const total = withTotal
    ? `
        INSERT INTO map_cells_total AS t (level, cx, cy, service_id, district_id, status, n, sum_x, sum_y)
        VALUES (z, kx, ky, p_service, coalesce(p_district, 0), p_status, p_sign, p_sign * x, p_sign * y)
        ON CONFLICT (level, cx, cy, service_id, district_id, status)
        DO UPDATE SET n = t.n + EXCLUDED.n, sum_x = t.sum_x + EXCLUDED.sum_x, sum_y = t.sum_y + EXCLUDED.sum_y;`
    : '';
  const totalDelete = withTotal
    ? `
          DELETE FROM map_cells_total WHERE level = z AND cx = kx AND cy = ky AND service_id = p_service
            AND district_id = coalesce(p_district, 0) AND status = p_status AND n <= 0;`
    : '';
  return `
    CREATE OR REPLACE FUNCTION map_cells_add(g public.geometry, p_service bigint, p_district bigint, p_status text, p_at timestamptz, p_sign int)
    RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      x float8; y float8; z int; size float8; kx int; ky int; m date;
    BEGIN
      IF g IS NULL THEN RETURN; END IF;
      g := public.ST_Transform(g, 3857);
      x := public.ST_X(g); y := public.ST_Y(g);
      m := date_trunc('month', p_at AT TIME ZONE 'UTC')::date;
      FOR z IN ${LEVELS} LOOP
        size := 64 * 156543.03392804097 / (2 ^ z);
        kx := floor(x / size)::int; ky := floor(y / size)::int;
        INSERT INTO map_cells AS c (level, cx, cy, service_id, district_id, status, month, n, sum_x, sum_y)
        VALUES (z, kx, ky, p_service, coalesce(p_district, 0), p_status, m, p_sign, p_sign * x, p_sign * y)
        ON CONFLICT (level, cx, cy, service_id, district_id, status, month)
        DO UPDATE SET n = c.n + EXCLUDED.n, sum_x = c.sum_x + EXCLUDED.sum_x, sum_y = c.sum_y + EXCLUDED.sum_y;${total}
        IF p_sign < 0 THEN
          DELETE FROM map_cells WHERE level = z AND cx = kx AND cy = ky AND service_id = p_service
            AND district_id = coalesce(p_district, 0) AND status = p_status AND month = m AND n <= 0;${totalDelete}
        END IF;
      END LOOP;
    END $$`;
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('map_cells_total', (t) => {
    t.comment(
      'Counts of public requests per map grid cell and zoom level over all time (map_cells without the month); answers map views without a date filter.',
    );
    t.smallint('level').notNullable().comment('Zoom level the grid belongs to (8..16); a cell is 64 pixels wide at that zoom');
    t.integer('cx').notNullable().comment('Cell column: floor(x / cell size), x in EPSG:3857 metres');
    t.integer('cy').notNullable().comment('Cell row: floor(y / cell size), y in EPSG:3857 metres');
    t.bigInteger('service_id').notNullable().comment('Service of the counted requests');
    t.bigInteger('district_id').notNullable().comment('District version of the counted requests; 0 when none');
    t.text('status').notNullable().comment('Open311 status of the counted requests: open or closed');
    t.integer('n').notNullable().comment('Number of requests counted');
    t.double('sum_x').notNullable().comment('Sum of their public x (EPSG:3857), for the cluster centroid');
    t.double('sum_y').notNullable().comment('Sum of their public y (EPSG:3857), for the cluster centroid');
    t.primary(['level', 'cx', 'cy', 'service_id', 'district_id', 'status']);
  });
  await knex.raw(`INSERT INTO map_cells_total (level, cx, cy, service_id, district_id, status, n, sum_x, sum_y)
    SELECT level, cx, cy, service_id, district_id, status, sum(n), sum(sum_x), sum(sum_y) FROM map_cells GROUP BY 1, 2, 3, 4, 5, 6`);
  await knex.raw(addFunction(true));
  await knex.raw(`CREATE INDEX requests_map_time ON requests (requested_at) WHERE public_geom IS NOT NULL AND duplicate_of_id IS NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS requests_map_time');
  await knex.raw(addFunction(false));
  await knex.schema.dropTableIfExists('map_cells_total');
}
