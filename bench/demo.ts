/**
 * The demo city (issue #2, item 5 and "Performance"): time to generate and load the demo, and
 * time to first page after `npm start` on an empty and on a warm data directory, on both engines.
 *
 *   node bin/run-ts.js bench/demo.ts                       embedded engine only
 *   DATABASE_URL=postgres://... node bin/run-ts.js bench/demo.ts   embedded and server
 *
 * Time to first page runs the real `kontakt serve --demo` (what `npm start` runs) as a child process (fresh KONTAKT_DATA_DIR for
 * the embedded engine, a fresh schema for the server) and polls /readyz and / until both answer 200.
 * "empty" includes migrations and the demo load; "warm" is a second start on the same data.
 *
 * Findings (2026-11-28, 2 CPUs shared with other test runs, load average ~15, so upper bounds):
 *   generation: city pack 0.5-1.0 s, requests 0.7-0.9 s (no database).
 *   loadDemo default size: embedded 10-54 s (17 s on a quiet machine), server 5-22 s; the batch
 *     resolution is the largest stage, then the import, then the history inserts.
 *   first page, empty data: embedded 68-74 s, server 16-27 s; warm: embedded 12-15 s, server 3-6 s.
 *   On an empty embedded data directory the demo is under half of it: creating the PGlite data
 *   directory and building the pages (`database open` in the log) took the rest.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, Database } from '../api/db/engine';
import { migrateLatest } from '../api/db/migrate';
import { generateDemoPack, DEFAULT_DEMO_OPTIONS } from '../api/demo/generate';
import { generateDemoRequests } from '../api/demo/requests';
import { loadDemo } from '../api/demo/load';
import { printTable, time } from './lib';

const BIN = path.resolve(__dirname, '../bin/kontakt.js');
const SERVER_URL = process.env.DATABASE_URL;

async function waitFor200(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `kontakt serve`, waits until /readyz and / answer 200, stops it; returns the ms until then. */
async function firstPage(env: NodeJS.ProcessEnv): Promise<{ readyMs: number; pageMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--demo'], { env: { ...env, PORT: '0', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stdout.resume();
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /running at (http:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code, signal) => reject(new Error(`kontakt serve exited (${code ?? signal}):\n${stderr}`)));
    });
    const deadline = Date.now() + 600_000;
    await waitFor200(`${url}/readyz`, deadline);
    const readyMs = performance.now() - started;
    await waitFor200(`${url}/`, deadline);
    return { readyMs, pageMs: performance.now() - started };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

async function main(): Promise<void> {
  // `--first-page` skips generation and loadDemo and measures only the time to first page.
  const onlyFirstPage = process.argv.includes('--first-page');
  if (!onlyFirstPage) await generationAndLoad();
  await timeToFirstPage();
}

const engines: Array<'embedded' | 'server'> = SERVER_URL ? ['embedded', 'server'] : ['embedded'];

async function generationAndLoad(): Promise<void> {
  // Generation alone, no database.
  const pack = await time(async () => generateDemoPack());
  const requests = await time(async () => generateDemoRequests(pack.value, { count: DEFAULT_DEMO_OPTIONS.requests, seed: 1, now: new Date() }));
  const bytes = Object.values(pack.value.files).reduce((s, f) => s + Buffer.byteLength(f), 0);
  printTable('Demo generation (default size, no database)', [
    { step: 'city pack', ms: pack.ms, size: `${(bytes / 1e6).toFixed(1)} MB, ${pack.value.geography.addresses.length} addresses` },
    { step: 'requests', ms: requests.ms, size: `${requests.value.requests.length} requests, ${requests.value.people.length} people` },
  ]);

  // loadDemo stage by stage, default size.
  const loads: Array<Record<string, string | number>> = [];
  for (const engine of engines) {
    const schema = `bench_demo_${crypto.randomBytes(3).toString('hex')}`;
    const db: Database = await openDatabase({ engine, databaseUrl: SERVER_URL, embeddedDir: null, schema, poolMax: 10 });
    try {
      await migrateLatest(db);
      const result = await loadDemo(db);
      loads.push({ engine, ...result.ms });
    } finally {
      if (engine === 'server') await db.knex.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  }
  printTable(`loadDemo, default size (${DEFAULT_DEMO_OPTIONS.addresses} addresses, ${DEFAULT_DEMO_OPTIONS.requests} requests), ms per stage`, loads);
}

async function timeToFirstPage(): Promise<void> {
  // Time to first page after `kontakt serve`.
  const rows: Array<Record<string, string | number>> = [];
  for (const engine of engines) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    let schema: string | undefined;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-bench-demo-'));
    env.KONTAKT_DATA_DIR = dataDir;
    if (engine === 'server') {
      schema = `bench_first_${crypto.randomBytes(3).toString('hex')}`;
      env.KONTAKT_DB_SCHEMA = schema;
    } else {
      delete env.DATABASE_URL;
    }
    try {
      const empty = await firstPage(env);
      rows.push({ engine, data: 'empty (migrate + demo)', 'readyz ms': empty.readyMs, 'first page ms': empty.pageMs });
      const warm = await firstPage(env);
      rows.push({ engine, data: 'warm', 'readyz ms': warm.readyMs, 'first page ms': warm.pageMs });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (schema) {
        const db = await openDatabase({ engine: 'server', databaseUrl: SERVER_URL });
        await db.knex.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await db.close();
      }
    }
  }
  printTable('Time to first page after `kontakt serve` (child process, PORT=0)', rows);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
