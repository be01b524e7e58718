/**
 * A logged-in staff member talking to the real server over HTTP, holding the session cookie and
 * the CSRF token, for the console API tests.
 */
import assert from 'node:assert/strict';

export class StaffClient {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async login(email: string, password: string): Promise<Response> {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.ok) {
      this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      this.csrf = (await res.clone().json()).csrfToken;
    }
    return res;
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers: { cookie: this.cookie } });
  }

  send(method: string, path: string, body: unknown, csrf = this.csrf): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      method,
      headers: { cookie: this.cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });
  }

  /** The JSON body, after checking the status. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async json(res: Promise<Response>, status = 200): Promise<any> {
    const r = await res;
    const body = await r.json();
    assert.equal(r.status, status, JSON.stringify(body));
    return body;
  }
}
