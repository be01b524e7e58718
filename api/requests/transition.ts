/**
 * The one way a request's status changes (issue #13 item 1). Every surface that changes a status
 * (the console, Open311 updates, merges, the coming unit and crew pages) calls `transition` inside
 * its own transaction, so every invariant is applied once:
 *
 *  - a request merged into another is refused (409 naming the survivor): its reporters and its
 *    life now belong to the survivor, and changing the duplicate would mislead them (merges
 *    themselves pass `merge`);
 *  - the actor must be allowed the move (transitions.ts);
 *  - `responded_at`: the first status change by the city (staff, back office, system) that is not
 *    a reopening; the SLA watch counts a response from it;
 *  - `closed_at`: set when the request closes (kept when it stays closed), cleared when it opens;
 *  - the SLA clock pauses or resumes (api/sla/pause.ts);
 *  - the request_events row, from which triggers queue the residents' notices
 *    (k_notify_request_event: kind 'status', 'note', 'merged', 'unmerged');
 *  - status, detailed_status, status_notes, updated_at (also the updated_at of the reports merged
 *    into it, which follow its status on Open311).
 */
import type { Knex } from 'knex';
import { AppError, Errors } from '../errors';
import { applySlaForStatus } from '../sla/pause';
import { CLOSED_STATUSES, openStatusFor, type DetailedStatus } from './statuses';
import { mayTransition, type ActorKind, type TransitionContext } from './transitions';

export type Actor =
  | { kind: 'staff'; role: ActorKind; id: number }
  | { kind: 'api_client'; role: 'back-office' | 'report-filer'; id: number }
  | { kind: 'system'; role: 'system'; id?: null };

export interface TransitionOptions extends TransitionContext {
  at?: Date;
  /** A public event (shown in Open311 and on /r/<id>, notices sent) or one for staff only (no request change). */
  public?: boolean;
  /** Extra data stored with the event (Open311's update_id, a merge's reporters). */
  data?: Record<string, unknown>;
  /** Event kind when the status does not change: 'status' (the console) or 'note' (an Open311 UNCHANGED). */
  unchangedAs?: 'status' | 'note';
  /** A merge or un-merge: the event kind, the columns it changes besides the status, closed_at to restore. */
  merge?: { kind: 'merged' | 'unmerged'; patch: Record<string, unknown>; closedAt?: Date | null };
  /** Permission was checked by the caller in its own words (Open311's updateRight). */
  checked?: boolean;
}

export interface RequestState {
  id: number;
  jurisdiction_id: string;
  public_id: string;
  status: string;
  detailed_status: string;
  duplicate_of_id: number | null;
  survivor: string | null;
  responded_at: Date | null;
  closed_at: Date | null;
}

/** The request's row, locked for the rest of the transaction. */
export async function lockRequest(trx: Knex.Transaction, requestId: number): Promise<RequestState> {
  const row = (
    await trx.raw(
      `SELECT r.id, r.jurisdiction_id, r.public_id, r.status, r.detailed_status, r.duplicate_of_id, r.responded_at, r.closed_at,
              (SELECT p.public_id FROM requests p WHERE p.id = r.duplicate_of_id) AS survivor
         FROM requests r WHERE r.id = ? FOR UPDATE OF r`,
      [requestId],
    )
  ).rows[0];
  if (!row) throw Errors.notFound('request', String(requestId));
  return { ...row, id: Number(row.id), duplicate_of_id: row.duplicate_of_id == null ? null : Number(row.duplicate_of_id) };
}

/** 409 for a request merged into another, naming the survivor (the console's and Open311's answer). */
export function refuseIfMerged(r: Pick<RequestState, 'public_id' | 'duplicate_of_id' | 'survivor'>, field = 'request'): void {
  if (r.duplicate_of_id != null) throw Errors.conflict(field, `${r.public_id} was merged into ${r.survivor}; change that request instead`);
}

export interface TransitionResult {
  eventId: number;
  from: string;
  to: string;
  status: 'open' | 'closed';
  changed: boolean;
}

/**
 * Moves request `requestId` to `to` (`null`: a note, the status stays) on behalf of `actor`.
 * Throws before writing anything when the move is refused.
 */
export async function transition(
  trx: Knex.Transaction,
  requestId: number,
  to: DetailedStatus | null,
  actor: Actor,
  note: string | null | undefined,
  options: TransitionOptions = {},
): Promise<TransitionResult> {
  const at = options.at ?? new Date();
  const r = await lockRequest(trx, requestId);
  if (!options.merge || options.merge.kind === 'merged') refuseIfMerged(r);
  const target = to ?? (r.detailed_status as DetailedStatus);
  if (to !== null && !options.checked) {
    const verdict = mayTransition(actor.role, r.detailed_status, to, options);
    if (!verdict.allowed)
      throw new AppError(verdict.code === 'unknown_status' ? 'bad_request' : 'forbidden', [{ field: 'detailedStatus', description: verdict.reason }]);
  }
  const text = note?.trim() || null;
  const isPublic = options.public ?? true;
  const status = openStatusFor(target);
  const changed = target !== r.detailed_status;
  const kind = options.merge?.kind ?? (to === null || (!changed && options.unchangedAs === 'note') ? 'note' : 'status');
  if (isPublic) {
    const patch: Record<string, unknown> = { status, detailed_status: target, updated_at: at, ...(options.merge?.patch ?? {}) };
    if (kind === 'status') patch.status_notes = text;
    else if (kind === 'note' && text) patch.status_notes = text;
    patch.closed_at = options.merge && 'closedAt' in options.merge ? options.merge.closedAt : CLOSED_STATUSES.has(target) ? (r.closed_at ?? at) : null;
    // A response is the city's first word on the request; a reporter's app closing its own report is not one.
    if (kind === 'status' && !r.responded_at && target !== 'reopened' && actor.role !== 'report-filer' && actor.kind !== 'system') patch.responded_at = at;
    await trx('requests').where({ id: r.id }).update(patch);
    // Reports merged into this one show its status on Open311 (open311-spec/ids-and-merges.md), so
    // they count as changed too: a client reading `updated_after` sees each of them move.
    await trx('requests').where({ duplicate_of_id: r.id }).update({ updated_at: at });
    if (to !== null) await applySlaForStatus(trx, r.id, target, at);
  }
  const [event] = await trx('request_events')
    .insert({
      request_id: r.id,
      jurisdiction_id: r.jurisdiction_id,
      at,
      actor_kind: actor.kind,
      actor_id: actor.id ?? null,
      kind,
      public: isPublic,
      status,
      detailed_status: target,
      note: text,
      data: JSON.stringify({ from: r.detailed_status, ...(options.data ?? {}) }),
    })
    .returning('id');
  return { eventId: Number(event.id ?? event), from: r.detailed_status, to: target, status, changed };
}
