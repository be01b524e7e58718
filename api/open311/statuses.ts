/**
 * Our detailed statuses and FixMyStreet's (open311.md §2.6, §2.11). FMS posts UPPER_CASE values and
 * reads lower-case ones; Open311 itself only knows open and closed. One table each way.
 */
export type DetailedStatus =
  | 'new'
  | 'acknowledged'
  | 'in_progress'
  | 'planned'
  | 'waiting_for_resident'
  | 'referred_external'
  | 'fixed'
  | 'duplicate'
  | 'not_responsible'
  | 'no_further_action'
  | 'cancelled'
  | 'reopened';

/** Detailed statuses that close a request (Open311 status `closed`). */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set(['fixed', 'duplicate', 'not_responsible', 'no_further_action', 'cancelled']);

export const openStatusOf = (status: string): 'open' | 'closed' => (status === 'closed' ? 'closed' : 'open');

const TO_FMS: Record<DetailedStatus, string> = {
  new: 'open',
  acknowledged: 'investigating',
  in_progress: 'in_progress',
  planned: 'action_scheduled',
  waiting_for_resident: 'investigating',
  referred_external: 'internal_referral',
  fixed: 'fixed',
  duplicate: 'duplicate',
  not_responsible: 'not_councils_responsibility',
  no_further_action: 'no_further_action',
  cancelled: 'cancelled',
  reopened: 'reopen',
};

/** FMS's lower-case status for one of ours (GET servicerequestupdates). */
export function toFmsStatus(detailed: string, status: 'open' | 'closed'): string {
  return TO_FMS[detailed as DetailedStatus] ?? status;
}

/** FMS's POSTed status -> ours; `null` for UNCHANGED (a note without a status change). */
export const FROM_FMS: Record<string, DetailedStatus | null> = {
  OPEN: 'acknowledged',
  INVESTIGATING: 'acknowledged',
  IN_PROGRESS: 'in_progress',
  ACTION_SCHEDULED: 'planned',
  PLANNED: 'planned',
  FOR_TRIAGE: 'new',
  INTERNAL_REFERRAL: 'referred_external',
  CLOSED: 'fixed',
  FIXED: 'fixed',
  DUPLICATE: 'duplicate',
  NOT_COUNCILS_RESPONSIBILITY: 'not_responsible',
  NO_FURTHER_ACTION: 'no_further_action',
  CANCELLED: 'cancelled',
  REOPEN: 'reopened',
  UNCHANGED: null,
};
