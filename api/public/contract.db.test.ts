/**
 * Every /api/public route once, its answer checked against ./contract.ts (issue #13 item 3): the
 * types web/lib/api.ts takes from the contract must describe what the server really sends.
 */
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import type { Database } from '../db/engine';
import { createFixtureCity } from '../pipeline/fixtures';
import { callContract, type ContractCall } from '../http/contract-testing';
import type { Contract } from '../http/contract';
import * as C from './contract';

describe('/api/public answers match their contracts (database, HTTP)', function () {
  this.timeout(120_000);
  let db: Database;
  let server: TestServer;
  before(async () => {
    db = await openTestDatabase('public-contract');
    await createFixtureCity(db);
    server = await startTestServer(db);
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });
  const call = (c: Contract, opts: ContractCall) => callContract(server.url, '', c, { ...opts, headers: { origin: server.url, ...opts.headers } });
  const point = { lat: '52.2202', long: '21.0051' };

  it('every route, with a report filed and followed, and their errors', async () => {
    await call(C.services, { status: 200 });
    await call(C.districts, { status: 200 });
    await call(C.place, { query: point, status: 200 });
    await call(C.place, { query: { lat: 'x', long: '21' }, status: 400 });
    const filed = await call(C.report, {
      body: new URLSearchParams({ service_code: 'pothole', 'attribute[size]': 'small', description: 'Dziura w jezdni', ...point }),
      status: 201,
    });
    const id = filed.body.service_request_id;
    assert.ok(id);
    await call(C.report, { body: new URLSearchParams({ service_code: 'pothole' }), status: 400 });
    await call(C.request, { params: { id }, status: 200 });
    await call(C.request, { params: { id: 'NOPE-NOP-NOP' }, status: 404 });
    const near = await call(C.nearby, { query: { ...point, service_code: 'pothole' }, status: 200 });
    assert.ok(near.body.length >= 1);
    await call(C.nearby, { query: point, status: 400 });
    await call(C.follow, { params: { id }, body: { locale: 'pl' }, status: 201 });
    await call(C.follow, { params: { id }, body: { email: 'a@example.org' }, status: 400 });
    await call(C.map, { query: { bbox: '21,52.2,21.04,52.24', zoom: '16' }, status: 200 });
    await call(C.map, { query: { bbox: '21,52.2,21.04,52.24', zoom: '8' }, status: 200 });
    await call(C.map, { query: { bbox: 'nonsense', zoom: '12' }, status: 400 });
  });
});
