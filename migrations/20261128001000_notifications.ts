/**
 * Residents hear back (issue #5 items 3 and 4): an outbox of notices to reporters and to residents
 * whose question went to the second line, filled by triggers in the same transaction as the change
 * and emptied by the dispatcher (api/notify/dispatcher.ts) over SMTP.
 *
 * Why triggers and not a call in each code path: a public status change can come from the console,
 * from an Open311 (FixMyStreet) update POST, from a unit surface that does not exist yet, or from a
 * merge in the pipeline; a trigger on request_events (and on inquiries) covers every one of them,
 * including paths written later, and it is atomic with the change by construction (a rolled-back
 * change leaves no notice, a committed one cannot lose its notice). Bulk loads of history (the
 * demo) switch it off, like the map-cell trigger (api/notify/outbox.ts withoutNotifications).
 *
 * Who is told what is decided here in SQL (recipients, kind, address, language); the words are
 * rendered in TypeScript at send time (api/notify/templates.ts), because PL/EN templates do not
 * belong in PL/pgSQL and the rows they are rendered from (an event, an inquiry) never change. What
 * was sent is then stored on the row (subject, body), so staff can see it.
 */
import type { Knex } from 'knex';

const KINDS = `('request_received','reporter_attached','status_changed','public_note','merged','unmerged','inquiry_forwarded','inquiry_answered')`;
const STATUSES = `('queued','sending','sent','failed','dead','unsupported','cancelled')`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('people', (t) => {
    t.text('locale').comment('Preferred language of notices (pl or en); null: the jurisdiction default');
  });
  await knex.raw(`ALTER TABLE people ADD CONSTRAINT people_locale_check CHECK (locale IS NULL OR locale IN ('pl','en'))`);

  await knex.schema.createTable('notifications', (t) => {
    t.comment(
      'Outbox of notices to residents (e-mail now; sms stored but not sent). Filled by triggers in the transaction of the change, sent by the dispatcher.',
    );
    t.bigIncrements('id').comment('Surrogate key');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.bigInteger('person_id').references('people.id').onDelete('SET NULL').comment('Recipient');
    t.text('channel').notNullable().defaultTo('email').comment('email (sent) or sms (reserved: stored with status unsupported, never sent)');
    t.text('to_address').notNullable().comment('E-mail (or phone for sms) of the recipient at enqueue time');
    t.text('locale').notNullable().defaultTo('pl').comment('Language of the notice: the person preference, else the jurisdiction default');
    t.text('kind')
      .notNullable()
      .comment('request_received, reporter_attached, status_changed, public_note, merged, unmerged, inquiry_forwarded or inquiry_answered');
    t.bigInteger('request_id').references('requests.id').onDelete('CASCADE').comment('Request the notice is about (for merged: the request merged away)');
    t.bigInteger('request_event_id').references('request_events.id').onDelete('CASCADE').comment('Event that caused it (request notices)');
    t.bigInteger('inquiry_id').references('inquiries.id').onDelete('CASCADE').comment('Inquiry the notice is about (second-line notices)');
    t.text('subject').comment('Subject as sent; rendered at send time from the event or inquiry, which never change');
    t.text('body').comment('Plain-text body as sent');
    t.text('status')
      .notNullable()
      .defaultTo('queued')
      .comment(
        'queued, sending (claimed; the claim expires at next_attempt_at), sent, failed (will retry), dead (gave up), unsupported (sms), cancelled (the person unsubscribed)',
      );
    t.integer('attempts').notNullable().defaultTo(0).comment('Delivery attempts so far');
    t.timestamp('next_attempt_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment('Due time: the first try, the next retry, or the end of a claim');
    t.text('last_error').comment('Error of the last failed attempt');
    t.text('message_id').comment('Message-ID the SMTP server accepted');
    t.timestamp('sent_at', { useTz: true }).comment('When the SMTP server accepted it');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When it was enqueued');
  });
  await knex.raw(`ALTER TABLE notifications
    ADD CONSTRAINT notifications_channel_check CHECK (channel IN ('email','sms')),
    ADD CONSTRAINT notifications_locale_check CHECK (locale IN ('pl','en')),
    ADD CONSTRAINT notifications_kind_check CHECK (kind IN ${KINDS}),
    ADD CONSTRAINT notifications_status_check CHECK (status IN ${STATUSES})`);
  // Idempotent enqueueing: one notice per event (or inquiry step) per person and channel, even when
  // a person is on a request twice or a trigger would fire again.
  await knex.raw(`CREATE UNIQUE INDEX notifications_event_person ON notifications (request_event_id, person_id, channel) WHERE request_event_id IS NOT NULL`);
  await knex.raw(`CREATE UNIQUE INDEX notifications_inquiry_person ON notifications (inquiry_id, kind, person_id, channel) WHERE inquiry_id IS NOT NULL`);
  // The dispatcher looks only at rows still to send: a partial index stays small however long the history.
  await knex.raw(`CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status IN ('queued','failed','sending')`);
  await knex.raw(`CREATE INDEX notifications_request ON notifications (request_id) WHERE request_id IS NOT NULL`);

  await knex.schema.createTable('server_secrets', (t) => {
    t.comment(
      'Random secrets the server creates for itself on first use (e.g. the key that signs unsubscribe links), shared by every process on the database.',
    );
    t.text('name').primary().comment('What the secret is for, e.g. notify_unsubscribe');
    t.text('secret').notNullable().comment('base64url of 32 random bytes');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When it was created');
  });

  // Recipients of a public request event. `merged` goes to the reporters who were moved (listed in
  // the event by mergeRequests; an automatic merge in the intake has only the one new reporter,
  // found by original_request_id); `reporter_added` only to the reporter it names (attach);
  // everything else to the reporters now on the request.
  await knex.raw(`
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
    END $$`);
  await knex.raw(`COMMENT ON FUNCTION k_notify_request_event() IS 'Enqueues notices to reporters for a public request event (see migration 20261128001000)'`);
  await knex.raw(
    `CREATE TRIGGER request_events_notify AFTER INSERT ON request_events FOR EACH ROW WHEN (NEW.public) EXECUTE FUNCTION k_notify_request_event()`,
  );

  // The resident of an inquiry hears twice: the receipt (number, deadline) and the answer.
  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_notify_inquiry() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      v_kind text;
    BEGIN
      IF NEW.person_id IS NULL OR NEW.reply_channel NOT IN ('email','sms') THEN RETURN NULL; END IF;
      IF TG_OP = 'INSERT' THEN v_kind := 'inquiry_forwarded';
      ELSIF NEW.status = 'answered' AND OLD.status IS DISTINCT FROM 'answered' THEN v_kind := 'inquiry_answered';
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
    END $$`);
  await knex.raw(
    `COMMENT ON FUNCTION k_notify_inquiry() IS 'Enqueues the receipt and the answer of an inquiry to the resident who asked (see migration 20261128001000)'`,
  );
  await knex.raw(`CREATE TRIGGER inquiries_notify AFTER INSERT OR UPDATE OF status ON inquiries FOR EACH ROW EXECUTE FUNCTION k_notify_inquiry()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS inquiries_notify ON inquiries');
  await knex.raw('DROP TRIGGER IF EXISTS request_events_notify ON request_events');
  await knex.raw('DROP FUNCTION IF EXISTS k_notify_inquiry()');
  await knex.raw('DROP FUNCTION IF EXISTS k_notify_request_event()');
  await knex.schema.dropTableIfExists('server_secrets');
  await knex.schema.dropTableIfExists('notifications');
  await knex.raw('ALTER TABLE people DROP CONSTRAINT IF EXISTS people_locale_check');
  await knex.schema.alterTable('people', (t) => t.dropColumn('locale'));
}
