/**
 * Open311 handlers, named after the spec's methods. Each reads: parse -> look up -> act -> render
 * (so each reads top to bottom on one screen); SQL lives in store.ts, rules in query.ts / submit.ts / updates.ts.
 */
import type { Request, Response } from 'express';
import type { AppDeps } from '../http/deps';
import type { RateLimiter } from '../http/rate-limit';
import { findApiClientByKey, ApiClient, Scope } from '../accounts/api-clients';
import { AppError, ErrorDetail, Errors } from '../errors';
import { formatOf, localeOf, resolveJurisdiction } from './context';
import { Params, queryPairs, readForm, Form } from './form';
import { formHash, intakeKeeping, withIdempotency } from './idempotency';
import type { submitReport } from '../pipeline/intake';
import { parsePoint, parseRequestFilter } from './query';
import { send } from './render';
import { findRequests, findService, findToken, listServices as servicesAt, serviceAttributes } from './store';
import type { JurisdictionRow, RequestFilter, RequestRow } from './store';
import { publicText } from '../privacy/public-text';
import { createServiceRequest, PostAnswer } from './submit';
import { listUpdates, postUpdate } from './updates';
import { definitionDoc, discoveryDoc, requestDoc, serviceDoc } from './views';

export interface Open311Deps extends AppDeps {
  /** The city's one intake (api/pipeline/intake.ts); a dependency so tests can wrap it. */
  intake: typeof submitReport;
  limiter: RateLimiter;
}

export type Handler = (deps: Open311Deps, req: Request, res: Response) => Promise<void>;

const baseUrl = (deps: Open311Deps) => `${deps.config.publicUrl}/open311/v2`;
/** Rows a text search (`q`) may read before it asks the client to narrow it. */
const MAX_TEXT_CANDIDATES = 5000;

export const discovery: Handler = async (deps, req, res) => {
  const format = formatOf(req);
  const params = new Params(queryPairs(req));
  const jurisdiction = params.get('jurisdiction_id') ? await resolveJurisdiction(deps.db.knex, params) : undefined;
  const { rows } = await deps.db.knex.raw(`SELECT greatest((SELECT max(updated_at) FROM services), (SELECT max(updated_at) FROM jurisdictions)) AS changed`);
  const all: JurisdictionRow[] = jurisdiction ? [jurisdiction] : await deps.db.knex('jurisdictions').orderBy('id');
  // The url ends with `/`: FixMyStreet appends `requests.xml` to it as it is. Each endpoint names the
  // jurisdiction_id to send with it: one endpoint per jurisdiction served (the one asked for, or all).
  const doc = discoveryDoc(all[0], `${baseUrl(deps)}/`, rows[0]?.changed ?? new Date(0));
  const endpoints = all.flatMap((j) => doc.endpoints.map((e) => ({ ...e, jurisdiction_id: j.id })));
  send(res, format, 'discovery', { ...doc, endpoints });
};

export const listServices: Handler = async (deps, req, res) => {
  const format = formatOf(req);
  const params = new Params(queryPairs(req));
  const problems: ErrorDetail[] = [];
  const point = parsePoint(params, problems);
  if (problems.length) throw Errors.many(problems);
  const j = await resolveJurisdiction(deps.db.knex, params, point);
  const locale = localeOf(req, params, j.default_locale);
  const rows = await servicesAt(deps.db.knex, j.id, point);
  send(
    res,
    format,
    'services',
    rows.map((s) => serviceDoc(s, locale)),
  );
};

export const getServiceDefinition: Handler = async (deps, req, res) => {
  const format = formatOf(req);
  const params = new Params(queryPairs(req));
  const j = await resolveJurisdiction(deps.db.knex, params);
  const code = String(req.params.service_code);
  const service = /^[A-Za-z0-9_-]{1,64}$/.test(code) ? await findService(deps.db.knex, j.id, code) : undefined;
  if (!service) throw Errors.notFound('service_code', code);
  const locale = localeOf(req, params, j.default_locale);
  send(res, format, 'service_definition', definitionDoc(service, await serviceAttributes(deps.db.knex, service.id), locale));
};

/**
 * api_key from the form (SPEC) or, for GET-style clients, the query string; 403 when missing or bad,
 * or when the key holds none of the scopes the method needs (api/accounts/api-clients.ts).
 */
