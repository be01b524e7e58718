/**
 * Per-account cap on failed logins, whatever the client address (issue #11, item 9): after
 * MAX_FAILURES failures within WINDOW_MS, every login for that e-mail address is refused for
 * LOCK_MS, even with the right password; a successful login clears the count.
 *
 * Counted per e-mail address tried, not per account: an unknown address is counted and locked
 * exactly like a known one, so the lock answer reveals nothing about which accounts exist. The
 * counter lives in the database (table staff_login_failures, keyed by a SHA-256 of the address) so
 * it holds across restarts and across server processes; one upsert makes concurrent failures
 * count correctly.
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';

export const LOCKOUT = { maxFailures: 10, windowMs: 15 * 60 * 1000, lockMs: 15 * 60 * 1000 } as const;

const emailHash = (email: string) => crypto.createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex');

/** Seconds left of the lock on this address, or 0 when logins are allowed. */
export async function lockedSeconds(knex: Knex, email: string, now = new Date()): Promise<number> {
  const row = await knex('staff_login_failures')
    .where({ email_hash: emailHash(email) })
    .andWhere('locked_until', '>', now)
    .first('locked_until');
  return row ? Math.max(1, Math.ceil((new Date(row.locked_until).getTime() - now.getTime()) / 1000)) : 0;
}

/** Counts one failed login for the address; locks it when this failure reaches the cap. */
export async function recordFailure(knex: Knex, email: string, now = new Date()): Promise<{ failures: number; lockedUntil: Date | null }> {
  const windowCut = new Date(now.getTime() - LOCKOUT.windowMs);
  const lockUntil = new Date(now.getTime() + LOCKOUT.lockMs);
  // A failure after the window has passed starts a new window at 1; otherwise count on, and lock
  // when the count reaches the cap. `f` is the row before this failure.
  const { rows } = await knex.raw(
    `INSERT INTO staff_login_failures AS f (email_hash, failures, window_start, locked_until)
     VALUES (:hash, 1, :now, CASE WHEN 1 >= :max THEN :lockUntil::timestamptz END)
     ON CONFLICT (email_hash) DO UPDATE SET
       failures = CASE WHEN f.window_start <= :windowCut THEN 1 ELSE f.failures + 1 END,
       window_start = CASE WHEN f.window_start <= :windowCut THEN :now ELSE f.window_start END,
       locked_until = CASE WHEN f.window_start > :windowCut AND f.failures + 1 >= :max THEN :lockUntil::timestamptz ELSE f.locked_until END
     RETURNING failures, locked_until`,
    { hash: emailHash(email), now, windowCut, lockUntil, max: LOCKOUT.maxFailures },
  );
  return { failures: Number(rows[0].failures), lockedUntil: rows[0].locked_until ? new Date(rows[0].locked_until) : null };
}

/** A successful login: the count starts again from zero. */
export async function clearFailures(knex: Knex, email: string): Promise<void> {
  await knex('staff_login_failures')
    .where({ email_hash: emailHash(email) })
    .delete();
}

/** Forgets counts whose window and lock are over (called at login, so the table stays small). */
export async function purgeStaleFailures(knex: Knex, now = new Date()): Promise<void> {
  await knex('staff_login_failures')
    .where('window_start', '<=', new Date(now.getTime() - LOCKOUT.windowMs))
    .andWhere((q) => q.whereNull('locked_until').orWhere('locked_until', '<=', now))
    .delete();
}
