/**
 * Calls from the staff pages (console, unit) to their JSON APIs: the session cookie travels by
 * itself (same origin, HttpOnly); every change also sends the CSRF token the login answered with
 * (api/auth/session.ts). Errors come back as `{errors:[{field, description}]}` with the status.
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly details: Array<{ field?: string; description: string }>) {
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
  if (!res.ok) throw new ApiError(res.status, json.errors ?? []);
  return json as T;
}

export const qs = (params: Record<string, string | number | undefined>) =>
  Object.entries(params).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');

export interface StaffMember { id: number; email: string; name: string | null; role: string; unitId: number | null; jurisdictionId: string | null }

export const auth = {
  me: () => call<{ staff: StaffMember; csrfToken: string }>('GET', '/api/auth/me'),
  login: (email: string, password: string) => call<{ staff: StaffMember; csrfToken: string }>('POST', '/api/auth/login', { email, password }),
  logout: () => call('POST', '/api/auth/logout', {}),
};