async function authenticate(deps: Open311Deps, req: Request, form: Form, needs: readonly Scope[], what: string): Promise<ApiClient> {
  const key = new Params(form.pairs).get('api_key') ?? new Params(queryPairs(req)).get('api_key');
  if (!key) throw Errors.apiKeyMissing();
  const client = await findApiClientByKey(deps.db.knex, key);
  if (!client) throw Errors.apiKeyInvalid();
  res_locals(req).client = client;
  if (!needs.some((s) => client.scopes.includes(s))) {
    throw new AppError('forbidden', [
      { field: 'api_key', description: `this api_key (scopes: ${client.scopes.join(', ')}) may not ${what}; that needs the ${needs.join(' or ')} scope` },
    ]);
  }
  const decision = deps.limiter.take(String(client.id), client.rateLimitPerMinute);
  if (!decision.ok) throw Errors.rateLimited(decision.retryAfterSeconds);
  // A public key (the portal's) is shared by every resident: one address gets only its own share.
  if (client.perAddressLimitPerMinute) deps.limiter.enforce(`${client.id}|${req.ip ?? 'unknown'}`, client.perAddressLimitPerMinute, 60_000);
  return client;
}

const res_locals = (req: Request) => ((req as unknown as { open311: { client?: ApiClient; serviceRequestId?: string } }).open311 ??= {} as never);

export const createRequest: Handler = async (deps, req, res) => {
  const format = formatOf(req);
  const form = await readForm(req, deps.config.maxUploadBytes);
  const params = new Params([...queryPairs(req), ...form.pairs]);
  const problems: ErrorDetail[] = [];
  const point = parsePoint(params, problems);
  // Key and jurisdiction are looked up at the same time; a key problem (403) is reported first.
  const [auth, place] = await Promise.allSettled([
    authenticate(deps, req, form, ['report'], 'file requests'),
    problems.length ? Promise.reject(Errors.many(problems)) : resolveJurisdiction(deps.db.knex, params, point),
  ]);
  if (auth.status === 'rejected') throw auth.reason;
  if (place.status === 'rejected') throw place.reason;
  const client = auth.value;
  const j = place.value;
  if (client.jurisdictionId && client.jurisdictionId !== j.id) throw Errors.forbidden(`this api_key is not valid for jurisdiction ${j.id}`);
  const locale = localeOf(req, params, j.default_locale);
  const idempotencyKey = req.get('Idempotency-Key')?.trim() || undefined;
  const sent: Form = { pairs: [...queryPairs(req), ...form.pairs], files: form.files };
  // The key's row is stored by the intake in the same statement as the request (idempotency.ts).
  const { value } = await withIdempotency<PostAnswer>(deps.db.knex, client.id, idempotencyKey, formHash(req.path.replace(/\.[a-z]+$/i, ''), sent), (keep) =>
    createServiceRequest(keep ? { ...deps, intake: intakeKeeping(deps.intake, keep) } : deps, j, sent, client, locale),
  );
  res_locals(req).serviceRequestId = value.service_request_id;
  send(res, format, 'service_requests', [value]);
};

export const getToken: Handler = async (deps, req, res) => {
  const format = formatOf(req);
  const params = new Params(queryPairs(req));
  const j = await resolveJurisdiction(deps.db.knex, params);
  const token = String(req.params.token);
  const found = /^[A-Za-z0-9_-]{1,100}$/.test(token) ? await findToken(deps.db.knex, j.id, token) : undefined;
  if (!found) throw Errors.notFound('token', token.slice(0, 100));
  send(res, format, 'service_requests', [{ service_request_id: found.public_id, token: found.token }]);
};

/**
 * `Link` for the pages of a list. A client that pages by `offset` gets links by `offset`/`limit`
 * (its own words, and true offsets: `offset=5&limit=10` is followed by `offset=15`); otherwise by
 * `page`/`page_size`.
 */
function pageLinks(deps: Open311Deps, req: Request, format: string, filter: RequestFilter, byOffset: boolean, total: number): string {
  const { offset, limit } = filter;
  const paging = ['page', 'page_size', 'limit', 'offset'];
  const link = (start: number, rel: string) => {
    const q = new URLSearchParams(queryPairs(req).filter(([k]) => !paging.includes(k)));
    if (byOffset) {
      q.set('offset', String(start));
      q.set('limit', String(limit));
    } else {
      q.set('page', String(start / limit + 1));
      q.set('page_size', String(limit));
    }
    return `<${baseUrl(deps)}/requests.${format}?${q}>; rel="${rel}"`;
  };
  const lastStart = byOffset ? Math.max(0, total - limit) : Math.max(0, Math.ceil(total / limit) - 1) * limit;
  const links = [link(0, 'first'), link(lastStart, 'last')];
  if (offset > 0) links.push(link(byOffset ? Math.max(0, offset - limit) : Math.min(offset - limit, lastStart), 'prev'));
  if (offset + limit < total) links.push(link(offset + limit, 'next'));
  return links.join(', ');
}

