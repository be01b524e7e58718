/**
 * The fuzz suite of issue #11 ("Done when"): every route of every surface, read from the app's own
 * router (test/fuzz/routes.ts), gets hostile path parameters, query parameters, body fields,
 * headers and bodies (test/fuzz/catalogue.ts), anonymously and, on the staff surfaces, with a
 * logged-in admin's session and CSRF token. Any 5xx, dropped connection or hang fails the suite,
 * and the server must still answer /healthz afterwards. Runs on both engines.
 */
import assert from 'node:assert/strict';
import { openTestDatabase, testEngine } from './db';
import { startTestServer, TestServer } from './server';
import { StaffClient } from './staff-client';
import type { Database } from '../api/db/engine';
import { createApp } from '../api/http/app';
import { createLogger } from '../api/log';
import { createApiClient } from '../api/accounts/api-clients';
import { createStaff } from '../api/accounts/staff';
import { CITY, createTestCity } from '../api/open311/test-city';
import { enumerateRoutes, RouteInfo, Surface, SURFACE_MINIMUM } from './fuzz/routes';
import { casesFor, FuzzCase, FuzzContext } from './fuzz/cases';

/** Requests in flight at once: enough to overlap the database's work, few enough for a 2-core machine. */
const CONCURRENCY = 6;
const CASE_TIMEOUT_MS = 30_000;

interface Failure {
  label: string;
  what: string;
}

