import type { Command } from '../command';
import { parse } from '../args';
import { openDatabase, openOptionsFromConfig } from '../../db/engine';
import { migrateLatest } from '../../db/migrate';

export const migrateCommand: Command = {
  words: ['migrate'],
  summary: 'bring the database to the latest schema',
  usage: 'kontakt migrate',
  async run(args, ctx) {
    parse(args, {});
    const config = ctx.config();
    const db = await openDatabase(openOptionsFromConfig(config));
    try {
      const applied = await migrateLatest(db);
      ctx.stderr(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'the schema is up to date\n');
      return 0;
    } finally {
      await db.close();
    }
  },
};
