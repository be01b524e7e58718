/**
 * The second line's surface (issue #5 item 4): the page at /unit and its JSON API under /api/unit,
 * where a unit sees the questions the first line forwarded to it, answers them, or sends them back.
 * Documented in api/unit/README.md.
 *
 * A surface of its own rather than more routes in the console: the console is the first line's
 * screen (role agent), this is the unit's (role unit_staff), with a different scope (one unit's
 * inquiries) and a different way of reading personal data. The roadmap's unit portal (requests,
 * crews, schedules) grows here, next to its inbox. Sessions and CSRF are the console's own
 * (api/auth/session.ts): one login works on both pages.
 *
 *   GET  /unit                                 the page (web/unit)
 *   GET  /api/unit/settings                    city, the unit (or all units for admins), limits, CSRF token
 *   GET  /api/unit/inquiries?status=&unit=&page=&limit=   the inbox: open / answered / returned / all, counts
 *   GET  /api/unit/inquiries/:id               one inquiry: question, context, SLA state, reply channel
 *   POST /api/unit/inquiries/:id/answer        {answer}: answered, returns to the resident
 *   POST /api/unit/inquiries/:id/return        {reason}: wrong unit, back to the first line
 *
 * The routes, inputs and answers are data in ./contract.ts (issue #13 item 3).
 * Roles: unit_staff (their own unit only; another unit's inquiry is 404) and admin (every unit,
 * `?unit=CODE` narrows). 401 without a session, 403 with another role or without the CSRF token.
 */
import { Router } from 'express';
import type { AppDeps } from '../http/deps';
import { loadSession } from '../auth/session';
import { implement, mountRoutes, type Answer, type Contract, type HandlerContext, type Input, type Renderable } from '../http/contract';
import { jurisdictionFor } from '../console/handlers';
import { inboxScope } from './scope';
import { jsonBody } from '../http/input';
import { unitPage } from './page';
import * as h from './handlers';
import * as C from './contract';

export function unitPageRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.set('Cache-Control', 'no-store').type('html').send(unitPage());
  });
  return router;
}

export function unitApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(jsonBody('32kb'));
  router.use(loadSession(deps.db.knex));
  /** Binds a contract to a unit handler, settling the scope (which unit's inquiries) once per request. */
  const scoped = <K extends Contract>(c: K, handler: (input: Input<K>, ctx: h.UnitContext) => Promise<Renderable<Answer<K>>>) =>
    implement<K, AppDeps>(c, async (input, { req, session }: HandlerContext<AppDeps>) => {
      const jurisdictionId = await jurisdictionFor(deps.db, session!, req);
      const unitCode = (input.query as { unit?: string }).unit;
      return handler(input, { deps, req, session: session!, scope: await inboxScope(deps.db.knex, session!, jurisdictionId, unitCode) });
    });
  return mountRoutes(
    router,
    [
      scoped(C.settings, h.settings),
      scoped(C.inquiries, h.listInquiries),
      scoped(C.inquiry, h.getInquiry),
      scoped(C.answer, h.answer),
      scoped(C.giveBack, h.returnInquiry),
    ],
    deps,
  );
}
