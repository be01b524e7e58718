/**
 * Who may move a request from which detailed status to which (issue #13 item 1): the state
 * machine as data, and one pure function over it. api/requests/transition.ts asks it before it
 * writes anything; the console offers a role the statuses `statusesFor` lists; Open311's
 * updateRight (api/open311/updates.ts) turns its refusals into Open311 errors.
 * api/requests/transitions.test.ts is the table that documents it, case by case.
 */
import type { Role } from '../accounts/staff';
import { CLOSED_STATUSES, DETAILED_STATUSES, type DetailedStatus } from './statuses';

/**
 * Who acts: a staff role, an Open311 client by what it is to the request (`back-office` of the
 * request's jurisdiction, or `report-filer`: holds `report` and filed it), or `system` (merges,
 * the demo loader, imports: the code itself, on behalf of a decision already made).
 */
export type ActorKind = Role | 'back-office' | 'report-filer' | 'system';
export const ACTOR_KINDS: readonly ActorKind[] = ['admin', 'agent', 'unit_staff', 'crew', 'analyst', 'back-office', 'report-filer', 'system'];

interface Rule {
  /** Statuses this actor may set. */
  to: readonly DetailedStatus[];
  /** May it change a closed request other than by reopening it (correcting a closure)? */
  changesClosed: boolean;
  why: string;
}

const ALL = DETAILED_STATUSES;
/**
 * The second line (issue #14, not wired yet): it works the requests routed to its unit, so it
 * decides what the first line may not: in progress, planned, fixed, cannot be fixed
 * (no_further_action with a reason), not the city's, referred to another body.
 */
const UNIT: readonly DetailedStatus[] = [
  'acknowledged',
  'in_progress',
  'planned',
  'waiting_for_resident',
  'referred_external',
  'fixed',
  'not_responsible',
  'no_further_action',
  'reopened',
];

export const RULES: Record<ActorKind, Rule> = {
  admin: { to: ALL, changesClosed: true, why: 'admins correct anything' },
  // Least privilege: the first line acknowledges, asks the resident, cancels a mistaken report
  // and reopens; whether a fault is fixed is for the unit or an admin.
  agent: { to: ['acknowledged', 'waiting_for_resident', 'cancelled', 'reopened'], changesClosed: false, why: 'the first line' },
  unit_staff: { to: UNIT, changesClosed: false, why: 'the second line works its requests' },
  // Crews mark their assignments in progress (arrived) and fixed (done), issue #14.
  crew: { to: ['in_progress', 'fixed'], changesClosed: false, why: 'a crew reports on its jobs' },
  analyst: { to: [], changesClosed: false, why: 'analysts read' },
  // FixMyStreet back ends set any status, closures included (open311-spec/README.md).
  'back-office': { to: ALL, changesClosed: true, why: "the city's back office" },
  // FixMyStreet lets a reporter mark their own report fixed (FIXED or CLOSED); nothing else.
  'report-filer': { to: ['fixed'], changesClosed: false, why: 'a reporting app on its own request' },
  system: { to: ALL, changesClosed: true, why: 'merges, the demo and imports carry out decisions already made' },
};

/** Why a change is refused, so each surface can word it its own way. */
export type RefusalCode = 'unknown_status' | 'role' | 'closed' | 'not_closed' | 'other_reporters';
export type Verdict = { allowed: true } | { allowed: false; code: RefusalCode; reason: string };

export interface TransitionContext {
  /** For a report-filer: no other client or channel reported the request. */
  onlyReporter?: boolean;
}

/** The statuses an actor may set at all (the console's status menu). */
export const statusesFor = (actor: ActorKind): readonly DetailedStatus[] => RULES[actor]?.to ?? [];

/**
 * May `actor` move a request from `from` to `to`? Pure: the same answer for the same question.
 * Setting the status a request already has is allowed whenever the actor may set it (a repeated
 * acknowledgement writes a second event, as it always did).
 */
export function mayTransition(actor: ActorKind, from: string, to: string, ctx: TransitionContext = {}): Verdict {
  const rule = RULES[actor];
  if (!(DETAILED_STATUSES as readonly string[]).includes(to))
    return { allowed: false, code: 'unknown_status', reason: `status ${to} is not one of ${DETAILED_STATUSES.join(', ')}` };
  if (!rule || !(rule.to as readonly string[]).includes(to)) return { allowed: false, code: 'role', reason: `${actor} cannot set the status ${to}` };
  const closed = CLOSED_STATUSES.has(from);
  if (to === 'reopened' && !closed && !rule.changesClosed)
    return { allowed: false, code: 'not_closed', reason: `the request is ${from}, not closed, so there is nothing to reopen` };
  if (closed && to !== 'reopened' && !rule.changesClosed)
    return { allowed: false, code: 'closed', reason: `the request is already closed (${from}); reopen it first, or ask an admin to correct the closure` };
  if (actor === 'report-filer' && !ctx.onlyReporter)
    return { allowed: false, code: 'other_reporters', reason: 'other residents reported the request too, so only the city may close it' };
  return { allowed: true };
}
