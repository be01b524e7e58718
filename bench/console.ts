/**
 * Agent console benchmark (issue #5 "Performance"): on the demo city (loadDemo: 12,000 addresses,
 * 4,000 requests, 20 knowledge-base articles),
 *  1. address autocomplete as the search box asks it (exact, without diacritics, with a typo):
 *     the service call and the full HTTP round trip of GET /api/console/locate with a session;
 *  2. duplicate candidates for a pin (GET /api/console/resolve with a service: address, district,
 *     unit and ranked candidates);
 *  3. the map with 100,000 requests in view: server-side clusters per zoom and points when zoomed in
 *     (GET /api/console/map/requests), with the EXPLAIN of the cluster query;
 *  4. knowledge-base search;
 *  5. landmarks and unit offices in the search box (names, aliases, unit codes, folded, with a typo),
 *     with the EXPLAIN of the landmark/unit query;
 *  6. the "my shift" panel (GET /api/console/shift) behind 60,000 contacts of 40 agents, with the
 *     EXPLAIN of its queries (bench/console-shift.ts, which also runs alone).
 * Goal of the issue: autocomplete and candidates within 100 ms of typing/pinning.
 *
 *   DATABASE_URL=postgres://... node bin/run-ts.js bench/console.ts
 *   node bin/run-ts.js bench/console.ts            (embedded)
 *   BENCH_CONSOLE_MAP_REQUESTS=100000 BENCH_CONSOLE_SAMPLES=200
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { benchDatabase, drive, printTable, seeded, type Stats } from './lib';
import { loadConfig } from '../api/config';
import { createApp } from '../api/http/app';
import { createLogger } from '../api/log';
import { loadDemo } from '../api/demo/load';
import { locate } from '../api/console/locate';
import { placesQuery } from '../api/console/locate-places';
import { previewResolution } from '../api/pipeline/intake';
import { searchArticles } from '../api/knowledge/articles';
import { benchShift } from './console-shift';
import { requestClusters } from '../api/console/map-sql';
import { rebuildMapCells } from '../api/map/store';
import { fold } from '../kernel/fold';

const MAP_REQUESTS = Number(process.env.BENCH_CONSOLE_MAP_REQUESTS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_CONSOLE_SAMPLES ?? 200);

const row = (what: string, s: Stats) => ({ what, n: s.n, p50_ms: s.p50, p95_ms: s.p95, p99_ms: s.p99, max_ms: s.max });

/** "Marszałkowska" -> "Marszalkowska"; then one letter dropped from the middle of the street name. */
function typo(street: string, rnd: () => number): string {
  const i = 2 + Math.floor(rnd() * Math.max(1, street.length - 4));
  return street.slice(0, i) + street.slice(i + 1);
}

