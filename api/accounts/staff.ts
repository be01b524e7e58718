/**
 * Staff accounts. Passwords are scrypt-hashed; a new account gets a one-time password, which opens
 * nothing but the password change (must_change_password, enforced in api/auth/session.ts).
 */
import type { Knex } from 'knex';
import { dummyPasswordHash, hashPassword, needsRehash, oneTimePassword, verifyPassword } from '../auth/secrets';
import { Errors, type ErrorDetail } from '../errors';

export const ROLES = ['admin', 'agent', 'unit_staff', 'crew', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export interface Staff {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  unitId: number | null;
  jurisdictionId: string | null;
  mustChangePassword: boolean;
}

export interface CreateStaff {
  email: string;
  role: string;
  unitCode?: string;
  name?: string;
  jurisdictionId?: string;
  /** Fixed password (demo accounts); otherwise a one-time password is generated. */
  password?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createStaff(knex: Knex, input: CreateStaff): Promise<{ staff: Staff; password: string }> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw Errors.badRequest('email', `${JSON.stringify(input.email)} is not an e-mail address`);
  if (!(ROLES as readonly string[]).includes(input.role)) throw Errors.badRequest('role', `role must be one of ${ROLES.join(', ')}`);
  const role = input.role as Role;
  let unitId: number | null = null;
  let jurisdictionId = input.jurisdictionId ?? null;
  if (input.unitCode) {
    const q = knex('units').where({ code: input.unitCode });
    if (jurisdictionId) q.andWhere({ jurisdiction_id: jurisdictionId });
    const units = await q.select('id', 'jurisdiction_id');
    if (units.length === 0) throw Errors.notFound('unit', input.unitCode);
    if (units.length > 1) throw Errors.badRequest('unit', `unit code ${input.unitCode} exists in several jurisdictions; name the jurisdiction`);
    unitId = units[0].id;
    jurisdictionId = units[0].jurisdiction_id;
  }
  if ((role === 'unit_staff' || role === 'crew') && unitId === null) throw Errors.badRequest('unit', `role ${role} needs a unit (--unit CODE)`);
  const existing = await knex('staff').whereRaw('lower(email) = ?', [email]).first('id');
  if (existing) throw Errors.conflict('email', `a staff account for ${email} already exists`);
  const password = input.password ?? oneTimePassword();
  const [row] = await knex('staff')
    .insert({
      email,
      name: input.name ?? null,
      role,
      unit_id: unitId,
      jurisdiction_id: jurisdictionId,
      password_hash: await hashPassword(password),
      must_change_password: input.password === undefined,
    })
    .returning('*');
  await knex('audit_log').insert({
    actor_kind: 'cli',
    action: 'staff.create',
    entity: 'staff',
    entity_id: String(row.id),
    jurisdiction_id: jurisdictionId,
    data: { email, role },
  });
  return { staff: toStaff(row), password };
}

/**
 * Checks a login; returns the account or undefined (same answer for unknown e-mail and bad password).
 * An unknown or disabled account is checked against a dummy hash of today's cost, so both answers
 * take the same scrypt time. A hash of older, cheaper parameters is replaced on success.
 */
export async function authenticateStaff(knex: Knex, email: string, password: string): Promise<Staff | undefined> {
  const row = await knex('staff').whereRaw('lower(email) = ?', [email.trim().toLowerCase()]).andWhere({ active: true }).first();
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyPasswordHash()));
  if (!row || !ok) return undefined;
  const update: Record<string, unknown> = { last_login_at: knex.fn.now() };
  if (needsRehash(row.password_hash)) update.password_hash = await hashPassword(password);
  await knex('staff').where({ id: row.id }).update(update);
  return toStaff(row);
}

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

/**
 * What is wrong with a new password, one detail per rule broken (empty: acceptable). Length is
 * what makes a password strong (NIST SP 800-63B); no composition rules, which only breed `Haslo1!`.
 */
export async function newPasswordProblems(staff: { email: string }, currentHash: string, password: string): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const field = 'new_password';
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push({ field, description: `must be at least ${MIN_PASSWORD_LENGTH} characters long` });
  if (password.length > MAX_PASSWORD_LENGTH) problems.push({ field, description: `must be at most ${MAX_PASSWORD_LENGTH} characters long` });
  const lower = password.trim().toLowerCase();
  const email = staff.email.toLowerCase();
  if (lower === email || lower === email.split('@')[0]) problems.push({ field, description: 'must not be the e-mail address (or its part before @)' });
  if (/^(.)\1*$/su.test(password)) problems.push({ field, description: 'must not be one character repeated' });
  if (problems.length === 0 && (await verifyPassword(password, currentHash))) problems.push({ field, description: 'must differ from the current password' });
  return problems;
}

/**
 * The owner changes their password: the current one must be right, the new one must pass the
 * rules. Clears must_change_password. Sessions are the caller's business (api/auth/routes.ts ends
 * every session of the account and opens a new one).
 */
export async function changeStaffPassword(
  knex: Knex,
  staffId: number,
  currentPassword: string,
  newPassword: string,
  hooks: { onWrongCurrent?: () => Promise<unknown> } = {},
): Promise<Staff> {
  const row = await knex('staff').where({ id: staffId, active: true }).first();
  if (!row) throw Errors.unauthorized();
  if (!(await verifyPassword(currentPassword, row.password_hash))) {
    // Counted like a failed login: a stolen session must not become a way to guess the password.
    await hooks.onWrongCurrent?.();
    throw Errors.badRequest('current_password', 'the current password is wrong');
  }
  const problems = await newPasswordProblems(row, row.password_hash, newPassword);
  if (problems.length) throw Errors.many(problems);
  const [updated] = await knex('staff')
    .where({ id: staffId })
    .update({ password_hash: await hashPassword(newPassword), must_change_password: false, password_changed_at: knex.fn.now(), updated_at: knex.fn.now() })
    .returning('*');
  return toStaff(updated);
}

function toStaff(row: Record<string, unknown>): Staff {
  return {
    id: row.id as number,
    email: row.email as string,
    name: (row.name as string) ?? null,
    role: row.role as Role,
    unitId: (row.unit_id as number) ?? null,
    jurisdictionId: (row.jurisdiction_id as string) ?? null,
    mustChangePassword: row.must_change_password as boolean,
  };
}
