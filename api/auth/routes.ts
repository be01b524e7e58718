/**
 * Staff login and logout (issue #5), shared by every staff surface (console now; units and crews
 * later). The routes, inputs and answers are data in ./contract.ts; the work is in ./service.ts. Route table:
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
import { Router, type Request, type RequestHandler } from 'express';
import { jsonBody } from '../http/input';
import type { AppDeps } from '../http/deps';
import { implement, mountRoutes } from '../http/contract';
import { Errors } from '../errors';
import { clearedSessionCookie, IDLE_MS, loadSession, readCookie, sessionCookie, SESSION_COOKIE } from './session';
import { dummyPasswordHash } from './secrets';
import { RateLimiter } from '../http/rate-limit';
import { changePassword, logIn, logOut } from './service';
import * as C from './contract';

/**
 * Login attempts per client address: 300 in 10 minutes (a contact centre's agents may all share one
 * address). Per account the cap is on failures, in the database, across addresses (./lockout.ts).
 */
const LOGIN_LIMIT = { perAddress: 300, windowMs: 10 * 60 * 1000 };

export function authRoutes(deps: AppDeps): Router {
  const { db, config } = deps;
  const router = Router();
  const secure = config.publicUrl.startsWith('https://');
  router.use(jsonBody('16kb'));
  router.use(loadSession(db.knex));

  const loginLimit = new RateLimiter();
  // Made now, not at the first unknown e-mail, so that one is not slower than the rest.
  // Warm-up only: a failure here is retried at the first unknown e-mail, never an unhandled rejection.
  dummyPasswordHash().catch(() => undefined);

  /** What login refuses before it reads the body: too many attempts, a body that is not JSON, another site. */
  const loginGuard: RequestHandler = (req, _res, next) => {
    loginLimit.enforce(req.ip ?? 'unknown', LOGIN_LIMIT.perAddress, LOGIN_LIMIT.windowMs);
    if (!req.is('application/json')) throw Errors.unsupportedMediaType('Content-Type', 'login needs a JSON body');
    const origin = req.get('origin');
    if (origin && originHost(origin) !== req.get('host'))
      throw Errors.forbidden(`login from another site is refused (Origin ${JSON.stringify(origin.slice(0, 100))})`);
    next();
  };
  const meta = (req: Request) => ({ ip: req.ip, userAgent: req.get('user-agent') });

  return mountRoutes(
    router,
    [
      implement(
        C.login,
        async ({ body }, { req, res }) => {
          const { staff, session } = await logIn(db.knex, body.email, body.password, readCookie(req.headers.cookie, SESSION_COOKIE), meta(req));
          res.set('Set-Cookie', sessionCookie(session.token, IDLE_MS, secure));
          return { staff, csrfToken: session.csrfToken };
        },
        [loginGuard],
      ),
      implement(C.password, async ({ body }, { req, res, session }) => {
        const { staff, session: fresh } = await changePassword(db.knex, session!.staff, body.current_password, body.new_password, meta(req));
        res.set('Set-Cookie', sessionCookie(fresh.token, IDLE_MS, secure));
        return { staff, csrfToken: fresh.csrfToken };
      }),
      implement(C.logout, async (_input, { req, res, session }) => {
        await logOut(db.knex, session!.staff, readCookie(req.headers.cookie, SESSION_COOKIE), req.ip);
        res.set('Set-Cookie', clearedSessionCookie(secure));
        return { ok: true as const };
      }),
      implement(C.me, (_input, { session }) => ({ staff: session!.staff, csrfToken: session!.csrfToken })),
    ],
    deps,
  );
}

/** The host of an Origin header; undefined for `null` (sandboxed frames, file://) or anything that is not a URL. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
