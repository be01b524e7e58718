/**
 * What /api/auth does, out of its handlers (issue #13 item 3): log in, change the password, log out.
 * Hashing (scrypt, ~0.6 s) runs outside any transaction, so the embedded engine's one session is not
 * held while it runs; the writes that follow each step run in one transaction.
 */
import type { Knex } from 'knex';
import { authenticateStaff, changeStaffPassword, type Staff } from '../accounts/staff';
import { Errors } from '../errors';
import { createSession, destroySession, destroyStaffSessions, purgeExpiredSessions } from './session';
import { clearFailures, lockedSeconds, purgeStaleFailures, recordFailure } from './lockout';

export interface ClientMeta {
  ip?: string;
  userAgent?: string;
}
type NewSession = Awaited<ReturnType<typeof createSession>>;

const audit = (trx: Knex, staff: Staff | undefined, action: string, ip: string | undefined) =>
  trx('audit_log').insert({
    actor_kind: 'staff',
    actor_id: staff?.id ?? null,
    jurisdiction_id: staff?.jurisdictionId ?? null,
    action,
    entity: 'staff',
    entity_id: staff ? String(staff.id) : null,
    ip: ip ?? null,
  });

/**
 * A login: refused while the address is locked; a failure is counted and audited (and committed)
 * before the same answer as for an unknown e-mail; a success ends the browser's previous session
 * (`previousToken`, no session fixation) and opens a new one.
 */
export async function logIn(
  knex: Knex,
  email: string,
  password: string,
  previousToken: string | undefined,
  meta: ClientMeta,
): Promise<{ staff: Staff; session: NewSession }> {
  const locked = await lockedSeconds(knex, email);
  if (locked) throw Errors.loginLocked(locked);
  const staff = await authenticateStaff(knex, email, password);
  const session = await knex.transaction(async (trx) => {
    if (staff) await clearFailures(trx, email);
    else await recordFailure(trx, email);
    await audit(trx, staff, staff ? 'staff.login' : 'staff.login_failed', meta.ip);
    if (!staff) return undefined;
    await purgeExpiredSessions(trx);
    await purgeStaleFailures(trx);
    if (previousToken) await destroySession(trx, previousToken);
    return createSession(trx, staff, meta);
  });
  // Same answer for an unknown e-mail and a wrong password: no account enumeration.
  if (!staff || !session) throw Errors.badRequest('password', 'wrong e-mail or password');
  return { staff, session };
}

/** A password change: every session of the account ends (one on a stolen password included); the caller gets a new one. */
export async function changePassword(
  knex: Knex,
  staff: Staff,
  current: string,
  next: string,
  meta: ClientMeta,
): Promise<{ staff: Staff; session: NewSession }> {
  const locked = await lockedSeconds(knex, staff.email);
  if (locked) throw Errors.loginLocked(locked);
  const changed = await changeStaffPassword(knex, staff.id, current, next, { onWrongCurrent: () => recordFailure(knex, staff.email) });
  const session = await knex.transaction(async (trx) => {
    await destroyStaffSessions(trx, staff.id);
    await audit(trx, staff, 'staff.password_changed', meta.ip);
    return createSession(trx, changed, meta);
  });
  return { staff: changed, session };
}

export async function logOut(knex: Knex, staff: Staff, token: string | undefined, ip: string | undefined): Promise<void> {
  await knex.transaction(async (trx) => {
    if (token) await destroySession(trx, token);
    await audit(trx, staff, 'staff.logout', ip);
  });
}
