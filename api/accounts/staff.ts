/** Staff accounts. Passwords are scrypt-hashed; a new account gets a one-time password. */
import type { Knex } from 'knex';
import { hashPassword, oneTimePassword, verifyPassword } from '../auth/secrets';
import { Errors } from '../errors';

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
    .insert({ email, name: input.name ?? null, role, unit_id: unitId, jurisdiction_id: jurisdictionId, password_hash: hashPassword(password), must_change_password: input.password === undefined })
    .returning('*');
  await knex('audit_log').insert({ actor_kind: 'cli', action: 'staff.create', entity: 'staff', entity_id: String(row.id), jurisdiction_id: jurisdictionId, data: { email, role } });
  return { staff: toStaff(row), password };
}

/** Checks a login; returns the account or undefined (same answer for unknown e-mail and bad password). */
export async function authenticateStaff(knex: Knex, email: string, password: string): Promise<Staff | undefined> {
  const row = await knex('staff').whereRaw('lower(email) = ?', [email.trim().toLowerCase()]).andWhere({ active: true }).first();
  if (!row || !verifyPassword(password, row.password_hash)) return undefined;
  await knex('staff').where({ id: row.id }).update({ last_login_at: knex.fn.now() });
  return toStaff(row);
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
