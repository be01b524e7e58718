/**
 * API key scopes in the accounts layer and the migration that introduced them (issue #11 item 2):
 * defaults, checks, the keyless portal identity, and what existing databases get.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { hashApiKey } from '../auth/secrets';
import { createApiClient, findApiClientByKey, internalClient, listApiClients, revokeApiClient, setApiClientScopes } from './api-clients';
import * as scopesMigration from '../../migrations/20261205000100_api_client_scopes';

describe('API key scopes (database)', function () {
  // The first suite of a run on the embedded engine pays for starting it.
  this.timeout(300_000);
  let db: Database;
  before(async () => {
    db = await openTestDatabase('api-client-scopes');
    await db.knex('jurisdictions').insert({ id: 'test.pl', name: 'Test' });
  });
  after(() => db?.close());

  it('gives a new key report unless scopes are named, and checks the names and the back office jurisdiction', async () => {
    const plain = await createApiClient(db.knex, { name: 'app' });
    assert.deepEqual(plain.client.scopes, ['report']);
    assert.deepEqual((await findApiClientByKey(db.knex, plain.key))?.scopes, ['report']);
    const office = await createApiClient(db.knex, { name: 'works', jurisdictionId: 'test.pl', scopes: ['Back-Office', 'report', 'report'] });
    assert.deepEqual(office.client.scopes, ['back-office', 'report']);
    await assert.rejects(createApiClient(db.knex, { name: 'x', scopes: ['admin'] }), /unknown scope "admin"/);
    await assert.rejects(createApiClient(db.knex, { name: 'x', scopes: [] }), /at least one scope/);
    await assert.rejects(createApiClient(db.knex, { name: 'x', scopes: ['back-office'] }), /must name its jurisdiction/);
    await assert.rejects(setApiClientScopes(db.knex, plain.client.id, ['back-office']), /must name its jurisdiction/);
    // The database refuses what the code would: no unknown scope, no empty list.
    await assert.rejects(
      db
        .knex('api_clients')
        .where({ id: plain.client.id })
        .update({ scopes: ['root'] }),
      /api_clients_scopes_check/,
    );
    await assert.rejects(db.knex('api_clients').where({ id: plain.client.id }).update({ scopes: [] }), /api_clients_scopes_check/);
    assert.deepEqual((await revokeApiClient(db.knex, office.client.id)).active, false);
    assert.equal(await findApiClientByKey(db.knex, office.key), undefined);
  });

  it('keeps one keyless portal identity that no key can reach', async () => {
    const defaults = { name: 'Kontakt public portal', rateLimitPerMinute: 600, perAddressLimitPerMinute: 6, notifiesReporters: true };
    const [a, b] = await Promise.all([internalClient(db.knex, 'portal', defaults), internalClient(db.knex, 'portal', defaults)]);
    assert.equal(a.id, b.id);
    assert.deepEqual({ scopes: a.scopes, internal: a.internal, notifies: a.notifiesReporters }, { scopes: ['report'], internal: 'portal', notifies: true });
    const row = await db.knex('api_clients').where({ id: a.id }).first('key_hash');
    assert.equal(row.key_hash, null);
    assert.equal(await findApiClientByKey(db.knex, ''), undefined);
    const listed = (await listApiClients(db.knex)).find((c) => c.id === a.id)!;
    assert.equal(listed.internal, 'portal');
    // A client without key must be an internal identity.
    await assert.rejects(db.knex('api_clients').insert({ name: 'nokey', key_hint: '' }), /api_clients_key_check/);
  });

  it('migrates an existing database: keys get report, the published portal key stops working, older portal clients are revoked', async () => {
    const knex = db.knex;
    await knex('api_clients').delete();
    await scopesMigration.down(knex);
    const keys = {
      app: 'kk_app_' + crypto.randomBytes(8).toString('hex'),
      portal: 'kk_portal_' + crypto.randomBytes(8).toString('hex'),
      oldPortal: 'kk_old_' + crypto.randomBytes(8).toString('hex'),
    };
    const insert = (name: string, key: string, perAddress: number | null) =>
      knex('api_clients')
        .insert({
          name,
          key_hash: hashApiKey(key),
          key_hint: key.slice(0, 7),
          per_address_limit_per_minute: perAddress,
          notifies_reporters: perAddress !== null,
        })
        .returning('id');
    await insert('Kontakt public portal', keys.oldPortal, 6);
    const [portal] = await insert('Kontakt public portal', keys.portal, 6);
    const [app] = await insert('FixMyStreet', keys.app, null);
    // The same name without a per-address limit is an operator's key, not the portal's.
    const lookalike = 'kk_look_' + crypto.randomBytes(8).toString('hex');
    await insert('Kontakt public portal', lookalike, null);
    await scopesMigration.up(knex);

    assert.deepEqual((await findApiClientByKey(knex, keys.app))?.scopes, ['report']);
    assert.equal(await findApiClientByKey(knex, keys.portal), undefined, 'the key printed in the public page is dead');
    assert.equal(await findApiClientByKey(knex, keys.oldPortal), undefined);
    assert.equal((await findApiClientByKey(knex, lookalike))?.internal, null);
    const p = await knex('api_clients').where({ id: portal.id }).first('internal', 'key_hash', 'active', 'scopes');
    assert.deepEqual({ ...p, scopes: [...p.scopes] }, { internal: 'portal', key_hash: null, active: true, scopes: ['report'] });
    assert.equal(
      (await internalClient(knex, 'portal', { name: 'unused' })).id,
      Number(portal.id),
      'the portal keeps its row, so its requests keep their client',
    );
    assert.ok(app);
  });
});
