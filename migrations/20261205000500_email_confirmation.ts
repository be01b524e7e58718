/**
 * The city mails no stranger (issue #11 item 10): double opt-in for e-mail addresses given through
 * public channels, and limits on notices per address and per API client.
 *
 * Why a table of addresses and not a column on `people`: what is confirmed is a mailbox, and
 * several people rows can share one (the intake finds a person by phone OR e-mail, the console
 * picks the latest caller with that address). `email_addresses` holds one row per (jurisdiction,
 * normalised address): no row, or a row without confirmed_at, means UNCONFIRMED (fail closed: a
 * path that forgets to record an address cannot make it mailable).
 *
 * Who confirms:
 * - `link`: the owner pressed the button behind the signed link of the one confirmation message.
 * - `staff`: an agent typed the address while the caller was on the line (a console report, an
 *   inquiry forwarded with reply channel e-mail). The caller spoke to the city and asked for mail;
 *   abuse that scales needs a public channel, and a mistyped address is one error the agent can
 *   read back. See docs/notifications.md.
 * - `legacy`: the address was already mailed before this migration (below).
 *
 * Enqueueing stays in the triggers (migration 20261128001000: every path that records a change is
 * covered, atomically). They now decide per e-mail recipient:
 * - address unconfirmed: the notice is stored `held` (last_error says why), and a receipt-like
 *   notice (request_received, reporter_attached, an automatic merge at intake: the resident's own
 *   act) asks for ONE `email_confirmation` message, unless one went to the address within the
 *   resend window (24 h), the address had its weekly share (3 per 7 days), or the filing API client
 *   had its hourly share of confirmations (100): then a `suppressed` confirmation row records why.
 *   Status changes never ask: the city does not nag a mailbox nobody confirmed.
 * - address confirmed: the notice is `queued`, unless the address had 20 notices in 24 h or the
 *   API client that filed for the reporter had 2,000 in an hour: then `suppressed`, with the limit
 *   in last_error. Dropped, not held: holding a flood only delays it, and the request page keeps
 *   the whole history.
 * The limits are defaults; a city overrides them in city.json `settings.notify_limits`
 * (per_address_per_day, per_client_per_hour, confirmations_per_client_per_hour,
 * confirmation_resend_hours, confirmations_per_week), read here through k_notify_limit, which
 * ignores anything that is not a positive whole number (a typo in a city pack must not make every
 * status change fail). The counts are read without a lock: concurrent transactions on the server
 * engine may overshoot a limit by the few notices they enqueue at the same moment (a per-address
 * lock taken in trigger order could deadlock two multi-event transactions).
 *
 * Existing data: addresses that already received at least one mail are confirmed `legacy`: asking
 * them now would silence residents mid-request, and what a stranger might have got is already
 * sent. Addresses staff gave (a reporter filed without an API client through a channel other than
 * the portal's "me too" `web`, or an inquiry reply forwarded by an agent) are confirmed `staff`,
 * the rule for new data. Every other address stays unconfirmed: its queued notices become `held`
 * and it gets one confirmation message (a city that never configured SMTP would otherwise mail
 * every stranger in its outbox the day it does).
 */
import type { Knex } from 'knex';

const KINDS_BEFORE = `('request_received','reporter_attached','status_changed','public_note','merged','unmerged','inquiry_forwarded','inquiry_reassigned','inquiry_answered')`;
const KINDS = `('request_received','reporter_attached','status_changed','public_note','merged','unmerged','inquiry_forwarded','inquiry_reassigned','inquiry_answered','email_confirmation')`;
const STATUSES_BEFORE = `('queued','sending','sent','failed','dead','unsupported','cancelled')`;
const STATUSES = `('queued','sending','sent','failed','dead','unsupported','cancelled','held','suppressed')`;
/** Statuses of notices that were or will be handed to SMTP: what the limits count. */
const COUNTED = `('queued','sending','sent','failed','dead')`;

