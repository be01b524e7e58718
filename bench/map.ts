/**
 * Public map benchmark (issue #6). Measures, through the real HTTP app:
 *  1. building the pre-aggregated map_cells for N requests (default 1,000,000 on the server engine);
 *  2. what the map trigger adds to each insert;
 *  3. viewport answers (clusters / points) for a phone screen (360 x 640 px) from the whole city
 *     (zoom 10) down to a street (zoom 18), with and without filters: p50 / p95;
 *  4. first map paint in headless Chromium (navigation start -> the map has drawn its data), on this
 *     city and on the demo city (loadDemo).
 *
 *   DATABASE_URL=postgres://... node bin/run-ts.js bench/map.ts
 *   node bin/run-ts.js bench/map.ts                      (embedded; BENCH_MAP_REQUESTS defaults to 200,000)
 *   BENCH_MAP_REQUESTS=... BENCH_MAP_SAMPLES=... BENCH_MAP_DEMO=0 to skip the demo city paint;
 *   BENCH_MAP_KEEP=1 keeps the loaded schema `bench_map` and reuses it on the next run.
 *
 * Synthetic city: Warsaw's extent (20.85-21.27 E, 52.10-52.37 N) as 18 rectangular districts, 30
 * services in 8 groups (3 fuzzed, 1 private), points 70% around 12 hot spots and 30% uniform, over
 * two years in arrival order (as a real city stores them: a month's requests sit together on disk),
 * 60% closed.
 */
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { benchDatabase, drive, printTable, seeded, time } from './lib';
import { loadConfig } from '../api/config';
import { createApp } from '../api/http/app';
import { createLogger } from '../api/log';
import type { Database } from '../api/db/engine';
import { rebuildMapCells } from '../api/map/store';
import { cellRange, splitMonths, toLonLat, toMercator } from '../api/map/grid';
import * as sql from '../api/map/sql';
import { loadDemo } from '../api/demo/load';
import { ensureWebBuilt } from '../api/http/web-build';
import { launchBrowser } from '../test/browser';

const W = 20.85,
  S = 52.1,
  E = 21.27,
  N = 52.37;
const COLS = 6,
  ROWS = 3;
const engine = process.env.DATABASE_URL ? 'server' : 'embedded';
const REQUESTS = Number(process.env.BENCH_MAP_REQUESTS ?? (engine === 'server' ? 1_000_000 : 200_000));
const SAMPLES = Number(process.env.BENCH_MAP_SAMPLES ?? (engine === 'server' ? 200 : 60));
const CONCURRENCY = engine === 'server' ? 4 : 1;

async function createCity(db: Database): Promise<{ firstService: number; firstDistrict: number }> {
  const k = db.knex;
  await k.raw(
    `INSERT INTO jurisdictions (id, name, name_en, boundary, settings) VALUES ('bench.pl', 'Benchowo', 'Benchtown', ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)), ?)`,
    [W, S, E, N, JSON.stringify({ map: { center: [21.01, 52.23], zoom: 11 } })],
  );
  const dw = (E - W) / COLS,
    dh = (N - S) / ROWS;
  let firstDistrict = 0;
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      const code = String(r * COLS + c + 1).padStart(2, '0');
      const id = (
        await k.raw(
          `INSERT INTO districts (jurisdiction_id, code, name, geom, geom_hash, valid_from) VALUES ('bench.pl', ?, ?, ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)), ?, '2000-01-01') RETURNING id`,
          [code, `Dzielnica ${code}`, W + c * dw, S + r * dh, W + (c + 1) * dw, S + (r + 1) * dh, code],
        )
      ).rows[0].id;
      await k.raw(
        `INSERT INTO district_parts (district_id, jurisdiction_id, geom) SELECT id, jurisdiction_id, (ST_Dump(geom)).geom FROM districts WHERE id = ?`,
        [id],
      );
      if (!firstDistrict) firstDistrict = id;
    }
  }
  const groups = ['roads', 'lighting', 'cleaning', 'green', 'transport', 'water', 'order', 'other'];
  let firstService = 0;
  for (let i = 0; i < 30; i++) {
    const privacy = i === 27 ? 'private' : i >= 24 ? 'fuzzed' : 'public';
    const id = (
      await k('services')
        .insert({
          jurisdiction_id: 'bench.pl',
          code: `s${i}`,
          name_pl: `Usługa ${i}`,
          name_en: `Service ${i}`,
          group_code: groups[i % groups.length],
          privacy,
          fuzz_radius_m: privacy === 'fuzzed' ? 200 : 0,
        })
        .returning('id')
    )[0].id;
    if (!firstService) firstService = id;
  }
  return { firstService, firstDistrict };
}

