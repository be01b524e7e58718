/**
 * A question sent on to another unit (the first went astray, or returned it) tells the resident
 * where it is now: their receipt named the first unit. The deadline is the one they were given
 * (reassigning keeps it), so the notice says so. Told once per question: the outbox keys notices
 * of an inquiry by kind, and a second move within the same question is the city's business.
 */
import type { Knex } from 'knex';

const KINDS_BEFORE = `('request_received','reporter_attached','status_changed','public_note','merged','unmerged','inquiry_forwarded','inquiry_answered')`;
const KINDS = `('request_received','reporter_attached','status_changed','public_note','merged','unmerged','inquiry_forwarded','inquiry_reassigned','inquiry_answered')`;

const notifyInquiry = (withReassign: boolean) => `
  CREATE OR REPLACE FUNCTION k_notify_inquiry() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    v_kind text;
  BEGIN
    IF NEW.person_id IS NULL OR NEW.reply_channel NOT IN ('email','sms') THEN RETURN NULL; END IF;
    IF TG_OP = 'INSERT' THEN v_kind := 'inquiry_forwarded';
    ELSIF NEW.status = 'answered' AND OLD.status IS DISTINCT FROM 'answered' THEN v_kind := 'inquiry_answered';
    ${withReassign ? `ELSIF NEW.status = 'open' AND NEW.unit_id IS DISTINCT FROM OLD.unit_id THEN v_kind := 'inquiry_reassigned';` : ''}
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
  await knex.raw(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check, ADD CONSTRAINT notifications_kind_check CHECK (kind IN ${KINDS})`);
  await knex.raw(notifyInquiry(true));
  await knex.raw(
    `COMMENT ON FUNCTION k_notify_inquiry() IS 'Enqueues the receipt, a move to another unit and the answer of an inquiry to the resident who asked (migrations 20261128001000, 20261128001500)'`,
  );
  await knex.raw('DROP TRIGGER IF EXISTS inquiries_notify ON inquiries');
  await knex.raw(`CREATE TRIGGER inquiries_notify AFTER INSERT OR UPDATE OF status, unit_id ON inquiries FOR EACH ROW EXECUTE FUNCTION k_notify_inquiry()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex('notifications').where({ kind: 'inquiry_reassigned' }).del();
  await knex.raw('DROP TRIGGER IF EXISTS inquiries_notify ON inquiries');
  await knex.raw(notifyInquiry(false));
  await knex.raw(
    `COMMENT ON FUNCTION k_notify_inquiry() IS 'Enqueues the receipt and the answer of an inquiry to the resident who asked (see migration 20261128001000)'`,
  );
  await knex.raw(`CREATE TRIGGER inquiries_notify AFTER INSERT OR UPDATE OF status ON inquiries FOR EACH ROW EXECUTE FUNCTION k_notify_inquiry()`);
  await knex.raw(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check, ADD CONSTRAINT notifications_kind_check CHECK (kind IN ${KINDS_BEFORE})`);
}
