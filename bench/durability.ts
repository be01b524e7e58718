/**
 * The durability test (test/durability.db.test.ts) at a larger volume, on both engines, as a table:
 * requests sent, acknowledged before `kill -9`, lost, twins, stuck keys.
 *
 *   npx tsx bench/durability.ts [requests=2000]      (the server engine runs when DATABASE_URL is set)
 *
 * It runs the test itself (one scenario, one copy of its code) with KONTAKT_DURABILITY_REQUESTS set,
 * and reads the figures the test prints.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const requests = Number(process.argv[2] ?? 2000);
const root = path.resolve(__dirname, '..');
const engines = process.env.DATABASE_URL ? ['embedded', 'server'] : ['embedded'];
const rows: Array<Record<string, unknown>> = [];

for (const engine of engines) {
  const env: NodeJS.ProcessEnv = { ...process.env, KONTAKT_DURABILITY_REQUESTS: String(requests) };
  if (engine === 'embedded') delete env.DATABASE_URL;
  const started = Date.now();
  const out = spawnSync(process.execPath, [path.join(root, 'node_modules/.bin/mocha'), '--timeout', '3600000', 'test/durability.db.test.ts'], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  const m = /durability \(\w+\): (\{.*\})/.exec(out.stdout);
  if (!m) {
    process.stderr.write(`${engine}: no figures\n${out.stdout}\n${out.stderr}\n`);
    process.exitCode = 1;
    continue;
  }
  rows.push({ ...JSON.parse(m[1]), passed: out.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

const cols = [
  'engine',
  'requests',
  'sentBeforeKill',
  'acknowledged',
  'lost',
  'twins',
  'stuck',
  'answeredWithAnotherId',
  'missingAfterRetry',
  'passed',
  'seconds',
];
process.stdout.write(`| ${cols.join(' | ')} |\n|${cols.map(() => '---').join('|')}|\n`);
for (const r of rows) process.stdout.write(`| ${cols.map((c) => String(r[c])).join(' | ')} |\n`);
