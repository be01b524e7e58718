/**
 * The agent console (issue #5): the page at /console and its JSON/GeoJSON API under
 * /api/console. Every API route needs a staff session (api/auth) with a role listed here; every
 * POST/PUT also needs the session's CSRF token. Documented in api/console/README.md. The routes,
 * their roles, inputs and answers are data in ./contract.ts (issue #13 item 3), mounted here.
 *
 *   GET  /console                              the page (OpenLayers, web/console)
 *   GET  /api/console/settings                 city, extent, districts, units, tile URL, channels
 *   GET  /api/console/locate?q=                request no., coordinates (WGS84 / local CRS), addresses
 *   GET  /api/console/resolve?lat=&long=&service_code=   address, district, unit, duplicate candidates
 *   GET  /api/console/services                 services with attribute definitions (the form)
 *   GET  /api/console/callers?phone=&email=    a caller's people rows, requests, contacts, inquiries
 *   POST /api/console/contacts                 open a contact {channel, phone?, email?}
 *   POST /api/console/contacts/:id/close       {outcome, topic?, articleId?, note?}
 *   POST /api/console/reports                  file or attach through the pipeline (submitReport)
 *   GET  /api/console/requests/:id             request detail
 *   POST /api/console/requests/:id/notes       {text, public}
 *   POST /api/console/requests/:id/status      {detailedStatus, note?}
 *   POST /api/console/requests/:id/merge       {into}
 *   POST /api/console/requests/:id/unmerge
 *   GET  /api/console/map/requests?bbox=&zoom=&service=&status=&age_days=&district=   GeoJSON
 *   GET  /api/console/map/districts?bbox=&zoom=                                       GeoJSON
 *   GET  /api/console/map/addresses?bbox=&zoom=                                       GeoJSON
 *   GET  /api/console/map/streets?bbox=&zoom=                                         GeoJSON
 *   GET  /api/console/kb?q=&service=&district=  knowledge-base search
 *   GET  /api/console/kb/:id                    one article
 *   PUT  /api/console/kb/:slug                  create or edit (admin)
 *   POST /api/console/inquiries                 forward a question to the second line
 *   GET  /api/console/inquiries?status=         forwarded questions
 *   POST /api/console/inquiries/:id/answer      the second line's answer (admin; units answer on /unit) {answer}
 *   POST /api/console/inquiries/:id/reassign    {unitCode}: a returned (or open) inquiry to another unit
 *   GET  /api/console/shift?since=              my shift: my contacts, my forwarded questions, requests at risk
 */
import { Router } from 'express';
import type { AppDeps } from '../http/deps';
import { loadSession } from '../auth/session';
import { implement, mountRoutes, type Contract } from '../http/contract';
import { Errors } from '../errors';
import { jsonBody } from '../http/input';
import { consolePage } from './page';
import * as h from './handlers';
import * as C from './contract';

export function consolePageRoutes({ config }: AppDeps): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(consolePage({ tileUrl: config.tileUrl }));
  });
  return router;
}

export function consoleApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(jsonBody('64kb'));
  router.use(loadSession(deps.db.knex));
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  // The contract checked roles and input; the handler gets the session and the city it works for.
  const on = <C extends Contract>(c: C, handler: h.Handler) =>
    implement<C, AppDeps>(c, async (_input, { req, session }) => {
      if (!session) throw Errors.unauthorized();
      return (await handler({ deps, req, session, jurisdictionId: await h.jurisdictionFor(deps.db, session, req) })) as never;
    });
  return mountRoutes(
    router,
    [
      on(C.settings, h.settings),
      on(C.locate, h.locateText),
      on(C.resolve, h.resolvePoint),
      on(C.services, h.services),
      on(C.callers, h.callers),
      on(C.openContact, h.openContactHandler),
      on(C.closeContact, h.closeContactHandler),
      on(C.fileReport, h.fileReport),
      on(C.requestDetail, h.requestDetailHandler),
      on(C.addNote, h.addNoteHandler),
      on(C.changeStatus, h.changeStatusHandler),
      on(C.merge, h.mergeHandler),
      on(C.unmerge, h.unmergeHandler),
      on(C.mapRequests, h.mapRequests),
      on(C.mapDistricts, h.mapDistricts),
      on(C.mapAddresses, h.mapAddresses),
      on(C.mapStreets, h.mapStreets),
      on(C.searchKb, h.searchKb),
      on(C.getKb, h.getKb),
      on(C.saveKb, h.saveKb),
      on(C.forward, h.forwardInquiryHandler),
      on(C.inquiries, h.listInquiriesHandler),
      on(C.answerInquiry, h.answerInquiryHandler),
      on(C.reassignInquiry, h.reassignInquiryHandler),
      on(C.shift, h.shiftHandler),
    ],
    deps,
  );
}
