import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { createApiClient, findApiClientByKey } from './api-clients';
import { authenticateStaff, createStaff } from './staff';

describe('accounts (database)', () => {
  let db: Database;
  before(async () => {
    db = await openTestDatabase('accounts');
    await db.knex('jurisdictions').insert({ id: 'test.pl', name: 'Test' });
    await db.knex('units').insert({ jurisdiction_id: 'test.pl', code: 'ZDM', name: 'Zarząd Dróg' });
  });
  after(() => db.close());

  it('store API keys only as hashes and find the client by its key', async () => {
    const { key, client } = await createApiClient(db.knex, { name: 'FixMyStreet', jurisdictionId: 'test.pl' });
    const row = await db.knex('api_clients').where({ id: client.id }).first();
    assert.ok(!JSON.stringify(row).includes(key), 'the key itself is not stored');
    assert.equal((await findApiClientByKey(db.knex, key))?.id, client.id);
    assert.equal(await findApiClientByKey(db.knex, key + 'x'), undefined);
    await db.knex('api_clients').where({ id: client.id }).update({ active: false });
    assert.equal(await findApiClientByKey(db.knex, key), undefined, 'revoked keys do not work');
  });

  it('refuse an API client for an unknown jurisdiction', async () => {
    await assert.rejects(createApiClient(db.knex, { name: 'x', jurisdictionId: 'nowhere.pl' }), /jurisdiction_id "nowhere.pl" was not found/);
  });

  it('create staff with a one-time password that logs in, and check roles and units', async () => {
    const { password, staff } = await createStaff(db.knex, { email: 'Agent@Example.PL', role: 'agent' });
    assert.equal(staff.email, 'agent@example.pl');
    assert.equal(staff.mustChangePassword, true);
    assert.equal((await authenticateStaff(db.knex, 'agent@example.pl', password))?.id, staff.id);
    assert.equal(await authenticateStaff(db.knex, 'agent@example.pl', 'nope'), undefined);
    const row = await db.knex('staff').where({ id: staff.id }).first();
    assert.ok(!row.password_hash.includes(password));
    await assert.rejects(createStaff(db.knex, { email: 'agent@example.pl', role: 'agent' }), /already exists/);
    await assert.rejects(createStaff(db.knex, { email: 'x@example.pl', role: 'boss' }), /role must be one of/);
    await assert.rejects(createStaff(db.knex, { email: 'not-an-email', role: 'agent' }), /not an e-mail address/);
    await assert.rejects(createStaff(db.knex, { email: 'crew@example.pl', role: 'crew' }), /needs a unit/);
    await assert.rejects(createStaff(db.knex, { email: 'crew@example.pl', role: 'crew', unitCode: 'NOPE' }), /unit "NOPE" was not found/);
    const crew = await createStaff(db.knex, { email: 'crew@example.pl', role: 'crew', unitCode: 'ZDM' });
    assert.equal(crew.staff.jurisdictionId, 'test.pl');
    assert.ok(crew.staff.unitId);
  });
});
