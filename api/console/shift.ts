/**
 * "My shift" (issue #5 "Done when": an agent can run a whole shift on this screen without another
 * tool): what the logged-in agent has handled since the shift began, the questions they forwarded
 * (with the second line's answer, to read out when the resident calls back), and the city's
 * requests whose deadlines are passed or near, from the SLA watch.
 *
 * The shift begins at the agent's first contact of the day in the city's time zone (a night shift
 * that crosses midnight passes `since`). Every query is bounded by the agent and the period:
 * EXPLAIN ANALYZE (server, demo city + 60,000 contacts of 40 agents, bench/console-shift.ts; the
 * indexes come from migration 20261128001100):
 *  - shift start and last contacts: Index Scan (Backward) on contacts_staff (staff_id, started_at),
 *    summary: Bitmap Index Scan on contacts_staff, 80 rows read, ~0.3 ms; never the city's whole log;
 *  - forwarded questions: Bitmap Index Scan on inquiries_forwarded_by (forwarded_by, created_at);
 *  - requests at risk: slaWatch's Index Scans on requests_open_expected / requests_open_response_due,
 *    then a primary-key lookup of the few shown.
 */
import type { Knex } from 'knex';
import type { Database } from '../db/engine';
import { slaWatch } from '../sla/watch';

/** Requests at risk: passed, or due within this many hours. */
export const AT_RISK_HOURS = 4;
/** How many requests at risk the panel lists (the count covers up to AT_RISK_CAP). */
const AT_RISK_SHOWN = 30;
const AT_RISK_CAP = 500;
/** Answered questions stay in the list this long, for residents who call back. */
const ANSWERED_KEPT_DAYS = 14;

export interface ShiftQuery {
  jurisdictionId: string;
  staffId: number;
  since?: Date;
  now?: Date;
  recentLimit?: number;
}

export interface Shift {
  since: Date;
  now: Date;
  timeZone: string;
  totals: { contacts: number; closed: number; avgHandlingSeconds: number | null };
  byOutcome: Record<string, number>;
  byChannel: Record<string, number>;
  openContact: { id: number; channel: string; startedAt: Date } | null;
  recent: Array<{
    id: number;
    startedAt: Date;
    endedAt: Date | null;
    channel: string;
    outcome: string | null;
    topic: string | null;
    requestPublicId: string | null;
    inquiryPublicId: string | null;
  }>;
  forwarded: Array<{
    publicId: string;
    topic: string;
    question: string;
    status: string;
    dueAt: Date;
    createdAt: Date;
    answer: string | null;
    answeredAt: Date | null;
    unitName: string;
    overdue: boolean;
  }>;
  atRisk: {
    withinHours: number;
    count: number;
    capped: boolean;
    requests: Array<{
      publicId: string;
      kind: 'response' | 'resolution';
      state: 'breached' | 'due_soon';
      dueAt: Date;
      serviceNamePl: string;
      serviceNameEn: string | null;
      address: string | null;
      unitName: string | null;
    }>;
  };
}

/** Midnight today in the city's time zone, and the agent's first contact since then (if any). */
export const shiftStartSql = (q: ShiftQuery, now: Date): Sql => ({
  sql: `SELECT d.time_zone,
            coalesce((SELECT min(c.started_at) FROM contacts c
                       WHERE c.staff_id = ? AND c.jurisdiction_id = d.id AND c.started_at >= d.day_start AND c.started_at <= ?), d.day_start) AS since
       FROM (SELECT id, time_zone, (date_trunc('day', ?::timestamptz AT TIME ZONE time_zone) AT TIME ZONE time_zone) AS day_start
               FROM jurisdictions WHERE id = ?) d`,
  bindings: [q.staffId, now, now, q.jurisdictionId],
});

async function shiftStart(db: Database, q: ShiftQuery, now: Date): Promise<{ since: Date; timeZone: string }> {
  const { sql, bindings } = shiftStartSql(q, now);
  const { rows } = await db.knex.raw(sql, bindings);
  return { since: new Date(rows[0].since), timeZone: rows[0].time_zone };
}

interface Sql {
  sql: string;
  bindings: Knex.RawBinding[];
}
/** My contacts in the period: [staffId, jurisdictionId, since, now]. */
const MINE = `c.staff_id = ? AND c.jurisdiction_id = ? AND c.started_at >= ? AND c.started_at <= ?`;
const mineBindings = (q: ShiftQuery, since: Date, now: Date) => [q.staffId, q.jurisdictionId, since, now];

/** Counts and summed handling seconds per outcome and channel (sums, so the overall average is exact, not an average of averages). */
export const shiftSummarySql = (q: ShiftQuery, since: Date, now: Date): Sql => ({
  sql: `SELECT coalesce(c.outcome, 'open') AS outcome, c.channel, count(*)::int AS n, count(c.ended_at)::int AS closed,
               coalesce(sum(extract(epoch FROM c.ended_at - c.started_at)), 0)::float8 AS seconds
          FROM contacts c WHERE ${MINE}
         GROUP BY 1, 2`,
  bindings: mineBindings(q, since, now),
});

export const shiftRecentSql = (q: ShiftQuery, since: Date, now: Date): Sql => ({
  sql: `SELECT c.id, c.started_at, c.ended_at, c.channel, c.outcome, c.topic, r.public_id AS request_public_id, i.public_id AS inquiry_public_id
          FROM contacts c
          LEFT JOIN requests r ON r.id = c.request_id
          LEFT JOIN inquiries i ON i.id = c.inquiry_id
         WHERE ${MINE}
         ORDER BY c.started_at DESC LIMIT ?`,
  bindings: [...mineBindings(q, since, now), Math.min(q.recentLimit ?? 20, 100)],
});

