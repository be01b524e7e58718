/**
 * Our detailed statuses and FixMyStreet's (open311.md §2.6, §2.11). FMS posts UPPER_CASE values and
 * reads lower-case ones; Open311 itself only knows open and closed. The tables live with the one
 * status vocabulary in api/requests/statuses.ts; this file keeps Open311's names for them.
 */
import { TO_FMS, type DetailedStatus } from '../requests/statuses';

export { CLOSED_STATUSES, FROM_FMS, openStatusOf, type DetailedStatus } from '../requests/statuses';

/** FMS's lower-case status for one of ours (GET servicerequestupdates). */
export function toFmsStatus(detailed: string, status: 'open' | 'closed'): string {
  return TO_FMS[detailed as DetailedStatus] ?? status;
}
