/**
 * Resolution pipeline benchmark (issue #4). Synthetic city on Warsaw's extent:
 *   100 districts (10 x 10 grid, boundaries segmentized to ~320 vertices, cut into 64-vertex parts),
 *   10,000 routing-rule polygons (~300 m squares, random services) + group rules + a default,
 *   5,000 streets with 200 address points each (1,000,000), 1,000,000 requests over a year (10% open),
 * all generated set-based with generate_series. Then measures:
 *   1. the full intake per report (submitReport, lat/long, no geocoding): latency at 1 client = DB time
 *      plus Node overhead, and throughput at 8 clients;
 *   2. the resolution statement alone (district + unit + address + duplicates) and the duplicate
 *      search alone: p50 / p95;
 *   3. geocoder autocomplete: p50 / p95;
 *   4. batch resolution of all the generated requests (points per second).
 * Each hot query is EXPLAINed once (printed; the findings are kept next to the SQL).
 *
 *   DATABASE_URL=postgres://... node bin/run-ts.js bench/pipeline.ts      (server, full volumes)
 *   node bin/run-ts.js bench/pipeline.ts                                   (embedded, 1/20 volumes)
 *   BENCH_PIPELINE_SCALE=0.1 to scale the volumes.
 */
import type { Knex } from 'knex';
import { benchDatabase, drive, printTable, seeded, time } from './lib';
import os from 'node:os';
import type { Database } from '../api/db/engine';
import { submitReport } from '../api/pipeline/intake';
import { resolvePoint, type ServiceRow } from '../api/pipeline/resolve';
import { duplicatesLateral } from '../api/pipeline/duplicates';
import { resolveBatch } from '../api/pipeline/batch';
import { autocomplete } from '../api/geocoder/search';
import { generate, engine, E, J, N, REQUESTS, S, W } from './pipeline-city';
import { fold } from '../kernel/fold';

const SAMPLES = engine === 'server' ? 2000 : 300;

/** EXPLAIN the next statement `fn` sends (the last one when it sends several matching `pick`). */
async function explain(db: Database, label: string, fn: () => Promise<unknown>, pick: RegExp): Promise<void> {
  const seen: Array<{ sql: string; bindings: unknown[] }> = [];
  const listener = (q: { sql: string; bindings: unknown[] }) => seen.push(q);
  db.knex.on('query', listener);
  await fn();
  db.knex.removeListener('query', listener);
  const q = seen.filter((s) => pick.test(s.sql)).pop();
  if (!q) return;
  // In a transaction rolled back afterwards: EXPLAIN ANALYZE runs a data-modifying statement for real.
  let plan: { rows: unknown[] } = { rows: [] };
  await db.knex
    .transaction(async (trx) => {
      plan = await trx.raw(
        `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${q.sql.replace(/\?/g, '\\?').replace(/\$\d+/g, '?')}`,
        q.bindings as Knex.RawBinding[],
      );
      await trx.rollback();
    })
    .catch(() => undefined);
  const lines = (plan.rows as Array<Record<string, string>>).map((r) => Object.values(r)[0]);
  const keep = lines.filter((l) => /Scan|Join|Limit|Sort|Execution|Planning|Subquery|Nested|InitPlan/.test(l));
  process.stdout.write(`\nEXPLAIN ${label}\n${keep.map((l) => '  ' + l).join('\n')}\n`);
}