async function loadRequests(db: Database, ids: { firstService: number; firstDistrict: number }, count: number): Promise<void> {
  const k = db.knex;
  await k.raw(`SELECT setseed(0.42)`);
  const chunk = 100_000;
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk) - 1;
    // Hot spots: 12 fixed centres; Box-Muller gaussian with sigma ~1.5 km.
    await k.raw(
      `INSERT INTO requests (public_id, jurisdiction_id, service_id, status, geom, public_geom, district_id, requested_at, closed_at)
       SELECT 'B' || lpad(q.g::text, 9, '0'), 'bench.pl', ? + q.svc, CASE WHEN q.closed THEN 'closed' ELSE 'open' END,
              q.pt, CASE WHEN q.svc = 27 THEN NULL WHEN q.svc >= 24 THEN ST_SnapToGrid(q.pt, 0.003) ELSE q.pt END,
              ? + least(${COLS - 1}, greatest(0, floor((q.x - ?) / ?)::int)) + ${COLS} * least(${ROWS - 1}, greatest(0, floor((q.y - ?) / ?)::int)),
              q.at, CASE WHEN q.closed THEN q.at + interval '3 days' END
         FROM (SELECT p.g, p.svc, p.closed, p.at, p.x, p.y, ST_SetSRID(ST_MakePoint(p.x, p.y), 4326) AS pt
                 FROM (SELECT s.g, (s.g % 30) AS svc, random() < 0.6 AS closed, now() - interval '730 days' * (1 - s.g::float8 / ?) + random() * interval '1 hour' AS at,
                              CASE WHEN s.hot THEN least(?, greatest(?, 20.93 + (s.g % 12 % 4) * 0.09 + 0.022 * s.n1)) ELSE ? + random() * ? END AS x,
                              CASE WHEN s.hot THEN least(?, greatest(?, 52.17 + (s.g % 12 / 4) * 0.06 + 0.0135 * s.n2)) ELSE ? + random() * ? END AS y
                         FROM (SELECT g, random() < 0.7 AS hot,
                                      sqrt(-2 * ln(greatest(random(), 1e-12))) * cos(2 * pi() * random()) AS n1,
                                      sqrt(-2 * ln(greatest(random(), 1e-12))) * cos(2 * pi() * random()) AS n2
                                 FROM generate_series(?::int, ?::int) g) s) p) q`,
      [ids.firstService, ids.firstDistrict, W, (E - W) / COLS, S, (N - S) / ROWS, count, E, W, W, E - W, N, S, S, N - S, from, to],
    );
    process.stdout.write(`  loaded ${to + 1} requests\r`);
  }
  process.stdout.write('\n');
}

/** A phone screen (360 x 640 CSS px) at zoom z around a centre, as west,south,east,north. */
function phoneViewport(lon: number, lat: number, zoom: number): [number, number, number, number] {
  const [x, y] = toMercator(lon, lat);
  const res = 156543.03392804097 / 2 ** zoom;
  const [w, s] = toLonLat(x - 180 * res, y - 320 * res);
  const [e, n] = toLonLat(x + 180 * res, y + 320 * res);
  return [w, s, e, n];
}

async function serve(db: Database): Promise<{ url: string; close: () => Promise<void> }> {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', KONTAKT_DEMO: 'false' }), port: 0 };
  const app = createApp({ config, db, log: createLogger(config) });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config.publicUrl = url;
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

async function firstPaint(url: string, runs = 5): Promise<{ p50: number; max: number }> {
  const browser = await launchBrowser();
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.goto(url + '/');
      await page.waitForFunction(
        () => {
          const el = document.getElementById('map');
          return !!el?.dataset.loaded && el.dataset.loaded === el.dataset.requested && el.dataset.rendered === el.dataset.loaded;
        },
        undefined,
        { timeout: 30000 },
      );
      samples.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)], max: samples[samples.length - 1] };
}

