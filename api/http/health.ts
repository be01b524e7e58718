/** /healthz (the process answers) and /readyz (the database answers and is migrated). */
import { Router } from 'express';
import type { AppDeps } from './deps';
import { migrationStatus } from '../db/migrate';
import { RETRY_AFTER_SECONDS } from '../db/unavailable';

export function healthRoutes({ db, log }: AppDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      const status = await migrationStatus(db);
      if (!status.current) {
        res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json({ status: 'migrations pending', pending: status.pending });
        return;
      }
      res.json({ status: 'ready', engine: db.engine, postgis: db.capabilities.postgisVersion });
    } catch (err) {
      // The driver's text names the host, port, user or file: it goes to the log, never to the client.
      log.warn({ err: (err as Error)?.message }, 'readyz: database unreachable');
      res
        .status(503)
        .set('Retry-After', String(RETRY_AFTER_SECONDS))
        .set('Cache-Control', 'no-store')
        .json({ status: 'database unreachable', engine: db.engine });
    }
  });
  return router;
}
