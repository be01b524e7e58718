import type { Command } from '../command';
import { UsageError } from '../command';
import { parse } from '../args';
import { withDatabase } from '../database';
import { pruneOrphanMedia } from '../../media/store';

export const mediaPruneCommand: Command = {
  words: ['media', 'prune'],
  summary: 'delete uploaded files that never reached a request (for a daily cron)',
  usage: 'kontakt media prune [--older-than-hours 24]',
  async run(args, ctx) {
    const { values } = parse(args, { 'older-than-hours': { type: 'string' } });
    const raw = values['older-than-hours'] ?? '24';
    // Below an hour a file might belong to a report being filed right now.
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--older-than-hours must be a whole number of at least 1, got ${JSON.stringify(raw)}`);
    const config = ctx.config();
    const removed = await withDatabase(config, (db) => pruneOrphanMedia(db.knex, config.dataDir, new Date(Date.now() - Number(raw) * 3_600_000)));
    ctx.stdout(`removed ${removed} unattached media file(s) older than ${raw} h\n`);
    return 0;
  },
};
