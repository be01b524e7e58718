import type { Command } from '../command';
import { parse } from '../args';

export const serveCommand: Command = {
  words: ['serve'],
  summary: 'run the server: migrate, serve on PORT; with --demo (npm start) load the demo city into an empty database',
  usage:
    "kontakt serve [--demo]\n  --demo: demo mode (also KONTAKT_DEMO=true): an empty database gets the demo city and its staff logins with\n          published passwords. Never on a real city's server; without it no account is created.",
  async run(args, ctx) {
    const { values } = parse(args, { demo: { type: 'boolean' } });
    const config = ctx.config();
    if (values.demo) config.demoOnEmpty = true;
    // Loaded on use: other commands should not pay for the server's imports.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startServer } = require('../../server') as typeof import('../../server');
    const server = await startServer(config);
    ctx.stderr(`Kontakt is running at ${server.url} (${server.db.engine} database)\n`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        server.log.info({ signal }, 'shutting down');
        server.close().then(resolve, resolve);
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    return 0;
  },
};
