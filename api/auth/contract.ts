/**
 * The /api/auth contract (issue #13 item 3): login, logout, the current session and the password
 * change, as data (api/http/contract.ts). `Staff` and `SessionAnswer` are shared by every staff
 * surface (the console and unit settings carry the same staff object).
 */
import { Type } from '@sinclair/typebox';
import { contract, ErrorBody, type Answer, type Body } from '../http/contract';

export const StaffRole = Type.Union([Type.Literal('admin'), Type.Literal('agent'), Type.Literal('unit_staff'), Type.Literal('crew'), Type.Literal('analyst')]);
export const Staff = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  role: StaffRole,
  unitId: Type.Union([Type.Integer(), Type.Null()]),
  jurisdictionId: Type.Union([Type.String(), Type.Null()]),
  mustChangePassword: Type.Boolean(),
});

export const SessionAnswer = Type.Object({ staff: Staff, csrfToken: Type.String() });

/** A required, non-empty string field; a missing, empty or non-string one is "<field> is required", as before contracts. */
const required = (field: string) => Type.String({ minLength: 1, error: `${field} is required` });

export const login = contract({
  method: 'POST',
  path: '/login',
  roles: 'anonymous',
  summary: 'sets the session cookie; a new session id at every login',
  input: { body: Type.Object({ email: required('email'), password: required('password') }) },
  output: { 200: SessionAnswer, 400: ErrorBody, 403: ErrorBody, 415: ErrorBody, 429: ErrorBody },
});

export const password = contract({
  method: 'POST',
  path: '/password',
  roles: 'session',
  summary: 'new password; ends every session of the account, sets a new cookie',
  input: { body: Type.Object({ current_password: required('current_password'), new_password: required('new_password') }) },
  output: { 200: SessionAnswer, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
  cache: 'no-store',
});

export const logout = contract({
  method: 'POST',
  path: '/logout',
  roles: 'session',
  summary: 'ends the session (needs the CSRF header)',
  input: {},
  output: { 200: Type.Object({ ok: Type.Literal(true) }), 401: ErrorBody, 403: ErrorBody },
});

export const me = contract({
  method: 'GET',
  path: '/me',
  roles: 'session',
  summary: 'the current session, or 401',
  input: {},
  output: { 200: SessionAnswer, 401: ErrorBody },
  cache: 'no-store',
});

export const authContracts = [login, password, logout, me] as const;

export type LoginBody = Body<typeof login>;
export type PasswordBody = Body<typeof password>;
export type SessionInfo = Answer<typeof me>;
export type StaffInfo = SessionInfo['staff'];
