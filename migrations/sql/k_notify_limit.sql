-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION k_notify_limit(p_jurisdiction text, p_name text, p_default integer)
 RETURNS integer
 LANGUAGE sql
 STABLE
AS $function$
      SELECT coalesce((SELECT CASE WHEN jsonb_typeof(v) = 'number' AND v::text ~ '^[0-9]{1,7}$' AND v::text::int > 0 THEN v::text::int END
                         FROM (SELECT settings->'notify_limits'->p_name AS v FROM jurisdictions WHERE id = p_jurisdiction) s), p_default)
    $function$;

COMMENT ON FUNCTION k_notify_limit(text,text,integer) IS 'A notice limit of the city (city.json settings.notify_limits), else the default (migration 20261205000500)';
