/**
 * Staff login and logout (issue #5), shared by every staff surface (console now; units and crews
 * later). Route table:
 *
 *   POST /api/auth/login    {email, password}  -> sets the session cookie; {staff, csrfToken}
 *   POST /api/auth/logout                      -> ends the session (needs the CSRF header)
 *   GET  /api/auth/me                          -> {staff, csrfToken} or 401
 *   POST /api/auth/password {current_password, new_password}
 *                                              -> new password; ends every session of the account,
 *                                                 sets a new cookie; {staff, csrfToken}
 *
 * A login always gets a new session id, and any session the browser still held ends (no session
 * fixation). Failed logins are capped per e-mail address across all client addresses
 * (api/auth/lockout.ts). An account on its one-time password (`staff.mustChangePassword`) can use
 * only /password, /me and /logout here; every other staff API answers 403 `must_change_password`.
 *
 * Login accepts only a JSON body: a cross-site HTML form cannot send one without a CORS preflight
 * we never grant, so login CSRF is not possible either; a foreign Origin header is refused as well.
 */
import { Router } from 'express';
import { jsonBody } from '../http/input';
import type { AppDeps } from '../http/app';
import { authenticateStaff, changeStaffPassword } from '../accounts/staff';
import { Errors } from '../errors';
import {
  clearedSessionCookie,
  createSession,
  destroySession,
  destroyStaffSessions,
  IDLE_MS,
  loadSession,
  purgeExpiredSessions,
  readCookie,
  requireOwnSession,
  sessionCookie,
  sessionOf,
  SESSION_COOKIE,
} from './session';
import { clearFailures, lockedSeconds, purgeStaleFailures, recordFailure } from './lockout';
import { dummyPasswordHash } from './secrets';
import { RateLimiter } from '../http/rate-limit';

/**
 * Login attempts per client address: 300 in 10 minutes (a contact centre's agents may all share one
 * address). Per account the cap is on failures, in the database, across addresses (./lockout.ts).
 */
const LOGIN_LIMIT = { perAddress: 300, windowMs: 10 * 60 * 1000 };

export function authRoutes({ db, config }: AppDeps): Router {
  const router = Router();
  const secure = config.publicUrl.startsWith('https://');
  router.use(jsonBody('16kb'));
  router.use(loadSession(db.knex));

  const loginLimit = new RateLimiter();
  // Made now, not at the first unknown e-mail, so that one is not slower than the rest.
  // Warm-up only: a failure here is retried at the first unknown e-mail, never an unhandled rejection.
  dummyPasswordHash().catch(() => undefined);

  router.post('/login', async (req, res) => {
    const ip = req.ip ?? 'unknown';
    loginLimit.enforce(ip, LOGIN_LIMIT.perAddress, LOGIN_LIMIT.windowMs);
    if (!req.is('application/json')) throw Errors.unsupportedMediaType('Content-Type', 'login needs a JSON body');
    const origin = req.get('origin');
    if (origin && originHost(origin) !== req.get('host'))
      throw Errors.forbidden(`login from another site is refused (Origin ${JSON.stringify(origin.slice(0, 100))})`);
    const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
    if (typeof email !== 'string' || !email) throw Errors.missing('email');
    if (typeof password !== 'string' || !password) throw Errors.missing('password');
    const locked = await lockedSeconds(db.knex, email);
    if (locked) throw Errors.loginLocked(locked);
    const staff = await authenticateStaff(db.knex, email, password);
    if (staff) await clearFailures(db.knex, email);
    else await recordFailure(db.knex, email);
    await db.knex('audit_log').insert({
      actor_kind: 'staff',
      actor_id: staff?.id ?? null,
      jurisdiction_id: staff?.jurisdictionId ?? null,
      action: staff ? 'staff.login' : 'staff.login_failed',
      entity: 'staff',
      entity_id: staff ? String(staff.id) : null,
      ip: req.ip ?? null,
    });
    // Same answer for an unknown e-mail and a wrong password: no account enumeration.
    if (!staff) throw Errors.badRequest('password', 'wrong e-mail or password');
    await purgeExpiredSessions(db.knex);
    await purgeStaleFailures(db.knex);
    // Rotation: whatever session this browser held (another account's, or one planted in it) ends.
    const previous = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (previous) await destroySession(db.knex, previous);
    const session = await createSession(db.knex, staff, { ip: req.ip, userAgent: req.get('user-agent') });
    res.set('Set-Cookie', sessionCookie(session.token, IDLE_MS, secure));
    res.json({ staff, csrfToken: session.csrfToken });
  });

  router.post('/password', requireOwnSession(), async (req, res) => {
    const { staff } = sessionOf(res)!;
    const { current_password: current, new_password: next } = (req.body ?? {}) as { current_password?: unknown; new_password?: unknown };
    if (typeof current !== 'string' || !current) throw Errors.missing('current_password');
    if (typeof next !== 'string' || !next) throw Errors.missing('new_password');
    const locked = await lockedSeconds(db.knex, staff.email);
    if (locked) throw Errors.loginLocked(locked);
    const changed = await changeStaffPassword(db.knex, staff.id, current, next, { onWrongCurrent: () => recordFailure(db.knex, staff.email) });
    // Every session of the account ends (one on a stolen password included); this browser gets a new one.
    const session = await db.knex.transaction(async (trx) => {
      await destroyStaffSessions(trx, staff.id);
      await trx('audit_log').insert({
        actor_kind: 'staff',
        actor_id: staff.id,
        jurisdiction_id: staff.jurisdictionId,
        action: 'staff.password_changed',
        entity: 'staff',
        entity_id: String(staff.id),
        ip: req.ip ?? null,
      });
      return createSession(trx, changed, { ip: req.ip, userAgent: req.get('user-agent') });
    });
    res.set('Set-Cookie', sessionCookie(session.token, IDLE_MS, secure));
    res.set('Cache-Control', 'no-store').json({ staff: changed, csrfToken: session.csrfToken });
  });

  router.post('/logout', requireOwnSession(), async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await destroySession(db.knex, token);
    const staff = sessionOf(res)!.staff;
    await db.knex('audit_log').insert({
      actor_kind: 'staff',
      actor_id: staff.id,
      jurisdiction_id: staff.jurisdictionId,
      action: 'staff.logout',
      entity: 'staff',
      entity_id: String(staff.id),
      ip: req.ip ?? null,
    });
    res.set('Set-Cookie', clearedSessionCookie(secure));
    res.json({ ok: true });
  });

  router.get('/me', (_req, res) => {
    const session = sessionOf(res);
    if (!session) throw Errors.unauthorized();
    res.set('Cache-Control', 'no-store').json({ staff: session.staff, csrfToken: session.csrfToken });
  });

  return router;
}

/** The host of an Origin header; undefined for `null` (sandboxed frames, file://) or anything that is not a URL. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