/**
 * `q` is matched in SQL on the stored text (the cheap cut), then here on the text the public sees
 * (publicText): a phone number or e-mail scrubbed from a description must not be findable by
 * searching for it. So a search reads all its candidates and pages them here.
 */
async function findByText(deps: Open311Deps, filter: RequestFilter): Promise<{ rows: RequestRow[]; total: number }> {
  const { rows } = await findRequests(deps.db.knex, { ...filter, offset: 0, limit: MAX_TEXT_CANDIDATES + 1 }, false);
  if (rows.length > MAX_TEXT_CANDIDATES) {
    throw Errors.badRequest('q', `q matches more than ${MAX_TEXT_CANDIDATES} requests: narrow the search (start_date, end_date, service_code, bbox)`);
  }
  const needle = filter.text!.toLowerCase();
  const found = rows.filter((r) => (publicText(r.description) ?? '').toLowerCase().includes(needle) || (r.address ?? '').toLowerCase().includes(needle));
  return { rows: found.slice(filter.offset, filter.offset + filter.limit), total: found.length };
}

export const listRequests: Handler = async (deps, req, res) => {
  const format = formatOf(req);
  const params = new Params(queryPairs(req));
  const j = await resolveJurisdiction(deps.db.knex, params);
  const locale = localeOf(req, params, j.default_locale);
  const { filter, byOffset } = parseRequestFilter(params, j.id, j.time_zone, new Date());
  const { rows, total } = filter.text ? await findByText(deps, filter) : await findRequests(deps.db.knex, filter, true);
  res.set('X-Total-Count', String(total));
  res.set('Link', pageLinks(deps, req, format, filter, byOffset, total ?? 0));
  send(
    res,
    format,
    'service_requests',
    rows.map((r) => requestDoc(r, j, locale, deps.config.publicUrl, filter.extensions)),
  );
};

export const getRequest: Handler = async (deps, req, res) => {
  const format = formatOf(req);
  const params = new Params(queryPairs(req));
  const j = await resolveJurisdiction(deps.db.knex, params);
  const locale = localeOf(req, params, j.default_locale);
  const id = String(req.params.service_request_id);
  const extensions = /^(true|1)$/i.test(params.get('extensions') ?? '');
  const valid = /^[A-Za-z0-9_-]{1,64}$/.test(id);
  const { rows } = valid
    ? await findRequests(deps.db.knex, { jurisdictionId: j.id, ids: [id], order: 'requested_desc', limit: 1, offset: 0, extensions }, false)
    : { rows: [] };
  if (!rows.length) throw Errors.notFound('service_request_id', id.slice(0, 100));
  send(
    res,
    format,
    'service_requests',
    rows.map((r) => requestDoc(r, j, locale, deps.config.publicUrl, extensions)),
  );
};

export const listRequestUpdates: Handler = async (deps, req, res) => {
  const format = formatOf(req);
  const params = new Params(queryPairs(req));
  const j = await resolveJurisdiction(deps.db.knex, params);
  send(res, format, 'service_request_updates', await listUpdates(deps.db.knex, j, params, new Date()));
};

export const createRequestUpdate: Handler = async (deps, req, res) => {
  const format = formatOf(req);
  const form = await readForm(req, deps.config.maxUploadBytes);
  const client = await authenticate(deps, req, form, ['report', 'back-office'], 'post updates');
  const params = new Params([...queryPairs(req), ...form.pairs]);
  const j = await resolveJurisdiction(deps.db.knex, params);
  if (client.jurisdictionId && client.jurisdictionId !== j.id) throw Errors.forbidden(`this api_key is not valid for jurisdiction ${j.id}`);
  // Whether this client may touch this request (filed it, or back office) is decided with the request in hand (updates.ts).
  const answer = await postUpdate(deps.db.knex, j, client, params);
  res_locals(req).serviceRequestId = params.get('service_request_id');
  send(res, format, 'service_request_updates', [{ update_id: answer.update_id, account_id: null }]);
};

/** Who called with a key, for the request log (routes.ts). */
export const callInfo = (req: Request) => res_locals(req);
