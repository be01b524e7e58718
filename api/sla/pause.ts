/**
 * SLA pauses (issue #4 §4): while a request waits for the resident or is referred to an external
 * body the clock stops; on resume both deadlines move by the time lost, counted the way each
 * target counts (working time for working_* units, elapsed time for hours/days). The total pause
 * is kept in requests.sla_paused_seconds.
 *
 * api/requests/transition.ts calls `applySlaForStatus` inside the status change's transaction with
 * the new detailed status; it pauses, resumes or does nothing.
 */
import type { Knex } from 'knex';
import { PAUSED_STATUSES } from '../requests/statuses';
import { calendarFromRow, countedMs, moveDeadlineForPause, type SlaUnit } from './calendar';

/** The paused set is the lifecycle vocabulary's (api/requests/statuses.ts). */
export const PAUSE_STATES = PAUSED_STATUSES;

export async function applySlaForStatus(
  trx: Knex | Knex.Transaction,
  requestId: number,
  detailedStatus: string,
  at: Date = new Date(),
): Promise<'paused' | 'resumed' | 'unchanged'> {
  const row = (
    await trx.raw(
      `SELECT r.sla_paused_at, r.expected_at, r.response_due_at, r.responded_at, s.sla_response_unit, s.sla_resolution_unit,
            j.time_zone, j.working_hours, j.holiday_country, j.days_off
       FROM requests r JOIN services s ON s.id = r.service_id JOIN jurisdictions j ON j.id = r.jurisdiction_id WHERE r.id = ?`,
      [requestId],
    )
  ).rows[0];
  if (!row) return 'unchanged';
  const pause = PAUSE_STATES.has(detailedStatus);
  if (pause && !row.sla_paused_at) {
    await trx.raw(`UPDATE requests SET sla_paused_at = ? WHERE id = ?`, [at, requestId]);
    return 'paused';
  }
  if (!pause && row.sla_paused_at) {
    const cal = calendarFromRow(row);
    const pausedAt = row.sla_paused_at as Date;
    const respUnit = (row.sla_response_unit ?? 'hours') as SlaUnit;
    const resUnit = (row.sla_resolution_unit ?? 'hours') as SlaUnit;
    const expected = row.expected_at ? moveDeadlineForPause(cal, row.expected_at, pausedAt, at, resUnit) : null;
    const responseDue = row.response_due_at && !row.responded_at ? moveDeadlineForPause(cal, row.response_due_at, pausedAt, at, respUnit) : row.response_due_at;
    const seconds = Math.round(countedMs(cal, pausedAt.getTime(), at.getTime(), 'hours') / 1000);
    await trx.raw(`UPDATE requests SET sla_paused_at = NULL, sla_paused_seconds = sla_paused_seconds + ?, expected_at = ?, response_due_at = ? WHERE id = ?`, [
      seconds,
      expected,
      responseDue,
      requestId,
    ]);
    return 'resumed';
  }
  return 'unchanged';
}
