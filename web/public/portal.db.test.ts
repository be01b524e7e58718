/**
 * The three resident flows of issue #6 in real headless Chromium at a phone viewport (360 x 740),
 * against the real server and database; screenshots go to artifacts/screenshots/portal-*.png.
 */
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../../test/browser';
import { openTestDatabase } from '../../test/db';
import { startTestServer, TestServer } from '../../test/server';
import type { Database } from '../../api/db/engine';
import { createFixtureCity, FixtureCity } from '../../api/pipeline/fixtures';
import { createApiClient } from '../../api/accounts/api-clients';
import { ensureWebBuilt } from '../../api/http/web-build';
import { createLogger } from '../../api/log';
import { exifGpsSegment, withExif } from '../lib/exif';

const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'pl-PL' };

describe('public portal in a phone browser (database)', function () {
  this.timeout(240000);
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let browser: Browser;
  let apiKey: string;

  before(async () => {
    await ensureWebBuilt(createLogger({ logLevel: 'silent' }));
    db = await openTestDatabase('portal-browser');
    city = await createFixtureCity(db);
    server = await startTestServer(db);
    apiKey = (await createApiClient(db.knex, { name: 'test app' })).key;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  /** A phone whose GPS says it is at (lat, lon); every response body it receives is kept. */
  async function phoneAt(lat: number, lon: number): Promise<{ context: BrowserContext; page: Page; bodies: string[] }> {
    const context = await browser.newContext({ ...PHONE, geolocation: { latitude: lat, longitude: lon }, permissions: ['geolocation'] });
    const page = await context.newPage();
    page.on('dialog', (d) => {
      console.error(`page dialog: ${d.message()}`);
      void d.dismiss();
    });
    const bodies: string[] = [];
    page.on('response', (res) => {
      if (/\/(api|open311)\//.test(res.url()) || res.url() === `${server.url}/` || /\/r\//.test(res.url()))
        res.text().then(
          (t) => bodies.push(t),
          () => undefined,
        );
    });
    return { context, page, bodies };
  }

  /** Waits until the map has drawn the data of its current viewport. */
  async function mapDrawn(page: Page, kind: 'points' | 'clusters'): Promise<void> {
    await page.waitForFunction((k) => {
      const el = document.getElementById('map');
      return el?.dataset.kind === k && el.dataset.loaded === el.dataset.requested && el.dataset.rendered === el.dataset.loaded;
    }, kind);
  }

  async function fileByOpen311(fields: Record<string, string>): Promise<string> {
    const res = await fetch(`${server.url}/open311/v2/requests.json`, { method: 'POST', body: new URLSearchParams({ api_key: apiKey, ...fields }) });
    const body = await res.json();
    assert.ok(res.ok, JSON.stringify(body));
    return body[0].service_request_id;
  }

  async function locateAndChoose(page: Page, service: RegExp, shot?: string): Promise<void> {
    await page.goto(server.url + '/');
    await mapDrawn(page, 'clusters');
    if (shot) await screenshot(page, shot);
    await page.getByRole('button', { name: 'Zgłoś problem' }).click();
    await page.getByRole('button', { name: 'Moja lokalizacja' }).click();
    await page.locator('.place').filter({ hasText: 'Dzielnica: Alfa' }).waitFor();
    await page.getByRole('button', { name: 'Dalej' }).click();
    await page.getByLabel('Szukaj kategorii (np. dziura)').fill('dziura');
    await page.getByRole('button', { name: service }).click();
  }

  it('(a) reports a pothole with a photo, located by the photo, and finds it on the map in the right district', async () => {
    const { context, page } = await phoneAt(52.2202, 21.0051);
    // The page carries no API key (issue #11): the HTML, as served, names none.
    const html = await (await fetch(`${server.url}/`)).text();
    assert.doesNotMatch(html, /kk_[A-Za-z0-9_-]{20,}|api_?key/i);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
    });
    await locateAndChoose(page, /Dziura w jezdni/, 'portal-a0-start');
    await page.getByRole('heading', { name: /Opis: Dziura w jezdni/ }).waitFor();
    await screenshot(page, 'portal-a1-form');
    await page.getByLabel(/Wielkość/).selectOption('large');
    await page.getByLabel('Opis problemu').fill('Głęboka dziura przy przejściu');
    // A real JPEG (rendered by Chromium) with the GPS position a phone camera would write.
    const jpeg = await page.screenshot({ type: 'jpeg', quality: 60, clip: { x: 0, y: 0, width: 64, height: 64 } });
    const photo = withExif(new Uint8Array(jpeg), exifGpsSegment(52.2305, 21.0155));
    await page.getByLabel('Dodaj zdjęcia').setInputFiles({ name: 'dziura.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo) });
    await page.getByRole('button', { name: 'Użyj miejsca ze zdjęcia' }).click();
    await page.locator('.place').first().filter({ hasText: 'Dzielnica: Alfa' }).waitFor();
    await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
    await page.getByText('Dziękujemy! Zgłoszenie przyjęte.').waitFor();
    await screenshot(page, 'portal-a2-tracking');
    const id = (await page.locator('.detail .number').textContent())!.trim();
    assert.match(page.url(), new RegExp(`/r/${id}$`));
    assert.equal(await page.locator('.detail .district').textContent(), 'Alfa');
    assert.equal(await page.locator('.detail .photos img').count(), 1);
    assert.deepEqual(posts, ['/api/public/reports'], "filed through the portal's own endpoint, not Open311 with a key");
    const filedBy = await db
      .knex('requests as r')
      .join('api_clients as c', 'c.id', 'r.api_client_id')
      .where('r.public_id', id)
      .first('c.internal', 'r.channel');
    assert.deepEqual(filedBy, { internal: 'portal', channel: 'web' });

    const row = await db.knex('requests').where({ public_id: id }).first(db.knex.raw('ST_X(public_geom) AS lon'), db.knex.raw('ST_Y(public_geom) AS lat'));
    assert.ok(Math.abs(row.lon - 21.0155) < 1e-4 && Math.abs(row.lat - 52.2305) < 1e-4, 'filed at the photo position');

    // Find it on the map: close the sheet, tap the point in the middle of the map.
    await page.getByRole('button', { name: 'Zamknij' }).click();
    await mapDrawn(page, 'points');
    await screenshot(page, 'portal-a3-map');
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator(`.detail[data-request="${id}"]`).waitFor();
    assert.equal(await page.locator('.detail .district').textContent(), 'Alfa');
    await screenshot(page, 'portal-a4-found-on-map');
    await context.close();
  });

  it('(b) follows an existing nearby report instead of filing a new one, and the reporter count goes up', async () => {
    const existing = await fileByOpen311({
      service_code: 'pothole',
      lat: '52.2350',
      long: '21.0100',
      description: 'Dziura na pasie',
      'attribute[size]': 'small',
    });
    const before = await db.knex('requests').count('* as n').first();
    const { context, page } = await phoneAt(52.23505, 21.01005);
    await locateAndChoose(page, /Dziura w jezdni/);
    await page.getByRole('heading', { name: 'Czy to jedno z tych zgłoszeń?' }).waitFor();
    await screenshot(page, 'portal-b1-is-it-one-of-these');
    await page
      .locator(`.nearby li[data-request="${existing}"]`)
      .getByRole('button', { name: /dołącz/ })
      .click();
    await page.getByText(/Dołączono Cię do zgłoszenia. Zgłaszających: 2/).waitFor();
    assert.equal(await page.locator('.detail .reporters').textContent(), '2');
    await screenshot(page, 'portal-b2-me-too');
    const after = await db.knex('requests').count('* as n').first();
    assert.equal(Number(after!.n), Number(before!.n), 'no new request');
    const r = await (await fetch(`${server.url}/api/public/requests/${existing}`)).json();
    assert.equal(r.reporters, 2);
    await context.close();
  });

  it('(c) shows a sensitive report only as an approximate area and leaks no reporter data anywhere', async () => {
    const pii = { first_name: 'Hieronim', last_name: 'Wąsikiewicz', email: 'hieronim.w@example.net', phone: '+48 512 987 654' };
    const id = await fileByOpen311({
      service_code: 'noise',
      lat: '52.2261',
      long: '21.0132',
      description: `Głośna muzyka, dzwońcie ${pii.phone} albo ${pii.email}`,
      ...pii,
    });
    const { context, page, bodies } = await phoneAt(52.2261, 21.0132);
    await page.goto(`${server.url}/r/${id}`);
    await page.getByText(/Lokalizacja przybliżona \(ok\. 200 m\)/).waitFor();
    assert.equal(
      await page
        .locator('.detail')
        .getByText(/ul\.|al\./)
        .count(),
      0,
      'no street address for a sensitive report',
    );
    await page.getByRole('button', { name: 'Zamknij' }).click();
    await mapDrawn(page, 'points');
    await screenshot(page, 'portal-c1-approximate-area');
    const mapAnswer = await page.evaluate(async () => (await fetch('/api/public/map?bbox=21.0,52.2,21.04,52.24&zoom=17')).json());
    const point = mapAnswer.points.find((p: { id: string }) => p.id === id);
    assert.equal(point.approximateM, 200);
    assert.ok(Math.abs(point.lon - 21.0132) > 1e-6 || Math.abs(point.lat - 52.2261) > 1e-6, 'the exact point is not published');
    // Everything the phone received (page, map data, details) plus the cluster views:
    for (const zoom of [9, 12, 15, 18]) bodies.push(await (await fetch(`${server.url}/api/public/map?bbox=20.9,52.1,21.1,52.3&zoom=${zoom}`)).text());
    bodies.push(await (await fetch(`${server.url}/api/public/nearby?lat=52.2261&long=21.0132&service_code=noise`)).text());
    assert.ok(bodies.length >= 5);
    for (const body of bodies)
      for (const v of [pii.first_name, pii.last_name, pii.email, pii.phone, '512 987 654']) assert.ok(!body.includes(v), `a public response contains ${v}`);
    // The same page in English.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'Report a problem' }).waitFor();
    await page.goto(`${server.url}/r/${id}`);
    await page.getByText(/Approximate location \(about 200 m\)/).waitFor();
    await screenshot(page, 'portal-c2-english');
    await context.close();
  });
});
