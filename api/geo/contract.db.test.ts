/**
 * Every /api/geo route once, its answer checked against ./contract.ts (issue #13 item 3): the
 * schemas the web clients take their types from must describe what the server really sends.
 */
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import type { Database } from '../db/engine';
import { createFixtureCity } from '../pipeline/fixtures';
import { submitReport } from '../pipeline/intake';
import { callContract } from '../http/contract-testing';
import * as C from './contract';

describe('/api/geo answers match their contracts (database, HTTP)', function () {
  this.timeout(120_000);
  let db: Database;
  let server: TestServer;
  before(async () => {
    db = await openTestDatabase('geo-contract');
    await createFixtureCity(db);
    server = await startTestServer(db);
    await submitReport(db, {
      serviceCode: 'pothole',
      channel: 'phone',
      attributes: { size: 'small' },
      location: { kind: 'wgs84', lat: 52.2301, long: 21.0121 },
      description: 'Dziura',
    });
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });
  const call = (c: Parameters<typeof callContract>[2], query: Record<string, string>, status: number) =>
    callContract(server.url, '/api/geo', c, { query, status });

  it('autocomplete, reverse and resolve, and their errors', async () => {
    await call(C.autocomplete, { q: 'zlota 3' }, 200);
    await call(C.autocomplete, { q: 'zlota', limit: '500' }, 400);
    await call(C.reverse, { lat: '52.22302', long: '21.0102' }, 200);
    await call(C.reverse, { lat: '52.235', long: '21.0301' }, 200);
    await call(C.reverse, { lat: 'abc', long: '21' }, 400);
    await call(C.resolve, { lat: '52.23012', long: '21.01212', service_code: 'pothole', locale: 'en' }, 200);
    await call(C.resolve, { lat: '21.02', long: '52.22' }, 400);
    await call(C.resolve, { lat: '52.23', long: '21.01', service_code: 'nope' }, 404);
  });
});