async function main(): Promise<void> {
  const db = await benchDatabase('pipeline', { poolMax: 16 });
  try {
    const gen = await time(() => generate(db));
    const counts = (
      await db.knex.raw(
        `SELECT (SELECT count(*) FROM district_parts) AS parts, (SELECT count(*) FROM routing_rules) AS rules, (SELECT count(*) FROM addresses) AS addresses, (SELECT count(*) FROM requests) AS requests`,
      )
    ).rows[0];
    printTable(`Generated (${engine}, ${(gen.ms / 1000).toFixed(1)} s)`, [{ districts: 100, ...counts }]);

    const rnd = seeded(4);
    const pt = () => ({ lat: S + 0.01 + rnd() * (N - S - 0.02), long: W + 0.01 + rnd() * (E - W - 0.02) });
    const services = (await db.knex.raw(`SELECT * FROM services WHERE jurisdiction_id = ? ORDER BY id`, [J])).rows as ServiceRow[];
    const svc = () => services[Math.floor(rnd() * services.length)];
    const streets = (await db.knex.raw(`SELECT name FROM streets ORDER BY id LIMIT 500`)).rows.map((r: { name: string }) => r.name) as string[];

    const report = () => {
      const p = pt();
      return submitReport(db, {
        jurisdictionId: J,
        serviceCode: svc().code,
        channel: 'web',
        location: { kind: 'wgs84', ...p },
        description: 'Dziura w jezdni',
      });
    };
    await explain(db, 'resolution (district, rule, address, duplicates: one statement)', report, /WITH t AS/);
    await explain(db, 'store (person, request, reporter, events, media: one statement)', report, /req AS \(INSERT/);
    await explain(db, 'autocomplete (streets by trigram)', () => autocomplete(db, J, streets[7].slice(0, 6), 10), /FROM streets s, q/);
    await explain(db, 'autocomplete (house numbers)', () => autocomplete(db, J, `${streets[7]} 1`, 10), /unnest/);

    const resolveOnly = () => {
      const p = pt();
      return resolvePoint(db, { jurisdictionId: J, ...p, at: new Date(), service: svc(), text: 'Dziura' });
    };
    const dupSql = `SELECT dups.list FROM (SELECT ?::text AS jurisdiction_id, ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326) AS geom, now() AS at, ?::bigint AS service_id,
                    ?::text AS dup_group, ?::int AS radius_m, 30 AS window_days, 'suggest'::text AS policy, 'Dziura'::text AS txt) t ${duplicatesLateral('t')}`;
    const dupOnly = () => {
      const p = pt();
      const s = svc();
      return db.knex.raw(dupSql, [J, p.long, p.lat, s.id, s.duplicate_group, s.duplicate_radius_m]);
    };
    await explain(db, 'duplicate search alone', dupOnly, /dups/);

    const conc = engine === 'server' ? 8 : 1;
    const rows = [];
    rows.push({ work: 'submitReport (full intake, lat/long), 1 client', ...pick(await drive(SAMPLES, 1, report)) });
    rows.push({ work: `submitReport, ${conc} clients`, ...pick(await drive(SAMPLES, conc, report)) });
    rows.push({ work: 'resolution statement alone', ...pick(await drive(SAMPLES, 1, resolveOnly)) });
    rows.push({ work: 'duplicate search alone', ...pick(await drive(SAMPLES, 1, dupOnly)) });
    rows.push({
      work: 'autocomplete "street prefix"',
      ...pick(await drive(SAMPLES, 1, (i) => autocomplete(db, J, streets[i % streets.length].slice(0, 5 + (i % 4)), 10))),
    });
    rows.push({
      work: 'autocomplete "street number"',
      ...pick(await drive(SAMPLES, 1, (i) => autocomplete(db, J, `${fold(streets[i % streets.length])} ${1 + (i % 150)}`, 10))),
    });
    printTable(
      `Per-operation latency (${engine}; ${counts.addresses} addresses, ${counts.requests} requests; load average ${os.loadavg()[0].toFixed(1)})`,
      rows,
    );

    // The public map's row trigger (issue #6, requests_map_cells) upserts 18 grid cells for every
    // request whose public point changes; it is measured apart. First without it (the map is then
    // rebuilt set-based, as an import would), then with it on a sample of rows reset to unresolved.
    const trigger =
      (
        await db.knex.raw(`SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                                          WHERE t.tgname = 'requests_map_cells' AND n.nspname = current_schema()`)
      ).rows.length > 0;
    if (trigger) await db.knex.raw(`ALTER TABLE requests DISABLE TRIGGER requests_map_cells`);
    const batch = await resolveBatch(db, { jurisdictionId: J, chunkSize: Number(process.env.BENCH_PIPELINE_CHUNK ?? 20_000) });
    const out: Array<Record<string, string | number>> = [
      {
        run: trigger ? 'all requests, map trigger off' : 'all requests',
        requests: batch.resolved,
        seconds: batch.ms / 1000,
        'sql s': batch.sqlMs / 1000,
        'sla s': batch.slaMs / 1000,
        'points/s': (batch.resolved / batch.ms) * 1000,
      },
    ];
    if (trigger) {
      const sample = Math.min(20_000, REQUESTS);
      await db.knex.raw(`UPDATE requests SET district_id = NULL WHERE id IN (SELECT id FROM requests ORDER BY id LIMIT ?)`, [sample]);
      await db.knex.raw(`UPDATE requests SET public_geom = NULL WHERE id IN (SELECT id FROM requests ORDER BY id LIMIT ?)`, [sample]);
      await db.knex.raw(`ALTER TABLE requests ENABLE TRIGGER requests_map_cells`);
      const withTrigger = await resolveBatch(db, { jurisdictionId: J });
      out.push({
        run: `${sample} requests, map trigger on`,
        requests: withTrigger.resolved,
        seconds: withTrigger.ms / 1000,
        'sql s': withTrigger.sqlMs / 1000,
        'sla s': withTrigger.slaMs / 1000,
        'points/s': (withTrigger.resolved / withTrigger.ms) * 1000,
      });
    }
    const load = os.loadavg()[0];
    printTable(`Batch resolution (${engine}; load average ${load.toFixed(1)})`, out);
  } finally {
    await db.close();
  }
}

function pick(s: { n: number; p50: number; p95: number; p99: number; perSecond: number }) {
  return { n: s.n, 'p50 ms': s.p50, 'p95 ms': s.p95, 'p99 ms': s.p99, 'per s': s.perSecond };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
