/**
 * The outbox's other ends: switching the enqueue triggers off for bulk loads of history, the
 * signed unsubscribe link, and what the console shows about notices sent per reporter.
 *
 * Enqueueing itself is done by triggers (migration 20261128001000_notifications.ts), in the
 * transaction of the change: see there why.
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Runs a bulk load of historic requests (the demo's year) without filling the outbox: residents
 * are told news, not history. Like withMapCellsRecounted, this switches the triggers off for every
 * session, so use it only for loads into a new database.
 */
export async function withoutNotifications<T>(knex: Knex, load: () => Promise<T>): Promise<T> {
  await knex.raw('ALTER TABLE request_events DISABLE TRIGGER request_events_notify');
  await knex.raw('ALTER TABLE inquiries DISABLE TRIGGER inquiries_notify');
  try {
    const loaded = await load();
    await confirmHistoricAddresses(knex);
    return loaded;
  } finally {
    await knex.raw('ALTER TABLE request_events ENABLE TRIGGER request_events_notify');
    await knex.raw('ALTER TABLE inquiries ENABLE TRIGGER inquiries_notify');
  }
}

/**
 * History loaded in bulk (a previous system's requests, the demo's year) comes with residents that
 * system was already mailing: their addresses count as confirmed `legacy`, like the addresses the
 * migration to double opt-in found already mailed (migration 20261205000500). An address already
 * recorded keeps its state.
 */
async function confirmHistoricAddresses(knex: Knex): Promise<void> {
  await knex.raw(
    `INSERT INTO email_addresses (jurisdiction_id, email_norm, confirmed_at, confirmed_how)
     SELECT DISTINCT p.jurisdiction_id, coalesce(p.email_norm, lower(btrim(p.email))), now(), 'legacy'
       FROM people p
      WHERE p.email IS NOT NULL
        AND (EXISTS (SELECT 1 FROM request_reporters rr WHERE rr.person_id = p.id AND rr.notify = 'email')
             OR EXISTS (SELECT 1 FROM inquiries i WHERE i.person_id = p.id AND i.reply_channel = 'email'))
     ON CONFLICT (jurisdiction_id, email_norm) DO NOTHING`,
  );
}

const secrets = new WeakMap<Knex, Promise<Buffer>>();

/** The key that signs unsubscribe links: created once per database, kept in server_secrets. */
export function unsubscribeKey(knex: Knex): Promise<Buffer> {
  let key = secrets.get(knex);
  if (!key) {
    key = (async () => {
      await knex.raw(`INSERT INTO server_secrets (name, secret) VALUES ('notify_unsubscribe', ?) ON CONFLICT (name) DO NOTHING`, [
        crypto.randomBytes(32).toString('base64url'),
      ]);
      const row = (await knex.raw(`SELECT secret FROM server_secrets WHERE name = 'notify_unsubscribe'`)).rows[0];
      return Buffer.from(row.secret, 'base64url');
    })();
    key.catch(() => secrets.delete(knex));
    secrets.set(knex, key);
  }
  return key;
}

/** 128 bits of HMAC-SHA256 over the request number and the person: enough, and short in a URL. */
export function unsubscribeMac(key: Buffer, publicId: string, personId: number | string): string {
  return crypto.createHmac('sha256', key).update(`unsubscribe:${publicId}:${personId}`).digest('base64url').slice(0, 22);
}

/** Whether `mac` is the link's signature, compared in constant time (bytes, not characters). */
export function macMatches(key: Buffer, publicId: string, personId: string, mac: unknown): boolean {
  if (!/^\d{1,18}$/.test(personId) || typeof mac !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(mac)) return false;
  return crypto.timingSafeEqual(Buffer.from(mac, 'ascii'), Buffer.from(unsubscribeMac(key, publicId, personId), 'ascii'));
}

export async function unsubscribeUrl(knex: Knex, publicUrl: string, publicId: string, personId: number | string): Promise<string> {
  const mac = unsubscribeMac(await unsubscribeKey(knex), publicId, personId);
  return `${publicUrl}/r/${encodeURIComponent(publicId)}/unsubscribe?p=${personId}&t=${mac}`;
}

/**
 * Stops notices about a request (and the request it was merged into) for one person: their
 * reporter rows get notify 'none' and what is still queued (or held for a confirmation) for them is cancelled. Returns false
 * for a link that does not verify.
 */
export async function unsubscribe(knex: Knex, publicId: string, personId: string, mac: string): Promise<{ ok: boolean; requestPublicId?: string }> {
  if (!macMatches(await unsubscribeKey(knex), publicId, personId, mac)) return { ok: false };
  return knex.transaction(async (trx) => {
    const r = (
      await trx.raw(
        `SELECT r.id, coalesce(r.duplicate_of_id, r.id) AS root_id, coalesce(root.public_id, r.public_id) AS root_public_id
         FROM requests r LEFT JOIN requests root ON root.id = r.duplicate_of_id WHERE r.public_id = ?`,
        [publicId],
      )
    ).rows[0];
    if (!r) return { ok: false };
    await trx.raw(`UPDATE request_reporters SET notify = 'none' WHERE person_id = ? AND request_id IN (?, ?) AND notify <> 'none'`, [
      personId,
      r.id,
      r.root_id,
    ]);
    await trx.raw(
      `UPDATE notifications SET status = 'cancelled', last_error = 'unsubscribed'
        WHERE person_id = ? AND status IN ('queued','failed','sending','held') AND request_id IN (SELECT id FROM requests WHERE id IN (?, ?) OR duplicate_of_id = ?)`,
      [personId, r.id, r.root_id, r.root_id],
    );
    return { ok: true, requestPublicId: r.root_public_id as string };
  });
}

export interface NoticeSummary {
  kind: string;
  channel: string;
  status: string;
  toAddress: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}

/**
 * Notices about a request (and the requests merged into it), per person: lets an agent tell a
 * caller "we e-mailed you on ...". Staff only: it holds addresses. A reporter's confirmation
 * messages (which belong to the address, not to one request) are listed with them, and a held or
 * suppressed notice says why in lastError ("held: the address is not confirmed yet", "limit: ...").
 */
export async function noticesOfRequest(knex: Knex, requestId: number): Promise<Map<number, NoticeSummary[]>> {
  const rows = await knex.raw(
    `WITH reqs AS (SELECT id FROM requests WHERE id = ? OR duplicate_of_id = ?)
     SELECT n.person_id, n.kind, n.channel, n.status, n.to_address, n.created_at, n.sent_at, n.attempts, n.last_error
       FROM notifications n
      WHERE n.request_id IN (SELECT id FROM reqs)
         OR (n.kind = 'email_confirmation' AND n.person_id IN (SELECT rr.person_id FROM request_reporters rr WHERE rr.request_id IN (SELECT id FROM reqs) OR rr.original_request_id IN (SELECT id FROM reqs)))
      ORDER BY n.created_at, n.id`,
    [requestId, requestId],
  );
  const byPerson = new Map<number, NoticeSummary[]>();
  for (const n of rows.rows) {
    const id = Number(n.person_id);
    const list = byPerson.get(id) ?? [];
    list.push({
      kind: n.kind,
      channel: n.channel,
      status: n.status,
      toAddress: n.to_address,
      createdAt: n.created_at,
      sentAt: n.sent_at ?? null,
      attempts: n.attempts,
      lastError: n.last_error ?? null,
    });
    byPerson.set(id, list);
  }
  return byPerson;
}
