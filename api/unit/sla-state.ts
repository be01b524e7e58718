/**
 * Where an inquiry stands against its deadline, in the city's working time (issue #5 item 4): the
 * unit's list shows overdue ones in red and those due within a working day as due soon. Working
 * time, not elapsed time: an inquiry due Monday 16:00 seen on Friday 15:00 has one working hour
 * left plus Monday, not three days. Pure function, unit-tested in sla-state.test.ts.
 */
import { countedMs, type Calendar } from '../sla/calendar';

/** "Due soon" below this many working hours left: one working day of a usual 8-hour office. */
export const DUE_SOON_WORKING_HOURS = 8;

export type SlaState = 'on_time' | 'due_soon' | 'overdue' | 'answered_on_time' | 'answered_late';

export interface SlaView {
  state: SlaState;
  /** Working hours left until the deadline (0 once overdue); null once answered. */
  workingHoursLeft: number | null;
}

export function slaState(cal: Calendar, i: { status: string; dueAt: Date; answeredAt: Date | null }, now: Date): SlaView {
  if (i.status === 'answered' || i.status === 'closed') {
    const late = i.answeredAt !== null && i.answeredAt.getTime() > i.dueAt.getTime();
    return { state: late ? 'answered_late' : 'answered_on_time', workingHoursLeft: null };
  }
  if (now.getTime() >= i.dueAt.getTime()) return { state: 'overdue', workingHoursLeft: 0 };
  const hours = countedMs(cal, now.getTime(), i.dueAt.getTime(), 'working_hours') / 3_600_000;
  return { state: hours <= DUE_SOON_WORKING_HOURS ? 'due_soon' : 'on_time', workingHoursLeft: Math.round(hours * 10) / 10 };
}
