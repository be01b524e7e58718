/**
 * Migration 20261205000500 on a database that already has residents and notices: addresses already
 * mailed are confirmed `legacy`, addresses staff typed `staff`; what is still queued for any other
 * address is held and that address is asked once. Down releases what was held.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { submitReport } from '../pipeline/intake';
import type { ReportInput } from '../pipeline/types';
import { createApiClient } from '../accounts/api-clients';
import { createStaff } from '../accounts/staff';

const MIGRATION = '20261205000500_email_confirmation.ts';

describe('migration 20261205000500: double opt-in on existing residents', function () {
  this.timeout(120_000);
  let db: Database;
  let city: FixtureCity;
  const config = () => ({
    directory: path.resolve(__dirname, '../../migrations'),
    loadExtensions: ['.ts'],
    schemaName: db.schema,
    tableName: 'knex_migrations',
  });

  before(async () => {
    db = await openTestDatabase('confirm_migration');
    city = await createFixtureCity(db);
  });
  after(async () => {
    await db?.close();
  });

  it('confirms what was mailed or typed by staff, holds the rest and asks each such address once; down releases', async () => {
    const staffId = (
      await createStaff(db.knex, { email: 'agent@testowo.example', role: 'agent', password: 'correct horse battery', jurisdictionId: city.jurisdictionId })
    ).staff.id;
    const app = await createApiClient(db.knex, { name: 'portal-like', notifiesReporters: true });
    const at = (n: number) => ({ kind: 'wgs84' as const, lat: 52.201 + n * 0.002, long: 21.001 });
    const file = (over: Partial<ReportInput>, n: number) =>
      submitReport(db, { serviceCode: 'litter', channel: 'open311', location: at(n), apiClientId: Number(app.client.id), ...over });
    const mailed = await file({ reporter: { email: 'mailed@example.org', notify: 'email' } }, 1);
    await file({ channel: 'phone', apiClientId: undefined, staffId, reporter: { email: 'typed@example.org', notify: 'email' } }, 2);
    await file({ reporter: { email: 'stranger@example.org', notify: 'email' } }, 3);
    await file({ reporter: { email: 'stranger@example.org', notify: 'email' } }, 4);
    await file({ channel: 'web', apiClientId: undefined, attachTo: mailed.publicId, reporter: { email: 'metoo@example.org', notify: 'email' } }, 1);

    await db.knex.migrate.down({ ...config(), name: MIGRATION });
    assert.equal(await db.knex.schema.hasTable('email_addresses'), false);
    const before = await db.knex('notifications').orderBy('id').select('id', 'kind', 'status', 'to_address');
    assert.deepEqual(
      before.map((n) => [n.to_address, n.kind, n.status]),
      [
        ['mailed@example.org', 'request_received', 'queued'],
        ['typed@example.org', 'request_received', 'queued'],
        ['stranger@example.org', 'request_received', 'queued'],
        ['stranger@example.org', 'request_received', 'queued'],
        ['metoo@example.org', 'reporter_attached', 'queued'],
      ],
      'down: held notices are released, confirmations forgotten',
    );
    // Before double opt-in, the first had been mailed.
    await db
      .knex('notifications')
      .where({ id: before[0].id })
      .update({ status: 'sent', sent_at: new Date('2026-11-30T10:00:00Z') });

    await db.knex.migrate.up({ ...config(), name: MIGRATION });
    const states = await db.knex('email_addresses').orderBy('email_norm').select('email_norm', 'confirmed_how', 'confirmed_at');
    assert.deepEqual(
      states.map((s) => [s.email_norm, s.confirmed_how]),
      [
        ['mailed@example.org', 'legacy'],
        ['metoo@example.org', null],
        ['stranger@example.org', null],
        ['typed@example.org', 'staff'],
      ],
    );
    assert.equal(new Date(states[0].confirmed_at).toISOString(), '2026-11-30T10:00:00.000Z', 'confirmed as of the first mail');
    const after = await db.knex('notifications').orderBy('id').select('kind', 'status', 'address_norm', 'api_client_id');
    assert.deepEqual(
      after.map((n) => [n.address_norm, n.kind, n.status]),
      [
        ['mailed@example.org', 'request_received', 'sent'],
        ['typed@example.org', 'request_received', 'queued'],
        ['stranger@example.org', 'request_received', 'held'],
        ['stranger@example.org', 'request_received', 'held'],
        ['metoo@example.org', 'reporter_attached', 'held'],
        ['metoo@example.org', 'email_confirmation', 'queued'],
        ['stranger@example.org', 'email_confirmation', 'queued'],
      ],
    );
    assert.equal(Number(after[2].api_client_id), Number(app.client.id), 'the filing client is filled in for the limits');
  });
});
