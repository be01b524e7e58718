-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION k_join_names(names text[])
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE STRICT
AS $function$ SELECT string_agg(n, ' | ') FROM unnest(names) AS n $function$;

COMMENT ON FUNCTION k_join_names(text[]) IS 'Folded names joined by a bar, for one trigram index over all of them.';
