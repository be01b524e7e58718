-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION map_cells_add(g public.geometry, p_service bigint, p_district bigint, p_status text, p_at timestamp with time zone, p_sign integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
    DECLARE
      x float8; y float8; z int; size float8; kx int; ky int; m date;
    BEGIN
      IF g IS NULL THEN RETURN; END IF;
      g := public.ST_Transform(g, 3857);
      x := public.ST_X(g); y := public.ST_Y(g);
      m := date_trunc('month', p_at AT TIME ZONE 'UTC')::date;
      FOR z IN 8..16 LOOP
        size := 64 * 156543.03392804097 / (2 ^ z);
        kx := floor(x / size)::int; ky := floor(y / size)::int;
        INSERT INTO map_cells AS c (level, cx, cy, service_id, district_id, status, month, n, sum_x, sum_y)
        VALUES (z, kx, ky, p_service, coalesce(p_district, 0), p_status, m, p_sign, p_sign * x, p_sign * y)
        ON CONFLICT (level, cx, cy, service_id, district_id, status, month)
        DO UPDATE SET n = c.n + EXCLUDED.n, sum_x = c.sum_x + EXCLUDED.sum_x, sum_y = c.sum_y + EXCLUDED.sum_y;
        INSERT INTO map_cells_total AS t (level, cx, cy, service_id, district_id, status, n, sum_x, sum_y)
        VALUES (z, kx, ky, p_service, coalesce(p_district, 0), p_status, p_sign, p_sign * x, p_sign * y)
        ON CONFLICT (level, cx, cy, service_id, district_id, status)
        DO UPDATE SET n = t.n + EXCLUDED.n, sum_x = t.sum_x + EXCLUDED.sum_x, sum_y = t.sum_y + EXCLUDED.sum_y;
        IF p_sign < 0 THEN
          DELETE FROM map_cells WHERE level = z AND cx = kx AND cy = ky AND service_id = p_service
            AND district_id = coalesce(p_district, 0) AND status = p_status AND month = m AND n <= 0;
          DELETE FROM map_cells_total WHERE level = z AND cx = kx AND cy = ky AND service_id = p_service
            AND district_id = coalesce(p_district, 0) AND status = p_status AND n <= 0;
        END IF;
      END LOOP;
    END $function$;
