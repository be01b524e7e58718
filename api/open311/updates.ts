/**
 * FixMyStreet's service request updates (open311.md §2.6): GET lists public status changes and
 * notes so an FMS installation can pull status back; POST lets a client (an FMS back office or a
 * contractor's system) report a status change. Statuses are mapped in statuses.ts. Who may post
 * what depends on the key's scopes and on who filed the request (updateRight below, issue #11).
 */
import type { Knex } from 'knex';
import { refuseIfMerged, transition } from '../requests/transition';
import { mayTransition } from '../requests/transitions';
import { formObject, validateJson } from '../../open311-spec';
import { AppError, ErrorDetail, Errors } from '../errors';
import type { Params } from './form';
import { clampToCalendar } from '../../kernel/dates';
import { parseDate } from './query';
import { w3cDate } from './render';
import { FROM_FMS, toFmsStatus, openStatusOf } from './statuses';
import type { JurisdictionRow } from './store';
import { publicText } from '../privacy/public-text';

const DAY = 86400000;
const MAX_UPDATES = 1000;

/**
 * The public events of the window, and for every report merged into another (duplicate_of_id) its
 * survivor's status changes and notes since the merge, under the merged report's own id (issue #12
 * item 3: FixMyStreet follows each report by its own id). Such a copy's update_id is
 * `<event id>-<merged report's id>`, so no two rows share one. A merged report's own `merged` event
 * carries the status its survivor had then (it follows the survivor, open311-spec/ids-and-merges.md).
 */
export function updatesSql(jurisdictionId: string, start: Date, endExclusive: Date): { sql: string; bindings: Knex.RawBinding[] } {
  return {
    sql: `SELECT * FROM (
          SELECT e.id::text AS update_id, e.id, r.public_id, e.at, e.note,
                 CASE WHEN e.kind = 'merged' AND sv.id IS NOT NULL THEN sv.status ELSE e.status END AS status,
                 CASE WHEN e.kind = 'merged' AND sv.id IS NOT NULL
                      THEN coalesce((SELECT se.detailed_status FROM request_events se WHERE se.request_id = sv.id AND se.detailed_status IS NOT NULL
                                       AND se.at <= e.at ORDER BY se.at DESC, se.id DESC LIMIT 1), sv.detailed_status)
                      ELSE coalesce(e.detailed_status, r.detailed_status) END AS detailed_status,
                 r.status AS request_status
            FROM request_events e
            JOIN requests r ON r.id = e.request_id
            JOIN services s ON s.id = r.service_id
            LEFT JOIN requests sv ON sv.id = r.duplicate_of_id
           WHERE e.jurisdiction_id = ? AND e.public AND e.kind <> 'created' AND s.privacy <> 'private'
             AND e.at >= ? AND e.at < ?
          UNION ALL
          SELECT e.id::text || '-' || m.public_id, e.id, m.public_id, e.at, e.note, e.status, coalesce(e.detailed_status, r.detailed_status), r.status
            FROM request_events e
            JOIN requests r ON r.id = e.request_id
            JOIN services s ON s.id = r.service_id
            JOIN requests m ON m.duplicate_of_id = r.id
           WHERE e.jurisdiction_id = ? AND e.public AND e.kind IN ('status', 'note') AND s.privacy <> 'private'
             AND e.at >= ? AND e.at < ? AND e.at >= coalesce(m.closed_at, m.requested_at)
          ) u
           ORDER BY u.at, u.id, u.update_id
           LIMIT ${MAX_UPDATES}`,
    bindings: [jurisdictionId, start, endExclusive, jurisdictionId, start, endExclusive],
  };
}

/**
 * Default window: the last 24 hours; at most 90 days. Unlike GET requests (whose explicit windows
 * have no span limit since issue #12, because every answer is one page), this feed has no paging:
 * the cap keeps one answer bounded (MAX_UPDATES).
 */
