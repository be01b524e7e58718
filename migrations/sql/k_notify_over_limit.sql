-- Loaded by a migration (migrations/README.md: "Functions and triggers"). Edit here, then add a migration that reloads this file.
CREATE OR REPLACE FUNCTION k_notify_over_limit(p_address text, p_client bigint, p_per_address integer, p_per_client integer)
 RETURNS text
 LANGUAGE plpgsql
AS $function$
    BEGIN
      IF (SELECT count(*) FROM (SELECT 1 FROM notifications WHERE address_norm = p_address AND kind <> 'email_confirmation'
             AND status IN ('queued','sending','sent','failed','dead') AND created_at > now() - interval '24 hours' LIMIT p_per_address) s) >= p_per_address THEN
        RETURN format('limit: at most %s notices per address in 24 hours', p_per_address);
      END IF;
      IF p_client IS NOT NULL AND (SELECT count(*) FROM (SELECT 1 FROM notifications WHERE api_client_id = p_client AND kind <> 'email_confirmation'
             AND status IN ('queued','sending','sent','failed','dead') AND created_at > now() - interval '1 hour' LIMIT p_per_client) s) >= p_per_client THEN
        RETURN format('limit: at most %s notices per hour for the reporters of API client %s', p_per_client, p_client);
      END IF;
      RETURN NULL;
    END $function$;
