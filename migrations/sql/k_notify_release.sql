-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION k_notify_release(p_jurisdiction text, p_address text)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
    DECLARE
      v_released int;
    BEGIN
      WITH held AS (
        SELECT id, row_number() OVER (PARTITION BY person_id, request_id, inquiry_id ORDER BY id DESC) AS rn
          FROM notifications WHERE jurisdiction_id = p_jurisdiction AND address_norm = p_address AND status = 'held'),
      done AS (
        UPDATE notifications n
           SET status = CASE WHEN held.rn = 1 THEN 'queued' ELSE 'suppressed' END,
               last_error = CASE WHEN held.rn = 1 THEN NULL ELSE 'superseded: after the confirmation only the latest notice per request is sent' END,
               next_attempt_at = now()
          FROM held WHERE n.id = held.id
        RETURNING n.status)
      SELECT count(*) FILTER (WHERE status = 'queued') INTO v_released FROM done;
      RETURN v_released;
    END $function$;

COMMENT ON FUNCTION k_notify_release(text,text) IS 'Sends what was held for a newly confirmed address: the latest notice per request and person (migration 20261205000500)';
