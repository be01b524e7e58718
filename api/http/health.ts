/** /healthz (the process answers) and /readyz (the database answers and is migrated). */
import { Router } from 'express';
import type { AppDeps } from './app';
import { migrationStatus } from '../db/migrate';

export function healthRoutes({ db }: AppDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      const status = await migrationStatus(db);
      if (!status.current) {
        res.status(503).json({ status: 'migrations pending', pending: status.pending });
        return;
      }
      res.json({ status: 'ready', engine: db.engine, postgis: db.capabilities.postgisVersion });
    } catch (err) {
      res.status(503).json({ status: 'database unreachable', error: (err as Error).message });
    }
  });
  return router;
}
