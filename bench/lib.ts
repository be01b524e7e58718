/**
 * Shared pieces of the benchmarks: an isolated schema on the chosen engine, latency percentiles,
 * a concurrency driver and a printed table. Benchmarks measure; tests never assert timings.
 *
 * Engine: the server engine when DATABASE_URL is set (what the goals are stated for), else embedded.
 */
import crypto from 'node:crypto';
import { openDatabase, Database } from '../api/db/engine';
import { migrateLatest } from '../api/db/migrate';

export async function benchDatabase(name: string, options: { keep?: boolean; poolMax?: number } = {}): Promise<Database> {
  const schema = `bench_${name.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}${options.keep ? '' : '_' + crypto.randomBytes(3).toString('hex')}`;
  const engine = process.env.DATABASE_URL ? 'server' : 'embedded';
  const db = await openDatabase({
    engine,
    databaseUrl: process.env.DATABASE_URL,
    embeddedDir: process.env.KONTAKT_BENCH_DIR ?? null,
    schema,
    poolMax: options.poolMax ?? 40,
  });
  await migrateLatest(db);
  if (!options.keep) {
    const close = db.close;
    db.close = async () => {
      await db.knex.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await close();
    };
  }
  return db;
}

export interface Stats {
  n: number;
  totalMs: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function stats(samplesMs: number[], totalMs: number): Stats {
  const s = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN);
  return { n: s.length, totalMs, perSecond: (s.length / totalMs) * 1000, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

/** Runs `task(i)` `count` times with `concurrency` workers; returns latency statistics. */
export async function drive(count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<Stats> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return stats(samples, performance.now() - started);
}

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Prints rows as an aligned text table (numbers rounded). */
export function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v >= 100 ? v.toFixed(0) : v.toFixed(2)) : v);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => fmt(r[c] ?? '').length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  process.stdout.write(
    `\n${title}\n${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map((r) => line(cols.map((c) => fmt(r[c] ?? '')))).join('\n')}\n`,
  );
}

/** Deterministic pseudo-random numbers (mulberry32), so benchmark data is the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
