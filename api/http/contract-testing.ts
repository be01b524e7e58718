/**
 * For tests only: call a contract's route over HTTP on a running test server and check the answer
 * against the contract's output schema for the status it came with (issue #13 item 3: outputs are
 * validated in tests, not at run time). Used by api/<surface>/contract.db.test.ts.
 */
import { assertOutput, type Contract } from './contract';

export interface ContractCall {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** JSON body (sent as application/json); URLSearchParams are sent as a form. */
  body?: unknown;
  /** Extra headers, e.g. the session cookie and CSRF token of a StaffClient. */
  headers?: Record<string, string>;
  /** The status the test expects; the answer is checked against the contract either way. */
  status?: number;
}

/** Fetches `base + mount + path`, asserts the status (when given) and the body's shape; returns the parsed body. */
export async function callContract(
  base: string,
  mount: string,
  c: Contract,
  call: ContractCall = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const path = c.path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => encodeURIComponent(call.params?.[name] ?? ''));
  const qs = call.query ? `?${new URLSearchParams(call.query)}` : '';
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  const form = call.body instanceof URLSearchParams;
  if (call.body !== undefined && !form) headers['content-type'] = 'application/json';
  const body = call.body === undefined ? undefined : form ? (call.body as URLSearchParams) : JSON.stringify(call.body);
  const res = await fetch(`${base}${mount}${path}${qs}`, { method: c.method, headers, body });
  const text = await res.text();
  const answer = text ? JSON.parse(text) : undefined;
  if (call.status !== undefined && res.status !== call.status)
    throw new Error(`${c.method} ${mount}${path}: status ${res.status}, expected ${call.status}: ${text.slice(0, 500)}`);
  assertOutput(c, res.status, answer);
  return { status: res.status, body: answer, headers: res.headers };
}

/** Headers of a logged-in staff member (test/staff-client.ts StaffClient) for `callContract`. */
export const staffHeaders = (s: { cookie: string; csrf: string }) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
