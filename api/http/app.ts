/**
 * The Express application. Dependencies come in through `createApp(deps)` (no module-level
 * singletons), and every surface mounts its own route table (house style #1).
 */
import express, { ErrorRequestHandler, Express } from 'express';
import type { Config } from '../config';
import type { Database } from '../db/engine';
import type { Logger } from '../log';
import { isAppError, Errors } from '../errors';
import { healthRoutes } from './health';
import { compressResponses, securityHeaders } from './security-headers';
import { assetRoutes } from './web-build';
import { authRoutes } from '../auth/routes';
import { consoleApiRoutes, consolePageRoutes } from '../console/routes';
import { publicRoutes } from '../public/routes';
import { open311Routes } from '../open311/routes';
import { mediaRoutes } from '../media/routes';
import { geoRoutes } from '../geo/routes';
import { unitApiRoutes, unitPageRoutes } from '../unit/routes';

export interface AppDeps {
  config: Config;
  db: Database;
  log: Logger;
}

/** A surface: a base path and a router built from the shared dependencies. */
export interface Surface {
  path: string;
  router: (deps: AppDeps) => express.Router;
}

/** Every HTTP surface, in mount order. Surfaces added by later issues register here. */
export function surfaces(): Surface[] {
  return [{ path: '/', router: healthRoutes }, { path: '/api/auth', router: authRoutes }, { path: '/console', router: consolePageRoutes }, { path: '/api/console', router: consoleApiRoutes }, { path: '/open311/v2', router: open311Routes }, { path: '/media', router: mediaRoutes }, { path: '/api/geo', router: geoRoutes }, { path: '/unit', router: unitPageRoutes }, { path: '/api/unit', router: unitApiRoutes }, { path: '/', router: publicRoutes }];
}

export function createApp(deps: AppDeps, extra: Surface[] = []): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      deps.log.info({ method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'http');
    });
    next();
  });
  // Security headers and gzip on every answer, errors included (issue #11 item 8).
  app.use(securityHeaders(deps.config));
  app.use(compressResponses());
  for (const surface of [...surfaces(), ...extra]) app.use(surface.path, surface.router(deps));
  app.use('/assets', assetRoutes());
  app.use(jsonErrorRenderer(deps.log));
  return app;
}

/** Default renderer for surfaces that do not render their own errors: `{errors:[{code, field, description}]}`. */
export function jsonErrorRenderer(log: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    let appError = isAppError(err) ? err : undefined;
    if (!appError && (err as { type?: string }).type === 'entity.too.large') appError = Errors.tooLarge(undefined, (err as { limit: number }).limit);
    if (!appError && (err as { type?: string }).type === 'entity.parse.failed') appError = Errors.badRequest(undefined, 'the request body could not be parsed');
    if (!appError) {
      log.error({ err }, 'unhandled error');
      appError = Errors.internal();
    }
    res.status(appError.status).set(appError.headers).json({
      errors: appError.details.map((d) => ({ code: appError!.status, field: d.field, description: d.description })),
    });
  };
}
