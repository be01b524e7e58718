/**
 * Who may change a request through Open311 (issue #11 item 2: "anyone can close any request, and
 * the city e-mails its reporters about it"), over a real server and database: key scopes, the
 * client that filed a request, back office per jurisdiction, private requests staying invisible,
 * and a refused update leaving the request, its history and the notice outbox untouched.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Database } from '../db/engine';
import { openTestDatabase } from '../../test/db';
import { startTestServer, TestServer } from '../../test/server';
import { createApiClient } from '../accounts/api-clients';
import { validateJson, validateXml } from '../../open311-spec';
import { CITY, createTestCity } from './test-city';
import { submitReport } from '../pipeline/intake';

const OTHER = 'drugie.pl';

describe('Open311 update rights: scopes, filer, back office (database)', function () {
  this.timeout(300_000);
  let db: Database;
  let server: TestServer;
  const dataDir = `/tmp/kontakt-rights-test-${crypto.randomBytes(4).toString('hex')}`;
  const keys = {} as Record<'appA' | 'appB' | 'reader' | 'office' | 'officeOther', string>;
  let spot = 0;

  async function call(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}/open311/v2${path}`, { method: 'POST', body: new URLSearchParams(form), headers });
    const text = await res.text();
    const json = path.endsWith('.json') ? JSON.parse(text) : undefined;
    // Every answer, refusals included, is a valid Open311 document.
    if (res.status >= 400) {
      if (json) assert.deepEqual(validateJson('errors', json), [], text);
      else assert.deepEqual(validateXml('errors', text).problems, [], text);
    }
    return { status: res.status, text, json, headers: res.headers };
  }

  /** Files a request with `key` at its own spot (no two requests are duplicates of each other). */
  async function file(key: string, extra: Record<string, string> = {}): Promise<string> {
    spot++;
    const res = await call('/requests.json', {
      api_key: key,
      jurisdiction_id: CITY.id,
      service_code: 'pothole',
      'attribute[size]': 'small',
      description: `Dziura numer ${spot}`,
      lat: String(52.205 + (spot % 9) * 0.01),
      long: String(21.005 + Math.floor(spot / 9) * 0.01),
      ...extra,
    });
    assert.equal(res.status, 200, res.text);
    return res.json[0].service_request_id;
  }

  let updateNo = 0;
  const update = (key: string, id: string, status: string, extra: Record<string, string> = {}, format: 'json' | 'xml' = 'json') =>
    call(`/servicerequestupdates.${format}`, {
      api_key: key,
      jurisdiction_id: CITY.id,
      service_request_id: id,
      update_id: `u-${++updateNo}`,
      status,
      updated_datetime: '2026-12-05T10:00:00+01:00',
      description: 'Zgłoszenie naprawione',
      ...extra,
    });

  /** Everything a refused update must leave alone. */
  async function snapshot(publicId: string) {
    const r = await db.knex('requests').where({ public_id: publicId }).first('id', 'status', 'detailed_status', 'status_notes', 'updated_at', 'closed_at');
    const events = await db.knex('request_events').where({ request_id: r.id }).orderBy('id').select('id', 'kind', 'public');
    const notices = await db.knex('notifications').where({ request_id: r.id }).orderBy('id').select('id', 'kind', 'to_address');
    const outbox = Number((await db.knex('notifications').count('* as n'))[0].n);
    return { request: r, events, notices, outbox };
  }

  before(async () => {
    db = await openTestDatabase('open311-rights');
    await createTestCity(db.knex);
    await createTestCity(db.knex, OTHER);
    keys.appA = (await createApiClient(db.knex, { name: 'app A', rateLimitPerMinute: 1000, notifiesReporters: true })).key;
    keys.appB = (await createApiClient(db.knex, { name: 'app B', rateLimitPerMinute: 1000 })).key;
    keys.reader = (await createApiClient(db.knex, { name: 'dashboard', scopes: ['read'] })).key;
    keys.office = (await createApiClient(db.knex, { name: 'city works', jurisdictionId: CITY.id, scopes: ['back-office'], rateLimitPerMinute: 1000 })).key;
    keys.officeOther = (
      await createApiClient(db.knex, { name: 'other city works', jurisdictionId: OTHER, scopes: ['back-office'], rateLimitPerMinute: 1000 })
    ).key;
    server = await startTestServer(db, { KONTAKT_DATA_DIR: dataDir });
  });
  after(async () => {
    await server?.close();
    await db?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a read-only key gets 403 on POST requests and POST updates, and a back-office-only key cannot file', async () => {
    const before = Number((await db.knex('requests').count('* as n'))[0].n);
    const filed = await call('/requests.xml', {
      api_key: keys.reader,
      jurisdiction_id: CITY.id,
      service_code: 'pothole',
      'attribute[size]': 'small',
      lat: '52.25',
      long: '21.02',
    });
    assert.equal(filed.status, 403);
    assert.match(
      filed.text,
      /<code>403<\/code>\s*<description>this api_key \(scopes: read\) may not file requests; that needs the report scope<\/description>/,
    );
    const office = await call('/requests.json', {
      api_key: keys.office,
      jurisdiction_id: CITY.id,
      service_code: 'pothole',
      'attribute[size]': 'small',
      lat: '52.25',
      long: '21.02',
    });
    assert.equal(office.status, 403);
    assert.equal(Number((await db.knex('requests').count('* as n'))[0].n), before);
    const id = await file(keys.appA);
    const was = await snapshot(id);
    const upd = await update(keys.reader, id, 'FIXED');
    assert.equal(upd.status, 403);
    assert.match(upd.json[0].description, /may not post updates; that needs the report or back-office scope/);
    assert.deepEqual(await snapshot(id), was);
  });

  it("a stranger's update is 403 and leaves status, history and the notice outbox exactly as they were", async () => {
    // Filed by app A for a resident who asked for e-mail: a status change would mail her.
    const id = await file(keys.appA, { email: 'ewa.mieszkanka@example.org', consent: 'true' });
    const was = await snapshot(id);
    assert.deepEqual(
      was.notices.map((n: { kind: string }) => n.kind),
      ['request_received'],
    );
    for (const status of ['FIXED', 'CLOSED', 'NOT_COUNCILS_RESPONSIBILITY', 'UNCHANGED', 'REOPEN']) {
      const res = await update(keys.appB, id, status);
      assert.equal(res.status, 403, `${status}: ${res.text}`);
      assert.match(res.json[0].description, new RegExp(`did not file request ${id} and has no back-office scope`));
    }
    const xml = await update(keys.appB, id, 'FIXED', {}, 'xml');
    assert.equal(xml.status, 403);
    assert.match(xml.text, /^<\?xml version="1.0" encoding="utf-8"\?>\n<errors>\s*<error>\s*<code>403<\/code>/);
    assert.deepEqual(await snapshot(id), was, 'a refused update changes nothing and mails no one');
    // The same update from the back office does change it, and does mail her: the check above can see a change.
    const ok = await update(keys.office, id, 'FIXED');
    assert.equal(ok.status, 200, ok.text);
    const now = await snapshot(id);
    assert.equal(now.request.status, 'closed');
    assert.deepEqual(
      now.notices.map((n: { kind: string }) => n.kind),
      ['request_received', 'status_changed'],
    );
  });

  it('a private request filed by someone else is 404, exactly like an unknown one; its filer and its back office may act', async () => {
    const res = await call('/requests.json', {
      api_key: keys.appA,
      jurisdiction_id: CITY.id,
      service_code: 'abuse',
      description: 'Prywatna sprawa',
      lat: '52.27',
      long: '21.03',
    });
    assert.equal(res.status, 200, res.text);
    const id = res.json[0].service_request_id;
    const was = await snapshot(id);
    const hidden = await update(keys.appB, id, 'FIXED');
    const unknown = await update(keys.appB, 'NOPE-NOP-NOP', 'FIXED');
    assert.equal(hidden.status, 404);
    assert.equal(hidden.json[0].description, unknown.json[0].description.replace('NOPE-NOP-NOP', id));
    assert.equal((await fetch(`${server.url}/open311/v2/requests/${id}.json?jurisdiction_id=${CITY.id}`)).status, 404, 'GET does not show it either');
    assert.deepEqual(await snapshot(id), was);
    // Its filer may comment (for the city's staff only), its jurisdiction's back office may close it.
    const comment = await update(keys.appA, id, 'UNCHANGED', { description: 'Sprawca wrócił' });
    assert.equal(comment.status, 200, comment.text);
    const otherOffice = await call('/servicerequestupdates.json', {
      api_key: keys.officeOther,
      jurisdiction_id: OTHER,
      service_request_id: id,
      update_id: 'o-1',
      status: 'FIXED',
      updated_datetime: '2026-12-05T10:00:00+01:00',
    });
    assert.equal(otherOffice.status, 404, "another city's back office does not see it");
    const closed = await update(keys.office, id, 'NO_FURTHER_ACTION');
    assert.equal(closed.status, 200, closed.text);
    assert.equal((await snapshot(id)).request.detailed_status, 'no_further_action');
  });

  it('back office may close any request of its jurisdiction, but not one of another jurisdiction', async () => {
    const mine = await file(keys.appB);
    const res = await update(keys.office, mine, 'FIXED');
    assert.equal(res.status, 200, res.text);
    assert.equal((await snapshot(mine)).request.status, 'closed');
    const reopened = await update(keys.office, mine, 'REOPEN');
    assert.equal(reopened.status, 200);
    assert.equal((await snapshot(mine)).request.detailed_status, 'reopened');

    const theirs = await call('/requests.json', {
      api_key: keys.appB,
      jurisdiction_id: OTHER,
      service_code: 'pothole',
      'attribute[size]': 'small',
      lat: '52.29',
      long: '21.09',
    });
    assert.equal(theirs.status, 200, theirs.text);
    const id = theirs.json[0].service_request_id;
    const was = await snapshot(id);
    const named = await update(keys.office, id, 'FIXED', { jurisdiction_id: OTHER });
    assert.equal(named.status, 403);
    assert.match(named.json[0].description, /not valid for jurisdiction drugie\.pl/);
    const ownCity = await update(keys.office, id, 'FIXED');
    assert.equal(ownCity.status, 404, "looked up in its own city, the other city's request does not exist");
    assert.deepEqual(await snapshot(id), was);
    const right = await update(keys.officeOther, id, 'FIXED', { jurisdiction_id: OTHER });
    assert.equal(right.status, 200, right.text);
  });

  it('the filing client may comment on its own request (staff only, nobody mailed) and mark it fixed only while it is its only reporter', async () => {
    const id = await file(keys.appA, { email: 'adam.mieszkaniec@example.org', consent: 'true' });
    const was = await snapshot(id);
    const comment = await update(keys.appA, id, 'UNCHANGED', { description: 'Dziura się powiększyła' });
    assert.equal(comment.status, 200, comment.text);
    const after = await snapshot(id);
    assert.deepEqual(after.request, was.request, 'a comment changes neither status nor the public status note');
    assert.deepEqual(after.notices, was.notices, 'and mails no one');
    const note = await db.knex('request_events').where({ request_id: was.request.id, kind: 'note' }).first('public', 'note', 'actor_kind');
    assert.deepEqual(note, { public: false, note: 'Dziura się powiększyła', actor_kind: 'api_client' });
    const feed = await fetch(`${server.url}/open311/v2/servicerequestupdates.json?jurisdiction_id=${CITY.id}`).then((r) => r.json());
    assert.ok(!feed.some((u: { description: string }) => u.description.includes('powiększyła')), 'a reporter comment is not published');

    const progress = await update(keys.appA, id, 'IN_PROGRESS');
    assert.equal(progress.status, 403);
    assert.match(progress.json[0].description, /status IN_PROGRESS is for the city's back office/);
    assert.deepEqual((await snapshot(id)).request, was.request);

    // Another resident joins (a caller the contact centre attaches): now closing it is the city's call.
    await submitReport(db, {
      jurisdictionId: CITY.id,
      serviceCode: 'pothole',
      location: { kind: 'wgs84', lat: 52.25, long: 21.02 },
      channel: 'phone',
      attachTo: id,
      description: '',
    });
    const shared = await update(keys.appA, id, 'FIXED');
    assert.equal(shared.status, 403);
    assert.match(shared.json[0].description, /other residents reported request .* too/);
    assert.equal((await snapshot(id)).request.status, 'open');

    // Alone on its request, the filer may mark it fixed; a closed request is then the city's again.
    const alone = await file(keys.appA);
    const fixed = await update(keys.appA, alone, 'FIXED', { description: 'Już naprawione' });
    assert.equal(fixed.status, 200, fixed.text);
    const retry = await call('/servicerequestupdates.json', {
      api_key: keys.appA,
      jurisdiction_id: CITY.id,
      service_request_id: alone,
      update_id: `u-${updateNo}`,
      status: 'FIXED',
      updated_datetime: '2026-12-05T10:00:00+01:00',
      description: 'Już naprawione',
    });
    assert.equal(retry.status, 200, 'a retry of an allowed update gets its first answer');
    assert.equal(retry.json[0].update_id, fixed.json[0].update_id);
    assert.equal((await snapshot(alone)).request.detailed_status, 'fixed');
    const again = await update(keys.appA, alone, 'FIXED');
    assert.equal(again.status, 403);
    assert.match(again.json[0].description, /already closed/);
  });
});
