/**
 * Compression (issue #11 item 8) leaves streamed answers working: an event stream arrives chunk
 * by chunk, uncompressed; a long plain stream is compressed but arrives whole. The app runs with a
 * test surface that streams.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { loadConfig } from '../config';
import { createApp } from './app';
import { createHttpServer } from './client-errors';
import { createLogger } from '../log';
import { raw } from './fixtures/raw-http';

describe('compression and streamed answers (database, HTTP)', function () {
  let db: Database;
  let streams: { url: string; close: () => Promise<void> };
  before(async () => {
    db = await openTestDatabase('streaming');
    streams = await streamingServer(db);
  });
  after(async () => {
    await streams?.close();
    await db?.close();
  });

  it('streams an event stream chunk by chunk, uncompressed, and a long plain stream compressed but whole', async () => {
    const first = await new Promise<{ ms: number; encoding?: string; chunk: string }>((resolve, reject) => {
      const started = Date.now();
      http
        .get(`${streams.url}/stream/events`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
          res.once('data', (c: Buffer) => {
            resolve({ ms: Date.now() - started, encoding: res.headers['content-encoding'], chunk: c.toString('utf8') });
            res.destroy();
          });
        })
        .on('error', reject);
    });
    assert.equal(first.encoding, undefined);
    assert.match(first.chunk, /^data: 0/);
    assert.ok(first.ms < 1500, `the first event arrived after ${first.ms} ms, before the stream ended (3 s)`);

    const long = await raw(`${streams.url}/stream/text`, { 'Accept-Encoding': 'gzip' });
    assert.equal(long.headers['content-encoding'], 'gzip');
    const text = zlib.gunzipSync(long.body).toString('utf8');
    assert.equal(text.split('\n').filter(Boolean).length, 200);
    assert.match(text, /^line 0 .*\n(.*\n)*line 199 /);
  });
});

/** The same app with a test surface that streams, to check compression leaves streaming working. */
async function streamingServer(db: Database): Promise<{ url: string; close: () => Promise<void> }> {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), port: 0 };
  const stream = () => {
    const router = Router();
    router.get('/events', (_req, res) => {
      res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      res.flushHeaders();
      let n = 0;
      const timer = setInterval(() => {
        res.write(`data: ${n}\n\n`);
        if (++n === 6) {
          clearInterval(timer);
          res.end();
        }
      }, 500);
      res.on('close', () => clearInterval(timer));
    });
    router.get('/text', async (_req, res) => {
      res.type('text/plain');
      for (let i = 0; i < 200; i++) {
        res.write(`line ${i} ${'x'.repeat(100)}\n`);
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 10));
      }
      res.end();
    });
    return router;
  };
  const app = createApp({ config, db, log: createLogger(config) }, [{ path: '/stream', router: stream }]);
  const server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
