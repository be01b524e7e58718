/**
 * Starting and stopping the server: open and migrate the database, load the demo city into an
 * empty database, build the pages if they are not built, listen, and shut down gracefully.
 */
import type { Config } from './config';
import { createLogger, Logger } from './log';
import { openDatabase, openOptionsFromConfig, Database } from './db/engine';
import { migrateLatest } from './db/migrate';
import { createApp } from './http/app';
import { ensureWebBuilt } from './http/web-build';
import { createHttpServer } from './http/client-errors';
import { loadDemoIfEmpty } from './demo/first-start';
import { startNotifier } from './notify/dispatcher';
import { setPasswordCost } from './auth/secrets';

export interface RunningServer {
  url: string;
  db: Database;
  log: Logger;
  close(): Promise<void>;
}

export async function startServer(config: Config, options: { log?: Logger; announce?: (text: string) => void } = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config);
  setPasswordCost(config.passwordCost);
  if (config.passwordCost < 17)
    log.warn({ passwordCost: config.passwordCost }, 'KONTAKT_PASSWORD_COST below 17 weakens stored staff passwords; it is meant for tests only');
  const started = Date.now();
  // The database first: on the embedded engine it takes the data directory's lock (api/db/lock.ts),
  // so a second server refuses at once, before it builds or touches anything.
  const db = await openDatabase(openOptionsFromConfig(config));
  log.info({ engine: db.engine, capabilities: db.capabilities, ms: Date.now() - started }, 'database open');
  try {
    return await serveWith(db, config, log, started, options.announce);
  } catch (err) {
    // A start that fails (port taken, a migration refused) lets go of the directory.
    await db.close().catch(() => undefined);
    throw err;
  }
}

async function serveWith(db: Database, config: Config, log: Logger, started: number, announce?: (text: string) => void): Promise<RunningServer> {
  await ensureWebBuilt(log);
  const applied = await migrateLatest(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  if (config.demoOnEmpty) {
    const announcement = await loadDemoIfEmpty(db, config, log);
    if (announcement) (announce ?? ((t: string) => process.stdout.write(t)))(announcement);
  }
  const app = createApp({ config, db, log });
  const server = createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  log.info({ url, engine: db.engine, ms: Date.now() - started }, 'listening');
  // Notices to residents (api/notify): stopped before the database closes.
  const notifier = startNotifier({ config, db, log });
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
        server.closeIdleConnections();
      });
      await notifier.stop();
      await db.close();
      log.info('stopped');
    })());
  return { url, db, log, close };
}
