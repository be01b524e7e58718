/** GET /media/<public_id>: cleaned public images, with their detected type and no sniffing. */
import { Router } from 'express';
import type { AppDeps } from '../http/deps';
import { findPublicFile } from './store';

export function mediaRoutes({ db, config }: AppDeps): Router {
  const router = Router();
  router.get('/:publicId', async (req, res, next) => {
    try {
      const publicId = String(req.params.publicId);
      const found = /^[A-Za-z0-9_-]{1,64}$/.test(publicId) ? await findPublicFile(db.knex, config.dataDir, publicId) : undefined;
      if (!found) {
        res.status(404).type('text/plain; charset=utf-8').send('media not found');
        return;
      }
      res.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'public, max-age=86400', 'Content-Security-Policy': "default-src 'none'" });
      res.type(found.type).sendFile(found.file, (err) => {
        if (err && !res.headersSent) res.status(404).type('text/plain; charset=utf-8').send('media not found');
      });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
