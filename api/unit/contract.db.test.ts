/**
 * Every /api/unit route once, its answer checked against ./contract.ts (issue #13 item 3): the
 * types web/unit/api.ts takes from the contract must describe what the server really sends.
 */
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import { StaffClient } from '../../test/staff-client';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity } from '../pipeline/fixtures';
import { callContract, staffHeaders, type ContractCall } from '../http/contract-testing';
import type { Contract } from '../http/contract';
import * as C from './contract';

const PASSWORD = 'correct horse battery';

describe('/api/unit answers match their contracts (database, HTTP)', function () {
  this.timeout(120_000);
  let db: Database;
  let server: TestServer;
  const as: Record<string, StaffClient> = {};
  before(async () => {
    db = await openTestDatabase('unit-contract');
    const city = await createFixtureCity(db);
    for (const [key, role, unitCode] of [
      ['agent', 'agent'],
      ['admin', 'admin'],
      ['zdm', 'unit_staff', 'ZDM'],
    ] as const)
      await createStaff(db.knex, { email: `${key}@testowo.pl`, role, unitCode, password: PASSWORD, jurisdictionId: city.jurisdictionId });
    server = await startTestServer(db);
    for (const key of ['agent', 'admin', 'zdm']) {
      as[key] = new StaffClient(server.url);
      assert.equal((await as[key].login(`${key}@testowo.pl`, PASSWORD)).status, 200);
    }
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });
  const call = (who: string | undefined, c: Contract, opts: ContractCall) =>
    callContract(server.url, '/api/unit', c, { ...opts, headers: who ? staffHeaders(as[who]) : {} });

  it('every route for unit staff and admins, and their errors', async () => {
    const forward = async (body: Record<string, unknown>) => (await as.agent.json(as.agent.send('POST', '/api/console/inquiries', body))).inquiry.publicId;
    const first = await forward({
      question: 'Kiedy załatacie dziury?',
      unitCode: 'ZDM',
      replyChannel: 'email',
      person: { firstName: 'Anna', email: 'anna@example.pl' },
    });
    const second = await forward({ question: 'Kto przytnie drzewo?', unitCode: 'ZDM', replyChannel: 'none' });

    await call(undefined, C.settings, { status: 401 });
    await call('agent', C.settings, { status: 403 });
    await call('zdm', C.settings, { status: 200 });
    await call('admin', C.settings, { status: 200 });
    await call('zdm', C.inquiries, { status: 200 });
    await call('admin', C.inquiries, { query: { status: 'all', unit: 'ZDM' }, status: 200 });
    await call('zdm', C.inquiries, { query: { status: 'bogus' }, status: 400 });
    await call('zdm', C.inquiry, { params: { id: first }, status: 200 });
    await call('zdm', C.inquiry, { params: { id: 'Z-NOPE-000' }, status: 404 });
    await call('zdm', C.answer, { params: { id: first }, body: { answer: '   ' }, status: 400 });
    const answered = await call('zdm', C.answer, { params: { id: first }, body: { answer: 'Do piątku.' }, status: 200 });
    assert.equal(answered.body.inquiry.answer, 'Do piątku.');
    await call('zdm', C.answer, { params: { id: first }, body: { answer: 'Jeszcze raz.' }, status: 409 });
    await call('zdm', C.giveBack, { params: { id: second }, body: { reason: 'nie nasze' }, status: 200 });
  });
});
