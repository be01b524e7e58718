/**
 * Open311 benchmark (issue #3), through the real HTTP app over the real pipeline:
 *  1. POST /requests.json (url-encoded, one attribute, fully resolved by the intake pipeline:
 *     district, unit, address, duplicates, SLA) — throughput and p50/p95/p99 at concurrency 1, 8, 32;
 *  2. GET /requests.json with a district's bbox, and with updated_after, 1,000-row pages — p50/p95;
 *  3. the same SQL (requestsSql + countRequestsSql) run alone through pg, for comparison.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bin/run-ts.js bench/open311.ts
 *   BENCH_OPEN311_REQUESTS (default 1,000,000 on the server engine, 100,000 embedded),
 *   BENCH_OPEN311_POSTS (posts per concurrency level, default 2,000), BENCH_OPEN311_SAMPLES (GETs, default 100).
 *
 * Synthetic city: Warsaw's extent (20.85-21.27 E, 52.10-52.37 N) as 18 rectangular districts with
 * one unit each (routing by district), 10 services in 3 groups; stored requests spread uniformly
 * over the last 365 days, 60% closed; generated set-based in one INSERT ... SELECT.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { benchDatabase, drive, printTable, stats, time } from './lib';
import { loadConfig } from '../api/config';
import { createApp } from '../api/http/app';
import { createLogger } from '../api/log';
import type { Database } from '../api/db/engine';
import { createApiClient } from '../api/accounts/api-clients';
import { countRequestsSql, requestsSql, RequestFilter } from '../api/open311/store';
import { submitReport } from '../api/pipeline/intake';

const W = 20.85,
  S = 52.1,
  E = 21.27,
  N = 52.37;
const COLS = 6,
  ROWS = 3;
const engine = process.env.DATABASE_URL ? 'server' : 'embedded';
const STORED = Number(process.env.BENCH_OPEN311_REQUESTS ?? (engine === 'server' ? 1_000_000 : 100_000));
const POSTS = Number(process.env.BENCH_OPEN311_POSTS ?? 2000);
const SAMPLES = Number(process.env.BENCH_OPEN311_SAMPLES ?? 100);
const J = 'bench311.pl';

async function createCity(db: Database): Promise<void> {
  const k = db.knex;
  await k.raw(`INSERT INTO jurisdictions (id, name, name_en, boundary) VALUES (?, 'Benchowo', 'Benchtown', ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)))`, [
    J,
    W,
    S,
    E,
    N,
  ]);
  const dw = (E - W) / COLS,
    dh = (N - S) / ROWS;
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      const code = `d${r}${c}`;
      const env = [W + c * dw, S + r * dh, W + (c + 1) * dw, S + (r + 1) * dh];
      await k.raw(
        `INSERT INTO districts (jurisdiction_id, code, name, geom, geom_hash, valid_from) VALUES (?, ?, ?, ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)), ?, '2020-01-01')`,
        [J, code, `Dzielnica ${code}`, ...env, code],
      );
      const [unit] = await k('units')
        .insert({ jurisdiction_id: J, code: `U${code}`, name: `Urząd ${code}`, kind: 'district_office' })
        .returning('id');
      await k('routing_rules').insert({ jurisdiction_id: J, code: `r-${code}`, district_code: code, unit_id: unit.id });
    }
  }
  await k.raw(
    `INSERT INTO district_parts (district_id, jurisdiction_id, geom) SELECT id, jurisdiction_id, (ST_Dump(ST_Subdivide(geom, 64))).geom FROM districts WHERE jurisdiction_id = ?`,
    [J],
  );
  const groups = ['roads', 'clean', 'green'];
  for (let i = 0; i < 10; i++) {
    const [svc] = await k('services')
      .insert({
        jurisdiction_id: J,
        code: `svc${i}`,
        name_pl: `Usługa ${i}`,
        name_en: `Service ${i}`,
        group_code: groups[i % 3],
        type: 'realtime',
        sla_resolution: 5,
        sla_resolution_unit: 'days',
      })
      .returning('id');
    await k('service_attributes').insert({
      service_id: svc.id,
      code: 'size',
      order: 1,
      datatype: 'singlevaluelist',
      required: true,
      description_pl: 'Rozmiar',
      description_en: 'Size',
      values: JSON.stringify([
        { key: 'small', name_pl: 'mała', name_en: 'small' },
        { key: 'large', name_pl: 'duża', name_en: 'large' },
      ]),
    });
  }
}

async function storeRequests(db: Database, count: number): Promise<void> {
  // Set-based: one statement; points uniform over the city, dates over the last 365 days. Row
  // triggers (the public map's cell counts) are off during the bulk load, as their migration asks,
  // and back on for the POSTs measured afterwards (map cells are not rebuilt: no GET here reads them).
  await db.knex.raw('ALTER TABLE requests DISABLE TRIGGER USER');
  await db.knex.raw(
    `WITH svc AS (SELECT array_agg(id ORDER BY id) AS ids FROM services WHERE jurisdiction_id = ?),
          g AS (SELECT i, ? + random() * ? AS x, ? + random() * ? AS y, now() - random() * interval '365 days' AS at FROM generate_series(1, ?) AS i)
     INSERT INTO requests (public_id, jurisdiction_id, service_id, status, detailed_status, description, geom, public_geom, district_id, unit_id, channel, requested_at, updated_at, created_at)
     SELECT 'B' || lpad(to_hex(g.i), 8, '0') || '-X', ?, svc.ids[1 + (g.i % 10)],
            CASE WHEN g.i % 10 < 6 THEN 'closed' ELSE 'open' END, CASE WHEN g.i % 10 < 6 THEN 'fixed' ELSE 'new' END,
            'Zgłoszenie testowe ' || g.i, ST_SetSRID(ST_MakePoint(g.x, g.y), 4326), ST_SetSRID(ST_MakePoint(g.x, g.y), 4326),
            d.id, rr.unit_id, 'open311', g.at, g.at + random() * interval '3 days', g.at
       FROM g CROSS JOIN svc
       JOIN districts d ON d.jurisdiction_id = ? AND d.geom && ST_SetSRID(ST_MakePoint(g.x, g.y), 4326) AND ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint(g.x, g.y), 4326))
       JOIN routing_rules rr ON rr.jurisdiction_id = ? AND rr.district_code = d.code`,
    [J, W, E - W, S, N - S, count, J, J, J],
  );
  await db.knex.raw('ALTER TABLE requests ENABLE TRIGGER USER');
  await db.knex.raw('ANALYZE requests');
}

async function main(): Promise<void> {
  const db = await benchDatabase('open311', { poolMax: 40 });
  try {
    await createCity(db);
    const seeding = await time(() => storeRequests(db, STORED));
    const stored = Number((await db.knex('requests').count<{ count: string }[]>('* as count'))[0].count);
    printTable('Stored requests (set-based INSERT ... SELECT)', [{ engine, requests: stored, seconds: seeding.ms / 1000 }]);

    const config = { ...loadConfig({ LOG_LEVEL: 'silent', KONTAKT_DEMO: 'false', KONTAKT_DATA_DIR: '/tmp/kontakt-bench-open311' }), port: 0 };
    const app = createApp({ config, db, log: createLogger(config) });
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    config.publicUrl = base;
    const { key } = await createApiClient(db.knex, { name: 'bench', rateLimitPerMinute: 10_000_000 });

    const dw = (E - W) / COLS,
      dh = (N - S) / ROWS;
    const postRows: Array<Record<string, string | number>> = [];
    let n = 0;
    for (const concurrency of [1, 8, 32]) {
      const count = concurrency === 1 ? Math.min(POSTS, 500) : POSTS;
      const failures: string[] = [];
      const s = await drive(count, concurrency, async () => {
        const i = n++;
        // Spread over the city so duplicate searches look at realistic neighbourhoods.
        const lat = S + (((i * 7919) % 1000) / 1000) * (N - S);
        const long = W + (((i * 104729) % 1000) / 1000) * (E - W);
        const body = new URLSearchParams({
          api_key: key,
          jurisdiction_id: J,
          service_code: `svc${i % 10}`,
          lat: lat.toFixed(6),
          long: long.toFixed(6),
          'attribute[size]': 'large',
          description: `Bench report ${i}`,
          email: `bench${i}@example.org`,
        });
        const res = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        const text = await res.text();
        if (res.status !== 200 && failures.length < 3) failures.push(`${res.status} ${text.slice(0, 200)}`);
      });
      if (failures.length) console.error(`POST failures at concurrency ${concurrency}:`, failures);
      postRows.push({ concurrency, posts: s.n, 'created/s': s.perSecond, 'p50 ms': s.p50, 'p95 ms': s.p95, 'p99 ms': s.p99, 'max ms': s.max });
    }
    // The pipeline alone, without HTTP and the Open311 layer, for comparison.
    const intake = submitReport;
    for (const concurrency of [1, 8]) {
      const count = concurrency === 1 ? Math.min(POSTS, 300) : Math.min(POSTS, 1000);
      const s = await drive(count, concurrency, async () => {
        const i = n++;
        const lat = S + (((i * 7919) % 1000) / 1000) * (N - S);
        const long = W + (((i * 104729) % 1000) / 1000) * (E - W);
        await intake(db, {
          jurisdictionId: J,
          serviceCode: `svc${i % 10}`,
          location: { kind: 'wgs84', lat, long },
          attributes: { size: 'large' },
          description: `Bench report ${i}`,
          channel: 'open311',
          reporter: { email: `bench${i}@example.org` },
        });
      });
      postRows.push({
        concurrency: `${concurrency} (pipeline only)`,
        posts: s.n,
        'created/s': s.perSecond,
        'p50 ms': s.p50,
        'p95 ms': s.p95,
        'p99 ms': s.p99,
        'max ms': s.max,
      });
    }
    printTable(`POST /requests.json (fully resolved; ${stored} stored)`, postRows);

    // A district in the middle of the city; 90-day default window; 1,000-row pages.
    const bbox = [W + 2 * dw, S + dh, W + 3 * dw, S + 2 * dh];
    const { rows: around } = await db.knex.raw(`SELECT updated_at FROM requests WHERE jurisdiction_id = ? ORDER BY updated_at DESC OFFSET 20000 LIMIT 1`, [J]);
    const updatedAfter = (around[0].updated_at as Date).toISOString().slice(0, 19) + 'Z';
    const getRows: Array<Record<string, string | number>> = [];
    const queries: Array<{ name: string; url: string; filter: RequestFilter }> = [
      {
        name: 'district bbox, 1000/page',
        url: `/open311/v2/requests.json?jurisdiction_id=${J}&bbox=${bbox.join(',')}&page_size=1000`,
        filter: {
          jurisdictionId: J,
          bbox: bbox as [number, number, number, number],
          start: new Date(Date.now() - 90 * 86400000),
          order: 'requested_desc',
          limit: 1000,
          offset: 0,
          extensions: false,
          serviceCodes: [],
          statuses: [],
        },
      },
      {
        name: 'updated_after, 1000/page',
        url: `/open311/v2/requests.json?jurisdiction_id=${J}&updated_after=${updatedAfter}&page_size=1000`,
        filter: {
          jurisdictionId: J,
          updatedFrom: new Date(updatedAfter),
          order: 'updated_asc',
          limit: 1000,
          offset: 0,
          extensions: false,
          serviceCodes: [],
          statuses: [],
        },
      },
    ];
    for (const q of queries) {
      let rows = 0;
      let total = '';
      const api = await drive(SAMPLES, 1, async () => {
        const res = await fetch(base + q.url);
        const body = (await res.json()) as unknown[];
        rows = body.length;
        total = res.headers.get('x-total-count') ?? '';
      });
      getRows.push({ query: q.name, via: 'HTTP API', rows, total, 'p50 ms': api.p50, 'p95 ms': api.p95, 'p99 ms': api.p99 });
      const sql = requestsSql(q.filter);
      const count = countRequestsSql(q.filter);
      const samples: number[] = [];
      const started = performance.now();
      for (let i = 0; i < SAMPLES; i++) {
        const t0 = performance.now();
        await Promise.all([db.knex.raw(sql.sql, sql.bindings), db.knex.raw(count.sql, count.bindings)]);
        samples.push(performance.now() - t0);
      }
      const direct = stats(samples, performance.now() - started);
      getRows.push({ query: q.name, via: 'same SQL via pg', rows, total, 'p50 ms': direct.p50, 'p95 ms': direct.p95, 'p99 ms': direct.p99 });
      const plan = await db.knex.raw(`EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF) ${sql.sql}`, sql.bindings);
      console.log(`\nEXPLAIN ${q.name}:\n${plan.rows.map((r: Record<string, string>) => Object.values(r)[0]).join('\n')}`);
    }
    printTable('GET /requests.json (p50/p95 over samples; page SQL and count SQL in parallel, as the API runs them)', getRows);
    await new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
