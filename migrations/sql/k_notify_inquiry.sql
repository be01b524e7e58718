-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION k_notify_inquiry()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    DECLARE
      v_kind text;
      r record;
      v_status text;
      v_why text;
    BEGIN
      IF NEW.person_id IS NULL OR NEW.reply_channel NOT IN ('email','sms') THEN RETURN NULL; END IF;
      IF TG_OP = 'INSERT' THEN v_kind := 'inquiry_forwarded';
      ELSIF NEW.status = 'answered' AND OLD.status IS DISTINCT FROM 'answered' THEN v_kind := 'inquiry_answered';
      ELSIF NEW.status = 'open' AND NEW.unit_id IS DISTINCT FROM OLD.unit_id THEN v_kind := 'inquiry_reassigned';
      ELSE RETURN NULL;
      END IF;
      SELECT p.id AS person_id, CASE NEW.reply_channel WHEN 'email' THEN p.email ELSE p.phone END AS to_address,
             CASE NEW.reply_channel WHEN 'email' THEN coalesce(p.email_norm, lower(btrim(p.email))) END AS address_norm,
             coalesce(p.locale, CASE WHEN j.default_locale IN ('pl','en') THEN j.default_locale END, 'pl') AS locale
        INTO r
        FROM people p JOIN jurisdictions j ON j.id = NEW.jurisdiction_id
       WHERE p.id = NEW.person_id AND CASE NEW.reply_channel WHEN 'email' THEN p.email ELSE p.phone END IS NOT NULL;
      IF NOT FOUND THEN RETURN NULL; END IF;
      IF NEW.reply_channel <> 'email' THEN
        v_status := 'unsupported';
      ELSE
        IF TG_OP = 'INSERT' AND NEW.forwarded_by IS NOT NULL THEN
          INSERT INTO email_addresses AS ea (jurisdiction_id, email_norm, confirmed_at, confirmed_how, confirmed_by)
          VALUES (NEW.jurisdiction_id, r.address_norm, now(), 'staff', NEW.forwarded_by)
          ON CONFLICT (jurisdiction_id, email_norm) DO UPDATE SET confirmed_at = now(), confirmed_how = 'staff', confirmed_by = EXCLUDED.confirmed_by
           WHERE ea.confirmed_at IS NULL;
        END IF;
        IF EXISTS (SELECT 1 FROM email_addresses WHERE jurisdiction_id = NEW.jurisdiction_id AND email_norm = r.address_norm AND confirmed_at IS NOT NULL) THEN
          IF EXISTS (SELECT 1 FROM notifications WHERE jurisdiction_id = NEW.jurisdiction_id AND address_norm = r.address_norm AND status = 'held') THEN
            PERFORM k_notify_release(NEW.jurisdiction_id, r.address_norm);
          END IF;
          v_why := k_notify_over_limit(r.address_norm, NULL, k_notify_limit(NEW.jurisdiction_id, 'per_address_per_day', 20), NULL);
          v_status := CASE WHEN v_why IS NULL THEN 'queued' ELSE 'suppressed' END;
        ELSE
          v_status := 'held';
          v_why := 'held: the address is not confirmed yet';
          IF TG_OP = 'INSERT' THEN PERFORM k_notify_ask_confirmation(NEW.jurisdiction_id, r.person_id, r.to_address, r.address_norm, r.locale, NULL); END IF;
        END IF;
      END IF;
      INSERT INTO notifications (jurisdiction_id, person_id, channel, to_address, locale, kind, inquiry_id, status, last_error, address_norm)
      VALUES (NEW.jurisdiction_id, r.person_id, NEW.reply_channel, r.to_address, r.locale, v_kind, NEW.id, v_status, v_why, r.address_norm)
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $function$;

COMMENT ON FUNCTION k_notify_inquiry() IS 'Enqueues the receipt, a move to another unit and the answer of an inquiry; an agent-forwarded reply address counts as confirmed by staff (migrations 20261128001000, 20261128001500, 20261205000500)';

CREATE OR REPLACE TRIGGER inquiries_notify AFTER INSERT OR UPDATE OF status, unit_id ON inquiries FOR EACH ROW EXECUTE FUNCTION k_notify_inquiry();
