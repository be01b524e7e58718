-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION k_notify_request_event()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    DECLARE
      v_kind text;
      r record;
      v_status text;
      v_why text;
      v_per_address int;
      v_per_client int;
    BEGIN
      IF NEW.kind = 'created' AND NEW.detailed_status = 'new' THEN v_kind := 'request_received';
      ELSIF NEW.kind = 'status' THEN v_kind := 'status_changed';
      ELSIF NEW.kind = 'note' AND coalesce(btrim(NEW.note), '') <> '' THEN v_kind := 'public_note';
      ELSIF NEW.kind = 'merged' THEN v_kind := 'merged';
      ELSIF NEW.kind = 'reporter_added' AND NEW.data->>'reporter_id' IS NOT NULL THEN v_kind := 'reporter_attached';
      ELSIF NEW.kind = 'unmerged' AND NEW.status IS NOT NULL THEN v_kind := 'unmerged';
      ELSE RETURN NULL;
      END IF;
      FOR r IN
        SELECT DISTINCT ON (p.id, rr.notify) p.id AS person_id, rr.notify AS channel,
               CASE rr.notify WHEN 'email' THEN p.email ELSE p.phone END AS to_address,
               CASE rr.notify WHEN 'email' THEN coalesce(p.email_norm, lower(btrim(p.email))) END AS address_norm,
               coalesce(p.locale, CASE WHEN j.default_locale IN ('pl','en') THEN j.default_locale END, 'pl') AS locale,
               rr.api_client_id,
               ea.confirmed_at IS NOT NULL AS confirmed
          FROM request_reporters rr
          JOIN people p ON p.id = rr.person_id
          JOIN jurisdictions j ON j.id = NEW.jurisdiction_id
          LEFT JOIN email_addresses ea ON rr.notify = 'email' AND ea.jurisdiction_id = NEW.jurisdiction_id AND ea.email_norm = coalesce(p.email_norm, lower(btrim(p.email)))
         WHERE rr.notify IN ('email','sms')
           AND CASE rr.notify WHEN 'email' THEN p.email ELSE p.phone END IS NOT NULL
           AND CASE
                 WHEN v_kind = 'reporter_attached' THEN rr.id = (NEW.data->>'reporter_id')::bigint
                 WHEN v_kind = 'merged' AND jsonb_typeof(NEW.data->'reporter_ids') = 'array' THEN rr.id IN (SELECT x::bigint FROM jsonb_array_elements_text(NEW.data->'reporter_ids') x)
                 WHEN v_kind = 'merged' THEN rr.original_request_id = NEW.request_id
                 ELSE rr.request_id = NEW.request_id
               END
         ORDER BY p.id, rr.notify, rr.api_client_id NULLS FIRST
      LOOP
        v_why := NULL;
        IF r.channel <> 'email' THEN
          v_status := 'unsupported';
        ELSIF NOT r.confirmed THEN
          v_status := 'held';
          v_why := 'held: the address is not confirmed yet';
          -- Only the resident's own act asks for a confirmation; a status change never does.
          IF (v_kind IN ('request_received','reporter_attached') OR (v_kind = 'merged' AND NEW.data->>'automatic' = 'true'))
             AND NOT EXISTS (SELECT 1 FROM notifications WHERE request_event_id = NEW.id AND person_id = r.person_id AND channel = 'email') THEN
            PERFORM k_notify_ask_confirmation(NEW.jurisdiction_id, r.person_id, r.to_address, r.address_norm, r.locale, r.api_client_id);
          END IF;
        ELSE
          -- Confirmed since something was held (an agent typed it in this very statement, say): that goes out now.
          IF EXISTS (SELECT 1 FROM notifications WHERE jurisdiction_id = NEW.jurisdiction_id AND address_norm = r.address_norm AND status = 'held') THEN
            PERFORM k_notify_release(NEW.jurisdiction_id, r.address_norm);
          END IF;
          IF v_per_address IS NULL THEN
            v_per_address := k_notify_limit(NEW.jurisdiction_id, 'per_address_per_day', 20);
            v_per_client := k_notify_limit(NEW.jurisdiction_id, 'per_client_per_hour', 2000);
          END IF;
          v_why := k_notify_over_limit(r.address_norm, r.api_client_id, v_per_address, v_per_client);
          v_status := CASE WHEN v_why IS NULL THEN 'queued' ELSE 'suppressed' END;
        END IF;
        INSERT INTO notifications (jurisdiction_id, person_id, channel, to_address, locale, kind, request_id, request_event_id, status, last_error, address_norm, api_client_id)
        VALUES (NEW.jurisdiction_id, r.person_id, r.channel, r.to_address, r.locale, v_kind, NEW.request_id, NEW.id, v_status, v_why, r.address_norm, r.api_client_id)
        ON CONFLICT DO NOTHING;
      END LOOP;
      RETURN NULL;
    END $function$;

COMMENT ON FUNCTION k_notify_request_event() IS 'Enqueues notices to reporters for a public request event; held for unconfirmed addresses, suppressed over the limits (migrations 20261128001000, 20261205000500)';

CREATE OR REPLACE TRIGGER request_events_notify AFTER INSERT ON request_events FOR EACH ROW WHEN (new.public) EXECUTE FUNCTION k_notify_request_event();
