/**
 * The Express application. Dependencies come in through `createApp(deps)` (no module-level
 * singletons), and every surface mounts its own route table (a reader sees a surface's endpoints on one screen).
 */
import express, { ErrorRequestHandler, Express } from 'express';
import type { Logger } from '../log';
import { AppError, Errors } from '../errors';
import { toAppError } from './errors';
import { refuseHostileInput } from './input';
import { healthRoutes } from './health';
import { compressResponses, securityHeaders } from './security-headers';
import { assetRoutes } from './web-build';
import { authRoutes } from '../auth/routes';
import { accountPageRoutes } from '../auth/page';
import { consoleApiRoutes, consolePageRoutes } from '../console/routes';
import { publicRoutes } from '../public/routes';
import { open311Routes, open311ErrorRenderer } from '../open311/routes';
import { mediaRoutes } from '../media/routes';
import { geoRoutes } from '../geo/routes';
import { unitApiRoutes, unitPageRoutes } from '../unit/routes';
import type { AppDeps, Surface } from './deps';
import { escapeHtml } from '../../kernel/escape';

export type { AppDeps, Surface } from './deps';

/** Every HTTP surface, in mount order. Surfaces added by later issues register here. */
export function surfaces(): Surface[] {
  return [
    { path: '/', router: healthRoutes },
    { path: '/api/auth', router: authRoutes },
    { path: '/account', router: accountPageRoutes },
    { path: '/console', router: consolePageRoutes },
    { path: '/api/console', router: consoleApiRoutes },
    { path: '/open311/v2', router: open311Routes, errors: open311ErrorRenderer },
    { path: '/media', router: mediaRoutes },
    { path: '/api/geo', router: geoRoutes },
    { path: '/unit', router: unitPageRoutes },
    { path: '/api/unit', router: unitApiRoutes },
    { path: '/', router: publicRoutes },
  ];
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
  // Bad %-escapes and NUL in the path or query are a 400 before any surface sees them (issue #11).
  app.use(refuseHostileInput());
  const all = [...surfaces(), ...extra];
  for (const surface of all) app.use(surface.path, surface.router(deps));
  app.use('/assets', assetRoutes());
  app.use(appErrorRenderer(deps, all));
  return app;
}

/**
 * The app's last error handler. An error raised before a surface's router ran (the input guard)
 * goes to that surface's own renderer when it has one (Open311's XML/JSON); JSON APIs and health
 * get `{errors:[...]}`; pages get a short HTML answer a browser can show.
 */
function appErrorRenderer(deps: AppDeps, all: Surface[]): ErrorRequestHandler {
  const own = all.filter((s) => s.errors && s.path !== '/').map((s) => ({ path: s.path, render: s.errors!(deps) }));
  const json = jsonErrorRenderer(deps.log);
  return (err, req, res, next) => {
    const surface = own.find((s) => req.path === s.path || req.path.startsWith(`${s.path}/`));
    if (surface) return surface.render(err, req, res, next);
    if (isPage(req.path)) return pageErrorRenderer(deps.log)(err, req, res, next);
    return json(err, req, res, next);
  };
}

const isPage = (p: string) => !p.startsWith('/api/') && p !== '/healthz' && p !== '/readyz';

function appErrorOf(err: unknown, log: Logger): AppError {
  const appError = toAppError(err);
  if (appError) {
    if (appError.status === 503) log.warn({ err: (err as Error)?.message }, 'database unavailable');
    return appError;
  }
  log.error({ err }, 'unhandled error');
  return Errors.internal();
}

/** Default renderer for surfaces that do not render their own errors: `{errors:[{code, field, description}]}`. */
export function jsonErrorRenderer(log: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const appError = appErrorOf(err, log);
    if (res.headersSent) return void res.destroy();
    res
      .status(appError.status)
      .set(appError.headers)
      .json({
        errors: appError.details.map((d) => ({ code: appError.status, field: d.field, description: d.description })),
      });
  };
}

/** Pages (/, /r/:id, /console, /unit, /media): a short HTML page, Polish first, English beside. */
function pageErrorRenderer(log: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const appError = appErrorOf(err, log);
    if (res.headersSent) return void res.destroy();
    const [pl, en] =
      appError.status === 503
        ? ['Usługa jest chwilowo niedostępna. Spróbuj ponownie za chwilę.', 'The service is temporarily unavailable. Please try again shortly.']
        : appError.status >= 500
          ? ['Wystąpił błąd po naszej stronie.', 'Something went wrong on our side.']
          : ['Nie można obsłużyć tego adresu.', 'This address cannot be served.'];
    const detail = appError.details.map((d) => escapeHtml(d.field ? `${d.field}: ${d.description}` : d.description)).join('<br>');
    res
      .status(appError.status)
      .set(appError.headers)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        `<!doctype html><html lang="pl"><meta charset="utf-8"><title>Kontakt — ${appError.status}</title><h1>${pl}</h1><p lang="en">${en}</p><p><small>${detail}</small></p></html>\n`,
      );
  };
}
