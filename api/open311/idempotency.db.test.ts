/**
 * Idempotency-Key survives a crash (issue #11, item 5): the key's row is stored in the statement
 * that stores the request. The real Open311 handler and intake over a real database; a "crash" is
 * an intake that never returns (the process would have died there): before it stored the report,
 * or after. The retry comes in as it would after a restart.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Database } from '../db/engine';
import { openTestDatabase } from '../../test/db';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { createApiClient } from '../accounts/api-clients';
import { RateLimiter } from '../http/rate-limit';
import { submitReport } from '../pipeline/intake';
import * as h from './handlers';
import { open311ErrorRenderer } from './routes';
import { CITY, createTestCity } from './test-city';

const never = <T>() => new Promise<T>(() => undefined);

describe('Open311 Idempotency-Key, stored with the request', function () {
  this.timeout(120_000);
  let db: Database;
  let server: Server;
  let url = '';
  let key = '';
  /** The intake the handler calls; a test swaps it to crash before or after storing. */
  let intake: typeof submitReport = submitReport;

  before(async () => {
    db = await openTestDatabase('idempotency');
    await createTestCity(db.knex);
    ({ key } = await createApiClient(db.knex, { name: 'retrying app', rateLimitPerMinute: 100_000 }));
    const config = loadConfig({ LOG_LEVEL: 'silent', KONTAKT_DEMO: 'false' });
    const log = createLogger(config);
    const deps: h.Open311Deps = { config, db, log, limiter: new RateLimiter(), intake: (...args) => intake(...args) };
    const app = express();
    app.post('/requests.:format', (req, res, next) => h.createRequest(deps, req, res).catch(next));
    app.use(open311ErrorRenderer({ config, db, log }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => (intake = submitReport));
  after(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await db?.close();
  });

  const form = (marker: string, service = 'pothole', extra: Record<string, string> = {}) => ({
    api_key: key,
    service_code: service,
    lat: String(CITY.west.lat),
    long: String(CITY.west.long),
    ...(service === 'pothole' ? { 'attribute[size]': 'large' } : {}),
    description: `Dziura ${marker}`,
    ...extra,
  });
  async function post(body: Record<string, string>, idempotencyKey: string, signal?: AbortSignal) {
    const res = await fetch(`${url}/requests.json`, {
      method: 'POST',
      signal,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'Idempotency-Key': idempotencyKey },
      body: new URLSearchParams(body).toString(),
    });
    return { status: res.status, json: (await res.json()) as Array<Record<string, string>> };
  }
  const rowsWith = async (marker: string) =>
    (await db.knex.raw(`SELECT public_id FROM requests WHERE description LIKE ?`, [`%${marker}%`])).rows.map(
      (r: { public_id: string }) => r.public_id,
    ) as string[];
  const keyRows = async (k: string) => Number((await db.knex('idempotency_keys').where({ key: k }).count<{ n: number }[]>('* as n'))[0].n);
  const marker = () => `m${crypto.randomBytes(5).toString('hex')}`;
  async function until(check: () => Promise<boolean>) {
    for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
  }

  it('a crash after the request was stored: the retry gets the original id, no twin, no 409', async () => {
    const m = marker();
    intake = async (...args) => {
      await submitReport(...args);
      return never();
    };
    const aborted = new AbortController();
    const lost = post(form(m), `after-${m}`, aborted.signal).catch(() => 'no answer');
    await until(async () => (await rowsWith(m)).length > 0);
    aborted.abort();
    assert.equal(await lost, 'no answer');
    intake = submitReport;
    const retry = await post(form(m), `after-${m}`);
    assert.equal(retry.status, 200, JSON.stringify(retry.json));
    const stored = await rowsWith(m);
    assert.equal(stored.length, 1, 'one request, no twin');
    assert.equal(retry.json[0].service_request_id, stored[0]);
  });

  it('a crash before the request was stored leaves no key behind: the retry creates it once', async () => {
    const m = marker();
    intake = () => never();
    const aborted = new AbortController();
    const lost = post(form(m), `before-${m}`, aborted.signal).catch(() => 'no answer');
    await new Promise((r) => setTimeout(r, 300));
    aborted.abort();
    await lost;
    assert.equal(await keyRows(`before-${m}`), 0, 'no key row without its request');
    intake = submitReport;
    const retry = await post(form(m), `before-${m}`);
    assert.equal(retry.status, 200, JSON.stringify(retry.json));
    assert.deepEqual(await rowsWith(m), [retry.json[0].service_request_id]);
    const again = await post(form(m), `before-${m}`);
    assert.deepEqual(again.json, retry.json);
  });

  it('concurrent calls with one key: one request, and every caller gets its id', async () => {
    const m = marker();
    const callers = 5;
    // Every call passes the key lookup before any stores: the race the key row must settle.
    let entered = 0;
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    intake = async (...args) => {
      if (++entered === callers) open();
      await gate;
      return submitReport(...args);
    };
    const answers = await Promise.all(Array.from({ length: callers }, () => post(form(m), `race-${m}`)));
    const stored = await rowsWith(m);
    assert.equal(stored.length, 1, `one request, not ${stored.length}`);
    for (const a of answers) {
      assert.equal(a.status, 200, JSON.stringify(a.json));
      assert.equal(a.json[0].service_request_id, stored[0]);
    }
    assert.equal(await keyRows(`race-${m}`), 1);
  });

  it('a refused call keeps no key; the same key with another body is a 400; a new service answer replays whole', async () => {
    const m = marker();
    const refused = await post(form(m, 'pothole', { 'attribute[size]': 'enormous' }), `fix-${m}`);
    assert.equal(refused.status, 400);
    assert.equal(await keyRows(`fix-${m}`), 0);
    const fixed = await post(form(m), `fix-${m}`);
    assert.equal(fixed.status, 200);
    const other = await post(form(m, 'pothole', { description: 'inny opis' }), `fix-${m}`);
    assert.equal(other.status, 400);
    assert.match(other.json[0].description, /Idempotency-Key.*different request body/);
    // Batch services answer with a token, blackbox ones with an id: the replay is the same answer.
    for (const service of ['litter', 'graffiti']) {
      const first = await post(form(m, service), `${service}-${m}`);
      assert.equal(first.status, 200, JSON.stringify(first.json));
      assert.deepEqual((await post(form(m, service), `${service}-${m}`)).json, first.json);
    }
    assert.equal((await rowsWith(m)).length, 3);
  });

  it('a report merged into an existing request replays the same answer (its own id and the notice naming the survivor)', async () => {
    const m = marker();
    await db.knex('services').where({ jurisdiction_id: CITY.id, code: 'park_bench' }).update({ duplicate_policy: 'merge' });
    try {
      const original = await post(form(m, 'park_bench'), `bench-a-${m}`);
      const merged = await post(form(m, 'park_bench'), `bench-b-${m}`);
      assert.notEqual(merged.json[0].service_request_id, original.json[0].service_request_id, 'each report has its own id');
      assert.ok(merged.json[0].service_notice?.includes(original.json[0].service_request_id), JSON.stringify(merged.json));
      assert.deepEqual((await post(form(m, 'park_bench'), `bench-b-${m}`)).json, merged.json);
      assert.equal((await rowsWith(m)).length, 2, 'the merged report is stored once');
    } finally {
      await db.knex('services').where({ jurisdiction_id: CITY.id, code: 'park_bench' }).update({ duplicate_policy: 'suggest' });
    }
  });

  it('keys live 24 hours, and a row the previous version left unanswered blocks its key for a minute at most', async () => {
    const m = marker();
    const client = (await db.knex('api_clients').where({ name: 'retrying app' }).first('id')).id;
    const old = await post(form(m), `ttl-${m}`);
    await db
      .knex('idempotency_keys')
      .where({ key: `ttl-${m}` })
      .update({ created_at: new Date(Date.now() - 25 * 3600 * 1000) });
    const fresh = await post(form(m), `ttl-${m}`);
    assert.notEqual(fresh.json[0].service_request_id, old.json[0].service_request_id, 'an expired key starts anew');

    const body = (
      await db
        .knex('idempotency_keys')
        .where({ key: `ttl-${m}` })
        .first('body_hash')
    ).body_hash;
    await db.knex('idempotency_keys').insert({ api_client_id: client, key: `legacy-new-${m}`, body_hash: body, created_at: new Date(Date.now() - 5_000) });
    assert.equal((await post(form(m), `legacy-new-${m}`)).status, 409);
    await db
      .knex('idempotency_keys')
      .insert({ api_client_id: client, key: `legacy-old-${m}`, body_hash: body, created_at: new Date(Date.now() - 10 * 60_000) });
    const recovered = await post(form(m), `legacy-old-${m}`);
    assert.equal(recovered.status, 200, JSON.stringify(recovered.json));
    assert.deepEqual((await post(form(m), `legacy-old-${m}`)).json, recovered.json);
  });
});
