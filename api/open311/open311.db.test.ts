/**
 * The Open311 surface over a real server and database: POST and GET requests in both formats, the
 * extensions, FixMyStreet's habits, the bad inputs of issue #3, and two whole-suite checks —
 * every response validates against open311-spec (the harness checks each), and no GET response
 * carries personal data. Discovery, services and jurisdictions: open311-discovery.db.test.ts;
 * servicerequestupdates: open311-updates.db.test.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createApiClient } from '../accounts/api-clients';
import { CITY } from './test-city';
import { PII } from './fixtures/harness';
import type { Database } from '../db/engine';
import { open311Harness } from './fixtures/harness';

describe('Open311 GeoReport v2 server', function () {
  const h = open311Harness('open311-http');
  const { call, post, pothole, countRequests, assertNoPersonalDataServed } = h;
  let db: Database;
  let key: string;
  before(() => ({ db, key } = h));

  describe('POST requests', () => {
    it('creates a realtime request from a url-encoded form with every FixMyStreet habit', async () => {
      const before = await countRequests();
      const res = await post('json', [
        ['api_key', key],
        ['jurisdiction_id', CITY.id],
        ['service_code', 'pothole'],
        ['lat', '52.250000'],
        ['long', '21.020000'],
        ['attribute[size]', 'small'],
        ['attribute[depth]', ''],
        ['attribute[lanes][]', 'left'],
        ['attribute[lanes][]', 'right'],
        ['attribute[lamp number]', 'L-17'],
        ['attribute[uprn]', '0'],
        ['deviceid', 'device-123'],
        ['email', PII.email],
        ['phone', PII.phone],
        ['first_name', PII.first],
        ['last_name', PII.last],
        ['description', `Title\r\n\r\nDetail: call me at ${PII.phone} or ${PII.email}`],
      ]);
      assert.equal(res.status, 200, res.text);
      const id = res.json[0].service_request_id;
      assert.ok(id && !res.json[0].token);
      assert.equal(await countRequests(), before + 1);
      const stored = await db.knex('requests').where({ public_id: id }).first();
      assert.deepEqual(stored.attributes, { size: 'small', lanes: ['left', 'right'], 'lamp number': 'L-17' });
      const reporter = await db.knex('request_reporters').where({ request_id: stored.id }).first();
      assert.equal(reporter.device_id, 'device-123');
      const one = await call('GET', `/requests/${id}.json`);
      assert.equal(one.json.length, 1);
      assert.equal(one.json[0].agency_responsible, 'Zarząd Dróg Zachód');
      assert.match(one.json[0].requested_datetime, /\+01:00$/);
      assert.ok(!one.text.includes(PII.email) && !one.text.includes('600 700 800'));
    });

    it('answers a batch service with a token that GET tokens turns into the id', async () => {
      const res = await post('xml', { api_key: key, service_code: 'litter', lat: String(CITY.east.lat), long: String(CITY.east.long), email: PII.email });
      assert.equal(res.status, 200, res.text);
      const token = /<token>([^<]+)<\/token>/.exec(res.text)![1];
      assert.ok(!/<service_request_id>/.test(res.text));
      const t = await call('GET', `/tokens/${token}.xml?jurisdiction_id=${CITY.id}`);
      assert.match(t.text, /<service_request_id>[A-Z0-9-]+<\/service_request_id>/);
      const tj = await call('GET', `/tokens/${token}.json`);
      assert.equal(tj.json[0].token, token);
      assert.equal((await call('GET', '/tokens/unknown-token.json')).status, 404);
    });

    it('answers a blackbox service with an id too (a client that gets neither id nor token posts again)', async () => {
      const res = await post('json', { api_key: key, service_code: 'graffiti', lat: String(CITY.west.lat), long: String(CITY.west.long) });
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.json[0]).sort(), ['account_id', 'service_notice', 'service_request_id']);
    });

    it('stores multipart photos by their bytes, strips EXIF and exposes media_url', async () => {
      const exif = Buffer.concat([Buffer.from('Exif\0\0GPSLatitude=52.25;Serial=SECRET-CAMERA', 'latin1')]);
      const seg = (marker: number, payload: Buffer) =>
        Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 255]), payload]);
      const jpeg = Buffer.concat([
        Buffer.from([0xff, 0xd8]),
        seg(0xe1, exif),
        seg(0xfe, Buffer.from('comment by Jan')),
        seg(0xdb, Buffer.alloc(65)),
        seg(0xda, Buffer.alloc(10)),
        Buffer.from([1, 2, 3, 4, 0xff, 0xd9]),
      ]);
      const form = new FormData();
      for (const [k, v] of Object.entries(pothole({ email: PII.email }))) form.append(k, String(v));
      form.append('media', new Blob([jpeg], { type: 'application/octet-stream' }), 'photo.bin');
      const res = await call('POST', '/requests.json', { body: form });
      assert.equal(res.status, 200, res.text);
      const one = await call('GET', `/requests/${res.json[0].service_request_id}.json?extensions=true`);
      const url = one.json[0].media_url as string;
      assert.ok(url.startsWith(`${h.url}/media/`));
      assert.deepEqual(one.json[0].extended_attributes.media_urls, [url]);
      const media = await fetch(url);
      assert.equal(media.headers.get('content-type'), 'image/jpeg');
      const bytes = Buffer.from(await media.arrayBuffer());
      assert.ok(!bytes.includes('SECRET-CAMERA') && !bytes.includes('Exif') && !bytes.includes('comment by Jan'));
      assert.ok(bytes.subarray(-2).equals(Buffer.from([0xff, 0xd9])));

      const fake = new FormData();
      for (const [k, v] of Object.entries(pothole())) fake.append(k, String(v));
      fake.append('media', new Blob([Buffer.from('this is not an image at all')], { type: 'image/jpeg' }), 'fake.jpg');
      const before = await countRequests();
      const bad = await call('POST', '/requests.json', { body: fake });
      assert.equal(bad.status, 400);
      assert.match(bad.json[0].description, /media.*not a JPEG or PNG/);
      assert.equal(await countRequests(), before);

      // A refused report leaves no stored file behind: neither a good photo next to a fake one,
      // nor a good photo whose report the pipeline refuses (a point outside the city).
      const orphans = async () => Number((await db.knex('media').whereNull('request_id').count({ n: '*' }))[0].n);
      const files = () => fs.readdirSync(path.join(h.dataDir, 'media'), { recursive: true }).filter((f) => String(f).includes('.')).length;
      const [orphansBefore, filesBefore] = [await orphans(), files()];
      const mixed = new FormData();
      for (const [k, v] of Object.entries(pothole())) mixed.append(k, String(v));
      mixed.append('media', new Blob([jpeg]), 'good.jpg');
      mixed.append('media2', new Blob([Buffer.from('not an image')]), 'bad.jpg');
      assert.equal((await call('POST', '/requests.json', { body: mixed })).status, 400);
      const outside = new FormData();
      for (const [k, v] of Object.entries(pothole({ lat: '10.5', long: '10.5' }))) outside.append(k, String(v));
      outside.append('media', new Blob([jpeg]), 'good.jpg');
      const refused = await call('POST', '/requests.json', { body: outside });
      assert.equal(refused.status, 400, refused.text);
      assert.deepEqual([await orphans(), files()], [orphansBefore, filesBefore]);
    });

    it('honours Idempotency-Key: a retry returns the first answer and creates no twin', async () => {
      const before = await countRequests();
      const first = await post('json', pothole(), { 'Idempotency-Key': 'retry-1' });
      const again = await post('json', pothole(), { 'Idempotency-Key': 'retry-1' });
      assert.equal(again.status, 200);
      assert.equal(again.json[0].service_request_id, first.json[0].service_request_id);
      const asXml = await post('xml', pothole(), { 'Idempotency-Key': 'retry-1' });
      assert.ok(asXml.text.includes(first.json[0].service_request_id));
      assert.equal(await countRequests(), before + 1);
      const other = await post('json', pothole({ description: 'another body' }), { 'Idempotency-Key': 'retry-1' });
      assert.equal(other.status, 400);
      assert.match(other.json[0].description, /Idempotency-Key/);
    });

    it('rate-limits POSTs per api_key with 429 and Retry-After, and logs calls per client', async () => {
      const { key: slowKey, client } = await createApiClient(db.knex, { name: 'slow', rateLimitPerMinute: 2 });
      const form = pothole({ api_key: slowKey });
      assert.equal((await post('json', form)).status, 200);
      assert.equal((await post('json', form)).status, 200);
      const limited = await post('xml', form);
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.match(limited.text, /<errors>\s*<error>\s*<code>429<\/code>/);
      await new Promise((r) => setTimeout(r, 100));
      const log = await db.knex('api_request_log').where({ api_client_id: client.id }).orderBy('id');
      assert.deepEqual(
        log.map((l: { status: number }) => l.status),
        [200, 200, 429],
      );
    });

    it('queues notices for reporters only when the client leaves notifying to us (the portal), in the language of the report', async () => {
      const { key: portalLike } = await createApiClient(db.knex, { name: 'portal-like', rateLimitPerMinute: 100, notifiesReporters: true });
      const ours = await post('json', pothole({ api_key: portalLike, email: 'ewa.notify@example.org', locale: 'en', consent: 'true' }));
      const noConsent = await post('json', pothole({ api_key: portalLike, email: 'jan.noconsent@example.org' }));
      const theirs = await post('json', pothole({ email: 'adam.app@example.org', locale: 'en' }));
      assert.equal(ours.status, 200, ours.text);
      assert.equal(theirs.status, 200, theirs.text);
      const notices = async (publicId: string) =>
        db.knex('notifications as n').join('requests as r', 'r.id', 'n.request_id').where('r.public_id', publicId).select('n.kind', 'n.to_address', 'n.locale');
      assert.deepEqual(await notices(ours.json[0].service_request_id), [{ kind: 'request_received', to_address: 'ewa.notify@example.org', locale: 'en' }]);
      assert.deepEqual(await notices(theirs.json[0].service_request_id), [], 'an app that notifies its own users gets no second mail from us');
      assert.deepEqual(await notices(noConsent.json[0].service_request_id), [], 'an address without consent is not a request for mail');
    });

    it('limits a public key (the portal) per client address on top of its per-key limit', async () => {
      const { key: publicKey } = await createApiClient(db.knex, { name: 'public page', rateLimitPerMinute: 600, perAddressLimitPerMinute: 2 });
      const form = pothole({ api_key: publicKey });
      assert.equal((await post('json', form)).status, 200);
      assert.equal((await post('json', form)).status, 200);
      const limited = await post('json', form);
      assert.equal(limited.status, 429, 'one address cannot use the whole shared allowance');
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    });

    it('refuses every bad input of the issue with a clear 4xx and changes nothing', async () => {
      const before = await countRequests();
      const cases: Array<[string, Record<string, string | string[]> | Array<[string, string]>, number, RegExp]> = [
        ['missing api_key', { ...pothole(), api_key: '' }, 403, /api_key/],
        ['wrong api_key', pothole({ api_key: 'kk_wrong' }), 403, /api_key/],
        ['unknown service_code', pothole({ service_code: 'nope' }), 404, /service_code/],
        ['lat without long', { api_key: key, service_code: 'pothole', lat: '52.25', 'attribute[size]': 'large' }, 400, /long/],
        ['lat=91', pothole({ lat: '91' }), 400, /lat/],
        ['lat=abc', pothole({ lat: 'abc' }), 400, /lat/],
        ['outside the city', pothole({ lat: String(CITY.outside.lat), long: String(CITY.outside.long) }), 400, /outside/],
        ['value not in the list', pothole({ 'attribute[size]': 'huge' }), 400, /attribute\[size\]/],
        ['missing required attribute', pothole({ 'attribute[size]': '' }), 400, /attribute\[size\] is required/],
        ['4,001-character description', pothole({ description: 'x'.repeat(4001) }), 400, /description/],
        ['no location', { api_key: key, service_code: 'pothole', 'attribute[size]': 'large' }, 400, /location/],
        ['unknown address_string', pothole({ lat: '', long: '', address_string: 'ul. Nieistniejąca 999' }), 400, /address/],
        ['unknown jurisdiction', pothole({ jurisdiction_id: 'elsewhere.example' }), 404, /jurisdiction_id/],
        ['NUL in the description', pothole({ description: 'a\u0000b' }), 400, /description contains a NUL/],
        ['NUL in an attribute', pothole({ 'attribute[lamp number]': '\u0000' }), 400, /NUL/],
      ];
      for (const [name, form, status, message] of cases) {
        for (const format of ['json', 'xml'] as const) {
          const res = await post(format, form);
          assert.equal(res.status, status, `${name} (${format}): ${res.text}`);
          assert.match(res.text, message, `${name}: ${res.text}`);
        }
      }
      const invalidUtf8 = await call('POST', '/requests.json', {
        body: `api_key=${key}&service_code=pothole&lat=52.25&long=21.02&attribute%5Bsize%5D=large&description=%C3%28`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(invalidUtf8.status, 400);
      assert.match(invalidUtf8.json[0].description, /description.*UTF-8/);
      const huge = await call('POST', '/requests.json', {
        body: Buffer.alloc(50 * 1024 * 1024, 0x61),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(huge.status, 413);
      assert.equal(await countRequests(), before);
    });

    it('answers with its own id and a service_notice naming the survivor when the pipeline merges a duplicate', async () => {
      await db.knex('services').where({ code: 'park_bench' }).update({ duplicate_policy: 'merge' });
      const form = { api_key: key, service_code: 'park_bench', lat: '52.2601', long: '21.0101', description: 'Złamana ławka' };
      const first = await post('json', form);
      const second = await post('xml', form);
      assert.equal(second.status, 200, second.text);
      const own = /<service_request_id>([^<]+)<\/service_request_id>/.exec(second.text)![1];
      assert.notEqual(own, first.json[0].service_request_id);
      assert.match(second.text, new RegExp(`<service_notice>[^<]+${first.json[0].service_request_id}[^<]*</service_notice>`));
      const ext = await call('GET', `/requests/${first.json[0].service_request_id}.json?extensions=true`);
      assert.equal(ext.json[0].extended_attributes.reporter_count, 2);
      await db.knex('services').where({ code: 'park_bench' }).update({ duplicate_policy: 'suggest' });
    });

    it('accepts address_id and address_string from the register', async () => {
      const byId = await post('json', { api_key: key, service_code: 'pothole', address_id: 'ADR-1', 'attribute[size]': 'small' });
      assert.equal(byId.status, 200, byId.text);
      const byText = await post('json', { api_key: key, service_code: 'pothole', address_string: 'ul. Testowa 1, Testowo', 'attribute[size]': 'small' });
      assert.equal(byText.status, 200, byText.text);
    });
  });

  describe('GET requests', () => {
    it('returns 200 with an empty list when nothing matches, in both formats', async () => {
      const json = await call('GET', '/requests.json?service_code=pothole&start_date=2021-01-01&end_date=2021-02-01');
      assert.deepEqual(json.json, []);
      const xml = await call('GET', '/requests.xml?service_code=nothing_here');
      assert.equal(xml.status, 200);
      assert.match(xml.text, /<service_requests>\s*<\/service_requests>/);
    });

    it('filters by id list, service code, status, dates, bbox and radius', async () => {
      // One closed request (the reporter's own app marks it fixed).
      const fixed = (await post('json', pothole())).json[0].service_request_id as string;
      const update = {
        api_key: key,
        service_request_id: fixed,
        update_id: `fix-${fixed}`,
        status: 'FIXED',
        updated_datetime: new Date().toISOString(),
        description: 'Naprawione',
      };
      assert.equal((await call('POST', '/servicerequestupdates.json', { form: update })).status, 200);
      const all = await call('GET', '/requests.json');
      assert.ok(all.json.length >= 5);
      assert.equal(all.headers.get('x-total-count'), String(all.json.length));
      const ids = all.json.slice(0, 2).map((r: { service_request_id: string }) => r.service_request_id);
      const byIds = await call('GET', `/requests.json?service_request_id=${ids.join(',')}&status=closed`);
      assert.deepEqual(byIds.json.map((r: { service_request_id: string }) => r.service_request_id).sort(), [...ids].sort());
      const litter = await call('GET', '/requests.json?service_code=litter,graffiti&service_code=abuse');
      assert.ok(litter.json.every((r: { service_code: string }) => ['litter', 'graffiti'].includes(r.service_code)));
      const closed = (await call('GET', '/requests.json?status=closed')).json as Array<{ status: string }>;
      assert.ok(closed.length >= 1 && closed.every((r) => r.status === 'closed'));
      assert.ok(closed.some((r) => (r as unknown as { service_request_id: string }).service_request_id === fixed));
      const east = await call('GET', `/requests.json?bbox=21.05,52.2,21.1,52.3`);
      assert.ok(east.json.length >= 1 && east.json.every((r: { long: number }) => r.long >= 21.05));
      const near = await call('GET', `/requests.json?lat=${CITY.east.lat}&long=${CITY.east.long}&radius=100`);
      assert.deepEqual(
        near.json.map((r: { service_request_id: string }) => r.service_request_id),
        east.json.map((r: { service_request_id: string }) => r.service_request_id),
      );
      const today = new Date().toISOString().slice(0, 10);
      // Dates the client gives are its window, whatever its length (issue #12 item 4; open311-input.db.test.ts).
      assert.equal((await call('GET', `/requests.json?start_date=${today}T00:00:00Z&end_date=2099-01-01T00:00:00Z`)).status, 200);
      const reversed = await call('GET', `/requests.xml?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z`);
      assert.equal(reversed.status, 400);
      assert.match(reversed.text, /start_date/);
      const past = await call('GET', `/requests.json?start_date=2020-01-01&end_date=2020-02-01`);
      assert.deepEqual(past.json, []);
    });

    it('pages with page/page_size, Link and X-Total-Count', async () => {
      const total = (await call('GET', '/requests.json')).json.length;
      const p1 = await call('GET', '/requests.json?page_size=2&page=1');
      assert.equal(p1.json.length, 2);
      assert.equal(p1.headers.get('x-total-count'), String(total));
      assert.match(p1.headers.get('link')!, /page=2&page_size=2>; rel="next"/);
      const p2 = await call('GET', '/requests.json?page_size=2&page=2');
      assert.notDeepEqual(p2.json[0], p1.json[0]);
    });

    it('serves a change feed with updated_after / updated_before at second precision', async () => {
      const all = (await call('GET', '/requests.json')).json as Array<{ updated_datetime: string; service_request_id: string }>;
      const newest = all
        .map((r) => r.updated_datetime)
        .sort((a, b) => Date.parse(a) - Date.parse(b))
        .pop()!;
      const feed = await call('GET', `/requests.json?updated_after=${encodeURIComponent(newest)}`);
      assert.ok(feed.json.length >= 1);
      const upTo = await call('GET', `/requests.json?updated_before=${encodeURIComponent(newest)}`);
      assert.equal(upTo.json.length, all.length, 'updated_before includes its whole second');
      assert.equal((await call('GET', `/requests.json?updated_after=${encodeURIComponent('2099-01-01T00:00:00Z')}`)).json.length, 0);
    });

    it('adds district, unit, channel, reporters and notes with extensions=true', async () => {
      const res = await call('GET', '/requests.xml?extensions=true&service_code=pothole');
      assert.match(res.text, /<extended_attributes>\s*<detailed_status>new<\/detailed_status>/);
      const json = await call('GET', '/requests.json?extensions=true&service_code=pothole');
      const ext = json.json[0].extended_attributes;
      assert.equal(ext.channel, 'open311');
      assert.ok(['west', 'east'].includes(ext.district));
      assert.ok(ext.reporter_count >= 1);
    });

    it('never shows requests of private services', async () => {
      const res = await post('json', {
        api_key: key,
        service_code: 'abuse',
        lat: String(CITY.east.lat),
        long: String(CITY.east.long),
        description: 'private matter',
      });
      assert.equal(res.status, 200, res.text);
      const all = await call('GET', '/requests.json');
      assert.ok(!all.text.includes('private matter'));
      assert.equal((await call('GET', `/requests/${res.json[0].service_request_id}.json`)).status, 404);
    });

    it('refuses bad GET filters with 400 naming the field, and unknown ids with 404', async () => {
      for (const [q, field] of [
        ['lat=91&long=21', 'lat'],
        ['lat=abc&long=21', 'lat'],
        ['bbox=1,2,3', 'bbox'],
        ['status=pending', 'status'],
        ['page_size=0', 'page_size'],
        ['start_date=yesterday', 'start_date'],
        ['radius=10', 'radius'],
      ]) {
        const res = await call('GET', `/requests.json?${q}`);
        assert.equal(res.status, 400, q);
        assert.match(res.json[0].description, new RegExp(field), q);
      }
      const many = Array.from({ length: 1001 }, (_, i) => `A${i}`).join(',');
      assert.equal((await call('GET', `/requests.json?service_request_id=${many}`)).status, 400);
      const tenThousand = Array.from({ length: 10000 }, (_, i) => `ID-${i}`).join(',');
      const huge = await call('GET', `/requests.json?service_request_id=${tenThousand}`);
      assert.equal(huge.status, 431, 'Node refuses a header block over 16 KB before Express');
      assert.match(huge.text, /at most 1000 service_request_id/, 'and the answer says why and what to do');
      assert.equal((await call('GET', '/requests/NOPE-000-000.json')).status, 404);
      assert.equal((await call('GET', '/requests.json?description=%FF')).status, 400);
      // Odd but harmless inputs: never a 5xx (call() asserts it for every answer).
      for (const q of [
        'start_date=9999-12-31',
        'updated_after=0001-01-01T00:00:00Z',
        'start_date=2026-11-28T10:00:00%2B99:99',
        'page=100000&page_size=1000',
        'lat=1e400&long=1',
        'bbox=-180,-90,180,90',
        'service_code=%00',
        'status=open,,closed',
        'radius=50000&lat=52&long=21',
      ]) {
        const res = await call('GET', `/requests.xml?${q}`);
        assert.ok(res.status === 200 || res.status === 400, `${q}: ${res.status}`);
      }
      for (const p of ['/requests/%E0%A4%A.json', '/services/%FF.xml', '/tokens/%00.json', '/requests/a.b.json']) {
        const res = await call('GET', p);
        assert.ok(res.status === 400 || res.status === 404, `${p}: ${res.status}`);
      }
    });
  });

  describe('privacy (runs last)', () => {
    it('no GET response anywhere in this suite carries the personal data the tests posted', () => assertNoPersonalDataServed(40));
  });
});
