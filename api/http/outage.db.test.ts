/**
 * A database outage is a 503 with Retry-After in every surface's format, not a 500 (issue #11
 * item 7), and the server serves again once the database is back.
 *
 * Server engine: the app's pool talks to PostgreSQL through a TCP proxy in this process; cutting
 * the proxy (every socket destroyed, the port closed) is what a restart or a network failure looks
 * like to the driver (ECONNRESET / "Connection terminated" for open connections, ECONNREFUSED for
 * new ones). Opening the same port again is the database coming back.
 *
 * Embedded engine: PGlite runs inside the process, so there is no connection to lose; the database
 * can only be closed (shutdown) or aborted (the WASM runtime died), after which every query fails
 * and nothing brings it back short of a restart. The test closes a PGlite of its own and checks the
 * same 503s; "serves again" does not apply.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import knexFactory, { Knex } from 'knex';
import { openTestDatabase, testEngine } from '../../test/db';
import { startTestServer, TestServer } from '../../test/server';
import { openDatabase, Database } from '../db/engine';
import { createTestCity } from '../open311/test-city';
import { isDatabaseUnavailable } from '../db/unavailable';

/** A TCP proxy to `target` that can be cut and restored on the same port. */
class CuttableProxy {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  port = 0;
  constructor(private target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => this.sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

interface Answer {
  status: number;
  retryAfter: string | null;
  type: string;
  text: string;
}

async function get(base: string, path: string): Promise<Answer> {
  const res = await fetch(base + path);
  return { status: res.status, retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** Every surface's answer while the database is away: 503, Retry-After, its own format, no driver text. */
async function assertUnavailable(base: string, leaks: string[]): Promise<void> {
  const checks: Array<[string, RegExp, (text: string) => void]> = [
    ['/open311/v2/services.xml', /xml/, (t) => assert.match(t, /<errors>\s*<error>\s*<code>503<\/code>/)],
    ['/open311/v2/requests.json?service_request_id=1', /json/, (t) => assert.equal(JSON.parse(t)[0].code, 503)],
    ['/api/public/services', /json/, (t) => assert.equal(JSON.parse(t).errors[0].code, 503)],
    ['/api/geo/autocomplete?q=Testowa', /json/, (t) => assert.equal(JSON.parse(t).errors[0].code, 503)],
    ['/readyz', /json/, (t) => assert.equal(JSON.parse(t).status, 'database unreachable')],
    ['/', /html/, (t) => assert.match(t, /chwilowo niedostępna/)],
  ];
  for (const [path, type, body] of checks) {
    const r = await get(base, path);
    assert.equal(r.status, 503, `${path}: ${r.text}`);
    assert.ok(Number(r.retryAfter) > 0, `${path} has Retry-After`);
    assert.match(r.type, type, path);
    body(r.text);
    for (const leak of leaks) assert.ok(!r.text.includes(leak), `${path} leaks ${JSON.stringify(leak)}: ${r.text}`);
  }
  const health = await get(base, '/healthz');
  assert.equal(health.status, 200, 'the process itself is alive');
}

describe('database outage answers 503 with Retry-After (database)', function () {
  let db: Database;
  before(async () => {
    db = await openTestDatabase('outage');
    await createTestCity(db.knex);
  });
  after(async () => {
    await db?.close();
  });

  it('classifies connection failures as unavailable, and nothing else', () => {
    for (const e of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      new Error('select 1 - Connection terminated unexpectedly'),
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' }),
      new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'connect failed'),
      new Error('PGlite is closed'),
    ])
      assert.ok(isDatabaseUnavailable(e), e.message);
    for (const e of [
      new Error('syntax error'),
      Object.assign(new Error('duplicate key'), { code: '23505' }),
      Object.assign(new Error('bad'), { code: '22021' }),
      null,
      'text',
    ]) {
      assert.ok(!isDatabaseUnavailable(e), String((e as Error)?.message ?? e));
    }
  });

  if (testEngine() === 'server') {
    it('server engine: cut the connection -> 503 everywhere; restore it -> serves again', async function () {
      const url = new URL(process.env.DATABASE_URL!);
      const proxy = new CuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
      await proxy.open();
      const viaProxy = new URL(url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      const appDb = await openDatabase({ engine: 'server', databaseUrl: viaProxy.toString(), schema: db.schema, poolMax: 4 });
      let server: TestServer | undefined;
      try {
        server = await startTestServer(appDb);
        assert.equal((await get(server.url, '/open311/v2/services.json')).status, 200);
        assert.equal((await get(server.url, '/readyz')).status, 200);

        await proxy.cut();
        await assertUnavailable(server.url, [String(proxy.port), 'ECONNREFUSED', '127.0.0.1', 'postgres', 'Connection terminated']);

        await proxy.open();
        // The pool drops the dead connections and opens new ones: no restart needed.
        assert.equal((await get(server.url, '/readyz')).status, 200);
        const services = await get(server.url, '/open311/v2/services.json');
        assert.equal(services.status, 200, services.text);
        assert.ok(JSON.parse(services.text).length > 0);
        assert.equal((await get(server.url, '/api/public/services')).status, 200);
      } finally {
        await server?.close();
        await appDb.close();
        await proxy.cut().catch(() => undefined);
      }
    });
  } else {
    it('embedded engine: a closed PGlite -> 503 everywhere (in-process: nothing to reconnect)', async function () {
      // A PGlite of our own (the suites share one; closing it would stop them all). No PostGIS is
      // needed: the queries never run, and the app's capability record is taken from the suite's.
      const { PGlite } = await import('@electric-sql/pglite');
      const pglite = await PGlite.create();
      const ClientPgLite = (await import('knex-pglite')).default as unknown as typeof Knex.Client;
      const knex = knexFactory({
        client: ClientPgLite,
        dialect: 'postgres',
        connection: (() => ({ pglite })) as unknown as Knex.StaticConnectionConfig,
        log: { warn: () => undefined, error: () => undefined },
      });
      await pglite.close();
      const appDb: Database = { knex, engine: 'embedded', schema: db.schema, capabilities: db.capabilities, close: () => knex.destroy() };
      const server = await startTestServer(appDb);
      try {
        await assertUnavailable(server.url, ['PGlite is closed']);
      } finally {
        await server.close();
        await knex.destroy().catch(() => undefined);
      }
    });
  }
});
