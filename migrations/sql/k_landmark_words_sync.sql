-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION k_landmark_words_sync()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    BEGIN
      DELETE FROM landmark_words WHERE landmark_id = NEW.id;
      IF NEW.active THEN
        INSERT INTO landmark_words (landmark_id, jurisdiction_id, word)
        SELECT DISTINCT NEW.id, NEW.jurisdiction_id, w
          FROM unnest(NEW.names_folded) AS n, regexp_split_to_table(n, '[^[:alnum:]]+') AS w
         WHERE length(w) >= 2;
      END IF;
      RETURN NULL;
    END $function$;

COMMENT ON FUNCTION k_landmark_words_sync() IS 'Keeps landmark_words equal to the words of the folded names of an active landmark.';

CREATE OR REPLACE TRIGGER landmarks_words AFTER INSERT OR UPDATE OF name_pl, name_en, aliases, active ON landmarks FOR EACH ROW EXECUTE FUNCTION k_landmark_words_sync();
