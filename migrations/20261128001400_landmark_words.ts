/**
 * Landmark search that scales to a big city's thousands of places (bench/landmarks.ts: scoring
 * every name of 5,000 landmarks costs 150-220 ms). The folded names are split into words, one row
 * per landmark and word, with a trigram index on the word. The search box first asks which
 * landmarks have words like the query's words (trigram similarity >= 0.3 per word, or the word
 * typed so far as a prefix), keeps those matching the most query words, and scores only them.
 * Word against word keeps one-word typos ("rydigier" ~ "rydygier" 0.36) that a trigram test
 * against all the names joined loses among names sharing most trigrams ("Szkoła Podstawowa nr").
 * A trigger keeps the words current on every write of a landmark.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('landmark_words', (t) => {
    t.comment('Words of the folded names and aliases of active landmarks, one row per landmark and word, for the search box (trigram index on word).');
    t.bigInteger('landmark_id').notNullable().references('landmarks.id').onDelete('CASCADE').comment('Landmark the word belongs to');
    t.text('jurisdiction_id').notNullable().comment('Copied from the landmark, so a search stays in its city');
    t.text('word').notNullable().comment('One word (two characters or more) of a folded name or alias');
    t.primary(['landmark_id', 'word']);
  });
  // fastupdate off: landmarks change a few times a year, searches happen all day. With the GIN
  // pending list, words written by an import sat in a list every search read through (10 ms per
  // query word at 5,000 landmarks) until a vacuum merged them.
  await knex.raw(`CREATE INDEX landmark_words_word_trgm ON landmark_words USING gin (word public.gin_trgm_ops) WITH (fastupdate = off)`);

  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_landmark_words_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM landmark_words WHERE landmark_id = NEW.id;
      IF NEW.active THEN
        INSERT INTO landmark_words (landmark_id, jurisdiction_id, word)
        SELECT DISTINCT NEW.id, NEW.jurisdiction_id, w
          FROM unnest(NEW.names_folded) AS n, regexp_split_to_table(n, '[^[:alnum:]]+') AS w
         WHERE length(w) >= 2;
      END IF;
      RETURN NULL;
    END $$`);
  await knex.raw(`COMMENT ON FUNCTION k_landmark_words_sync() IS 'Keeps landmark_words equal to the words of the folded names of an active landmark.'`);
  await knex.raw(
    `CREATE TRIGGER landmarks_words AFTER INSERT OR UPDATE OF name_pl, name_en, aliases, active ON landmarks FOR EACH ROW EXECUTE FUNCTION k_landmark_words_sync()`,
  );
  await knex.raw(`
    INSERT INTO landmark_words (landmark_id, jurisdiction_id, word)
    SELECT DISTINCT l.id, l.jurisdiction_id, w
      FROM landmarks l, unnest(l.names_folded) AS n, regexp_split_to_table(n, '[^[:alnum:]]+') AS w
     WHERE l.active AND length(w) >= 2`);

  // The threshold is the function's own, so the geocoder's searches keep pg_trgm's defaults. So is
  // enable_seqscan = off: planned without the query's words, the join otherwise reads every word
  // row once per query word, computing a similarity each time (88 ms at 5,000 landmarks against
  // a few ms through the index).
  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_landmark_candidates(p_jurisdiction text, p_words text[], p_limit int)
    RETURNS TABLE (landmark_id bigint, hits int)
    LANGUAGE sql STABLE
    SET pg_trgm.similarity_threshold = 0.3
    SET enable_seqscan = off
    AS $$
      SELECT lw.landmark_id, count(DISTINCT q.i)::int
        FROM unnest(p_words) WITH ORDINALITY AS q(w, i)
        JOIN landmark_words lw ON (lw.word % q.w OR lw.word LIKE q.w || '%') AND lw.jurisdiction_id = p_jurisdiction
       GROUP BY lw.landmark_id
       ORDER BY 2 DESC, lw.landmark_id
       LIMIT p_limit $$`);
  // The joined names and their index (migration 20261128000900) served a prefilter that could not
  // narrow names sharing most trigrams; the words replace them.
  await knex.raw('DROP INDEX IF EXISTS landmarks_search_trgm');
  await knex.raw('ALTER TABLE landmarks DROP COLUMN IF EXISTS search_folded');
  await knex.raw(
    `COMMENT ON FUNCTION k_landmark_candidates(text, text[], int) IS 'Landmarks of a city with the most words like the query words (trigram similarity 0.3, or prefix): the ones the console search scores.'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE landmarks ADD COLUMN search_folded text GENERATED ALWAYS AS (k_join_names(k_fold_names(name_pl, name_en, aliases))) STORED`);
  await knex.raw(`COMMENT ON COLUMN landmarks.search_folded IS 'Generated: the folded names joined, with a trigram index for the search box'`);
  await knex.raw(`CREATE INDEX landmarks_search_trgm ON landmarks USING gin (search_folded public.gin_trgm_ops)`);
  await knex.raw('DROP FUNCTION IF EXISTS k_landmark_candidates(text, text[], int)');
  await knex.raw('DROP TRIGGER IF EXISTS landmarks_words ON landmarks');
  await knex.raw('DROP FUNCTION IF EXISTS k_landmark_words_sync()');
  await knex.schema.dropTableIfExists('landmark_words');
}
