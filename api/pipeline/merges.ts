/**
 * Merging by staff (issue #4 §3): a merge keeps EVERY reporter on the surviving request, with
 * their channel and notification preference, and remembers where each came from
 * (request_reporters.original_request_id), so an un-merge can give them back.
 *
 * - Chains are flattened: merging into a request that was itself merged targets its survivor;
 *   merging a request that has merged children moves the children (and their reporters) too, so
 *   duplicate_of_id always points at a request that is not a duplicate.
 * - Closed requests are not merge targets unless reopened.
 * - The merged request becomes closed / `duplicate` through api/requests/transition.ts (as does an
 *   un-merge's return to the previous status, which the merge event keeps).
 * - Demand: reporter_count is recounted from request_reporters and raises priority (one step per
 *   co-reporter, at most 5; an un-merge never lowers priority staff may have set).
 */
import type { Knex } from 'knex';
import type { Database } from '../db/engine';
import { Errors } from '../errors';
import { normalisePublicId } from './public-id';
import { transition, type Actor } from '../requests/transition';

interface Row {
  id: number;
  public_id: string;
  jurisdiction_id: string;
  status: string;
  detailed_status: string;
  duplicate_of_id: number | null;
  closed_at: Date | null;
}

async function byPublicId(trx: Knex.Transaction, publicId: string): Promise<Row> {
  const row = (
    await trx.raw(`SELECT id, public_id, jurisdiction_id, status, detailed_status, duplicate_of_id, closed_at FROM requests WHERE public_id = ? FOR UPDATE`, [
      normalisePublicId(publicId),
    ])
  ).rows[0];
  if (!row) throw Errors.notFound('service_request_id', publicId);
  return row;
}

async function byId(trx: Knex.Transaction, id: number): Promise<Row> {
  return (
    await trx.raw(`SELECT id, public_id, jurisdiction_id, status, detailed_status, duplicate_of_id, closed_at FROM requests WHERE id = ? FOR UPDATE`, [id])
  ).rows[0];
}

const recount = (trx: Knex.Transaction, id: number, at: Date) =>
  trx.raw(
    `UPDATE requests SET reporter_count = greatest(c.n, 1), priority = greatest(priority, least(greatest(c.n, 1) - 1, 5)), updated_at = ?
       FROM (SELECT count(*)::int AS n FROM request_reporters WHERE request_id = ?) c WHERE id = ?`,
    [at, id, id],
  );

export interface MergeResult {
  from: string;
  into: string;
  reportersMoved: number;
  childrenMoved: number;
  reporterCount: number;
}

export async function mergeRequests(db: Database, p: { from: string; into: string; staffId?: number | null; now?: Date }): Promise<MergeResult> {
  const at = p.now ?? new Date();
  return db.knex.transaction(async (trx) => {
    const from = await byPublicId(trx, p.from);
    let into = await byPublicId(trx, p.into);
    if (into.duplicate_of_id != null) into = await byId(trx, into.duplicate_of_id);
    if (from.jurisdiction_id !== into.jurisdiction_id) throw Errors.badRequest('into', 'requests of different jurisdictions cannot be merged');
    if (from.id === into.id) throw Errors.badRequest('into', `request ${from.public_id} cannot be merged into itself`);
    if (from.duplicate_of_id != null) {
      const root = await byId(trx, from.duplicate_of_id);
      throw Errors.conflict('from', `request ${from.public_id} is already merged into ${root.public_id}; un-merge it first`);
    }
    if (into.status !== 'open') throw Errors.badRequest('into', `request ${into.public_id} is closed; closed requests are not merge targets unless reopened`);

    // Children of `from` follow it (flattening), then every reporter filed on `from` moves.
    const children = await trx.raw(`UPDATE requests SET duplicate_of_id = ?, updated_at = ? WHERE duplicate_of_id = ? RETURNING id`, [into.id, at, from.id]);
    const moved = await trx.raw(
      `UPDATE request_reporters SET request_id = ?, original_request_id = coalesce(original_request_id, ?) WHERE request_id = ? RETURNING id`,
      [into.id, from.id, from.id],
    );
    const actor: Actor = p.staffId ? { kind: 'staff', role: 'system', id: p.staffId } : { kind: 'system', role: 'system' };
    const previous = { status: from.status, detailed_status: from.detailed_status, closed_at: from.closed_at };
    // The merged request closes as a duplicate through the lifecycle (its event queues the
    // 'merged' notices to the reporters who moved); the merge rules above are its permission.
    await transition(trx, from.id, 'duplicate', actor, `merged into ${into.public_id}`, {
      at,
      checked: true,
      merge: { kind: 'merged', patch: { duplicate_of_id: into.id, reporter_count: 0 }, closedAt: at },
      data: {
        into: into.public_id,
        previous,
        reporters: moved.rows.length,
        reporter_ids: moved.rows.map((m: { id: number }) => Number(m.id)),
        children: children.rows.length,
      },
    });
    await recount(trx, into.id, at);
    await trx.raw(
      `INSERT INTO request_events (request_id, jurisdiction_id, at, actor_kind, actor_id, kind, public, status, detailed_status, note, data) VALUES
         (?, ?, ?, ?, ?, 'reporter_added', true, NULL, NULL, ?, ?::jsonb)`,
      [
        into.id,
        into.jurisdiction_id,
        at,
        actor.kind,
        actor.id ?? null,
        `${from.public_id} merged into this request`,
        JSON.stringify({ from: from.public_id, reporters: moved.rows.length }),
      ] as Knex.RawBinding[],
    );
    await trx.raw(
      `INSERT INTO audit_log (jurisdiction_id, actor_kind, actor_id, action, entity, entity_id, data) VALUES (?, ?, ?, 'request.merge', 'requests', ?, ?::jsonb)`,
      [from.jurisdiction_id, p.staffId ? 'staff' : 'system', p.staffId ?? null, from.public_id, JSON.stringify({ into: into.public_id })],
    );
    const count = (await trx.raw(`SELECT reporter_count FROM requests WHERE id = ?`, [into.id])).rows[0].reporter_count as number;
    return { from: from.public_id, into: into.public_id, reportersMoved: moved.rows.length, childrenMoved: children.rows.length, reporterCount: count };
  });
}