async function main(): Promise<void> {
  console.log(`public map benchmark: ${engine} engine, ${REQUESTS.toLocaleString('en')} requests, ${SAMPLES} viewports per row, concurrency ${CONCURRENCY}`);
  // The machine may be shared (CI, other benchmarks): say how busy it was, numbers scale with it.
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
  console.log(`load average at start (${os.cpus().length} CPUs): ${load()}`);
  await ensureWebBuilt(createLogger({ logLevel: 'silent' }));
  const keep = process.env.BENCH_MAP_KEEP === '1';
  const db = await benchDatabase('map', { poolMax: 10, keep });
  const build: Array<Record<string, string | number>> = [];
  try {
    const loaded = Number((await db.knex('requests').count('* as n'))[0].n);
    let ids: { firstService: number; firstDistrict: number };
    if (keep && loaded >= REQUESTS) {
      ids = { firstService: (await db.knex('services').min('id as m'))[0].m, firstDistrict: (await db.knex('districts').min('id as m'))[0].m };
      await db.knex('requests').where('public_id', 'like', 'T%').delete();
      build.push({ step: `reused schema bench_map with ${loaded} requests`, ms: 0 });
    } else {
      if (keep) await db.knex.raw('TRUNCATE requests, map_cells, map_cells_total, services, district_parts, districts, jurisdictions CASCADE');
      ids = await createCity(db);
      await db.knex.raw('ALTER TABLE requests DISABLE TRIGGER requests_map_cells');
      build.push({ step: `insert ${REQUESTS} requests (trigger off)`, ms: (await time(() => loadRequests(db, ids, REQUESTS))).ms });
      build.push({ step: 'rebuildMapCells (levels 8-16)', ms: (await time(() => rebuildMapCells(db.knex))).ms });
      await db.knex.raw('ALTER TABLE requests ENABLE TRIGGER requests_map_cells');
      build.push({ step: 'VACUUM ANALYZE', ms: (await time(() => db.knex.raw('VACUUM ANALYZE requests'))).ms });
    }
    await db.knex.raw('ANALYZE map_cells');
    await db.knex.raw('ANALYZE map_cells_total');
    const cells = Number((await db.knex('map_cells').count('* as n'))[0].n);
    build.push({ step: `map_cells rows: ${cells}`, ms: 0 });

    // What the trigger adds to one insert (the intake's hot path).
    const single = async (label: string, n: number) => {
      const rnd = seeded(7);
      const s = await drive(n, 1, async (i) =>
        db.knex.raw(
          `INSERT INTO requests (public_id, jurisdiction_id, service_id, geom, public_geom, district_id) VALUES (?, 'bench.pl', ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), ST_SetSRID(ST_MakePoint(?, ?), 4326), ?)`,
          [`T${label}${i}`, ids.firstService + (i % 24), 20.9 + rnd() * 0.3, 52.15 + rnd() * 0.2, 20.9 + rnd() * 0.3, 52.15 + rnd() * 0.2, ids.firstDistrict],
        ),
      );
      return s;
    };
    await db.knex.raw('ALTER TABLE requests DISABLE TRIGGER requests_map_cells');
    const off = await single('off', 500);
    await db.knex.raw('ALTER TABLE requests ENABLE TRIGGER requests_map_cells');
    const on = await single('on', 500);
    build.push({ step: `one insert, trigger off: p50 ${off.p50.toFixed(2)} ms / p95 ${off.p95.toFixed(2)} ms`, ms: 0 });
    build.push({ step: `one insert, trigger on:  p50 ${on.p50.toFixed(2)} ms / p95 ${on.p95.toFixed(2)} ms`, ms: 0 });
    printTable('build', build);

    const server = await serve(db);
    const rows: Array<Record<string, string | number>> = [];
    const filters: Record<string, string> = {
      none: '',
      'group=roads': '&group=roads',
      'open, last 30 days': `&status=open&start_date=${new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10)}`,
      'district=08': '&district=08',
      'Jan-Jun 2026 (partial months)': '&start_date=2026-01-10&end_date=2026-06-20',
    };
    for (const zoom of [10, 11, 12, 13, 14, 15, 16, 17, 18]) {
      for (const [label, extra] of Object.entries(filters)) {
        if (zoom >= 17 && label !== 'none' && label !== 'group=roads') continue;
        const rnd = seeded(zoom * 100 + label.length);
        let items = 0;
        let bytes = 0;
        // Date filters read partial months from requests: fewer samples keep the run short.
        const samples = extra.includes('date') ? Math.max(10, Math.floor(SAMPLES / 4)) : SAMPLES;
        const s = await drive(samples, CONCURRENCY, async () => {
          const bbox = phoneViewport(20.95 + rnd() * 0.2, 52.17 + rnd() * 0.12, zoom);
          const res = await fetch(`${server.url}/api/public/map?bbox=${bbox.map((v) => v.toFixed(6)).join(',')}&zoom=${zoom}${extra}`);
          const text = await res.text();
          if (!res.ok) throw new Error(text);
          bytes += text.length;
          const body = JSON.parse(text);
          items += body.kind === 'clusters' ? body.clusters.length : body.points.length;
        });
        rows.push({
          zoom,
          filter: label,
          'p50 ms': s.p50,
          'p95 ms': s.p95,
          'p99 ms': s.p99,
          'per s': s.perSecond,
          'items/answer': Math.round(items / samples),
          'KB/answer': Math.round(bytes / samples / 102.4) / 10,
          n: samples,
        });
      }
    }
    printTable(
      `viewport answers (GET /api/public/map, phone 360x640), ${REQUESTS.toLocaleString('en')} requests, ${engine}; load average after: ${load()}`,
      rows,
    );

    // EXPLAIN of the hot queries, kept for the comment in api/map/sql.ts.
    const explain = async (title: string, q: { sql: string; bindings: unknown[] }) => {
      const plan = await db.knex.raw(`EXPLAIN (ANALYZE, COSTS OFF) ${q.sql}`, q.bindings as never);
      console.log(`\nEXPLAIN ${title}:\n` + plan.rows.map((r: Record<string, string>) => '  ' + r['QUERY PLAN']).join('\n'));
    };
    const all = { serviceIds: null, districtIds: null };
    const city = phoneViewport(21.01, 52.23, 10);
    await explain('clusters, zoom 10, no filter', sql.unionCells([sql.cellsFromAggregates(cellRange(city, 10), all)]));
    const street = phoneViewport(21.01, 52.23, 16);
    await explain('clusters, zoom 16, no filter', sql.unionCells([sql.cellsFromAggregates(cellRange(street, 16), all)]));
    const since = new Date(Date.now() - 30 * 86400000);
    const split = splitMonths(since, undefined);
    await explain(
      'clusters, zoom 10, last 30 days',
      sql.unionCells([
        sql.cellsFromAggregates(cellRange(city, 10), all, split.months),
        ...split.edges.map(([f, t]) => sql.cellsFromRequests(cellRange(city, 10), city, all, f, t)),
      ]),
    );
    await explain('points, zoom 17', sql.pointsInBox(phoneViewport(21.01, 52.23, 17), all, 1501));

    const paint = await firstPaint(server.url);
    const paints: Array<Record<string, string | number>> = [
      { city: `synthetic, ${REQUESTS.toLocaleString('en')} requests`, 'p50 ms': paint.p50, 'max ms': paint.max },
    ];
    await server.close();

    if (process.env.BENCH_MAP_DEMO !== '0') {
      const demoDb = await benchDatabase('map_demo', { poolMax: 10 });
      try {
        const loaded = await time(() => loadDemo(demoDb));
        const demoServer = await serve(demoDb);
        const demoPaint = await firstPaint(demoServer.url);
        paints.push({ city: `demo city (loadDemo defaults, loaded in ${Math.round(loaded.ms)} ms)`, 'p50 ms': demoPaint.p50, 'max ms': demoPaint.max });
        await demoServer.close();
      } finally {
        await demoDb.close();
      }
    }
    printTable('first map paint in headless Chromium, phone viewport (navigation start -> map data drawn)', paints);
  } finally {
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
