/**
 * Every /api/auth route once, its answer checked against ./contract.ts (issue #13 item 3).
 */
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity } from '../pipeline/fixtures';
import { callContract } from '../http/contract-testing';
import * as C from './contract';

describe('/api/auth answers match their contracts (database, HTTP)', function () {
  this.timeout(120_000);
  let db: Database;
  let server: TestServer;
  before(async () => {
    db = await openTestDatabase('auth-contract');
    const city = await createFixtureCity(db);
    await createStaff(db.knex, { email: 'agent@testowo.pl', role: 'agent', password: 'correct horse battery', jurisdictionId: city.jurisdictionId });
    server = await startTestServer(db);
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('login, me, password, logout, and their errors', async () => {
    const call = (c: Parameters<typeof callContract>[2], opts: Parameters<typeof callContract>[3]) => callContract(server.url, '/api/auth', c, opts);
    await call(C.me, { status: 401 });
    await call(C.login, { body: { email: 'agent@testowo.pl' }, status: 400 });
    await call(C.login, { body: { email: 'agent@testowo.pl', password: 'wrong' }, status: 400 });
    const cookieOf = (h: Headers) => (h.get('set-cookie') ?? '').split(';')[0];
    const login = await call(C.login, { body: { email: 'agent@testowo.pl', password: 'correct horse battery' }, status: 200 });
    let headers = { cookie: cookieOf(login.headers), 'x-csrf-token': login.body.csrfToken };
    const me = await call(C.me, { headers, status: 200 });
    assert.equal(me.body.staff.role, 'agent');
    await call(C.password, { headers, body: { current_password: 'correct horse battery' }, status: 400 });
    await call(C.logout, { headers: { cookie: headers.cookie }, status: 403 });

    const changed = await call(C.password, {
      headers,
      body: { current_password: 'correct horse battery', new_password: 'a much longer new passphrase 2' },
      status: 200,
    });
    headers = { cookie: cookieOf(changed.headers), 'x-csrf-token': changed.body.csrfToken };
    await call(C.me, { headers, status: 200 });
    await call(C.logout, { headers, body: {}, status: 200 });
    await call(C.me, { headers, status: 401 });
  });
});