/** The request-event trigger of migration 20261128001000 as it was (for down). */
const REQUEST_EVENT_BEFORE = `
    CREATE OR REPLACE FUNCTION k_notify_request_event() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      v_kind text;
    BEGIN
      IF NEW.kind = 'created' AND NEW.detailed_status = 'new' THEN v_kind := 'request_received';
      ELSIF NEW.kind = 'status' THEN v_kind := 'status_changed';
      ELSIF NEW.kind = 'note' AND coalesce(btrim(NEW.note), '') <> '' THEN v_kind := 'public_note';
      ELSIF NEW.kind = 'merged' THEN v_kind := 'merged';
      ELSIF NEW.kind = 'reporter_added' AND NEW.data->>'reporter_id' IS NOT NULL THEN v_kind := 'reporter_attached';
      ELSIF NEW.kind = 'unmerged' AND NEW.status IS NOT NULL THEN v_kind := 'unmerged';
      ELSE RETURN NULL;
      END IF;
      INSERT INTO notifications (jurisdiction_id, person_id, channel, to_address, locale, kind, request_id, request_event_id, status)
      SELECT DISTINCT ON (p.id, rr.notify) NEW.jurisdiction_id, p.id, rr.notify,
             CASE rr.notify WHEN 'email' THEN p.email ELSE p.phone END,
             coalesce(p.locale, CASE WHEN j.default_locale IN ('pl','en') THEN j.default_locale END, 'pl'),
             v_kind, NEW.request_id, NEW.id,
             CASE rr.notify WHEN 'email' THEN 'queued' ELSE 'unsupported' END
        FROM request_reporters rr
        JOIN people p ON p.id = rr.person_id
        JOIN jurisdictions j ON j.id = NEW.jurisdiction_id
       WHERE rr.notify IN ('email','sms')
         AND CASE rr.notify WHEN 'email' THEN p.email ELSE p.phone END IS NOT NULL
         AND CASE
               WHEN v_kind = 'reporter_attached' THEN rr.id = (NEW.data->>'reporter_id')::bigint
               WHEN v_kind = 'merged' AND jsonb_typeof(NEW.data->'reporter_ids') = 'array' THEN rr.id IN (SELECT x::bigint FROM jsonb_array_elements_text(NEW.data->'reporter_ids') x)
               WHEN v_kind = 'merged' THEN rr.original_request_id = NEW.request_id
               ELSE rr.request_id = NEW.request_id
             END
      ORDER BY p.id, rr.notify
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`;

