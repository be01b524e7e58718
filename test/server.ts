/**
 * A real HTTP server on an ephemeral port over a test database, for HTTP and browser tests.
 * Uses the same createApp as production.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig, Config } from '../api/config';
import type { Database } from '../api/db/engine';
import { createApp } from '../api/http/app';
import { createHttpServer } from '../api/http/client-errors';
import { createLogger } from '../api/log';
import { ensureWebBuilt } from '../api/http/web-build';

export interface TestServer {
  url: string;
  config: Config;
  close(): Promise<void>;
}

export async function startTestServer(db: Database, env: Record<string, string> = {}): Promise<TestServer> {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', KONTAKT_DEMO: 'false', ...env }), port: 0 };
  // As `kontakt serve` does: the pages link fingerprinted bundles, which exist only once built.
  await ensureWebBuilt(createLogger(config));
  const app = createApp({ config, db, log: createLogger(config) });
  const server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  config.publicUrl = url;
  return {
    url,
    config,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
