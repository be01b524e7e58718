-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION k_fold_names(name_pl text, name_en text, aliases text[])
 RETURNS text[]
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT coalesce(array_agg(DISTINCT k_fold(btrim(n))) FILTER (WHERE btrim(n) <> ''), '{}')
            FROM unnest(array_prepend(name_pl, array_prepend(name_en, coalesce(aliases, '{}')))) AS n $function$;

COMMENT ON FUNCTION k_fold_names(text,text,text[]) IS 'Every name and alias of a landmark through k_fold, without duplicates; immutable so a generated column can use it.';
