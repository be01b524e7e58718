/**
 * FixMyStreet's service request updates (open311.md §2.6): GET lists public status changes and
 * notes so an FMS installation can pull status back; POST lets a client (an FMS back office or a
 * contractor's system) report a status change. Statuses are mapped in statuses.ts.
 */
import type { Knex } from 'knex';
import { applySlaForStatus } from '../sla/pause';
import { formObject, validateJson } from '../../open311-spec';
import { ErrorDetail, Errors } from '../errors';
import type { Params } from './form';
import { parseDate } from './query';
import { w3cDate } from './render';
import { CLOSED_STATUSES, FROM_FMS, toFmsStatus, openStatusOf } from './statuses';
import type { JurisdictionRow } from './store';
import { scrubPersonalData } from '../privacy/scrub';

const DAY = 86400000;
const MAX_UPDATES = 1000;

export function updatesSql(jurisdictionId: string, start: Date, endExclusive: Date): { sql: string; bindings: Knex.RawBinding[] } {
  return {
    sql: `SELECT e.id, r.public_id, e.at, e.note, e.status, coalesce(e.detailed_status, r.detailed_status) AS detailed_status, r.status AS request_status
            FROM request_events e
            JOIN requests r ON r.id = e.request_id
            JOIN services s ON s.id = r.service_id
           WHERE e.jurisdiction_id = ? AND e.public AND e.kind <> 'created' AND s.privacy <> 'private'
             AND e.at >= ? AND e.at < ?
           ORDER BY e.at, e.id
           LIMIT ${MAX_UPDATES}`,
    bindings: [jurisdictionId, start, endExclusive],
  };
}

/** Default window: the last 24 hours; at most 90 days (the same rule as GET requests). */
export async function listUpdates(knex: Knex, j: JurisdictionRow, params: Params, now: Date) {
  const problems: ErrorDetail[] = [];
  let start = parseDate(params, 'start_date', j.time_zone, problems);
  let end = parseDate(params, 'end_date', j.time_zone, problems);
  if (problems.length) throw Errors.many(problems);
  end ??= now;
  start ??= new Date(end.getTime() - DAY);
  if (start > end) throw Errors.badRequest('start_date', 'start_date is after end_date');
  if (end.getTime() - start.getTime() > 90 * DAY) throw Errors.badRequest('end_date', 'start_date and end_date may not span more than 90 days');
  const q = updatesSql(j.id, start, new Date(Math.floor(end.getTime() / 1000) * 1000 + 1000));
  const { rows } = await knex.raw(q.sql, q.bindings);
  return rows.map((e: { id: number; public_id: string; at: Date; note: string | null; status: string | null; detailed_status: string; request_status: string }) => ({
    update_id: String(e.id),
    service_request_id: e.public_id,
    status: toFmsStatus(e.detailed_status, openStatusOf(e.status ?? e.request_status)),
    updated_datetime: w3cDate(e.at, j.time_zone),
    description: e.note ? scrubPersonalData(e.note) : '',
    media_url: '',
  }));
}

/** POST servicerequestupdates: returns our update id; a repeated (client, update_id) returns the first. */
export async function postUpdate(knex: Knex, j: JurisdictionRow, clientId: number, params: Params): Promise<{ update_id: string }> {
  // The input schema first (open311-spec/schemas/post-update.input.schema.json); api_key was checked already.
  const problems: ErrorDetail[] = validateJson('postUpdateInput', formObject(params.pairs))
    .filter((p) => !/api_key|status/.test(p.message + p.at))
    .map((p) => {
      const field = /'([a-z_]+)'/.exec(p.message)?.[1] ?? (p.at.replace(/^\//, '') || undefined);
      return { field, description: `${field ?? 'form'}: ${p.message}` };
    });
  const rawStatus = (params.get('status') ?? '').toUpperCase();
  if (!rawStatus) problems.push({ field: 'status', description: 'status is required' });
  else if (!(rawStatus in FROM_FMS)) problems.push({ field: 'status', description: `status ${JSON.stringify(rawStatus.slice(0, 40))} is not one of ${Object.keys(FROM_FMS).join(', ')}` });
  const at = parseDate(params, 'updated_datetime', j.time_zone, problems);
  const description = (params.get('description') ?? '').replace(/\r\n?/g, '\n');
  if (description.length > 4000) problems.push({ field: 'description', description: 'description is longer than 4000 characters' });
  if (problems.length) throw Errors.many(problems);
  const publicId = params.get('service_request_id')!;
  const externalId = params.get('update_id')!.slice(0, 200);
  return knex.transaction(async (trx) => {
    const request = await trx('requests').where({ jurisdiction_id: j.id, public_id: publicId }).forUpdate().first('id', 'status', 'detailed_status');
    if (!request) throw Errors.notFound('service_request_id', publicId);
    const seen = await trx('request_events').where({ request_id: request.id, actor_kind: 'api_client', actor_id: clientId }).whereRaw(`data->>'update_id' = ?`, [externalId]).first('id');
    if (seen) return { update_id: String(seen.id) };
    const detailed = FROM_FMS[rawStatus] ?? request.detailed_status;
    const status = CLOSED_STATUSES.has(detailed) ? 'closed' : 'open';
    const changed = detailed !== request.detailed_status;
    const now = new Date();
    const [event] = await trx('request_events')
      .insert({ request_id: request.id, jurisdiction_id: j.id, at: now, actor_kind: 'api_client', actor_id: clientId, kind: changed ? 'status' : 'note', public: true, status, detailed_status: detailed, note: description || null, data: JSON.stringify({ update_id: externalId, fms_status: rawStatus, updated_datetime: at?.toISOString() }) })
      .returning('id');
    await trx('requests')
      .where({ id: request.id })
      .update({
        status,
        detailed_status: detailed,
        ...(description ? { status_notes: description } : {}),
        updated_at: now,
        closed_at: status === 'closed' ? (request.status === 'closed' ? trx.raw('closed_at') : now) : null,
      });
    if (changed) await applySlaForStatus(trx, request.id, detailed, now);
    return { update_id: String(event.id) };
  });
}
