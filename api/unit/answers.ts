/**
 * What the second line does with an inquiry: answer it, or send it back to the first line because
 * it reached the wrong unit. Both only on open inquiries of the caller's scope, each in one
 * transaction with its audit_log row (PGlite has one connection: only `trx` inside).
 *
 * Answers are not edited (a second answer is 409): the answer goes out to the resident as soon as
 * it is recorded (answerInquiry hands it to the notifications), so a silent edit would make our
 * record disagree with what the resident received. A correction is a new contact.
 */
import type { Knex } from 'knex';
import { Errors } from '../errors';
import { answerInquiry } from '../knowledge/inquiries';
import { inScope, type InboxScope } from './scope';

export const MAX_ANSWER_CHARS = 4000;
export const MAX_REASON_CHARS = 1000;

export interface Actor {
  staffId: number;
  ip?: string;
}

function requiredText(value: unknown, field: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw Errors.missing(field);
  if (text.length > max) throw Errors.badRequest(field, `${field} is longer than ${max} characters`);
  return text;
}

/** Locks the open inquiry in scope: 404 outside it, 409 when it is no longer open. */
async function lockOpen(trx: Knex.Transaction, scope: InboxScope, publicId: string) {
  const row = await inScope(trx('inquiries as i'), scope).andWhere('i.public_id', publicId).forUpdate().first('i.id', 'i.status', 'i.unit_id');
  if (!row) throw Errors.notFound('inquiry', publicId);
  if (row.status === 'answered')
    throw Errors.conflict('status', 'the inquiry is already answered; answers are not edited because the resident may already have it');
  if (row.status !== 'open') throw Errors.conflict('status', `the inquiry is ${row.status}, not open`);
  return row as { id: number; status: string; unit_id: number };
}

export async function answerAsUnit(knex: Knex, scope: InboxScope, actor: Actor, publicId: string, answer: unknown, now = new Date()): Promise<void> {
  const text = requiredText(answer, 'answer', MAX_ANSWER_CHARS);
  await knex.transaction(async (trx) => {
    const row = await lockOpen(trx, scope, publicId);
    await answerInquiry(trx, scope.jurisdictionId, publicId, text, now, actor.staffId);
    // The answer itself is not copied into the audit: it may name the resident.
    await trx('audit_log').insert({
      at: now,
      jurisdiction_id: scope.jurisdictionId,
      actor_kind: 'staff',
      actor_id: actor.staffId,
      action: 'inquiry.answer',
      entity: 'inquiries',
      entity_id: String(row.id),
      data: { publicId, unitId: row.unit_id, chars: text.length },
      ip: actor.ip ?? null,
    });
  });
}

/** Wrong unit: back to the first line (status `returned`), which reassigns it (api/knowledge/reassign.ts). */
export async function returnToFirstLine(knex: Knex, scope: InboxScope, actor: Actor, publicId: string, reason: unknown, now = new Date()): Promise<void> {
  const text = requiredText(reason, 'reason', MAX_REASON_CHARS);
  await knex.transaction(async (trx) => {
    const row = await lockOpen(trx, scope, publicId);
    await trx('inquiries')
      .where({ id: row.id })
      .update({ status: 'returned', return_reason: text, returned_at: now, returned_by: actor.staffId, updated_at: now });
    await trx('audit_log').insert({
      at: now,
      jurisdiction_id: scope.jurisdictionId,
      actor_kind: 'staff',
      actor_id: actor.staffId,
      action: 'inquiry.return',
      entity: 'inquiries',
      entity_id: String(row.id),
      data: { publicId, unitId: row.unit_id, reason: text },
      ip: actor.ip ?? null,
    });
  });
}
