-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION k_fold(input text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE STRICT
AS $function$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, input)) $function$;

COMMENT ON FUNCTION k_fold(text) IS 'Lower-cases and strips diacritics (Łódź -> lodz); immutable so indexes can use it.';