/**
 * Pending questions (open, or returned by a unit for reassignment) whenever forwarded; answered
 * ones for two weeks. Answers first: a caller who calls back wants to hear them.
 */
export const shiftForwardedSql = (q: ShiftQuery, since: Date, now: Date): Sql => ({
  sql: `SELECT i.public_id, i.topic, i.question, i.status, i.due_at, i.created_at, i.answer, i.answered_at, u.name AS unit_name
          FROM inquiries i JOIN units u ON u.id = i.unit_id
         WHERE i.forwarded_by = ? AND i.jurisdiction_id = ?
           AND (i.status IN ('open', 'returned') OR i.answered_at >= ? OR i.created_at >= ?)
         ORDER BY (i.status = 'answered') DESC, i.answered_at DESC NULLS LAST, i.due_at
         LIMIT 30`,
  bindings: [q.staffId, q.jurisdictionId, new Date(now.getTime() - ANSWERED_KEPT_DAYS * 86_400_000), since],
});

export async function myShift(db: Database, q: ShiftQuery): Promise<Shift> {
  const knex = db.knex;
  const now = q.now ?? new Date();
  const start = q.since
    ? { since: q.since, timeZone: (await knex('jurisdictions').where({ id: q.jurisdictionId }).first('time_zone')).time_zone as string }
    : await shiftStart(db, q, now);
  const summary = shiftSummarySql(q, start.since, now);
  const groups = (await knex.raw(summary.sql, summary.bindings)).rows as Array<{
    outcome: string;
    channel: string;
    n: number;
    closed: number;
    seconds: number;
  }>;
  const byOutcome: Record<string, number> = {};
  const byChannel: Record<string, number> = {};
  let contacts = 0,
    closed = 0,
    seconds = 0;
  for (const g of groups) {
    byOutcome[g.outcome] = (byOutcome[g.outcome] ?? 0) + g.n;
    byChannel[g.channel] = (byChannel[g.channel] ?? 0) + g.n;
    contacts += g.n;
    closed += g.closed;
    seconds += Number(g.seconds);
  }

  const recentSql = shiftRecentSql(q, start.since, now);
  const recentRows = (await knex.raw(recentSql.sql, recentSql.bindings)).rows as Array<Record<string, unknown>>;
  const recent = recentRows.map((r) => ({
    id: Number(r.id),
    startedAt: r.started_at as Date,
    endedAt: (r.ended_at as Date) ?? null,
    channel: r.channel as string,
    outcome: (r.outcome as string) ?? null,
    topic: (r.topic as string) ?? null,
    requestPublicId: (r.request_public_id as string) ?? null,
    inquiryPublicId: (r.inquiry_public_id as string) ?? null,
  }));
  const open = recent.find((r) => r.endedAt === null);

  const forwardedSql = shiftForwardedSql(q, start.since, now);
  const forwardedRows = (await knex.raw(forwardedSql.sql, forwardedSql.bindings)).rows as Array<Record<string, unknown>>;
  const forwarded = forwardedRows.map((r) => ({
    publicId: r.public_id as string,
    topic: r.topic as string,
    question: r.question as string,
    status: r.status as string,
    dueAt: r.due_at as Date,
    createdAt: r.created_at as Date,
    answer: (r.answer as string) ?? null,
    answeredAt: (r.answered_at as Date) ?? null,
    unitName: r.unit_name as string,
    overdue: r.status === 'open' && (r.due_at as Date) <= now,
  }));

  const watch = await slaWatch(db, { jurisdictionId: q.jurisdictionId, now, withinHours: AT_RISK_HOURS, limit: AT_RISK_CAP });
  const shown = watch.slice(0, AT_RISK_SHOWN);
  const details = new Map<number, Record<string, unknown>>();
  if (shown.length) {
    const rows = await knex('requests as r')
      .join('services as s', 's.id', 'r.service_id')
      .leftJoin('units as u', 'u.id', 'r.unit_id')
      .whereIn(
        'r.id',
        shown.map((w) => w.requestId),
      )
      .select('r.id', 'r.address', 's.name_pl', 's.name_en', 'u.name as unit_name');
    for (const r of rows) details.set(Number(r.id), r);
  }
  return {
    since: start.since,
    now,
    timeZone: start.timeZone,
    totals: { contacts, closed, avgHandlingSeconds: closed ? Math.round((seconds / closed) * 10) / 10 : null },
    byOutcome,
    byChannel,
    openContact: open ? { id: open.id, channel: open.channel, startedAt: open.startedAt } : null,
    recent,
    forwarded,
    atRisk: {
      withinHours: AT_RISK_HOURS,
      count: watch.length,
      capped: watch.length >= AT_RISK_CAP,
      requests: shown.map((w) => {
        const d = details.get(w.requestId) ?? {};
        return {
          publicId: w.publicId,
          kind: w.kind,
          state: w.state,
          dueAt: w.dueAt,
          serviceNamePl: d.name_pl as string,
          serviceNameEn: (d.name_en as string) ?? null,
          address: (d.address as string) ?? null,
          unitName: (d.unit_name as string) ?? null,
        };
      }),
    },
  };
}
