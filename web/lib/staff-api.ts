/**
 * Calls from the staff pages (console, unit) to their JSON APIs: the session cookie travels by
 * itself (same origin, HttpOnly); every change also sends the CSRF token the login answered with
 * (api/auth/session.ts). Errors come back as `{errors:[{field, description}]}` with the status.
 * Request and answer types come from api/auth/contract.ts (type-only: esbuild drops the import).
 */
import type { LoginBody, PasswordBody, SessionInfo, StaffInfo } from '../../api/auth/contract';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly details: Array<{ field?: string; description: string }>,
  ) {
    super(details.map((d) => d.description).join('; ') || `HTTP ${status}`);
  }
}

let csrfToken = '';
export const setCsrf = (token: string) => {
  csrfToken = token;
};

export async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const error = new ApiError(res.status, json.errors ?? []);
    if (mustChangePassword(error)) goToPasswordChange();
    throw error;
  }
  return json as T;
}

/** 403 `must_change_password`: the account is on its one-time password; only /account/password helps. */
export const mustChangePassword = (err: unknown) =>
  err instanceof ApiError && err.status === 403 && err.details.some((d) => d.field === 'must_change_password');

export const PASSWORD_PAGE = '/account/password';

/** To the password change, coming back to this page afterwards. */
export function goToPasswordChange(): void {
  if (location.pathname === PASSWORD_PAGE) return;
  location.assign(`${PASSWORD_PAGE}?next=${encodeURIComponent(location.pathname + location.hash)}`);
}

export const qs = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

export type StaffMember = StaffInfo;

export const auth = {
  me: () => call<SessionInfo>('GET', '/api/auth/me'),
  login: (email: string, password: string) => call<SessionInfo>('POST', '/api/auth/login', { email, password } satisfies LoginBody),
  logout: () => call('POST', '/api/auth/logout', {}),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<SessionInfo>('POST', '/api/auth/password', { current_password: currentPassword, new_password: newPassword } satisfies PasswordBody),
};
