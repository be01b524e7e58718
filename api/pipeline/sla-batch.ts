/**
 * SLA deadlines for many requests at once: the calendar arithmetic runs in JavaScript (one
 * calendar, working windows cached per day), and the results go into the batch UPDATE through
 * unnest() arrays — no per-row round trips.
 */
import type { Knex } from 'knex';
import { calendarFromRow, computeDeadline, type Calendar, type CalendarRow, type SlaUnit } from '../sla/calendar';

export interface ServiceSla {
  sla_response: number | null;
  sla_response_unit: SlaUnit | null;
  sla_resolution: number | null;
  sla_resolution_unit: SlaUnit | null;
}

export function deadlines(cal: Calendar, svc: ServiceSla | undefined, at: Date): { responseDueAt: Date | null; expectedAt: Date | null } {
  if (!svc) return { responseDueAt: null, expectedAt: null };
  return {
    responseDueAt: svc.sla_response != null ? computeDeadline(cal, at, svc.sla_response, svc.sla_response_unit ?? 'hours') : null,
    expectedAt: svc.sla_resolution != null ? computeDeadline(cal, at, svc.sla_resolution, svc.sla_resolution_unit ?? 'hours') : null,
  };
}

export async function loadCalendar(knex: Knex, jurisdictionId: string): Promise<Calendar> {
  const row = (await knex.raw(`SELECT time_zone, working_hours, holiday_country, days_off FROM jurisdictions WHERE id = ?`, [jurisdictionId])).rows[0] as
    CalendarRow | undefined;
  if (!row) throw new Error(`jurisdiction ${jurisdictionId} not found`);
  return calendarFromRow(row);
}

export async function loadServiceSla(knex: Knex, jurisdictionId: string): Promise<Map<number, ServiceSla>> {
  const rows = (
    await knex.raw(`SELECT id, sla_response, sla_response_unit, sla_resolution, sla_resolution_unit FROM services WHERE jurisdiction_id = ?`, [jurisdictionId])
  ).rows as Array<ServiceSla & { id: number }>;
  return new Map(rows.map((r) => [r.id, r]));
}

/** SLA dates of many requests as parallel arrays (epoch ms, null when no target) for unnest(). */
export function deadlineArrays(
  cal: Calendar,
  services: Map<number, ServiceSla>,
  rows: Array<{ id: number; service_id: number; requested_at: Date }>,
): { ids: number[]; resp: Array<number | null>; exp: Array<number | null> } {
  const ids: number[] = [];
  const resp: Array<number | null> = [];
  const exp: Array<number | null> = [];
  for (const r of rows) {
    const d = deadlines(cal, services.get(r.service_id), r.requested_at);
    ids.push(r.id);
    resp.push(d.responseDueAt ? d.responseDueAt.getTime() : null);
    exp.push(d.expectedAt ? d.expectedAt.getTime() : null);
  }
  return { ids, resp, exp };
}
