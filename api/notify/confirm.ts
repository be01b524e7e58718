/**
 * Double opt-in of e-mail addresses (issue #11 item 10; migration 20261205000500 explains who is
 * held and why). This file holds the signed confirmation link and what pressing its button does:
 * the address becomes confirmed and the notices held for it go out, the latest per request only.
 *
 * The link names the address row, never the address (URLs end up in logs), and expires: a
 * confirmation message found in an old mailbox months later should not switch mail on.
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { unsubscribeKey } from './outbox';

/** How long a confirmation link works. */
export const CONFIRM_LINK_DAYS = 7;

/** 128 bits of HMAC-SHA256 over the address row and the expiry; the prefix keeps it apart from unsubscribe MACs under the same key. */
function confirmMac(key: Buffer, addressId: string, expires: string): string {
  return crypto.createHmac('sha256', key).update(`confirm:${addressId}:${expires}`).digest('base64url').slice(0, 22);
}

export function confirmToken(key: Buffer, addressId: number | string, now: Date): string {
  const expires = String(Math.floor(now.getTime() / 1000) + CONFIRM_LINK_DAYS * 86_400);
  return `${addressId}.${expires}.${confirmMac(key, String(addressId), expires)}`;
}

export async function confirmUrl(knex: Knex, publicUrl: string, addressId: number | string, now: Date): Promise<string> {
  return `${publicUrl}/notify/confirm?t=${confirmToken(await unsubscribeKey(knex), addressId, now)}`;
}

export type TokenCheck = { ok: true; addressId: string } | { ok: false; reason: 'invalid' | 'expired' };

/** Whether `token` is one we signed and still valid. The signature is checked first, so a forged token is never told it merely expired. */
export function checkToken(key: Buffer, token: unknown, now: Date): TokenCheck {
  const m = typeof token === 'string' ? /^(\d{1,18})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token) : null;
  if (!m) return { ok: false, reason: 'invalid' };
  const [, id, expires, mac] = m;
  if (!crypto.timingSafeEqual(Buffer.from(mac, 'ascii'), Buffer.from(confirmMac(key, id, expires), 'ascii'))) return { ok: false, reason: 'invalid' };
  if (Number(expires) * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, addressId: id };
}

export type ConfirmOutcome = { ok: true; already: boolean; released: number } | { ok: false; reason: 'invalid' | 'expired' | 'unknown' };

/** Whether the token's address exists and is already confirmed (for the GET page, which changes nothing). */
export async function addressOfToken(
  knex: Knex,
  token: unknown,
  now = new Date(),
): Promise<{ ok: true; confirmed: boolean } | { ok: false; reason: 'invalid' | 'expired' | 'unknown' }> {
  const check = checkToken(await unsubscribeKey(knex), token, now);
  if (!check.ok) return check;
  const row = (await knex.raw(`SELECT confirmed_at FROM email_addresses WHERE id = ?`, [check.addressId])).rows[0];
  if (!row) return { ok: false, reason: 'unknown' };
  return { ok: true, confirmed: row.confirmed_at !== null };
}

/**
 * Confirms the token's address and releases what was held for it. Held notices go out one per
 * request (and per inquiry) and person: the latest, which tells the current state; the older ones
 * become `suppressed` ("superseded"), so a resident who confirms after three status changes gets
 * one message, not a backlog. Pressing the button twice changes nothing more.
 */
export async function confirmAddress(knex: Knex, token: unknown, now = new Date()): Promise<ConfirmOutcome> {
  const check = checkToken(await unsubscribeKey(knex), token, now);
  if (!check.ok) return check;
  return knex.transaction(async (trx) => {
    const row = (await trx.raw(`SELECT id, jurisdiction_id, email_norm, confirmed_at FROM email_addresses WHERE id = ? FOR UPDATE`, [check.addressId])).rows[0];
    if (!row) return { ok: false, reason: 'unknown' } as const;
    const already = row.confirmed_at !== null;
    if (!already) await trx.raw(`UPDATE email_addresses SET confirmed_at = ?, confirmed_how = 'link', confirmed_by = NULL WHERE id = ?`, [now, row.id]);
    // The release rule lives in SQL (k_notify_release, migration 20261205000500): the triggers use it
    // too, when an agent confirms an address that had notices held.
    const released = Number((await trx.raw(`SELECT k_notify_release(?, ?) AS n`, [row.jurisdiction_id, row.email_norm])).rows[0].n);
    return { ok: true, already, released } as const;
  });
}
