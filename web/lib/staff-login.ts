/**
 * The login overlay of the staff pages. The page's markup holds the ids `login`, `login-form`,
 * `login-email`, `login-password`, `login-error` (api/console/page.ts, api/unit/page.ts); this
 * module shows it when there is no session and hands the staff member to `onLoggedIn`.
 */
import { ApiError, auth, goToPasswordChange, setCsrf, type StaffMember } from './staff-api';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export interface LoginOptions {
  onLoggedIn: (staff: StaffMember) => Promise<void> | void;
  /** The text for a wrong e-mail or password (the page's language). */
  failedText: () => string;
  /** The text for an e-mail address locked after too many failed logins; `{minutes}` is filled in. */
  lockedText?: (minutes: number) => string;
  /** The password page itself takes accounts still on their one-time password; other pages send them there. */
  acceptsOneTimePassword?: boolean;
}

/** Starts the page: the existing session if any, else the login form. */
export async function startWithLogin(options: LoginOptions): Promise<void> {
  byId('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const me = await auth.login(byId<HTMLInputElement>('login-email').value, byId<HTMLInputElement>('login-password').value);
      setCsrf(me.csrfToken);
      if (me.staff.mustChangePassword && !options.acceptsOneTimePassword) return goToPasswordChange();
      byId('login').hidden = true;
      await options.onLoggedIn(me.staff);
    } catch (err) {
      const locked = err instanceof ApiError && err.status === 429 && err.details[0]?.field === 'email';
      byId('login-error').textContent =
        err instanceof ApiError && err.status === 400
          ? options.failedText()
          : locked && options.lockedText
            ? options.lockedText(Number(/(\d+) more minute/.exec(err.message)?.[1] ?? 15))
            : (err as Error).message;
    }
  });
  let me: { staff: StaffMember; csrfToken: string };
  try {
    me = await auth.me();
  } catch {
    byId('login').hidden = false;
    byId('login-email').focus();
    return;
  }
  setCsrf(me.csrfToken);
  if (me.staff.mustChangePassword && !options.acceptsOneTimePassword) return goToPasswordChange();
  await options.onLoggedIn(me.staff);
}

export async function logout(): Promise<void> {
  await auth.logout().catch(() => undefined);
  location.reload();
}
