/**
 * Security headers, compression and asset caching over a real HTTP server (issue #11 item 8):
 * every page and API answers with a CSP whose scripts are our own files only, nosniff, a
 * Referrer-Policy, frame-ancestors 'none' on staff pages and APIs and the configured origins on
 * the public map, HSTS only behind an https public URL; HTML, JS, CSS, JSON and XML are gzipped
 * when the client accepts it and sent plain when not; photos are never recompressed (streamed
 * answers: streaming.db.test.ts); fingerprinted bundles are cached for a year.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import { StaffClient } from '../../test/staff-client';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { unsubscribeUrl } from '../notify/outbox';
import { attachMedia, storeUpload } from '../media/store';
import { createLogger } from '../log';
import { ensureWebBuilt } from './web-build';
import { raw, type Raw } from './fixtures/raw-http';

const PASSWORD = 'correct horse battery';

/** The CSP as a map of directive -> sources. */
function csp(r: Raw): Map<string, string[]> {
  const header = String(r.headers['content-security-policy'] ?? '');
  assert.ok(header, 'a Content-Security-Policy header');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values];
      }),
  );
}

describe('security headers, compression and asset caching (database, HTTP)', function () {
  this.timeout(180_000);
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let dataDir: string;
  let requestId: string;
  let unsubscribe: string;
  let photo: string;
  let manifest: Record<string, { js: string; css?: string }>;
  const pages: Record<string, string> = {};
  const apis = [
    '/api/public/services',
    '/api/public/districts',
    '/api/console/settings',
    '/api/unit/settings',
    '/api/geo/autocomplete?q=Mar',
    '/open311/v2/services.json',
    '/open311/v2/services.xml',
    '/open311/v2/discovery.json',
    '/healthz',
    '/api/public/requests/NO-SUCH',
  ];

  before(async () => {
    await ensureWebBuilt(createLogger({ logLevel: 'silent' }));
    manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../web/dist/manifest.json'), 'utf8'));
    db = await openTestDatabase('security-headers');
    city = await createFixtureCity(db);
    await createStaff(db.knex, { email: 'agent@testowo.pl', name: 'Agnieszka Agent', role: 'agent', password: PASSWORD, jurisdictionId: city.jurisdictionId });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-headers-'));
    server = await startTestServer(db, { KONTAKT_DATA_DIR: dataDir });
    const agent = new StaffClient(server.url);
    await agent.login('agent@testowo.pl', PASSWORD);
    const filed = await agent.json(
      agent.send('POST', '/api/console/reports', {
        serviceCode: 'pothole',
        channel: 'email',
        location: { lat: 52.2201, long: 21.012 },
        attributes: { size: 'small' },
        description: 'Dziura przy przejściu',
        reporter: { firstName: 'Jan', email: 'jan@example.pl', notify: 'email' },
      }),
    );
    requestId = filed.publicId;
    const person = await db.knex('people').where({ email: 'jan@example.pl' }).first('id');
    unsubscribe = (await unsubscribeUrl(db.knex, server.url, requestId, person.id)).slice(server.url.length);
    // A JPEG of 4 KB of zeros: gzip would shrink it to almost nothing, so a compressed answer would show.
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 4, 1, 1, 0xff, 0xda, 0, 4, 2, 2]), Buffer.alloc(4096), Buffer.from([0xff, 0xd9])]);
    const stored = await storeUpload(db.knex, dataDir, city.jurisdictionId, 'media', jpeg);
    const row = await db.knex('requests').where({ public_id: requestId }).first('id');
    await attachMedia(db.knex, [stored.id], row.id);
    photo = `/media/${stored.publicId}`;
    Object.assign(pages, { map: '/', request: `/r/${requestId}`, console: '/console', unit: '/unit', unsubscribe });
  });
  after(async () => {
    await server?.close();
    await db?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives every page a CSP without inline scripts, nosniff, no caching, and no HSTS over http', async () => {
    for (const [name, p] of Object.entries(pages)) {
      const r = await raw(server.url + p);
      assert.equal(r.status, 200, `${name} ${p}`);
      const policy = csp(r);
      assert.deepEqual(policy.get('script-src'), ["'self'"], `${name}: scripts only from our origin`);
      assert.deepEqual(policy.get('script-src-attr'), ["'none'"], `${name}: no inline event handlers`);
      assert.deepEqual(policy.get('object-src'), ["'none'"]);
      assert.deepEqual(policy.get('base-uri'), ["'none'"]);
      assert.ok(!policy.has('upgrade-insecure-requests'), `${name}: nothing to upgrade to over http`);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', name);
      assert.match(String(r.headers['cache-control']), /no-store|no-cache/, `${name}: HTML is never reused stale`);
      assert.equal(r.headers['strict-transport-security'], undefined, `${name}: no HSTS over http`);
    }
  });

  it('lets only our own pages frame the public map by default, and nobody frame staff pages or the unsubscribe page', async () => {
    for (const p of [pages.map, pages.request]) {
      const r = await raw(server.url + p);
      assert.deepEqual(csp(r).get('frame-ancestors'), ["'self'"], p);
      assert.equal(r.headers['x-frame-options'], 'SAMEORIGIN', p);
    }
    for (const p of [pages.console, pages.unit, pages.unsubscribe, '/console/', '/api/console/settings', '/open311/v2/services.json']) {
      const r = await raw(server.url + p);
      assert.deepEqual(csp(r).get('frame-ancestors'), ["'none'"], p);
      assert.equal(r.headers['x-frame-options'], 'DENY', p);
    }
  });

  it('sends no referrer from /r/ links (they carry request numbers and secrets), the origin only elsewhere', async () => {
    for (const p of [pages.request, pages.unsubscribe]) assert.equal((await raw(server.url + p)).headers['referrer-policy'], 'no-referrer', p);
    for (const p of [pages.map, pages.console, pages.unit, '/api/public/services'])
      assert.equal((await raw(server.url + p)).headers['referrer-policy'], 'strict-origin-when-cross-origin', p);
  });

  it('writes no inline script into any page: data goes in a JSON block, code in a fingerprinted bundle', async () => {
    for (const [name, p] of Object.entries(pages)) {
      const html = (await raw(server.url + p)).body.toString('utf8');
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
        assert.ok(
          /type="application\/json"/.test(tag) || /^<script type="module" src="\/assets\/[\w-]+\.[A-Z0-9]{8}\.js"><\/?/.test(tag + '<'),
          `${name}: ${tag}`,
        );
      }
      assert.doesNotMatch(html, /<script(?![^>]*(\bsrc=|type="application\/json"))[^>]*>/, `${name}: an inline script`);
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${name}: an inline event handler`);
      assert.doesNotMatch(html, /\/assets\/[\w-]+\.(js|css)"/, `${name}: an unhashed bundle name`);
    }
    const html = (await raw(server.url + '/console')).body.toString('utf8');
    assert.ok(
      html.includes(`src="/assets/${manifest.console.js}"`) && html.includes(`href="/assets/${manifest.console.css}"`),
      'the console links the bundle the manifest names',
    );
    assert.ok((await raw(server.url + '/')).body.toString('utf8').includes(`/assets/${manifest.public.js}`));
    assert.ok((await raw(server.url + '/unit')).body.toString('utf8').includes(`/assets/${manifest.unit.js}`));
  });

  it('gives every API answer (also errors) a CSP that no one may frame, nosniff and a referrer policy', async () => {
    for (const p of [...apis, '/api/public/requests/%ff', '/no/such/page']) {
      const r = await raw(server.url + p);
      assert.ok(r.status < 500, `${p}: ${r.status}`);
      // Express's own 404 for an unknown path replaces the CSP with its stricter `default-src 'none'`.
      if (p !== '/no/such/page') assert.deepEqual(csp(r).get('frame-ancestors'), ["'none'"], p);
      else assert.ok(csp(r).get('default-src'), p);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', p);
      assert.ok(r.headers['referrer-policy'], p);
      assert.equal(r.headers['strict-transport-security'], undefined, p);
    }
  });

  it('serves fingerprinted bundles for a year, immutable, and 404 (never 500) for any other name under /assets', async () => {
    for (const files of Object.values(manifest)) {
      for (const file of [files.js, files.css, `${files.js}.map`].filter(Boolean) as string[]) {
        const r = await raw(`${server.url}/assets/${file}`);
        assert.equal(r.status, 200, file);
        assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable', file);
        assert.equal(r.headers['x-content-type-options'], 'nosniff', file);
      }
    }
    assert.match(String((await raw(`${server.url}/assets/${manifest.console.js}`)).headers['content-type']), /javascript/);
    assert.match(String((await raw(`${server.url}/assets/${manifest.console.css}`)).headers['content-type']), /text\/css/);
    for (const p of [
      '/assets/console.ZZZZZZZZ.js',
      '/assets/console.js',
      '/assets/public.css',
      '/assets/manifest.json',
      '/assets/.built',
      '/assets/',
      '/assets',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/web-build.ts',
    ]) {
      const r = await raw(server.url + p);
      assert.equal(r.status, 404, `${p}: ${r.status}`);
      assert.notEqual(r.headers['cache-control'], 'public, max-age=31536000, immutable', p);
    }
    const bad = await raw(`${server.url}/assets/%ff.js`);
    assert.ok(bad.status === 404 || bad.status === 400, `a bad escape: ${bad.status}`);
  });

  it('gzips HTML, JS, CSS, JSON and XML (over 1 KB) for a client that accepts it, and sends them plain otherwise', async () => {
    const targets = [
      pages.console,
      pages.unit,
      `/assets/${manifest.public.js}`,
      `/assets/${manifest.console.js}`,
      `/assets/${manifest.public.css}`,
      '/api/public/services',
      '/open311/v2/services.xml',
    ];
    for (const p of targets) {
      const plain = await raw(server.url + p);
      const gz = await raw(server.url + p, { 'Accept-Encoding': 'gzip' });
      assert.equal(plain.status, 200, p);
      assert.equal(plain.headers['content-encoding'], undefined, `${p} without Accept-Encoding`);
      assert.equal(gz.headers['content-encoding'], 'gzip', `${p} with Accept-Encoding: gzip`);
      assert.match(String(gz.headers.vary), /Accept-Encoding/i, p);
      const unzipped = zlib.gunzipSync(gz.body);
      assert.ok(unzipped.equals(plain.body), `${p}: the same bytes once unzipped`);
      assert.ok(gz.body.length < plain.body.length * 0.6, `${p}: ${plain.body.length} -> ${gz.body.length} bytes`);
    }
  });

  it('sends bundles precompressed at build, brotli when the client takes it, gzip else, plain without Accept-Encoding', async () => {
    for (const name of [manifest.public.js, manifest.console.css as string]) {
      const url = `${server.url}/assets/${name}`;
      const plain = await raw(url);
      const br = await raw(url, { 'Accept-Encoding': 'br' });
      const gz = await raw(url, { 'Accept-Encoding': 'gzip' });
      const both = await raw(url, { 'Accept-Encoding': 'gzip, deflate, br' });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(br.headers['content-encoding'], 'br', name);
      assert.equal(gz.headers['content-encoding'], 'gzip', name);
      assert.ok(['br', 'gzip'].includes(String(both.headers['content-encoding'])), name);
      assert.ok(zlib.brotliDecompressSync(br.body).equals(plain.body), `${name}: brotli unpacks to the bundle`);
      assert.ok(zlib.gunzipSync(gz.body).equals(plain.body), `${name}: gzip unpacks to the bundle`);
      for (const r of [plain, br, gz]) {
        assert.match(String(r.headers['content-type']), name.endsWith('.js') ? /javascript/ : /text\/css/, name);
        assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable', name);
        assert.match(String(r.headers.vary), /Accept-Encoding/i, name);
      }
      const file = path.resolve(__dirname, '../../web/dist', name);
      assert.equal(br.body.length, fs.statSync(`${file}.br`).size, 'the file written at build, not compressed again');
    }
    const missing = await raw(`${server.url}/assets/console.ZZZZZZZZ.js`, { 'Accept-Encoding': 'br' });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['content-encoding'], undefined);
  });

  it('never recompresses a photo', async () => {
    const r = await raw(server.url + photo, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'image/jpeg');
    assert.equal(r.headers['content-encoding'], undefined);
    assert.ok(r.body.length > 4096, 'the bytes as stored');
    assert.equal(r.headers['cross-origin-resource-policy'], 'cross-origin', 'other sites’ Open311 apps may show the photo');
    assert.equal((await raw(server.url + '/api/public/services')).headers['cross-origin-resource-policy'], 'same-origin');
  });

  describe('with an https public URL, embed origins and a tile server', () => {
    let https: TestServer;
    before(async () => {
      https = await startTestServer(db, {
        KONTAKT_PUBLIC_URL: 'https://kontakt.miasto.example',
        KONTAKT_EMBED_ORIGINS: 'https://www.miasto.example, https://*.bip.miasto.example',
        KONTAKT_TILE_URL: 'https://{a-c}.tile.example.org/{z}/{x}/{y}.png',
        KONTAKT_DATA_DIR: dataDir,
      });
    });
    after(async () => {
      await https?.close();
    });

    it('lets the configured origins frame the public map, and still nobody frame staff pages', async () => {
      for (const p of [pages.map, pages.request]) {
        const r = await raw(https.url + p);
        assert.deepEqual(csp(r).get('frame-ancestors'), ["'self'", 'https://www.miasto.example', 'https://*.bip.miasto.example'], p);
        assert.equal(r.headers['x-frame-options'], undefined, `${p}: X-Frame-Options cannot name other origins`);
      }
      for (const p of [pages.console, pages.unit, pages.unsubscribe, '/api/public/services']) {
        const r = await raw(https.url + p);
        assert.deepEqual(csp(r).get('frame-ancestors'), ["'none'"], p);
        assert.equal(r.headers['x-frame-options'], 'DENY', p);
      }
    });

    it('sends HSTS, upgrades insecure requests, and allows the tile server for images and fetches', async () => {
      for (const p of [...Object.values(pages), ...apis]) {
        const r = await raw(https.url + p);
        assert.equal(r.headers['strict-transport-security'], 'max-age=31536000', p);
      }
      const policy = csp(await raw(https.url + '/'));
      assert.ok(policy.has('upgrade-insecure-requests'));
      assert.deepEqual(policy.get('img-src'), ["'self'", 'data:', 'blob:', 'https://*.tile.example.org']);
      assert.deepEqual(policy.get('connect-src'), ["'self'", 'https://*.tile.example.org']);
      assert.deepEqual(policy.get('script-src'), ["'self'"]);
    });
  });
});
