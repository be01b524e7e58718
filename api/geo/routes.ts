/**
 * The /api/geo surface (issue #4): the geocoder and the pin-drop resolution for the console and the
 * public map. One route table, thin handlers; errors go to the JSON renderer of the app.
 * Nothing here returns personal data: duplicate candidates carry public ids, service, distance,
 * age, status, reporter count and the scrubbed description (publicText) only. This surface needs no
 * login, so /resolve lists only requests of PUBLIC services: a candidate's distance is measured
 * from the exact point, and for a fuzzed or private service a few pins would give that point away
 * (their requests are offered by /api/public/nearby, measured from the public point).
 *
 *   GET /api/geo/autocomplete?q=&jurisdiction_id=&limit=     ranked address / street candidates
 *   GET /api/geo/reverse?lat=&long=&jurisdiction_id=         nearest address (or street) with distance
 *   GET /api/geo/resolve?lat=&long=&service_code=&jurisdiction_id=&description=
 *                                                             district, unit, reasons, SLA, duplicate candidates
 */
import express, { Request, Response, Router } from 'express';
import type { AppDeps } from '../http/app';
import { Errors } from '../errors';
import { autocomplete, reverseGeocode } from '../geocoder/search';
import { checkWgs84 } from '../pipeline/locate';
import { previewResolution, resolveJurisdiction } from '../pipeline/intake';

type Handler = (req: Request, res: Response) => Promise<void>;
const wrap = (h: Handler) => (req: Request, res: Response, next: (e?: unknown) => void) => h(req, res).catch(next);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export function geoRoutes({ db }: AppDeps): Router {
  const router = express.Router();

  router.get(
    '/autocomplete',
    wrap(async (req, res) => {
      const q = str(req.query.q);
      if (!q) throw Errors.missing('q');
      if (q.length > 200) throw Errors.badRequest('q', 'q is longer than 200 characters');
      const limit = req.query.limit === undefined ? 10 : Number(req.query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw Errors.badRequest('limit', 'limit must be an integer from 1 to 50');
      const jurisdictionId = await resolveJurisdiction(db, str(req.query.jurisdiction_id));
      res.set('Cache-Control', 'public, max-age=60').json({ candidates: await autocomplete(db, jurisdictionId, q, limit) });
    }),
  );

  router.get(
    '/reverse',
    wrap(async (req, res) => {
      const p = checkWgs84(req.query.lat, req.query.long);
      const jurisdictionId = await resolveJurisdiction(db, str(req.query.jurisdiction_id), { kind: 'wgs84', ...p });
      res.set('Cache-Control', 'public, max-age=60').json(await reverseGeocode(db, jurisdictionId, p.lat, p.long));
    }),
  );

  router.get(
    '/resolve',
    wrap(async (req, res) => {
      const p = checkWgs84(req.query.lat, req.query.long);
      const locale = req.query.locale === 'en' ? 'en' : 'pl';
      const r = await previewResolution(db, {
        jurisdictionId: str(req.query.jurisdiction_id),
        serviceCode: str(req.query.service_code),
        location: { kind: 'wgs84', ...p },
        description: str(req.query.description)?.slice(0, 4000),
        locale,
        publicOnly: true,
      });
      res.set('Cache-Control', 'no-store').json(r);
    }),
  );

  return router;
}
