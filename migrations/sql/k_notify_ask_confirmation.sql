-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION k_notify_ask_confirmation(p_jurisdiction text, p_person bigint, p_to text, p_address text, p_locale text, p_client bigint)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
    DECLARE
      v_hours int := k_notify_limit(p_jurisdiction, 'confirmation_resend_hours', 24);
      v_week int := k_notify_limit(p_jurisdiction, 'confirmations_per_week', 3);
      v_client int := k_notify_limit(p_jurisdiction, 'confirmations_per_client_per_hour', 100);
      v_why text;
    BEGIN
      INSERT INTO email_addresses (jurisdiction_id, email_norm) VALUES (p_jurisdiction, p_address) ON CONFLICT (jurisdiction_id, email_norm) DO NOTHING;
      IF EXISTS (SELECT 1 FROM notifications WHERE address_norm = p_address AND jurisdiction_id = p_jurisdiction AND kind = 'email_confirmation'
                    AND status IN ('queued','sending','sent','failed','dead') AND created_at > now() - make_interval(hours => v_hours)) THEN
        v_why := format('a confirmation message went to this address less than %s hours ago', v_hours);
      ELSIF (SELECT count(*) FROM (SELECT 1 FROM notifications WHERE address_norm = p_address AND jurisdiction_id = p_jurisdiction AND kind = 'email_confirmation'
                AND status IN ('queued','sending','sent','failed','dead') AND created_at > now() - interval '7 days' LIMIT v_week) s) >= v_week THEN
        v_why := format('limit: at most %s confirmation messages per address in 7 days', v_week);
      ELSIF p_client IS NOT NULL AND (SELECT count(*) FROM (SELECT 1 FROM notifications WHERE api_client_id = p_client AND kind = 'email_confirmation'
                AND status IN ('queued','sending','sent','failed','dead') AND created_at > now() - interval '1 hour' LIMIT v_client) s) >= v_client THEN
        v_why := format('limit: at most %s confirmation messages per hour for API client %s', v_client, p_client);
      END IF;
      INSERT INTO notifications (jurisdiction_id, person_id, channel, to_address, locale, kind, status, last_error, address_norm, api_client_id)
      VALUES (p_jurisdiction, p_person, 'email', p_to, p_locale, 'email_confirmation', CASE WHEN v_why IS NULL THEN 'queued' ELSE 'suppressed' END, v_why, p_address, p_client);
    END $function$;
