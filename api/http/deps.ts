/**
 * What every HTTP surface is built from. It lives apart from `app.ts` so that surfaces can name
 * their dependencies without importing the module that imports them (no import cycles; the
 * dependency graph shows the real layering: app → surfaces → deps).
 */
import type { ErrorRequestHandler, Router } from 'express';
import type { Config } from '../config';
import type { Database } from '../db/engine';
import type { Logger } from '../log';

export interface AppDeps {
  config: Config;
  db: Database;
  log: Logger;
}

/** A surface: a base path and a router built from the shared dependencies. */
export interface Surface {
  path: string;
  router: (deps: AppDeps) => Router;
  /** Renders errors raised before the surface's router runs (the app-level input guard) in the surface's format. */
  errors?: (deps: AppDeps) => ErrorRequestHandler;
}
