/**
 * The agent console (issue #5): the page at /console and its JSON/GeoJSON API under
 * /api/console. Every API route needs a staff session (api/auth) with a role listed here; every
 * POST/PUT also needs the session's CSRF token. Documented in api/console/README.md.
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
import express, { Router } from 'express';
import type { AppDeps } from '../http/deps';
import { loadSession, requireStaff, sessionOf } from '../auth/session';
import { Errors } from '../errors';
import { jsonBody } from '../http/input';
import { consolePage } from './page';
import * as h from './handlers';

const STAFF = requireStaff('agent', 'admin');
const ADMIN = requireStaff('admin');

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
  const on =
    (handler: h.Handler): express.RequestHandler =>
    async (req, res) => {
      const session = sessionOf(res);
      if (!session) throw Errors.unauthorized();
      res.json(await handler({ deps, req, session, jurisdictionId: await h.jurisdictionFor(deps.db, session, req) }));
    };

  router.get('/settings', STAFF, on(h.settings));
  router.get('/locate', STAFF, on(h.locateText));
  router.get('/resolve', STAFF, on(h.resolvePoint));
  router.get('/services', STAFF, on(h.services));
  router.get('/callers', STAFF, on(h.callers));
  router.post('/contacts', STAFF, on(h.openContactHandler));
  router.post('/contacts/:id/close', STAFF, on(h.closeContactHandler));
  router.post('/reports', STAFF, on(h.fileReport));
  router.get('/requests/:id', STAFF, on(h.requestDetailHandler));
  router.post('/requests/:id/notes', STAFF, on(h.addNoteHandler));
  router.post('/requests/:id/status', STAFF, on(h.changeStatusHandler));
  router.post('/requests/:id/merge', STAFF, on(h.mergeHandler));
  router.post('/requests/:id/unmerge', STAFF, on(h.unmergeHandler));
  router.get('/map/requests', STAFF, on(h.mapRequests));
  router.get('/map/districts', STAFF, on(h.mapDistricts));
  router.get('/map/addresses', STAFF, on(h.mapAddresses));
  router.get('/map/streets', STAFF, on(h.mapStreets));
  router.get('/kb', STAFF, on(h.searchKb));
  router.get('/kb/:id', STAFF, on(h.getKb));
  router.put('/kb/:slug', ADMIN, on(h.saveKb));
  router.post('/inquiries', STAFF, on(h.forwardInquiryHandler));
  router.get('/inquiries', STAFF, on(h.listInquiriesHandler));
  router.post('/inquiries/:id/answer', ADMIN, on(h.answerInquiryHandler));
  router.post('/inquiries/:id/reassign', STAFF, on(h.reassignInquiryHandler));
  router.get('/shift', STAFF, on(h.shiftHandler));
  return router;
}
