/**
 * Whose inquiries a staff member may see on the unit surface. A `unit_staff` account sees its own
 * unit and nothing else, whatever it asks for; an admin sees every unit of the city and may narrow
 * the list with `?unit=CODE`. Anything outside the scope is answered 404, never 403, so inquiry
 * numbers of other units cannot be probed.
 */
import type { Knex } from 'knex';
import type { Session } from '../auth/session';
import { Errors } from '../errors';

export interface InboxScope {
  jurisdictionId: string;
  /** null: every unit of the city (admins). */
  unitId: number | null;
}

export async function inboxScope(knex: Knex, session: Session, jurisdictionId: string, unitCode: string | undefined): Promise<InboxScope> {
  const staff = session.staff;
  if (staff.role !== 'admin') {
    // createStaff refuses a unit_staff account without a unit; a row edited by hand may still lack one.
    if (staff.unitId === null) throw Errors.forbidden('this account is not bound to a unit');
    return { jurisdictionId, unitId: staff.unitId };
  }
  if (!unitCode) return { jurisdictionId, unitId: null };
  const unit = await knex('units').where({ jurisdiction_id: jurisdictionId, code: unitCode }).first('id');
  if (!unit) throw Errors.notFound('unit', unitCode);
  return { jurisdictionId, unitId: unit.id };
}

/** Restricts a query on `inquiries as i` to the scope. */
export function inScope(q: Knex.QueryBuilder, scope: InboxScope): Knex.QueryBuilder {
  q.where('i.jurisdiction_id', scope.jurisdictionId);
  if (scope.unitId !== null) q.andWhere('i.unit_id', scope.unitId);
  return q;
}
