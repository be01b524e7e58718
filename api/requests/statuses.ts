/**
 * The one status vocabulary of a request (issue #13 item 1). Everything else (the console, Open311,
 * the SLA clock, merges, the demo, the web dictionaries, tests) reads it from here.
 *
 * A request has two statuses: `status` is Open311's `open` / `closed`, derived from the detailed
 * status by CLOSED_STATUSES; `detailed_status` is one of DETAILED_STATUSES. The SQL comment on
 * requests.detailed_status (migration 20261128000200) lists the same words.
 */

export const DETAILED_STATUSES = [
  'new',
  'acknowledged',
  'in_progress',
  'planned',
  'waiting_for_resident',
  'referred_external',
  'fixed',
  'duplicate',
  'not_responsible',
  'no_further_action',
  'cancelled',
  'reopened',
] as const;
export type DetailedStatus = (typeof DETAILED_STATUSES)[number];

export const isDetailedStatus = (s: unknown): s is DetailedStatus => typeof s === 'string' && (DETAILED_STATUSES as readonly string[]).includes(s);

/**
 * Detailed statuses that close a request (Open311 status `closed`). `no_further_action` is also
 * what the second line (issue #14) sets for "cannot be fixed", with the reason in the note.
 */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set<DetailedStatus>(['fixed', 'duplicate', 'not_responsible', 'no_further_action', 'cancelled']);

/** The SLA clock stands still in these (api/sla/pause.ts): the city waits for someone else. */
export const PAUSED_STATUSES: ReadonlySet<string> = new Set<DetailedStatus>(['waiting_for_resident', 'referred_external']);

/** Open311's status for one of ours. */
export const openStatusFor = (detailed: string): 'open' | 'closed' => (CLOSED_STATUSES.has(detailed) ? 'closed' : 'open');

/** Open311's status for a stored `requests.status` value. */
export const openStatusOf = (status: string): 'open' | 'closed' => (status === 'closed' ? 'closed' : 'open');

/**
 * What the public sees (the map's open/closed filter and the words on /r/<id>): every detailed
 * status is public, shown with its own words (web/lib/i18n.ts `detailedStatus_*`), and the
 * open/closed split is Open311's. Nothing is hidden: a resident may see that a request waits for
 * them or was referred elsewhere, which is what they need to know.
 */
export const PUBLIC_STATUS: Record<DetailedStatus, 'open' | 'closed'> = Object.fromEntries(DETAILED_STATUSES.map((s) => [s, openStatusFor(s)])) as Record<
  DetailedStatus,
  'open' | 'closed'
>;

/** FixMyStreet's lower-case status for each of ours (open311.md §2.6, §2.11; GET servicerequestupdates). */
export const TO_FMS: Record<DetailedStatus, string> = {
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

/** FixMyStreet's POSTed UPPER_CASE status -> ours; `null` for UNCHANGED (a note without a status change). */
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
