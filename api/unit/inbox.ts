/**
 * The second line's inbox (issue #5 item 4): the inquiries forwarded to a unit, read from the
 * unit's side. Lists come overdue first, then due soonest (for open inquiries that is simply the
 * deadline, ascending: an overdue one has the earliest deadline); answered and returned ones most
 * recent first. Every read goes through the scope (api/unit/scope.ts): another unit's inquiry is
 * "not found".
 */
import type { Knex } from 'knex';
import { Errors } from '../errors';
import { loadCalendar } from '../pipeline/sla-batch';
import type { Calendar } from '../sla/calendar';
import type { ReplyChannel } from '../knowledge/inquiries';
import { inScope, type InboxScope } from './scope';
import { slaState } from './sla-state';
import { residentForUnit } from './resident';

export const INBOX_STATUSES = ['open', 'answered', 'returned', 'all'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

// Constant ORDER BY clauses per list (identifiers from constants only, so no input can reach SQL text).
// EXPLAIN ANALYZE, 50,000 inquiries (5,000 in the unit), both engines: the open list of a unit is
// an Index Scan on inquiries_unit_open (unit_id, status, due_at) plus an incremental sort for the id
// tie-break only; 0.2 ms (server), 1.4 ms (embedded).
const ORDER: Record<InboxStatus, string> = {
  open: 'i.due_at, i.id',
  answered: 'i.answered_at DESC, i.id DESC',
  returned: 'i.returned_at DESC, i.id DESC',
  all: `CASE i.status WHEN 'open' THEN 0 WHEN 'returned' THEN 1 ELSE 2 END, CASE WHEN i.status = 'open' THEN i.due_at END, i.updated_at DESC, i.id DESC`,
};

const LIST_COLUMNS = [
  'i.id',
  'i.public_id',
  'i.status',
  'i.topic',
  'i.question',
  'i.reply_channel',
  'i.channel',
  'i.created_at',
  'i.due_at',
  'i.answered_at',
  'i.returned_at',
  'u.code as unit_code',
  'u.name as unit_name',
  'd.code as district_code',
  'd.name as district_name',
  's.code as service_code',
  's.name_pl as service_name_pl',
  's.name_en as service_name_en',
];

function joined(knex: Knex, scope: InboxScope): Knex.QueryBuilder {
  return inScope(knex('inquiries as i'), scope)
    .join('units as u', 'u.id', 'i.unit_id')
    .leftJoin('districts as d', 'd.id', 'i.district_id')
    .leftJoin('services as s', 's.id', 'i.service_id');
}

function listItem(cal: Calendar, r: Record<string, any>, now: Date) {
  return {
    publicId: r.public_id as string,
    status: r.status as string,
    topic: r.topic as string,
    question: r.question as string,
    service: r.service_code ? { code: r.service_code, namePl: r.service_name_pl, nameEn: r.service_name_en } : null,
    district: r.district_code ? { code: r.district_code, name: r.district_name } : null,
    unit: { code: r.unit_code as string, name: r.unit_name as string },
    channel: r.channel as string,
    replyChannel: r.reply_channel as ReplyChannel,
    createdAt: r.created_at as Date,
    dueAt: r.due_at as Date,
    answeredAt: (r.answered_at as Date) ?? null,
    returnedAt: (r.returned_at as Date) ?? null,
    sla: slaState(cal, { status: r.status, dueAt: new Date(r.due_at), answeredAt: r.answered_at ? new Date(r.answered_at) : null }, now),
  };
}

export async function listInbox(knex: Knex, scope: InboxScope, q: { status: InboxStatus; page: number; limit: number; now?: Date }) {
  const now = q.now ?? new Date();
  const cal = await loadCalendar(knex, scope.jurisdictionId);
  const counts = await inScope(knex('inquiries as i'), scope).first(
    knex.raw(`count(*) FILTER (WHERE i.status = 'open')::int AS open`),
    knex.raw(`count(*) FILTER (WHERE i.status = 'open' AND i.due_at <= ?)::int AS overdue`, [now]),
    knex.raw(`count(*) FILTER (WHERE i.status = 'answered')::int AS answered`),
    knex.raw(`count(*) FILTER (WHERE i.status = 'returned')::int AS returned`),
    knex.raw(`count(*)::int AS "all"`),
  );
  const rows = await joined(knex, scope)
    .modify((b) => (q.status === 'all' ? b : b.andWhere('i.status', q.status)))
    .orderByRaw(ORDER[q.status])
    .limit(q.limit)
    .offset((q.page - 1) * q.limit)
    .select(LIST_COLUMNS);
  return {
    inquiries: rows.map((r: Record<string, unknown>) => listItem(cal, r, now)),
    counts: { open: counts.open, overdue: counts.overdue, answered: counts.answered, returned: counts.returned, all: counts.all } as Record<
      'open' | 'overdue' | 'answered' | 'returned' | 'all',
      number
    >,
    page: q.page,
    limit: q.limit,
    total: counts[q.status] as number,
  };
}

/** One inquiry with what the unit needs to answer it; 404 outside the scope. */
export async function inboxInquiry(knex: Knex, scope: InboxScope, publicId: string, now = new Date()) {
  const r = await joined(knex, scope)
    .andWhere('i.public_id', publicId)
    .leftJoin('people as p', 'p.id', 'i.person_id')
    .leftJoin('staff as fw', 'fw.id', 'i.forwarded_by')
    .leftJoin('staff as ab', 'ab.id', 'i.answered_by')
    .leftJoin('staff as rb', 'rb.id', 'i.returned_by')
    .first(
      ...LIST_COLUMNS,
      'i.answer',
      'i.return_reason',
      knex.raw('ST_Y(i.geom) AS lat'),
      knex.raw('ST_X(i.geom) AS long'),
      'p.first_name',
      'p.last_name',
      'p.email',
      'p.phone',
      'i.person_id',
      knex.raw('coalesce(fw.name, fw.email) AS forwarded_by_name'),
      knex.raw('coalesce(ab.name, ab.email) AS answered_by_name'),
      knex.raw('coalesce(rb.name, rb.email) AS returned_by_name'),
    );
  if (!r) throw Errors.notFound('inquiry', publicId);
  const cal = await loadCalendar(knex, scope.jurisdictionId);
  return {
    ...listItem(cal, r, now),
    point: r.lat != null ? { lat: Number(r.lat), long: Number(r.long) } : null,
    forwardedBy: r.forwarded_by_name ?? null,
    resident: residentForUnit(r.reply_channel, r.person_id ? r : null),
    answer: r.answer ?? null,
    answeredBy: r.answered_by_name ?? null,
    returnReason: r.return_reason ?? null,
    returnedBy: r.returned_by_name ?? null,
  };
}

/** The city and the unit(s) of a scope, for the page's settings: admins choose among all active units, a unit's own staff get exactly theirs. */
export async function unitSettings(knex: Knex, scope: InboxScope) {
  const city = await knex('jurisdictions').where({ id: scope.jurisdictionId }).first('id', 'name', 'name_en');
  const units = await knex('units')
    .where({ jurisdiction_id: scope.jurisdictionId })
    .modify((q) => (scope.unitId === null ? q.where({ active: true }) : q.where({ id: scope.unitId })))
    .orderBy('name')
    .select('code', 'name', 'name_en');
  const named = (u: Record<string, any>) => ({ code: u.code as string, name: u.name as string, nameEn: (u.name_en as string | null) ?? null });
  return {
    jurisdiction: { id: city.id as string, name: city.name as string, nameEn: (city.name_en as string | null) ?? null },
    unit: scope.unitId === null ? null : named(units[0] ?? {}),
    units: units.map(named),
  };
}
