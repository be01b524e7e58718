/**
 * Staff login and logout (issue #5), shared by every staff surface (console now; units and crews
 * later). Route table:
 *
 *   POST /api/auth/login    {email, password}  -> sets the session cookie; {staff, csrfToken}
 *   POST /api/auth/logout                      -> ends the session (needs the CSRF header)
 *   GET  /api/auth/me                          -> {staff, csrfToken} or 401
 *
 * Login accepts only a JSON body: a cross-site HTML form cannot send one without a CORS preflight
 * we never grant, so login CSRF is not possible either; a foreign Origin header is refused as well.
 */
import { Router } from 'express';
import { jsonBody } from '../http/input';
import type { AppDeps } from '../http/app';
import { authenticateStaff } from '../accounts/staff';
import { Errors } from '../errors';
import {
  clearedSessionCookie, createSession, destroySession, IDLE_MS, loadSession, purgeExpiredSessions,
  readCookie, requireStaff, sessionCookie, sessionOf, SESSION_COOKIE,
} from './session';
import { ROLES } from '../accounts/staff';
import { RateLimiter } from '../http/rate-limit';

/**
 * Login attempts: 10 per account and address in 10 minutes (enough for typos, too few for guessing
 * a password), and 300 per address (a contact centre's agents may all share one address).
 */
const LOGIN_LIMIT = { perAccount: 10, perAddress: 300, windowMs: 10 * 60 * 1000 };

export function authRoutes({ db, config }: AppDeps): Router {
  const router = Router();
  const secure = config.publicUrl.startsWith('https://');
  router.use(jsonBody('16kb'));
  router.use(loadSession(db.knex));

  const loginLimit = new RateLimiter();

  router.post('/login', async (req, res) => {
    const ip = req.ip ?? 'unknown';
    loginLimit.enforce(ip, LOGIN_LIMIT.perAddress, LOGIN_LIMIT.windowMs);
    if (!req.is('application/json')) throw Errors.unsupportedMediaType('Content-Type', 'login needs a JSON body');
    const origin = req.get('origin');
    if (origin && originHost(origin) !== req.get('host')) throw Errors.forbidden(`login from another site is refused (Origin ${JSON.stringify(origin.slice(0, 100))})`);
    const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
    if (typeof email !== 'string' || !email) throw Errors.missing('email');
    if (typeof password !== 'string' || !password) throw Errors.missing('password');
    loginLimit.enforce(`${ip}|${email.trim().toLowerCase()}`, LOGIN_LIMIT.perAccount, LOGIN_LIMIT.windowMs);
    const staff = await authenticateStaff(db.knex, email, password);
    await db.knex('audit_log').insert({
      actor_kind: 'staff', actor_id: staff?.id ?? null, jurisdiction_id: staff?.jurisdictionId ?? null,
      action: staff ? 'staff.login' : 'staff.login_failed', entity: 'staff', entity_id: staff ? String(staff.id) : null, ip: req.ip ?? null,
    });
    // Same answer for an unknown e-mail and a wrong password: no account enumeration.
    if (!staff) throw Errors.badRequest('password', 'wrong e-mail or password');
    await purgeExpiredSessions(db.knex);
    const session = await createSession(db.knex, staff, { ip: req.ip, userAgent: req.get('user-agent') });
    res.set('Set-Cookie', sessionCookie(session.token, IDLE_MS, secure));
    res.json({ staff, csrfToken: session.csrfToken });
  });

  router.post('/logout', requireStaff(...ROLES), async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await destroySession(db.knex, token);
    const staff = sessionOf(res)!.staff;
    await db.knex('audit_log').insert({ actor_kind: 'staff', actor_id: staff.id, jurisdiction_id: staff.jurisdictionId, action: 'staff.logout', entity: 'staff', entity_id: String(staff.id), ip: req.ip ?? null });
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