export async function listUpdates(knex: Knex, j: JurisdictionRow, params: Params, now: Date) {
  const problems: ErrorDetail[] = [];
  let start = parseDate(params, 'start_date', j.time_zone, problems);
  let end = parseDate(params, 'end_date', j.time_zone, problems);
  if (problems.length) throw Errors.many(problems);
  end ??= now;
  start ??= new Date(end.getTime() - DAY);
  if (start > end) throw Errors.badRequest('start_date', 'start_date is after end_date');
  if (end.getTime() - start.getTime() > 90 * DAY) throw Errors.badRequest('end_date', 'start_date and end_date may not span more than 90 days');
  const q = updatesSql(j.id, start, clampToCalendar(new Date(Math.floor(end.getTime() / 1000) * 1000 + 1000)));
  const { rows } = await knex.raw(q.sql, q.bindings);
  return rows.map(
    (e: { update_id: string; public_id: string; at: Date; note: string | null; status: string | null; detailed_status: string; request_status: string }) => ({
      update_id: e.update_id,
      service_request_id: e.public_id,
      status: toFmsStatus(e.detailed_status, openStatusOf(e.status ?? e.request_status)),
      updated_datetime: w3cDate(e.at, j.time_zone),
      description: publicText(e.note) ?? '',
      media_url: '',
    }),
  );
}

/** Who posts an update, as far as deciding what it may do needs to know. */
export interface UpdatingClient {
  id: number;
  scopes: readonly string[];
  jurisdictionId: string | null;
}

/** How a client stands to one request. */
export interface Standing {
  /** Back office of the request's jurisdiction. */
  backOffice: boolean;
  /** Holds `report` and filed the request (or a report merged into it). */
  filer: boolean;
  /** No reporter of the request came through anyone but this client. */
  onlyReporter: boolean;
  /** The request's service is private: GET answers 404 for it. */
  private: boolean;
  closed: boolean;
}

/** What the update may do: a public status change or note, or a note for the city's staff only. */
export type UpdateRight = { public: boolean };

/**
 * Who may post what (open311-spec/README.md "Who may update a request"); the rule itself is the
 * lifecycle table (api/requests/transitions.ts: `back-office` and `report-filer`), worded here as
 * Open311 errors:
 *  - back office of the jurisdiction: any status, public, as FixMyStreet back ends do;
 *  - the client that filed it (scope `report`): UNCHANGED, a comment that goes to the city's
 *    staff only (not published, no one e-mailed: the city decides what the public hears), or
 *    FIXED/CLOSED while the request is open and this client is its only reporter (FixMyStreet lets
 *    a reporter mark their report fixed; with other residents on it, that is the city's call);
 *  - anyone else: 403, except that a private request stays invisible (404, like GET).
 */
export function updateRight(s: Standing, rawStatus: string, publicId: string, from = s.closed ? 'fixed' : 'acknowledged'): UpdateRight {
  if (s.backOffice) return { public: true };
  if (!s.filer) {
    if (s.private) throw Errors.notFound('service_request_id', publicId);
    throw new AppError('forbidden', [
      {
        field: 'service_request_id',
        description: `this api_key did not file request ${publicId} and has no back-office scope for its jurisdiction, so it may not update it`,
      },
    ]);
  }
  if (rawStatus === 'UNCHANGED') return { public: false };
  const verdict = mayTransition('report-filer', from, FROM_FMS[rawStatus] ?? '', { onlyReporter: s.onlyReporter });
  if (verdict.allowed) return { public: true };
  const description =
    verdict.code === 'closed'
      ? `request ${publicId} is already closed; only the city's back office changes a closed request`
      : verdict.code === 'other_reporters'
        ? `other residents reported request ${publicId} too, so only the city's back office may close it; post UNCHANGED to comment`
        : `status ${rawStatus} is for the city's back office; on its own request a reporting api_key may post UNCHANGED (a comment) or FIXED`;
  throw new AppError('forbidden', [{ field: 'status', description }]);
}

