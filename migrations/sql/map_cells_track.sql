-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION map_cells_track()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
    END $function$;

CREATE OR REPLACE TRIGGER requests_map_cells AFTER INSERT OR DELETE OR UPDATE OF public_geom, status, service_id, district_id, requested_at, duplicate_of_id ON requests FOR EACH ROW EXECUTE FUNCTION map_cells_track();
