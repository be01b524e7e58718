/**
 * The two bugs of two status-change copies (issue #13 item 1), over Open311 HTTP: an update by the
 * back office is the city's response (responded_at, so the SLA watch no longer shows it breached),
 * and an update on a merged duplicate is refused with 409 naming the survivor, writing nothing.
 * Both fail on the code before api/requests/transition.ts.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Database } from '../db/engine';
import { openTestDatabase } from '../../test/db';
import { startTestServer, TestServer } from '../../test/server';
import { createApiClient } from '../accounts/api-clients';
import { validateJson } from '../../open311-spec';
import { CITY, createTestCity } from '../open311/test-city';
import { mergeRequests } from '../pipeline/merges';
import { slaWatch } from '../sla/watch';

describe('request lifecycle over Open311 updates (database, HTTP)', function () {
  this.timeout(300_000);
  let db: Database;
  let server: TestServer;
  const dataDir = `/tmp/kontakt-lifecycle-test-${crypto.randomBytes(4).toString('hex')}`;
  let app: string;
  let office: string;
  let spot = 0;
  let updateNo = 0;

  async function post(path: string, form: Record<string, string>) {
    const res = await fetch(`${server.url}/open311/v2${path}`, { method: 'POST', body: new URLSearchParams(form) });
    const text = await res.text();
    return { status: res.status, text, json: JSON.parse(text) };
  }
  async function file(): Promise<string> {
    spot++;
    const res = await post('/requests.json', {
      api_key: app,
      jurisdiction_id: CITY.id,
      service_code: 'pothole',
      'attribute[size]': 'small',
      description: `Dziura ${spot}`,
      lat: String(52.205 + (spot % 9) * 0.01),
      long: String(21.005 + Math.floor(spot / 9) * 0.01),
    });
    assert.equal(res.status, 200, res.text);
    return res.json[0].service_request_id;
  }
  const update = (id: string, status: string) =>
    post('/servicerequestupdates.json', {
      api_key: office,
      jurisdiction_id: CITY.id,
      service_request_id: id,
      update_id: `lc-${++updateNo}`,
      status,
      updated_datetime: '2026-12-05T10:00:00+01:00',
      description: 'Ekipa w drodze',
    });
  async function snapshot(publicId: string) {
    const r = await db
      .knex('requests')
      .where({ public_id: publicId })
      .first('id', 'status', 'detailed_status', 'status_notes', 'updated_at', 'closed_at', 'responded_at');
    const events = await db.knex('request_events').where({ request_id: r.id }).orderBy('id').select('id', 'kind');
    const outbox = Number((await db.knex('notifications').count('* as n'))[0].n);
    return { r, events, outbox };
  }

  before(async () => {
    db = await openTestDatabase('lifecycle-open311');
    await createTestCity(db.knex);
    app = (await createApiClient(db.knex, { name: 'app', rateLimitPerMinute: 1000, notifiesReporters: true })).key;
    office = (await createApiClient(db.knex, { name: 'works', jurisdictionId: CITY.id, scopes: ['back-office'], rateLimitPerMinute: 1000 })).key;
    server = await startTestServer(db, { KONTAKT_DATA_DIR: dataDir });
  });
  after(async () => {
    await server?.close();
    await db?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a back-office update is the city response: responded_at is set and the SLA watch no longer shows the request breached', async () => {
    const id = await file();
    // The response was due an hour ago: the request is on the watch as breached.
    await db.knex.raw(`UPDATE requests SET response_due_at = now() - interval '1 hour', responded_at = NULL WHERE public_id = ?`, [id]);
    const breached = async () =>
      (await slaWatch(db, { jurisdictionId: CITY.id })).filter((w) => w.publicId === id && w.kind === 'response' && w.state === 'breached').length;
    assert.equal(await breached(), 1);
    const res = await update(id, 'IN_PROGRESS');
    assert.equal(res.status, 200, res.text);
    const row = (await snapshot(id)).r;
    assert.equal(row.detailed_status, 'in_progress');
    assert.ok(row.responded_at instanceof Date, 'responded_at is set by the update');
    assert.equal(await breached(), 0, 'answered: not breached any more');
    // A retry of the same update gets the same answer and writes nothing more.
    const events = (await snapshot(id)).events.length;
    const retry = await post('/servicerequestupdates.json', {
      api_key: office,
      jurisdiction_id: CITY.id,
      service_request_id: id,
      update_id: `lc-${updateNo}`,
      status: 'IN_PROGRESS',
      updated_datetime: '2026-12-05T10:00:00+01:00',
    });
    assert.equal(retry.json[0].update_id, res.json[0].update_id);
    assert.equal((await snapshot(id)).events.length, events);
  });

  it('an update on a merged duplicate is refused with 409 naming the survivor, and writes nothing', async () => {
    const duplicate = await file();
    const survivor = await file();
    await mergeRequests(db, { from: duplicate, into: survivor });
    const before = await snapshot(duplicate);
    const survivorBefore = await snapshot(survivor);
    for (const status of ['OPEN', 'REOPEN', 'FIXED', 'UNCHANGED']) {
      const res = await update(duplicate, status);
      assert.equal(res.status, 409, `${status}: ${res.text}`);
      assert.deepEqual(validateJson('errors', res.json), [], res.text);
      assert.match(res.json[0].description, new RegExp(`${duplicate} was merged into ${survivor}`));
    }
    // Its filer (a reporting app) hears the same, not "already closed".
    const own = await post('/servicerequestupdates.json', {
      api_key: app,
      jurisdiction_id: CITY.id,
      service_request_id: duplicate,
      update_id: `lc-${++updateNo}`,
      status: 'FIXED',
      updated_datetime: '2026-12-05T10:00:00+01:00',
    });
    assert.equal(own.status, 409, own.text);
    assert.match(own.json[0].description, new RegExp(`merged into ${survivor}`));
    assert.deepEqual(await snapshot(duplicate), before, 'the duplicate, its events and the outbox are untouched');
    assert.deepEqual(await snapshot(survivor), survivorBefore, 'the survivor is untouched');
    assert.equal(before.r.detailed_status, 'duplicate');
  });
});