/** POST servicerequestupdates: returns our update id; a repeated (client, update_id) returns the first. */
export async function postUpdate(knex: Knex, j: JurisdictionRow, client: UpdatingClient, params: Params): Promise<{ update_id: string }> {
  // The input schema first (open311-spec/schemas/post-update.input.schema.json); api_key was checked already.
  const problems: ErrorDetail[] = validateJson('postUpdateInput', formObject(params.pairs))
    .filter((p) => !/api_key|status/.test(p.message + p.at))
    .map((p) => {
      const field = /'([a-z_]+)'/.exec(p.message)?.[1] ?? (p.at.replace(/^\//, '') || undefined);
      return { field, description: `${field ?? 'form'}: ${p.message}` };
    });
  const rawStatus = (params.get('status') ?? '').toUpperCase();
  if (!rawStatus) problems.push({ field: 'status', description: 'status is required' });
  else if (!(rawStatus in FROM_FMS))
    problems.push({ field: 'status', description: `status ${JSON.stringify(rawStatus.slice(0, 40))} is not one of ${Object.keys(FROM_FMS).join(', ')}` });
  const at = parseDate(params, 'updated_datetime', j.time_zone, problems);
  const description = (params.get('description') ?? '').replace(/\r\n?/g, '\n');
  if (description.length > 4000) problems.push({ field: 'description', description: 'description is longer than 4000 characters' });
  if (problems.length) throw Errors.many(problems);
  const publicId = params.get('service_request_id')!;
  const externalId = params.get('update_id')!.slice(0, 200);
  const backOffice = client.scopes.includes('back-office') && (client.jurisdictionId === null || client.jurisdictionId === j.id);
  const reports = client.scopes.includes('report');
  // Everything below runs in one transaction, and a refusal throws before anything is written:
  // a refused update leaves the request, its events and the notice outbox (filled by triggers on
  // request_events) exactly as they were, so no stranger can make the city e-mail anyone.
  return knex.transaction(async (trx) => {
    const { rows } = await trx.raw(
      `SELECT r.id, r.public_id, r.status, r.detailed_status, r.duplicate_of_id, (SELECT p.public_id FROM requests p WHERE p.id = r.duplicate_of_id) AS survivor,
              s.privacy = 'private' AS private,
              coalesce(r.api_client_id = ?::bigint, false)
                OR EXISTS (SELECT 1 FROM request_reporters rr WHERE rr.request_id = r.id AND rr.api_client_id = ?::bigint) AS filed,
              NOT EXISTS (SELECT 1 FROM request_reporters rr WHERE rr.request_id = r.id AND rr.api_client_id IS DISTINCT FROM ?::bigint) AS only_reporter
         FROM requests r JOIN services s ON s.id = r.service_id
        WHERE r.jurisdiction_id = ? AND r.public_id = ?
          FOR UPDATE OF r`,
      [client.id, client.id, client.id, j.id, publicId],
    );
    const request = rows[0] as
      | {
          id: string;
          public_id: string;
          duplicate_of_id: number | null;
          survivor: string | null;
          status: string;
          detailed_status: string;
          private: boolean;
          filed: boolean;
          only_reporter: boolean;
        }
      | undefined;
    if (!request) throw Errors.notFound('service_request_id', publicId);
    const standing: Standing = {
      backOffice,
      filer: reports && request.filed === true,
      onlyReporter: request.only_reporter === true,
      private: request.private === true,
      closed: request.status === 'closed',
    };
    if (!standing.backOffice && !standing.filer && standing.private) throw Errors.notFound('service_request_id', publicId);
    // A retry of an update this client already made gets its first answer (it was allowed then).
    const seen = await trx('request_events')
      .where({ request_id: request.id, actor_kind: 'api_client', actor_id: client.id })
      .whereRaw(`data->>'update_id' = ?`, [externalId])
      .first('id');
    if (seen) return { update_id: String(seen.id) };
    // A merged request belongs to its survivor now: refused, naming it, before anything is written
    // (to those who may change it at all; anyone else hears 403 or 404 from updateRight first).
    if (standing.backOffice || standing.filer) refuseIfMerged(request, 'service_request_id');
    const right = updateRight(standing, rawStatus, publicId, request.detailed_status);
    const to = right.public ? FROM_FMS[rawStatus] : null;
    const actor = { kind: 'api_client' as const, role: backOffice ? ('back-office' as const) : ('report-filer' as const), id: client.id };
    const done = await transition(trx, Number(request.id), to ?? null, actor, description, {
      public: right.public,
      unchangedAs: 'note',
      checked: true,
      data: { update_id: externalId, fms_status: rawStatus, updated_datetime: at?.toISOString() },
    });
    return { update_id: String(done.eventId) };
  });
}
