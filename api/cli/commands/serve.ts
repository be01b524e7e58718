import type { Command } from '../command';
import { parse } from '../args';

export const serveCommand: Command = {
  words: ['serve'],
  summary: 'run the server (npm start): migrate, load the demo city into an empty database, serve on PORT',
  usage: 'kontakt serve',
  async run(args, ctx) {
    parse(args, {});
    // Loaded on use: other commands should not pay for the server's imports.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startServer } = require('../../server') as typeof import('../../server');
    const server = await startServer(ctx.config());
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
