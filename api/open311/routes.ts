/**
 * The Open311 GeoReport v2 surface, mounted at /open311/v2 (issue #3). Every method answers in
 * `.xml` and `.json`; anything else is a 404 in Open311's error format. The contract is in
 * open311-spec/ (schemas, profile README); errors come from the one catalogue in api/errors.ts.
 */
import { Router, ErrorRequestHandler, Request } from 'express';
import type { AppDeps } from '../http/deps';
import { RateLimiter } from '../http/rate-limit';
import { AppError, Errors } from '../errors';
import { toAppError } from '../http/errors';
import * as h from './handlers';
import { submitReport } from '../pipeline/intake';
import { send } from './render';
import { errorsDoc } from './views';

/** The route table: method, path (the `.format` suffix is added), handler named after the spec. */
export const ROUTES: Array<{ method: 'get' | 'post'; path: string; handler: h.Handler }> = [
  { method: 'get', path: '/discovery', handler: h.discovery },
  { method: 'get', path: '/services', handler: h.listServices },
  { method: 'get', path: '/services/:service_code', handler: h.getServiceDefinition },
  { method: 'post', path: '/requests', handler: h.createRequest },
  { method: 'get', path: '/tokens/:token', handler: h.getToken },
  { method: 'get', path: '/requests', handler: h.listRequests },
  { method: 'get', path: '/requests/:service_request_id', handler: h.getRequest },
  // FixMyStreet extension (open311.md §2.6).
  { method: 'get', path: '/servicerequestupdates', handler: h.listRequestUpdates },
  { method: 'post', path: '/servicerequestupdates', handler: h.createRequestUpdate },
];

export function open311Routes(deps: AppDeps): Router {
  const full: h.Open311Deps = { ...deps, intake: submitReport, limiter: new RateLimiter() };
  const router = Router();
  router.use((req, res, next) => {
    const started = Date.now();
    res.on('finish', () => logCall(full, req, res.statusCode, Date.now() - started));
    next();
  });
  for (const route of ROUTES) {
    router[route.method](`${route.path}.:format`, async (req, res, next) => {
      try {
        await route.handler(full, req, res);
      } catch (err) {
        next(err);
      }
    });
  }
  router.use((req, _res, next) => {
    next(new AppError('not_found', [{ description: `no Open311 method ${req.method} ${req.path}; see ${deps.config.publicUrl}/open311/v2/discovery.xml` }]));
  });
  router.use(open311ErrorRenderer(full));
  return router;
}

function logCall(deps: h.Open311Deps, req: Request, status: number, ms: number): void {
  const info = h.callInfo(req);
  if (!info.client) return;
  deps.db
    .knex('api_request_log')
    .insert({
      api_client_id: info.client.id,
      method: req.method,
      path: req.path.slice(0, 300),
      status,
      duration_ms: ms,
      service_request_id: info.serviceRequestId ?? null,
    })
    .catch((err: unknown) => deps.log.warn({ err }, 'api_request_log insert failed'));
}

/**
 * Errors as Open311 wants them: `[{code, description}]` or `<errors>`, in the format of the path.
 * Also used by the app for errors raised before this router runs (the input guard in api/http/input.ts).
 * A database outage is a 503 with Retry-After (api/http/errors.ts), in the same formats.
 */
export function open311ErrorRenderer(deps: AppDeps): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let appError: AppError | undefined = toAppError(err);
    if (appError?.status === 503) deps.log.warn({ err: (err as Error)?.message }, 'open311: database unavailable');
    if (!appError) {
      deps.log.error({ err }, 'open311 unhandled error');
      appError = Errors.internal();
    }
    if (res.headersSent) return;
    const format = /\.json$/i.test(req.path) ? 'json' : 'xml';
    res.set(appError.headers);
    send(res, format, 'errors', errorsDoc(appError), appError.status);
  };
}
