/** `kontakt demo`: loads the demo city into an empty database and prints the demo logins and API key. */
import type { Command } from '../command';
import { UsageError } from '../command';
import { parse } from '../args';
import { withDatabase } from '../database';
import { loadDemo } from '../../demo/load';
import { demoAnnouncement, hasJurisdiction } from '../../demo/first-start';
import { DEFAULT_DEMO_OPTIONS } from '../../demo/generate';

function whole(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return Number(value);
}

export const demoCommand: Command = {
  words: ['demo'],
  summary: 'load the demo city (fictional Nadwiślin) into an empty database',
  usage: `kontakt demo [--seed N] [--requests N] [--addresses N]\n  defaults: --seed ${DEFAULT_DEMO_OPTIONS.seed} --requests ${DEFAULT_DEMO_OPTIONS.requests} --addresses ${DEFAULT_DEMO_OPTIONS.addresses}`,
  async run(args, ctx) {
    const { values } = parse(args, { seed: { type: 'string' }, requests: { type: 'string' }, addresses: { type: 'string' } });
    const options = {
      seed: whole(values.seed, 'seed', DEFAULT_DEMO_OPTIONS.seed, 0, 2 ** 31),
      requests: whole(values.requests, 'requests', DEFAULT_DEMO_OPTIONS.requests, 0, 1_000_000),
      addresses: whole(values.addresses, 'addresses', DEFAULT_DEMO_OPTIONS.addresses, 100, 2_000_000),
    };
    const config = ctx.config();
    const announcement = await withDatabase(config, async (db) => {
      // The demo only goes into an empty database: it must never mix with a real city's data.
      if (await hasJurisdiction(db)) return undefined;
      const result = await loadDemo(db, { ...options, log: (line) => ctx.stderr(`${line}\n`) });
      return demoAnnouncement(result, config.publicUrl);
    });
    if (announcement === undefined) {
      ctx.stderr(
        'kontakt demo: the database already holds a jurisdiction; the demo loads only into an empty database (use a new KONTAKT_DATA_DIR or database)\n',
      );
      return 1;
    }
    ctx.stdout(announcement);
    return 0;
  },
};