/** The inquiry trigger of migration 20261128001500 as it was (for down). */
const INQUIRY_BEFORE = `
  CREATE OR REPLACE FUNCTION k_notify_inquiry() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    v_kind text;
  BEGIN
    IF NEW.person_id IS NULL OR NEW.reply_channel NOT IN ('email','sms') THEN RETURN NULL; END IF;
    IF TG_OP = 'INSERT' THEN v_kind := 'inquiry_forwarded';
    ELSIF NEW.status = 'answered' AND OLD.status IS DISTINCT FROM 'answered' THEN v_kind := 'inquiry_answered';
    ELSIF NEW.status = 'open' AND NEW.unit_id IS DISTINCT FROM OLD.unit_id THEN v_kind := 'inquiry_reassigned';
    ELSE RETURN NULL;
    END IF;
    INSERT INTO notifications (jurisdiction_id, person_id, channel, to_address, locale, kind, inquiry_id, status)
    SELECT NEW.jurisdiction_id, p.id, NEW.reply_channel,
           CASE NEW.reply_channel WHEN 'email' THEN p.email ELSE p.phone END,
           coalesce(p.locale, CASE WHEN j.default_locale IN ('pl','en') THEN j.default_locale END, 'pl'),
           v_kind, NEW.id,
           CASE NEW.reply_channel WHEN 'email' THEN 'queued' ELSE 'unsupported' END
      FROM people p JOIN jurisdictions j ON j.id = NEW.jurisdiction_id
     WHERE p.id = NEW.person_id AND CASE NEW.reply_channel WHEN 'email' THEN p.email ELSE p.phone END IS NOT NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('email_addresses', (t) => {
    t.comment(
      'Confirmation state of e-mail addresses residents gave (double opt-in). No row, or no confirmed_at: unconfirmed, nothing but one confirmation message is sent to it.',
    );
    t.bigIncrements('id').comment('Surrogate key; the signed confirmation link names it (never the address)');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('The city the address was given to');
    t.text('email_norm').notNullable().comment('Lower-cased trimmed address, as people.email_norm');
    t.timestamp('confirmed_at', { useTz: true }).comment('When the address was confirmed; null: unconfirmed');
    t.text('confirmed_how').comment(
      'link (the owner pressed the button), staff (typed by an agent with the caller on the line) or legacy (mailed before double opt-in)',
    );
    t.bigInteger('confirmed_by').references('staff.id').onDelete('SET NULL').comment('The agent, for confirmed_how = staff');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When the address was first recorded');
    t.unique(['jurisdiction_id', 'email_norm']);
  });
  await knex.raw(`ALTER TABLE email_addresses
    ADD CONSTRAINT email_addresses_how_check CHECK (confirmed_how IN ('link','staff','legacy')),
    ADD CONSTRAINT email_addresses_confirmed_check CHECK ((confirmed_at IS NULL) = (confirmed_how IS NULL))`);

  await knex.schema.alterTable('notifications', (t) => {
    t.text('address_norm').comment('Normalised recipient e-mail (lower-cased): the per-address limits and the confirmation state are keyed by it');
    t.bigInteger('api_client_id')
      .references('api_clients.id')
      .onDelete('SET NULL')
      .comment('API client that filed for the recipient (request_reporters.api_client_id): the per-client limits');
  });
  await knex.raw(`ALTER TABLE notifications
    DROP CONSTRAINT notifications_kind_check, ADD CONSTRAINT notifications_kind_check CHECK (kind IN ${KINDS}),
    DROP CONSTRAINT notifications_status_check, ADD CONSTRAINT notifications_status_check CHECK (status IN ${STATUSES})`);
  await knex.raw(
    `COMMENT ON COLUMN notifications.status IS 'queued, sending (claimed; the claim expires at next_attempt_at), sent, failed (will retry), dead (gave up), unsupported (sms), cancelled (unsubscribed), held (the address is not confirmed yet), suppressed (dropped by a limit or superseded; last_error says which)'`,
  );
  await knex.raw(`CREATE INDEX notifications_address ON notifications (address_norm, created_at) WHERE address_norm IS NOT NULL`);
  await knex.raw(`CREATE INDEX notifications_client ON notifications (api_client_id, created_at) WHERE api_client_id IS NOT NULL`);
  await knex.raw(`CREATE INDEX notifications_held ON notifications (jurisdiction_id, address_norm) WHERE status = 'held'`);

  // A limit of the city (jurisdictions.settings.notify_limits.<name>) or the default.
  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_notify_limit(p_jurisdiction text, p_name text, p_default int) RETURNS int LANGUAGE sql STABLE AS $$
      SELECT coalesce((SELECT CASE WHEN jsonb_typeof(v) = 'number' AND v::text ~ '^[0-9]{1,7}$' AND v::text::int > 0 THEN v::text::int END
                         FROM (SELECT settings->'notify_limits'->p_name AS v FROM jurisdictions WHERE id = p_jurisdiction) s), p_default)
    $$`);
  await knex.raw(
    `COMMENT ON FUNCTION k_notify_limit(text, text, int) IS 'A notice limit of the city (city.json settings.notify_limits), else the default (migration 20261205000500)'`,
  );

  // Whether a notice to a confirmed address may go out: null, or the limit it hit. The counts stop
  // at the limit (LIMIT inside), so a busy client costs at most `limit` index entries per notice.
  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_notify_over_limit(p_address text, p_client bigint, p_per_address int, p_per_client int) RETURNS text LANGUAGE plpgsql AS $$
    BEGIN
      IF (SELECT count(*) FROM (SELECT 1 FROM notifications WHERE address_norm = p_address AND kind <> 'email_confirmation'
             AND status IN ${COUNTED} AND created_at > now() - interval '24 hours' LIMIT p_per_address) s) >= p_per_address THEN
        RETURN format('limit: at most %s notices per address in 24 hours', p_per_address);
      END IF;
      IF p_client IS NOT NULL AND (SELECT count(*) FROM (SELECT 1 FROM notifications WHERE api_client_id = p_client AND kind <> 'email_confirmation'
             AND status IN ${COUNTED} AND created_at > now() - interval '1 hour' LIMIT p_per_client) s) >= p_per_client THEN
        RETURN format('limit: at most %s notices per hour for the reporters of API client %s', p_per_client, p_client);
      END IF;
      RETURN NULL;
    END $$`);

  // Releases what was held for an address once it is confirmed (the button, an agent, ...): the
  // latest notice per request (or inquiry) and person goes out, the older ones are superseded, so
  // a resident who confirms after three status changes gets one message, not a backlog.
  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_notify_release(p_jurisdiction text, p_address text) RETURNS int LANGUAGE plpgsql AS $$
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
    END $$`);
  await knex.raw(
    `COMMENT ON FUNCTION k_notify_release(text, text) IS 'Sends what was held for a newly confirmed address: the latest notice per request and person (migration 20261205000500)'`,
  );

  // The one confirmation message an unconfirmed address gets (or the record of why not).
  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_notify_ask_confirmation(p_jurisdiction text, p_person bigint, p_to text, p_address text, p_locale text, p_client bigint) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      v_hours int := k_notify_limit(p_jurisdiction, 'confirmation_resend_hours', 24);
      v_week int := k_notify_limit(p_jurisdiction, 'confirmations_per_week', 3);
      v_client int := k_notify_limit(p_jurisdiction, 'confirmations_per_client_per_hour', 100);
      v_why text;
    BEGIN
      INSERT INTO email_addresses (jurisdiction_id, email_norm) VALUES (p_jurisdiction, p_address) ON CONFLICT (jurisdiction_id, email_norm) DO NOTHING;
      IF EXISTS (SELECT 1 FROM notifications WHERE address_norm = p_address AND jurisdiction_id = p_jurisdiction AND kind = 'email_confirmation'
                    AND status IN ${COUNTED} AND created_at > now() - make_interval(hours => v_hours)) THEN
        v_why := format('a confirmation message went to this address less than %s hours ago', v_hours);
      ELSIF (SELECT count(*) FROM (SELECT 1 FROM notifications WHERE address_norm = p_address AND jurisdiction_id = p_jurisdiction AND kind = 'email_confirmation'
                AND status IN ${COUNTED} AND created_at > now() - interval '7 days' LIMIT v_week) s) >= v_week THEN
        v_why := format('limit: at most %s confirmation messages per address in 7 days', v_week);
      ELSIF p_client IS NOT NULL AND (SELECT count(*) FROM (SELECT 1 FROM notifications WHERE api_client_id = p_client AND kind = 'email_confirmation'
                AND status IN ${COUNTED} AND created_at > now() - interval '1 hour' LIMIT v_client) s) >= v_client THEN
        v_why := format('limit: at most %s confirmation messages per hour for API client %s', v_client, p_client);
      END IF;
      INSERT INTO notifications (jurisdiction_id, person_id, channel, to_address, locale, kind, status, last_error, address_norm, api_client_id)
      VALUES (p_jurisdiction, p_person, 'email', p_to, p_locale, 'email_confirmation', CASE WHEN v_why IS NULL THEN 'queued' ELSE 'suppressed' END, v_why, p_address, p_client);
    END $$`);

  // Recipients as before (migration 20261128001000); what changes is the status each notice gets.
  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_notify_request_event() RETURNS trigger LANGUAGE plpgsql AS $$
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
    END $$`);
  await knex.raw(
    `COMMENT ON FUNCTION k_notify_request_event() IS 'Enqueues notices to reporters for a public request event; held for unconfirmed addresses, suppressed over the limits (migrations 20261128001000, 20261205000500)'`,
  );

  // Inquiries are forwarded by agents in the console (forwarded_by): the reply address was given
  // to staff, so it counts as confirmed by them, like a console report. One without an agent
  // (a public path, should one appear) is held until confirmed; it asks for a confirmation itself.
  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_notify_inquiry() RETURNS trigger LANGUAGE plpgsql AS $$
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
    END $$`);
  await knex.raw(
    `COMMENT ON FUNCTION k_notify_inquiry() IS 'Enqueues the receipt, a move to another unit and the answer of an inquiry; an agent-forwarded reply address counts as confirmed by staff (migrations 20261128001000, 20261128001500, 20261205000500)'`,
  );

  // Existing data (see the header): fill the new columns, then classify the addresses.
  await knex.raw(`UPDATE notifications n SET address_norm = coalesce(p.email_norm, lower(btrim(n.to_address)))
                    FROM people p WHERE n.channel = 'email' AND p.id = n.person_id`);
  await knex.raw(`UPDATE notifications SET address_norm = lower(btrim(to_address)) WHERE channel = 'email' AND address_norm IS NULL`);
  await knex.raw(`UPDATE notifications n SET api_client_id = rr.api_client_id
                    FROM request_reporters rr WHERE rr.person_id = n.person_id AND rr.request_id = n.request_id AND rr.api_client_id IS NOT NULL`);
  await knex.raw(`
    INSERT INTO email_addresses (jurisdiction_id, email_norm, confirmed_at, confirmed_how)
    SELECT jurisdiction_id, address_norm, min(sent_at), 'legacy' FROM notifications
     WHERE channel = 'email' AND status = 'sent' AND address_norm IS NOT NULL GROUP BY jurisdiction_id, address_norm
    ON CONFLICT (jurisdiction_id, email_norm) DO NOTHING`);
  await knex.raw(`
    INSERT INTO email_addresses (jurisdiction_id, email_norm, confirmed_at, confirmed_how, confirmed_by)
    SELECT DISTINCT ON (jurisdiction_id, address) jurisdiction_id, address, now(), 'staff', staff_id FROM (
      SELECT rr.jurisdiction_id, coalesce(p.email_norm, lower(btrim(p.email))) AS address, NULL::bigint AS staff_id
        FROM request_reporters rr JOIN people p ON p.id = rr.person_id
       WHERE rr.notify = 'email' AND p.email IS NOT NULL AND rr.api_client_id IS NULL AND rr.channel <> 'web'
      UNION ALL
      SELECT i.jurisdiction_id, coalesce(p.email_norm, lower(btrim(p.email))), i.forwarded_by
        FROM inquiries i JOIN people p ON p.id = i.person_id
       WHERE i.reply_channel = 'email' AND p.email IS NOT NULL AND i.forwarded_by IS NOT NULL) given
    ORDER BY jurisdiction_id, address, staff_id NULLS LAST
    ON CONFLICT (jurisdiction_id, email_norm) DO NOTHING`);
  // What is still to send to an unconfirmed address waits for its owner, who is asked once.
  await knex.raw(`
    UPDATE notifications n SET status = 'held', last_error = 'held: the address is not confirmed yet'
     WHERE n.channel = 'email' AND n.status IN ('queued','failed','sending') AND n.address_norm IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM email_addresses ea WHERE ea.jurisdiction_id = n.jurisdiction_id AND ea.email_norm = n.address_norm AND ea.confirmed_at IS NOT NULL)`);
  await knex.raw(`INSERT INTO email_addresses (jurisdiction_id, email_norm)
                  SELECT DISTINCT jurisdiction_id, address_norm FROM notifications WHERE status = 'held' ON CONFLICT DO NOTHING`);
  await knex.raw(`
    INSERT INTO notifications (jurisdiction_id, person_id, channel, to_address, locale, kind, status, address_norm)
    SELECT DISTINCT ON (jurisdiction_id, address_norm) jurisdiction_id, person_id, 'email', to_address, locale, 'email_confirmation', 'queued', address_norm
      FROM notifications WHERE status = 'held' ORDER BY jurisdiction_id, address_norm, id DESC`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(REQUEST_EVENT_BEFORE);
  await knex.raw(`COMMENT ON FUNCTION k_notify_request_event() IS 'Enqueues notices to reporters for a public request event (see migration 20261128001000)'`);
  await knex.raw(INQUIRY_BEFORE);
  await knex.raw(
    `COMMENT ON FUNCTION k_notify_inquiry() IS 'Enqueues the receipt, a move to another unit and the answer of an inquiry to the resident who asked (migrations 20261128001000, 20261128001500)'`,
  );
  await knex.raw('DROP FUNCTION IF EXISTS k_notify_ask_confirmation(text, bigint, text, text, text, bigint)');
  await knex.raw('DROP FUNCTION IF EXISTS k_notify_release(text, text)');
  await knex.raw('DROP FUNCTION IF EXISTS k_notify_over_limit(text, bigint, int, int)');
  await knex.raw('DROP FUNCTION IF EXISTS k_notify_limit(text, text, int)');
  // Going back to sending everything: held notices are released, confirmations and suppressed rows forgotten.
  await knex('notifications').where({ kind: 'email_confirmation' }).del();
  await knex('notifications').where({ status: 'held' }).update({ status: 'queued', last_error: null });
  await knex('notifications').where({ status: 'suppressed' }).update({ status: 'cancelled' });
  await knex.raw(`ALTER TABLE notifications
    DROP CONSTRAINT notifications_kind_check, ADD CONSTRAINT notifications_kind_check CHECK (kind IN ${KINDS_BEFORE}),
    DROP CONSTRAINT notifications_status_check, ADD CONSTRAINT notifications_status_check CHECK (status IN ${STATUSES_BEFORE})`);
  await knex.raw('DROP INDEX IF EXISTS notifications_held');
  await knex.raw('DROP INDEX IF EXISTS notifications_client');
  await knex.raw('DROP INDEX IF EXISTS notifications_address');
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('api_client_id');
    t.dropColumn('address_norm');
  });
  await knex.schema.dropTableIfExists('email_addresses');
}
