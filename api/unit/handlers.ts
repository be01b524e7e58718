/**
 * Handlers of the unit API: parse -> look up -> act -> render, so each reads top to bottom on one screen. The scope (which
 * unit's inquiries) is settled once per request in routes.ts; SQL and rules live in inbox.ts,
 * answers.ts and scope.ts.
 */
import type { Request } from 'express';
import type { AppDeps } from '../http/deps';
import type { Session } from '../auth/session';
import { Errors } from '../errors';
import { inboxInquiry, INBOX_STATUSES, listInbox, type InboxStatus } from './inbox';
import { answerAsUnit, returnToFirstLine, MAX_ANSWER_CHARS, MAX_REASON_CHARS } from './answers';
import type { InboxScope } from './scope';
import { inquiryNumber } from '../knowledge/inquiries';

export interface UnitContext {
  deps: AppDeps;
  req: Request;
  session: Session;
  scope: InboxScope;
}
export type UnitHandler = (ctx: UnitContext) => Promise<unknown>;

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;

function wholeNumber(v: unknown, field: string, fallback: number, max: number): number {
  if (v === undefined || v === '') return fallback;
  if (typeof v !== 'string' || !/^\d{1,6}$/.test(v) || Number(v) < 1 || Number(v) > max)
    throw Errors.badRequest(field, `${field} must be a whole number from 1 to ${max}`);
  return Number(v);
}

const inquiryId = (req: Request): string => inquiryNumber(req.params.id);

const actor = ({ session, req }: UnitContext) => ({ staffId: session.staff.id, ip: req.ip });

export const settings: UnitHandler = async ({ deps, session, scope }) => {
  const knex = deps.db.knex;
  const city = await knex('jurisdictions').where({ id: scope.jurisdictionId }).first('id', 'name', 'name_en');
  const units = await knex('units')
    .where({ jurisdiction_id: scope.jurisdictionId })
    .modify((q) => (scope.unitId === null ? q.where({ active: true }) : q.where({ id: scope.unitId })))
    .orderBy('name')
    .select('code', 'name', 'name_en');
  return {
    jurisdiction: { id: city.id, name: city.name, nameEn: city.name_en ?? null },
    // Admins choose among all units; a unit's own staff get exactly theirs.
    unit: scope.unitId === null ? null : { code: units[0]?.code, name: units[0]?.name, nameEn: units[0]?.name_en ?? null },
    units: units.map((u: Record<string, unknown>) => ({ code: u.code, name: u.name, nameEn: u.name_en ?? null })),
    tileUrl: deps.config.tileUrl ?? null,
    limits: { answer: MAX_ANSWER_CHARS, reason: MAX_REASON_CHARS },
    staff: session.staff,
    csrfToken: session.csrfToken,
  };
};

export const listInquiries: UnitHandler = async ({ deps, req, scope }) => {
  const status = (typeof req.query.status === 'string' && req.query.status ? req.query.status : 'open') as InboxStatus;
  if (!(INBOX_STATUSES as readonly string[]).includes(status)) throw Errors.badRequest('status', `status must be one of ${INBOX_STATUSES.join(', ')}`);
  const page = wholeNumber(req.query.page, 'page', 1, 100_000);
  const limit = wholeNumber(req.query.limit, 'limit', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return listInbox(deps.db.knex, scope, { status, page, limit });
};

export const getInquiry: UnitHandler = async ({ deps, req, scope }) => ({ inquiry: await inboxInquiry(deps.db.knex, scope, inquiryId(req)) });

export const answer: UnitHandler = async (ctx) => {
  const id = inquiryId(ctx.req);
  await answerAsUnit(ctx.deps.db.knex, ctx.scope, actor(ctx), id, ctx.req.body?.answer);
  return { inquiry: await inboxInquiry(ctx.deps.db.knex, ctx.scope, id) };
};

export const returnInquiry: UnitHandler = async (ctx) => {
  const id = inquiryId(ctx.req);
  await returnToFirstLine(ctx.deps.db.knex, ctx.scope, actor(ctx), id, ctx.req.body?.reason);
  return { inquiry: await inboxInquiry(ctx.deps.db.knex, ctx.scope, id) };
};
