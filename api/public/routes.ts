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
import { implement, mountRoutes } from '../http/contract';
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
import * as C from './contract';
import { parseCoordinate } from '../../gis/bbox';

type Handler = (req: Request, res: Response) => Promise<void>;

function coordinates(q: { lat?: string; long?: string }): { lon: number; lat: number } {
  const lat = parseCoordinate(q.lat, 'lat');
  const lon = parseCoordinate(q.long, 'long');
  const problems = [];
  if (!lat.ok) problems.push({ field: 'lat', description: 'must be a latitude in degrees' });
  if (!lon.ok) problems.push({ field: 'long', description: 'must be a longitude in degrees' });
  if (!lat.ok || !lon.ok) throw Errors.many(problems);
  return { lon: lon.value, lat: lat.value };
}

const language = (req: Request): 'pl' | 'en' => (req.acceptsLanguages('pl', 'en') === 'en' ? 'en' : 'pl');

export function publicRoutes(deps: AppDeps): Router {
  const { config, db } = deps;
  const store = postgisPublicStore(db.knex);
  const maps = postgisMapStore(db.knex);
  const fileReport = reportHandler({ config, db }, new RateLimiter());
  // "Me too" is a public write: 10 per 10 minutes per client address.
  const followLimit = new RateLimiter();

  const jurisdiction = async () => {
    const city = await store.city();
    if (!city) throw Errors.notFound('jurisdiction', 'any');
    return city.id;
  };

  const showPage: Handler = async (req, res) => {
    const city = (await store.city()) ?? null;
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(renderPage({ city, tileUrl: config.tileUrl ?? null }, language(req)));
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
  // The JSON API: routes, inputs and answers are data in ./contract.ts (issue #13 item 3).
  return mountRoutes(
    router,
    [
      implement(C.map, async ({ query }) => mapView(maps, parseMapQuery(query))),
      implement(C.services, async () => store.services(await jurisdiction())),
      // The store builds the GeoJSON in SQL and types it `unknown`; the contract names its shape and tests check it.
      implement(C.districts, async () => (await store.districts(await jurisdiction())) as C.DistrictsAnswer),
      implement(C.place, async ({ query }) => {
        const { lon, lat } = coordinates(query);
        return store.place(await jurisdiction(), lon, lat);
      }),
      implement(C.nearby, async ({ query }) => {
        const { lon, lat } = coordinates(query);
        return store.nearby(await jurisdiction(), query.service_code, lon, lat);
      }),
      implement(C.request, async ({ params }) => {
        const found = await store.request(params.id);
        if (!found) throw Errors.notFound('request', params.id);
        return found;
      }),
      implement(C.report, async (_input, { req }) => fileReport(req)),
      implement(C.follow, async ({ params, body }) => followRequest(db, store, parseFollow(params.id, body)), [
        ...jsonBody('8kb'),
        (req, _res, next) => {
          followLimit.enforce(req.ip ?? 'unknown', 10, 10 * 60 * 1000);
          next();
        },
      ]),
    ],
    deps,
  );
}
