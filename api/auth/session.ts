/**
 * Staff login sessions (issue #5). The cookie holds a 256-bit random id; the table holds only its
 * SHA-256, so reading the table does not let anyone log in. The cookie is HttpOnly (scripts cannot
 * read it) and SameSite=Strict (other sites cannot make the browser send it). On top of that every
 * state-changing call must echo the session's CSRF token in the `X-CSRF-Token` header, which a
 * cross-site form cannot set: two independent defences, since SameSite alone fails on old browsers.
 *
 * Expiry: idle sessions end after IDLE_MS; every session ends MAX_MS after login (a shift plus
 * some), whatever the activity.
 */
import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import type { Role, Staff } from '../accounts/staff';
import { Errors } from '../errors';

export const SESSION_COOKIE = 'kontakt_session';
export const CSRF_HEADER = 'x-csrf-token';
export const IDLE_MS = 2 * 60 * 60 * 1000;
export const MAX_MS = 12 * 60 * 60 * 1000;

export interface Session {
  id: number;
  staff: Staff;
  csrfToken: string;
  expiresAt: Date;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

export async function createSession(
  knex: Knex,
  staff: Staff,
  meta: { ip?: string; userAgent?: string; now?: Date } = {},
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const now = meta.now ?? new Date();
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + IDLE_MS);
  await knex('staff_sessions').insert({
    token_hash: sha256(token),
    csrf_token: csrfToken,
    staff_id: staff.id,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
    ip: meta.ip ?? null,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

/** The live session for a cookie value, sliding its idle expiry; undefined when unknown or expired. */
export async function findSession(knex: Knex, token: string, now = new Date()): Promise<Session | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const row = await knex('staff_sessions as s')
    .join('staff as st', 'st.id', 's.staff_id')
    .where('s.token_hash', sha256(token))
    .andWhere('s.expires_at', '>', now)
    .andWhere('st.active', true)
    .first(
      's.id',
      's.csrf_token',
      's.created_at',
      's.last_seen_at',
      'st.id as staff_id',
      'st.email',
      'st.name',
      'st.role',
      'st.unit_id',
      'st.jurisdiction_id',
      'st.must_change_password',
    );
  if (!row) return undefined;
  const expiresAt = new Date(Math.min(now.getTime() + IDLE_MS, new Date(row.created_at).getTime() + MAX_MS));
  // Write the sliding expiry at most once a minute: a busy console makes many calls.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await knex('staff_sessions').where({ id: row.id }).update({ last_seen_at: now, expires_at: expiresAt });
  }
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    expiresAt,
    staff: {
      id: row.staff_id,
      email: row.email,
      name: row.name ?? null,
      role: row.role,
      unitId: row.unit_id ?? null,
      jurisdictionId: row.jurisdiction_id ?? null,
      mustChangePassword: row.must_change_password,
    },
  };
}

export async function destroySession(knex: Knex, token: string): Promise<void> {
  await knex('staff_sessions')
    .where({ token_hash: sha256(token) })
    .delete();
}

/** Ends every session of a staff member (after a password change: a thief's session ends too). */
export async function destroyStaffSessions(knex: Knex, staffId: number): Promise<number> {
  return (await knex('staff_sessions').where({ staff_id: staffId }).delete().returning('id')).length;
}

/** Removes expired sessions; returns how many. Called at login, so the table never grows unbounded. */
export async function purgeExpiredSessions(knex: Knex, now = new Date()): Promise<number> {
  // RETURNING, not the affected-row count: the embedded engine's driver does not report the count.
  return (await knex('staff_sessions').where('expires_at', '<=', now).delete().returning('id')).length;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      // A cookie that does not %-decode (`kontakt_session=%`) is no session: ignored, so the caller
      // gets 401 and can log in again (a 400 here would lock the browser out until it drops the cookie).
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function sessionCookie(token: string, maxAgeMs: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure ? '; Secure' : ''}`;
}

export const clearedSessionCookie = (secure: boolean) => sessionCookie('', 0, secure);

/** The session of this request, if any (put there by `loadSession`). */
export const sessionOf = (res: Response): Session | undefined => res.locals.session as Session | undefined;

/** Reads the cookie and puts the session (if valid) in `res.locals.session`. Never refuses. */
export function loadSession(knex: Knex): RequestHandler {
  return async (req, res, next) => {
    try {
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (token) {
        const session = await findSession(knex, token);
        if (session) res.locals.session = session;
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function csrfOk(req: Request, session: Session): boolean {
  const sent = req.get(CSRF_HEADER);
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * Least privilege per route: `requireStaff('agent', 'admin')` lets only those roles through.
 * 401 without a session, 403 with the wrong role or (for POST/PUT/PATCH/DELETE) a missing or wrong
 * CSRF token. Staff bound to a jurisdiction are the only ones the routes below serve for it.
 * An account still on its one-time password gets 403 `must_change_password` everywhere: it may only
 * change its password or log out (`requireOwnSession`).
 */
export function requireStaff(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const session = sessionOf(res);
    if (!session) return next(Errors.unauthorized());
    if (session.staff.mustChangePassword) return next(Errors.passwordChangeRequired());
    if (!roles.includes(session.staff.role)) return next(Errors.forbidden(`this needs one of the roles: ${roles.join(', ')}`));
    if (!SAFE_METHODS.has(req.method) && !csrfOk(req, session)) return next(Errors.forbidden('missing or wrong CSRF token (header X-CSRF-Token)'));
    next();
  };
}

/** Any logged-in staff member, even one still on a one-time password, with the CSRF token for changes. */
export function requireOwnSession(): RequestHandler {
  return (req, res, next) => {
    const session = sessionOf(res);
    if (!session) return next(Errors.unauthorized());
    if (!SAFE_METHODS.has(req.method) && !csrfOk(req, session)) return next(Errors.forbidden('missing or wrong CSRF token (header X-CSRF-Token)'));
    next();
  };
}
