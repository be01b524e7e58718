/**
 * The public portal (issue #6): one route table, so a reader sees every endpoint on one screen. No login; no personal data in
 * any answer (see store.ts). The page carries no API key: it files reports through its own
 * endpoint, which runs Open311's submission code under the portal's keyless identity (reports.ts).
 *
 *   GET  /                                  the map and the report flow (HTML)
 *   GET  /r/:id                             the same page, opened on one request (shareable)
 *   GET  /api/public/map                    clusters or points for a viewport, with filters
 *   GET  /api/public/services               services grouped, with attributes (PL and EN)
 *   GET  /api/public/districts              current districts (GeoJSON), base map and filter
 *   GET  /api/public/place?lat=&long=       district and nearest address of a point
 *   GET  /api/public/nearby?lat=&long=&service_code=   "Is it one of these?" candidates
 *   GET  /api/public/requests/:id           one request: status, public history, reporters, photos
 *   POST /api/public/reports                file a report (the Open311 POST form, no api_key); per-address limit, same-site only
 *   POST /api/public/requests/:id/follow    "me too": become a reporter of an existing request
 *   GET  /r/:id/unsubscribe?p=&t=           the signed link in notices: a page with one button
 *   POST /r/:id/unsubscribe?p=&t=           stop notices about the request (also RFC 8058 one-click)
 *   GET  /notify/confirm?t=                 the signed link of the one confirmation message: a page with one button
 *   POST /notify/confirm?t=                 confirm the e-mail address (double opt-in); held notices go out
 */
import { Request, Response, Router } from 'express';
import { jsonBody } from '../http/input';
import type { AppDeps } from '../http/deps';
import { Errors } from '../errors';
import { parseMapQuery } from '../map/filters';
import { postgisMapStore } from '../map/store';
import { mapView } from '../map/view';
import { renderPage } from './page';
import { reportHandler } from './reports';
import { RateLimiter } from '../http/rate-limit';
import { postgisPublicStore } from './store';
import { followRequest, parseFollow } from './follow';
import { unsubscribeHandlers } from '../notify/unsubscribe-page';
import { confirmHandlers } from '../notify/confirm-page';

type Handler = (req: Request, res: Response) => Promise<void>;

/** Public reads are the same for everyone: let browsers and proxies keep them briefly. */
const SHORT_CACHE = 'public, max-age=15';

function coordinates(q: Request['query']): { lon: number; lat: number } {
  const lat = Number(q.lat);
  const lon = Number(q.long);
  const problems = [];
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) problems.push({ field: 'lat', description: 'must be a latitude in degrees' });
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) problems.push({ field: 'long', description: 'must be a longitude in degrees' });
  if (problems.length) throw Errors.many(problems);
  return { lon, lat };
}

const language = (req: Request): 'pl' | 'en' => (req.acceptsLanguages('pl', 'en') === 'en' ? 'en' : 'pl');

export function publicRoutes({ config, db }: AppDeps): Router {
  const store = postgisPublicStore(db.knex);
  const maps = postgisMapStore(db.knex);
  const fileReport = reportHandler({ config, db }, new RateLimiter());
  // "Me too" is a public write: 10 per 10 minutes per client address.
  const followLimit = new RateLimiter();

  const jurisdiction = async () => {
    const city = await store.city();
    if (!city) throw Errors.notFound('jurisdiction', 'any');
    return city;
  };

  const showPage: Handler = async (req, res) => {
    const city = (await store.city()) ?? null;
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(renderPage({ city, tileUrl: config.tileUrl ?? null }, language(req)));
  };
  const getMap: Handler = async (req, res) => {
    const view = await mapView(maps, parseMapQuery(req.query));
    res.set('Cache-Control', SHORT_CACHE).json(view);
  };
  const listServices: Handler = async (_req, res) => {
    res.set('Cache-Control', SHORT_CACHE).json(await store.services((await jurisdiction()).id));
  };
  const listDistricts: Handler = async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(await store.districts((await jurisdiction()).id));
  };
  const getPlace: Handler = async (req, res) => {
    const { lon, lat } = coordinates(req.query);
    res.json(await store.place((await jurisdiction()).id, lon, lat));
  };
  const listNearby: Handler = async (req, res) => {
    const { lon, lat } = coordinates(req.query);
    const code = String(req.query.service_code ?? '');
    if (!code) throw Errors.missing('service_code');
    res.json(await store.nearby((await jurisdiction()).id, code, lon, lat));
  };
  const getRequest: Handler = async (req, res) => {
    const found = await store.request(String(req.params.id));
    if (!found) throw Errors.notFound('request', String(req.params.id));
    res.set('Cache-Control', 'no-cache').json(found);
  };
  const report: Handler = async (req, res) => {
    res.status(201).json(await fileReport(req));
  };
  const follow: Handler = async (req, res) => {
    followLimit.enforce(req.ip ?? 'unknown', 10, 10 * 60 * 1000);
    const input = parseFollow(String(req.params.id), req.body ?? {});
    res.status(201).json(await followRequest(db, store, input));
  };

  const router = Router();
  const wrap = (h: Handler) => (req: Request, res: Response, next: (err?: unknown) => void) => h(req, res).catch(next);
  router.get('/', wrap(showPage));
  router.get('/r/:id', wrap(showPage));
  const unsubscribe = unsubscribeHandlers(db.knex);
  router.get('/r/:id/unsubscribe', wrap(unsubscribe.show));
  router.post('/r/:id/unsubscribe', wrap(unsubscribe.confirm));
  const confirmation = confirmHandlers(db.knex);
  router.get('/notify/confirm', wrap(confirmation.show));
  router.post('/notify/confirm', wrap(confirmation.confirm));
  router.get('/api/public/map', wrap(getMap));
  router.get('/api/public/services', wrap(listServices));
  router.get('/api/public/districts', wrap(listDistricts));
  router.get('/api/public/place', wrap(getPlace));
  router.get('/api/public/nearby', wrap(listNearby));
  router.get('/api/public/requests/:id', wrap(getRequest));
  router.post('/api/public/reports', wrap(report));
  router.post('/api/public/requests/:id/follow', jsonBody('8kb'), wrap(follow));
  return router;
}
