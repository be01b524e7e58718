/**
 * The first line reassigns an inquiry to another unit: usually one the second line returned as not
 * theirs (status `returned`), or an open one the agent sees went astray. Answered inquiries stay.
 *
 * The deadline is kept, not recomputed: it is the promise made to the resident when the question
 * was forwarded, and a routing mistake is the city's, not the resident's. The new unit sees the
 * real time left (possibly "due soon" or overdue) and the return reason in its inbox; the time the
 * inquiry spent at the wrong unit is visible in audit_log (inquiry.return, inquiry.reassign).
 */
import type { Knex } from 'knex';
import { Errors } from '../errors';

export interface Reassigned {
  publicId: string;
  status: 'open';
  unit: { code: string; name: string };
  dueAt: Date;
}

export async function reassignInquiry(
  knex: Knex,
  jurisdictionId: string,
  actor: { staffId: number; ip?: string },
  publicId: string,
  unitCode: unknown,
  now = new Date(),
): Promise<Reassigned> {
  const code = typeof unitCode === 'string' ? unitCode.trim() : '';
  if (!code) throw Errors.missing('unitCode');
  return knex.transaction(async (trx) => {
    const row = await trx('inquiries').where({ jurisdiction_id: jurisdictionId, public_id: publicId }).forUpdate().first('id', 'status', 'unit_id', 'due_at');
    if (!row) throw Errors.notFound('inquiry', publicId);
    if (row.status !== 'open' && row.status !== 'returned')
      throw Errors.conflict('status', `the inquiry is ${row.status}; only open or returned ones are reassigned`);
    const unit = await trx('units').where({ jurisdiction_id: jurisdictionId, code, active: true }).first('id', 'code', 'name');
    if (!unit) throw Errors.notFound('unit', code);
    // A returned one may go back to the same unit (the return may have been a mistake); an open one is already there.
    if (row.status === 'open' && unit.id === row.unit_id) throw Errors.conflict('unitCode', `the inquiry is already with ${unit.code}`);
    await trx('inquiries').where({ id: row.id }).update({ unit_id: unit.id, routing_rule_id: null, status: 'open', updated_at: now });
    await trx('audit_log').insert({
      at: now,
      jurisdiction_id: jurisdictionId,
      actor_kind: 'staff',
      actor_id: actor.staffId,
      action: 'inquiry.reassign',
      entity: 'inquiries',
      entity_id: String(row.id),
      data: { publicId, fromUnitId: row.unit_id, toUnit: unit.code, wasStatus: row.status },
      ip: actor.ip ?? null,
    });
    return { publicId, status: 'open' as const, unit: { code: unit.code, name: unit.name }, dueAt: row.due_at };
  });
}