describe(`fuzz: every route, hostile input, no 5xx (${testEngine()} engine)`, function () {
  this.timeout(600_000);
  let db: Database;
  let server: TestServer;
  let routes: RouteInfo[];
  let ctx: FuzzContext;
  const staff = new StaffClient('');

  before(async () => {
    db = await openTestDatabase('fuzz');
    await createTestCity(db.knex);
    server = await startTestServer(db);
    (staff as { base: string }).base = server.url;
    await createStaff(db.knex, { email: 'admin@testowo.example', role: 'admin', password: 'fuzz admin password 1', jurisdictionId: CITY.id });
    const login = await staff.login('admin@testowo.example', 'fuzz admin password 1');
    assert.equal(login.status, 200, await login.clone().text());
    const { key } = await createApiClient(db.knex, { name: 'fuzz', rateLimitPerMinute: 1_000_000 });
    const validForm = {
      api_key: key,
      service_code: 'pothole',
      lat: String(CITY.west.lat),
      long: String(CITY.west.long),
      'attribute[size]': 'small',
      description: 'Dziura w jezdni przy przejściu',
      email: 'fuzz@example.org',
      first_name: 'Jan',
    };
    const filed = await fetch(`${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(validForm),
    });
    const seed = (await filed.json()) as Array<{ service_request_id?: string; token?: string }>;
    assert.equal(filed.status, 200, JSON.stringify(seed));
    const seedId = seed[0].service_request_id ?? seed[0].token ?? 'x';
    ctx = {
      apiKey: key,
      validForm,
      validParams: { format: 'json', service_code: 'pothole', service_request_id: seedId, id: seedId, token: 'x', publicId: 'abc', slug: 'fuzz-article' },
      validJson: {
        console: {
          channel: 'phone',
          phone: '+48 600 100 200',
          email: 'fuzz@example.org',
          outcome: 'answered',
          topic: 'fuzz',
          note: 'note',
          text: 'text',
          public: false,
          detailedStatus: 'in_progress',
          serviceCode: 'pothole',
          location: { kind: 'wgs84', lat: CITY.west.lat, long: CITY.west.long },
          lat: CITY.west.lat,
          long: CITY.west.long,
          description: 'Dziura',
          attributes: { size: 'small' },
          reporter: { firstName: 'Jan', phone: '+48 600 100 200' },
          locale: 'pl',
          question: 'Pytanie?',
          unitCode: 'ZDW',
          answer: 'Odpowiedź',
          titlePl: 'Tytuł',
          titleEn: 'Title',
          bodyPl: 'Treść',
          bodyEn: 'Body',
          tags: ['fuzz'],
          districtCodes: ['west'],
          serviceCodes: ['pothole'],
          validFrom: '2026-01-01',
          validTo: '2027-01-01',
          active: true,
        },
        unit: { answer: 'Odpowiedź jednostki', reason: 'Nie nasza sprawa' },
        auth: { email: 'nobody@testowo.example', password: 'wrong password', current_password: 'wrong', new_password: 'another long password 2' },
        public: { consent: true, locale: 'pl', email: 'fuzz@example.org' },
      },
    };
    routes = enumerateRoutes(createApp({ config: server.config, db, log: createLogger(server.config) }));
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('finds every surface in the route tables', () => {
    const count = (s: Surface) => routes.filter((r) => r.surface === s).length;
    const summary = (Object.keys(SURFACE_MINIMUM) as Surface[]).map((s) => `${s} ${count(s)}`).join(', ');
    console.log(`      fuzz: ${routes.length} routes (${summary})`);
    for (const s of Object.keys(SURFACE_MINIMUM) as Surface[]) {
      assert.ok(count(s) >= SURFACE_MINIMUM[s], `surface ${s}: ${count(s)} routes found, expected at least ${SURFACE_MINIMUM[s]}`);
    }
    assert.ok(
      routes.some((r) => r.path === '/open311/v2/requests/:service_request_id.:format'),
      'Open311 routes carry their format parameter',
    );
    assert.ok(
      routes.some((r) => r.method === 'PUT' && r.path === '/api/console/kb/:slug'),
      'nested routers are walked with their mount paths',
    );
  });

  it('answers every hostile case with something other than a 5xx, and keeps serving', async () => {
    const cases = routes.flatMap((r) => casesFor(r, ctx));
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    const timing = new Map<string, [number, number]>();
    let next = 0;
    const started = Date.now();
    const run = async (c: FuzzCase, n: number) => {
      const headers: Record<string, string> = {
        // Distinct client addresses (trusted from loopback): per-address rate limits must not hide handlers.
        'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        ...(c.staff ? { cookie: staff.cookie, 'x-csrf-token': staff.csrf } : {}),
        ...c.headers,
      };
      const t0 = Date.now();
      try {
        const res = await fetch(server.url + c.url, {
          method: c.method,
          headers,
          body: c.body ? new Uint8Array(c.body) : undefined,
          redirect: 'manual',
          signal: AbortSignal.timeout(CASE_TIMEOUT_MS),
        });
        await res.arrayBuffer();
        const rk = c.label.split(' [')[0];
        const tm = timing.get(rk) ?? [0, 0];
        timing.set(rk, [tm[0] + 1, tm[1] + Date.now() - t0]);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) failures.push({ label: c.label, what: `${res.status}` });
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        failures.push({ label: c.label, what: `no answer: ${(err as Error).name} ${cause?.code ?? cause?.message ?? (err as Error).message}` });
      }
    };
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < cases.length) {
          const n = next++;
          await run(cases[n], n);
        }
      }),
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const byStatus = [...statuses.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([s, k]) => `${s}×${k}`)
      .join(' ');
    console.log(
      `      fuzz: ${cases.length} cases over ${routes.length} routes in ${seconds} s on the ${testEngine()} engine; ${failures.length} failures; statuses ${byStatus}`,
    );

    if (process.env.FUZZ_TIMING)
      console.log(
        [...timing.entries()]
          .sort((a, b) => b[1][1] - a[1][1])
          .slice(0, 25)
          .map(([k, [n, ms]]) => `${k}: ${n} cases ${ms} ms`)
          .join('\n'),
      );
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200, 'the server still answers');
    const me = await staff.get('/api/auth/me');
    assert.equal(me.status, 200, 'the staff session survived the run, so the logged-in cases reached the handlers');
    assert.ok(cases.length >= 2000, `only ${cases.length} cases`);
    assert.deepEqual(failures.slice(0, 40), [], `${failures.length} cases failed`);
  });
});
