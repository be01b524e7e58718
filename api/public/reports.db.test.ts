/**
 * Filing from the public page without an API key (issue #11 item 2): POST /api/public/reports runs
 * Open311's submission under the portal's keyless identity, only for our own page, limited per
 * client address. A real server and database; addresses come from X-Forwarded-For, which the app
 * trusts from loopback only (app.set('trust proxy', 'loopback')), as behind a local reverse proxy.
 */
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startTestServer, TestServer } from '../../test/server';
import type { Database } from '../db/engine';
import { createFixtureCity, FixtureCity } from '../pipeline/fixtures';
import { createApiClient } from '../accounts/api-clients';
import { PORTAL_PER_ADDRESS_LIMIT_PER_MINUTE } from './reports';

describe('public portal filing: POST /api/public/reports (database)', function () {
  this.timeout(300_000);
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let spot = 0;

  const form = (extra: Record<string, string> = {}) => {
    spot++;
    return new URLSearchParams({
      service_code: 'pothole',
      'attribute[size]': 'small',
      description: `Dziura ${spot}`,
      lat: String(52.2202 + spot * 0.0008),
      long: '21.0051',
      ...extra,
    });
  };
  const post = async (body: BodyInit, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}/api/public/reports`, {
      method: 'POST',
      body,
      headers: { Origin: server.url, 'X-Forwarded-For': '198.51.100.1', ...headers },
    });
    const text = await res.text();
    return { status: res.status, text, json: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  const count = async () => Number((await db.knex('requests').count('* as n'))[0].n);

  before(async () => {
    db = await openTestDatabase('public-reports');
    city = await createFixtureCity(db);
    server = await startTestServer(db);
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('files a report under the portal identity, which has no key, and notifies the resident who consented', async () => {
    const res = await post(form({ email: 'ola.mieszkanka@example.org', consent: 'true', locale: 'en' }));
    assert.equal(res.status, 201, res.text);
    const id = res.json.service_request_id;
    assert.match(id, /^[0-9A-Z]{4}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    const row = await db
      .knex('requests as r')
      .join('api_clients as c', 'c.id', 'r.api_client_id')
      .where('r.public_id', id)
      .first('r.channel', 'r.jurisdiction_id', 'c.internal', 'c.key_hash', 'c.scopes');
    assert.deepEqual(
      { ...row, scopes: [...row.scopes] },
      { channel: 'web', jurisdiction_id: city.jurisdictionId, internal: 'portal', key_hash: null, scopes: ['report'] },
    );
    const notices = await db
      .knex('notifications as n')
      .join('requests as r', 'r.id', 'n.request_id')
      .where('r.public_id', id)
      .select('n.kind', 'n.to_address', 'n.locale');
    assert.deepEqual(notices, [{ kind: 'request_received', to_address: 'ola.mieszkanka@example.org', locale: 'en' }]);
    // The page's own answer format for errors: {errors:[{code, field, description}]}, naming the field.
    const bad = await post(form({ lat: '91' }));
    assert.equal(bad.status, 400);
    assert.equal(bad.json.errors[0].field, 'lat');
    assert.equal((await db.knex('api_clients').where({ internal: 'portal' }).count('* as n'))[0].n, 1, 'one portal identity');
  });

  it('keeps photo upload working: multipart with a photo file part', async () => {
    // The smallest valid PNG (1x1), built by hand.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const body = new FormData();
    for (const [k, v] of form()) body.append(k, v);
    body.append('media', new Blob([png], { type: 'image/png' }), 'dziura.png');
    const res = await post(body, { 'X-Forwarded-For': '198.51.100.2' });
    assert.equal(res.status, 201, res.text);
    const media = await db
      .knex('media as m')
      .join('requests as r', 'r.id', 'm.request_id')
      .where('r.public_id', res.json.service_request_id)
      .select('m.content_type');
    assert.deepEqual(media, [{ content_type: 'image/png' }]);
  });

  it('refuses POSTs from other sites (Origin, Sec-Fetch-Site) and creates nothing', async () => {
    const before = await count();
    for (const headers of <Array<Record<string, string>>>[
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { Origin: 'not a url' },
      { Origin: server.url.replace('127.0.0.1', 'localhost') },
      { 'Sec-Fetch-Site': 'cross-site' },
    ]) {
      const res = await post(form(), { ...headers, 'X-Forwarded-For': '198.51.100.3' });
      assert.equal(res.status, 403, `${JSON.stringify(headers)}: ${res.text}`);
      assert.match(res.json.errors[0].description, /only from this site's own page/);
    }
    assert.equal(await count(), before);
    // A program that sends no Origin (not a browser, so nothing to forge) meets the same checks and limits.
    const scripted = await fetch(`${server.url}/api/public/reports`, { method: 'POST', body: form(), headers: { 'X-Forwarded-For': '198.51.100.3' } });
    assert.equal(scripted.status, 201, await scripted.text());
  });

  it('limits filing per client address: 429 with Retry-After, other addresses unaffected', async () => {
    const before = await count();
    for (let i = 0; i < PORTAL_PER_ADDRESS_LIMIT_PER_MINUTE; i++) {
      const res = await post(form(), { 'X-Forwarded-For': '203.0.113.9' });
      assert.equal(res.status, 201, res.text);
    }
    const limited = await post(form(), { 'X-Forwarded-For': '203.0.113.9' });
    assert.equal(limited.status, 429, limited.text);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
    assert.match(limited.json.errors[0].description, /too many requests/);
    assert.equal(await count(), before + PORTAL_PER_ADDRESS_LIMIT_PER_MINUTE);
    const other = await post(form(), { 'X-Forwarded-For': '203.0.113.10' });
    assert.equal(other.status, 201, other.text);
  });

  it('ignores an api_key sent along, still serves API clients with the report scope, and stops when the portal identity is revoked', async () => {
    const { key, client } = await createApiClient(db.knex, { name: 'some app' });
    const withKey = await post(form({ api_key: key }), { 'X-Forwarded-For': '198.51.100.4' });
    assert.equal(withKey.status, 201, withKey.text);
    const filedBy = await db
      .knex('requests as r')
      .join('api_clients as c', 'c.id', 'r.api_client_id')
      .where('r.public_id', withKey.json.service_request_id)
      .first('c.internal');
    assert.equal(filedBy.internal, 'portal', 'the page files as the portal, whatever key is pasted into the form');
    // The old Open311 way keeps working for API clients with the report scope.
    const open311 = await fetch(`${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      body: new URLSearchParams({ api_key: key, ...Object.fromEntries(form()) }),
    });
    const answer = await open311.json();
    assert.equal(open311.status, 200, JSON.stringify(answer));
    assert.equal(
      (await db.knex('requests').where({ public_id: answer[0].service_request_id }).first('api_client_id')).api_client_id.toString(),
      String(client.id),
    );

    await db.knex('api_clients').where({ internal: 'portal' }).update({ active: false });
    try {
      const off = await post(form(), { 'X-Forwarded-For': '198.51.100.4' });
      assert.equal(off.status, 403);
      assert.match(off.json.errors[0].description, /switched off/);
    } finally {
      await db.knex('api_clients').where({ internal: 'portal' }).update({ active: true });
    }
  });
});
