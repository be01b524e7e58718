/**
 * Filing a report from the public page (issue #11 item 2). The page used to file through Open311
 * with an API key written into its HTML; a key in a public page is everyone's key, and any key
 * could then change any request. Now the page posts to its own endpoint and carries no key:
 *
 *   POST /api/public/reports    the same form as Open311 POST requests (multipart, photos in any
 *                               file part), minus api_key; answers {service_request_id | token,
 *                               service_notice} with 201.
 *
 * It runs the very code Open311 POST runs (api/open311/submit.ts createServiceRequest: the form
 * checks, media, the one intake pipeline) under the portal's own client identity: an api_clients
 * row with `internal = 'portal'` and no key at all (migration 20261205000100), so requests filed
 * here keep an api_client_id, Kontakt notifies their reporters (notifies_reporters), and no one can
 * authenticate as the portal anywhere. Revoking that row (`kontakt apikey revoke`) switches filing
 * from the page off.
 *
 * Limits: PER_ADDRESS per client address (one resident, or one abuser, cannot flood), and the
 * identity's own rate_limit_per_minute for the whole city (a spread-out flood cannot either).
 *
 * Origin check: there is no cookie or session here, so classic CSRF (riding on a logged-in
 * browser) cannot happen; what a foreign page could still do is make its visitors' browsers file
 * reports, spreading past the per-address limit. Browsers send `Origin` with every POST, so a
 * POST whose Origin (or Sec-Fetch-Site) names another site is refused. A request without Origin
 * comes from a program, not a browser: it gains nothing it could not do by hand and meets the same
 * limits. Residents do nothing else to a request from the page than file and follow ("me too");
 * no public endpoint lets anyone change a request (see docs/public-portal.md).
 */
import type { Request } from 'express';
import type { Knex } from 'knex';
import { ApiClient, internalClient } from '../accounts/api-clients';
import { Errors } from '../errors';
import type { RateLimiter } from '../http/rate-limit';
import type { AppDeps } from '../http/deps';
import { submitReport } from '../pipeline/intake';
import { resolveJurisdiction, localeOf } from '../open311/context';
import { Params, queryPairs, readForm } from '../open311/form';
import { parsePoint } from '../open311/query';
import { createServiceRequest, PostAnswer } from '../open311/submit';

export const PORTAL_CLIENT_NAME = 'Kontakt public portal';
/** Reports per minute from the whole city through the page... */
export const PORTAL_RATE_LIMIT_PER_MINUTE = 600;
/** ...and from one client address. */
export const PORTAL_PER_ADDRESS_LIMIT_PER_MINUTE = 6;

/** The portal's keyless identity (created on first use). */
export const portalClient = (knex: Knex): Promise<ApiClient> =>
  internalClient(knex, 'portal', {
    name: PORTAL_CLIENT_NAME,
    rateLimitPerMinute: PORTAL_RATE_LIMIT_PER_MINUTE,
    perAddressLimitPerMinute: PORTAL_PER_ADDRESS_LIMIT_PER_MINUTE,
    notifiesReporters: true,
    scopes: ['report'],
  });

/** 403 unless the POST comes from our own page (or from no browser at all). */
export function checkSameSite(req: Request, publicUrl: string): void {
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none')
    throw Errors.forbidden(`Sec-Fetch-Site: ${site.slice(0, 40)}: reports are accepted only from this site's own page`);
  const origin = req.get('origin');
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined; // `Origin: null` (sandboxed frames, file://) or garbage: not our page
  }
  const ours = new Set([req.get('host'), new URL(publicUrl).host].filter(Boolean));
  if (!host || !ours.has(host))
    throw Errors.forbidden(`Origin ${JSON.stringify(origin.slice(0, 100))} is not this site: reports are accepted only from this site's own page`);
}

export function reportHandler({ config, db }: Pick<AppDeps, 'config' | 'db'>, limiter: RateLimiter) {
  return async (req: Request): Promise<PostAnswer> => {
    checkSameSite(req, config.publicUrl);
    const client = await portalClient(db.knex);
    if (!client.active) throw Errors.forbidden('reporting through this page is switched off; please call the city contact centre');
    // Before the body is read: a refused upload costs no parsing (Node drains the rest).
    limiter.enforce(`address|${req.ip ?? 'unknown'}`, client.perAddressLimitPerMinute ?? PORTAL_PER_ADDRESS_LIMIT_PER_MINUTE, 60_000);
    limiter.enforce('portal', client.rateLimitPerMinute, 60_000);
    const form = await readForm(req, config.maxUploadBytes);
    const pairs = [...queryPairs(req), ...form.pairs.filter(([k]) => k !== 'api_key')];
    const params = new Params(pairs);
    const problems: Parameters<typeof parsePoint>[1] = [];
    const point = parsePoint(params, problems);
    if (problems.length) throw Errors.many(problems);
    const j = await resolveJurisdiction(db.knex, params, point);
    return createServiceRequest({ db, config, intake: submitReport }, j, { pairs, files: form.files }, client, localeOf(req, params, j.default_locale), 'web');
  };
}
