/**
 * The /api/geo surface (issue #4): the geocoder and the pin-drop resolution for the console and the
 * public map. The routes, their inputs and answers are data in ./contract.ts (issue #13 item 3);
 * here each is bound to a thin handler; errors go to the JSON renderer of the app.
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
import express, { Router } from 'express';
import type { AppDeps } from '../http/deps';
import { implement, mountRoutes } from '../http/contract';
import { autocomplete, reverseGeocode } from '../geocoder/search';
import { checkWgs84 } from '../pipeline/locate';
import { previewResolution, resolveJurisdiction } from '../pipeline/intake';
import * as C from './contract';

export function geoRoutes(deps: AppDeps): Router {
  const { db } = deps;
  return mountRoutes(
    express.Router(),
    [
      implement(C.autocomplete, async ({ query }) => ({
        candidates: await autocomplete(db, await resolveJurisdiction(db, query.jurisdiction_id), query.q, query.limit),
      })),
      implement(C.reverse, async ({ query }) => {
        const p = checkWgs84(query.lat, query.long);
        const jurisdictionId = await resolveJurisdiction(db, query.jurisdiction_id, { kind: 'wgs84', ...p });
        return reverseGeocode(db, jurisdictionId, p.lat, p.long);
      }),
      implement(C.resolve, async ({ query }) =>
        previewResolution(db, {
          jurisdictionId: query.jurisdiction_id,
          serviceCode: query.service_code,
          location: { kind: 'wgs84', ...checkWgs84(query.lat, query.long) },
          description: query.description?.slice(0, 4000),
          locale: query.locale === 'en' ? 'en' : 'pl',
          publicOnly: true,
        }),
      ),
    ],
    deps,
  );
}