/**
 * Undoes a merge: the request reopens with its previous status and takes back the reporters that
 * first filed it. Requests that had been merged into it before stay with the survivor.
 */
export async function unmergeRequest(
  db: Database,
  p: { publicId: string; staffId?: number | null; now?: Date },
): Promise<{ publicId: string; from: string; reportersMoved: number }> {
  const at = p.now ?? new Date();
  return db.knex.transaction(async (trx) => {
    const req = await byPublicId(trx, p.publicId);
    if (req.duplicate_of_id == null) throw Errors.badRequest('service_request_id', `request ${req.public_id} is not merged into another request`);
    const root = await byId(trx, req.duplicate_of_id);
    const moved = await trx.raw(
      `UPDATE request_reporters SET request_id = ?, original_request_id = NULL WHERE request_id = ? AND original_request_id = ? RETURNING id`,
      [req.id, root.id, req.id],
    );
    const last = (await trx.raw(`SELECT data FROM request_events WHERE request_id = ? AND kind = 'merged' ORDER BY at DESC, id DESC LIMIT 1`, [req.id]))
      .rows[0];
    const prevRaw = last ? (typeof last.data === 'string' ? JSON.parse(last.data) : last.data).previous : undefined;
    const prev = prevRaw && prevRaw.status ? prevRaw : { status: 'open', detailed_status: 'new', closed_at: null };
    const actor: Actor = p.staffId ? { kind: 'staff', role: 'system', id: p.staffId } : { kind: 'system', role: 'system' };
    // Back to the status it had before the merge, closed_at included, through the lifecycle.
    await transition(trx, req.id, prev.detailed_status, actor, `separated from ${root.public_id}`, {
      at,
      checked: true,
      merge: { kind: 'unmerged', patch: { duplicate_of_id: null }, closedAt: prev.closed_at ?? null },
      data: { from: root.public_id, reporters: moved.rows.length },
    });
    await recount(trx, req.id, at);
    await recount(trx, root.id, at);
    await trx.raw(
      `INSERT INTO request_events (request_id, jurisdiction_id, at, actor_kind, actor_id, kind, public, status, detailed_status, note, data) VALUES
         (?, ?, ?, ?, ?, 'unmerged', true, NULL, NULL, ?, ?::jsonb)`,
      [
        root.id,
        root.jurisdiction_id,
        at,
        actor.kind,
        actor.id ?? null,
        `${req.public_id} separated from this request`,
        JSON.stringify({ unmerged: req.public_id, reporters: moved.rows.length }),
      ] as Knex.RawBinding[],
    );
    await trx.raw(
      `INSERT INTO audit_log (jurisdiction_id, actor_kind, actor_id, action, entity, entity_id, data) VALUES (?, ?, ?, 'request.unmerge', 'requests', ?, ?::jsonb)`,
      [req.jurisdiction_id, p.staffId ? 'staff' : 'system', p.staffId ?? null, req.public_id, JSON.stringify({ from: root.public_id })],
    );
    return { publicId: req.public_id, from: root.public_id, reportersMoved: moved.rows.length };
  });
}
