-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION k_landmark_candidates(p_jurisdiction text, p_words text[], p_limit integer)
 RETURNS TABLE(landmark_id bigint, hits integer)
 LANGUAGE sql
 STABLE
 SET "pg_trgm.similarity_threshold" TO '0.3'
 SET enable_seqscan TO 'off'
AS $function$
      SELECT lw.landmark_id, count(DISTINCT q.i)::int
        FROM unnest(p_words) WITH ORDINALITY AS q(w, i)
        JOIN landmark_words lw ON (lw.word % q.w OR lw.word LIKE q.w || '%') AND lw.jurisdiction_id = p_jurisdiction
       GROUP BY lw.landmark_id
       ORDER BY 2 DESC, lw.landmark_id
       LIMIT p_limit $function$;

COMMENT ON FUNCTION k_landmark_candidates(text,text[],integer) IS 'Landmarks of a city with the most words like the query words (trigram similarity 0.3, or prefix): the ones the console search scores.';
