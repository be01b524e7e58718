/**
 * Handlers of the unit API: parse -> look up -> act -> render, so each reads top to bottom on one screen. Inputs arrive
 * checked against ./contract.ts; the scope (which unit's inquiries) is settled once per request in routes.ts; SQL and
 * rules live in inbox.ts, answers.ts and scope.ts.
 */
import type { Request } from 'express';
import type { AppDeps } from '../http/deps';
import type { Session } from '../auth/session';
import type { Input } from '../http/contract';
import { inboxInquiry, listInbox, unitSettings } from './inbox';
import { answerAsUnit, returnToFirstLine, MAX_ANSWER_CHARS, MAX_REASON_CHARS } from './answers';
import type { InboxScope } from './scope';
import { inquiryNumber } from '../knowledge/inquiries';
import type * as C from './contract';

export interface UnitContext {
  deps: AppDeps;
  req: Request;
  session: Session;
  scope: InboxScope;
}

const actor = ({ session, req }: UnitContext) => ({ staffId: session.staff.id, ip: req.ip });

export const settings = async (_input: Input<typeof C.settings>, { deps, session, scope }: UnitContext) => ({
  ...(await unitSettings(deps.db.knex, scope)),
  tileUrl: deps.config.tileUrl ?? null,
  limits: { answer: MAX_ANSWER_CHARS, reason: MAX_REASON_CHARS },
  staff: session.staff,
  csrfToken: session.csrfToken,
});

export const listInquiries = async ({ query }: Input<typeof C.inquiries>, { deps, scope }: UnitContext) =>
  listInbox(deps.db.knex, scope, { status: query.status, page: query.page, limit: query.limit });

export const getInquiry = async ({ params }: Input<typeof C.inquiry>, { deps, scope }: UnitContext) => ({
  inquiry: await inboxInquiry(deps.db.knex, scope, inquiryNumber(params.id)),
});

export const answer = async ({ params, body }: Input<typeof C.answer>, ctx: UnitContext) => {
  const id = inquiryNumber(params.id);
  await answerAsUnit(ctx.deps.db.knex, ctx.scope, actor(ctx), id, body.answer);
  return { inquiry: await inboxInquiry(ctx.deps.db.knex, ctx.scope, id) };
};

export const returnInquiry = async ({ params, body }: Input<typeof C.giveBack>, ctx: UnitContext) => {
  const id = inquiryNumber(params.id);
  await returnToFirstLine(ctx.deps.db.knex, ctx.scope, actor(ctx), id, body.reason);
  return { inquiry: await inboxInquiry(ctx.deps.db.knex, ctx.scope, id) };
};
