-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION k_kb_document(title_pl text, title_en text, tags text[], body_pl text, body_en text)
 RETURNS tsvector
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT setweight(to_tsvector('simple'::regconfig, k_fold(coalesce(title_pl, '') || ' ' || coalesce(title_en, ''))), 'A') ||
                 setweight(to_tsvector('simple'::regconfig, k_fold(coalesce(array_to_string(tags, ' '), ''))), 'B') ||
                 setweight(to_tsvector('simple'::regconfig, k_fold(coalesce(body_pl, '') || ' ' || coalesce(body_en, ''))), 'C') $function$;

COMMENT ON FUNCTION k_kb_document(text,text,text[],text,text) IS 'Full-text document of a knowledge-base article: folded titles (A), tags (B), bodies (C).';