async function main(): Promise<void> {
  const db = await benchDatabase('console');
  const rnd = seeded(5);
  try {
    const t0 = performance.now();
    const demo = await loadDemo(db, { seed: 1 });
    const j = demo.jurisdictionId;
    console.log(
      `engine ${db.engine}; demo city loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${demo.counts.addresses} addresses, ${demo.counts.requests} requests`,
    );

    const config = { ...loadConfig({ LOG_LEVEL: 'silent', KONTAKT_DEMO: 'false' }), port: 0 };
    const server = http.createServer(createApp({ config, db, log: createLogger(config) }));
    // The service-level runs between HTTP runs take longer than the default 5 s keep-alive.
    server.keepAliveTimeout = 10 * 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const agent = demo.logins.find((l) => l.role === 'agent')!;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password: agent.password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const get = async (path: string) => {
      const r = await fetch(`${base}${path}`, { headers: { cookie } });
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    };

    // 1. autocomplete
    const addresses = (await db.knex.raw(`SELECT street, house_number FROM addresses WHERE jurisdiction_id = ? ORDER BY id`, [j])).rows as Array<{
      street: string;
      house_number: string;
    }>;
    const pickAddress = () => addresses[Math.floor(rnd() * addresses.length)];
    const typed = Array.from({ length: SAMPLES }, () => {
      const a = pickAddress();
      const name = a.street.replace(/^(ul\.|al\.|pl\.|os\.)\s*/, '');
      return { exact: `${name} ${a.house_number}`, folded: fold(`${name} ${a.house_number}`), typo: `${typo(fold(name), rnd)} ${a.house_number}` };
    });
    const rows = [];
    for (const kind of ['exact', 'folded', 'typo'] as const) {
      rows.push(row(`locate() ${kind}`, await drive(SAMPLES, 1, (i) => locate(db, j, typed[i][kind]))));
    }
    for (const kind of ['exact', 'typo'] as const) {
      rows.push(row(`GET /api/console/locate ${kind}`, await drive(SAMPLES, 1, (i) => get(`/api/console/locate?q=${encodeURIComponent(typed[i][kind])}`))));
    }
    let found = 0;
    for (const t of typed.slice(0, 50)) {
      const c = await locate(db, j, t.typo);
      if (c[0] && fold(c[0].label).toLowerCase().endsWith(fold(t.exact).toLowerCase())) found++;
    }

    // 5. landmarks and unit offices: what callers name instead of an address.
    const places = (
      await db.knex.raw(
        `SELECT 'landmark' AS kind, code, name_pl AS name, aliases[1] AS alias FROM landmarks WHERE jurisdiction_id = ? AND active
        UNION ALL SELECT 'unit', code, name, NULL FROM units WHERE jurisdiction_id = ? AND geom IS NOT NULL ORDER BY 1, 2`,
        [j, j],
      )
    ).rows as Array<{ kind: string; code: string; name: string; alias: string | null }>;
    const placeQueries = places.flatMap((p) => [
      { q: p.name, code: p.code },
      { q: fold(p.name).toLowerCase(), code: p.code },
      { q: typo(fold(p.name), rnd), code: p.code },
      ...(p.alias ? [{ q: p.alias, code: p.code }] : []),
      ...(p.kind === 'unit' ? [{ q: p.code.toLowerCase(), code: p.code }] : []),
    ]);
    const placeSamples = Math.max(50, placeQueries.length);
    rows.push(row('locate() landmark/unit', await drive(placeSamples, 1, (i) => locate(db, j, placeQueries[i % placeQueries.length].q))));
    rows.push(
      row(
        'GET /api/console/locate landmark/unit',
        await drive(placeSamples, 1, (i) => get(`/api/console/locate?q=${encodeURIComponent(placeQueries[i % placeQueries.length].q)}`)),
      ),
    );
    let placesFirst = 0;
    const missed: string[] = [];
    for (const p of placeQueries) {
      const c = await locate(db, j, p.q);
      if (c[0]?.code === p.code) placesFirst++;
      else missed.push(`${p.q} -> ${c[0]?.label ?? 'nothing'}`);
    }
    {
      const { sql, bindings } = placesQuery(j, 'szpital mjeski', 8);
      const plan = (await db.knex.raw(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, bindings)).rows.map((r: Record<string, string>) => Object.values(r)[0]);
      console.log(
        `landmarks/units: ${placesFirst}/${placeQueries.length} queries found the right place first${missed.length ? `; missed: ${missed.join('; ')}` : ''}`,
      );
      console.log(`EXPLAIN ANALYZE of the landmark/unit query ("szpital mjeski"):\n  ${plan.join('\n  ')}`);
    }

    // 2. duplicate candidates for a pin
    const pins = (
      await db.knex.raw(
        `SELECT ST_Y(r.geom) + (random() - 0.5) * 0.0008 AS lat, ST_X(r.geom) + (random() - 0.5) * 0.0008 AS long, s.code
         FROM requests r JOIN services s ON s.id = r.service_id WHERE r.jurisdiction_id = ? AND r.geom IS NOT NULL ORDER BY r.id LIMIT ?`,
        [j, SAMPLES],
      )
    ).rows as Array<{ lat: number; long: number; code: string }>;
    let withCandidates = 0;
    rows.push(
      row(
        'previewResolution() with service',
        await drive(pins.length, 1, async (i) => {
          const r = await previewResolution(db, {
            jurisdictionId: j,
            serviceCode: pins[i].code,
            location: { kind: 'wgs84', lat: pins[i].lat, long: pins[i].long },
          });
          if (r.candidates.length) withCandidates++;
        }),
      ),
    );
    rows.push(
      row(
        'GET /api/console/resolve',
        await drive(pins.length, 1, (i) => get(`/api/console/resolve?lat=${pins[i].lat}&long=${pins[i].long}&service_code=${pins[i].code}`)),
      ),
    );

    // 4. knowledge base
    const questions = [
      'kiedy wywożą śmieci',
      'abonament parkowanie',
      'podatek od psa',
      'dowod osobisty zgubiony',
      'odsniezanie chodnika',
      'bilet miesieczny cena',
    ];
    rows.push(row('searchArticles()', await drive(SAMPLES, 1, (i) => searchArticles(db.knex, { jurisdictionId: j, text: questions[i % questions.length] }))));

    // 6. my shift (bench/console-shift.ts): 60,000 contacts of 40 agents behind the agent's own shift.
    const agentId = Number((await db.knex('staff').where({ email: agent.email.toLowerCase() }).first('id')).id);
    rows.push(...((await benchShift(db, { jurisdictionId: j, agentId, get, samples: SAMPLES })) as typeof rows));
    printTable(
      `Console, demo city (${db.engine}); ${found}/50 typo queries found the right address first; ${withCandidates}/${pins.length} pins had candidates`,
      rows,
    );

    // 3. the map with many requests in view: synthetic requests over the city's extent, set-based.
    const ext = (
      await db.knex.raw(
        `SELECT ST_XMin(e) AS x1, ST_YMin(e) AS y1, ST_XMax(e) AS x2, ST_YMax(e) AS y2 FROM (SELECT ST_Extent(geom)::geometry AS e FROM districts WHERE jurisdiction_id = ? AND valid_to IS NULL) t`,
        [j],
      )
    ).rows[0];
    // 2 % not on the public map (private services): those the console clusters live.
    const t1 = performance.now();
    await db.knex.raw('ALTER TABLE requests DISABLE TRIGGER requests_map_cells');
    await db.knex.raw(
      `INSERT INTO requests (public_id, jurisdiction_id, service_id, status, geom, public_geom, requested_at, channel)
       SELECT 'BENCH-' || g, ?, (SELECT id FROM services WHERE jurisdiction_id = ? ORDER BY id OFFSET (g % 20) LIMIT 1),
              CASE WHEN g % 3 = 0 THEN 'closed' ELSE 'open' END, p, CASE WHEN g % 50 = 0 THEN NULL ELSE p END,
              now() - (g % 365) * interval '1 day', 'phone'
         FROM generate_series(1, ?) g, LATERAL (SELECT ST_SetSRID(ST_MakePoint(? + random() * ?, ? + random() * ?), 4326) AS p) pt`,
      [j, j, MAP_REQUESTS, ext.x1, ext.x2 - ext.x1, ext.y1, ext.y2 - ext.y1],
    );
    await db.knex.raw('ALTER TABLE requests ENABLE TRIGGER requests_map_cells');
    await rebuildMapCells(db.knex);
    await db.knex.raw('ANALYZE requests');
    console.log(`\n${MAP_REQUESTS} synthetic requests inserted and map cells rebuilt in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    const whole = [ext.x1, ext.y1, ext.x2, ext.y2].join(',');
    const cx = (ext.x1 + ext.x2) / 2;
    const cy = (ext.y1 + ext.y2) / 2;
    const mapRows = [];
    for (const zoom of [11, 12, 13, 14]) {
      let features = 0;
      const s = await drive(20, 1, async () => {
        features = (await get(`/api/console/map/requests?bbox=${whole}&zoom=${zoom}`)).features.length;
      });
      mapRows.push({ ...row(`clusters, whole city, zoom ${zoom}`, s), features });
    }
    {
      let features = 0;
      const s = await drive(20, 1, async () => {
        features = (await get(`/api/console/map/requests?bbox=${whole}&zoom=12&status=open&age_days=30`)).features.length;
      });
      mapRows.push({ ...row('clusters, open, last 30 days, zoom 12', s), features });
    }
    {
      const d = 0.004;
      let features = 0;
      const s = await drive(20, 1, async () => {
        features = (await get(`/api/console/map/requests?bbox=${cx - d},${cy - d / 1.6},${cx + d},${cy + d / 1.6}&zoom=17`)).features.length;
      });
      mapRows.push({ ...row('points, one street, zoom 17', s), features });
    }
    const inView = Number((await db.knex.raw(`SELECT count(*) AS n FROM requests WHERE jurisdiction_id = ? AND duplicate_of_id IS NULL`, [j])).rows[0].n);
    printTable(`Console map, ${inView} requests in the city view (${db.engine})`, mapRows);
    // The live clustering the console uses only for requests off the public map, shown over ALL
    // requests for comparison: why clusters come from the pre-aggregated cells.
    for (const notPublic of [true, false]) {
      const { sql, bindings } = requestClusters([ext.x1, ext.y1, ext.x2, ext.y2], { jurisdictionId: j, notPublic }, 12);
      const plan = (await db.knex.raw(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, bindings)).rows.map((r: Record<string, string>) => Object.values(r)[0]);
      console.log(
        `\nEXPLAIN ANALYZE of live clustering, zoom 12, whole city, ${notPublic ? 'requests off the public map only (what the console runs)' : 'every request (not used)'}:\n  ${plan.join('\n  ')}`,
      );
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
