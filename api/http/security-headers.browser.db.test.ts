/**
 * Every page under its real Content-Security-Policy in headless Chromium (issue #11 item 8): the
 * public map (`/`, `/r/<id>`), the console and the unit inbox logged in, the password page when
 * there is one, and the unsubscribe page, with background tiles from a tile server on another
 * origin (as KONTAKT_TILE_URL configures). Not one CSP violation may be reported, neither as a
 * `securitypolicyviolation` event nor in the console, and every map draws. A control shows the
 * listener works: an inline script injected into the page is refused and reported.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import { launchBrowser, screenshot, staffLogin } from '../../test/browser';
import { StaffClient } from '../../test/staff-client';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { unsubscribeUrl } from '../notify/outbox';
import { ensureWebBuilt } from './web-build';
import { createLogger } from '../log';

const PASSWORD = 'correct horse battery';
/** A 1 x 1 PNG: every tile the map asks for. */
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface Watched {
  context: BrowserContext;
  page: Page;
  /** CSP messages of the console, over every navigation. */
  console: string[];
}

describe('every page under its Content-Security-Policy in Chromium (database)', function () {
  this.timeout(300_000);
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let tiles: http.Server;
  let tileHits = 0;
  let browser: Browser;
  let requestId: string;
  let unsubscribe: string;
  let inquiryId: string;

  /** A page of its own context that records CSP violations as events (kept per document) and console messages. */
  async function watched(): Promise<Watched> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'pl-PL' });
    await context.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const messages: string[] = [];
    page.on('console', (m) => {
      if (/content security policy|refused to/i.test(m.text())) messages.push(m.text());
    });
    page.on('pageerror', (err) => console.error('page error:', err.message));
    return { context, page, console: messages };
  }

  const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  async function assertClean(w: Watched, what: string): Promise<void> {
    await w.page.waitForTimeout(300); // reports are dispatched asynchronously
    assert.deepEqual(await violations(w.page), [], `${what}: CSP violation events`);
    assert.deepEqual(w.console, [], `${what}: CSP messages in the console`);
  }

  before(async () => {
    await ensureWebBuilt(createLogger({ logLevel: 'silent' }));
    tiles = http.createServer((req, res) => {
      tileHits++;
      res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' }).end(TILE);
    });
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', () => resolve()));
    const tileUrl = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
    db = await openTestDatabase('csp-browser');
    city = await createFixtureCity(db);
    await createStaff(db.knex, { email: 'agent@testowo.pl', name: 'Agnieszka Agent', role: 'agent', password: PASSWORD, jurisdictionId: city.jurisdictionId });
    await createStaff(db.knex, {
      email: 'zdm@testowo.pl',
      name: 'Zenon Drogowiec',
      role: 'unit_staff',
      unitCode: 'ZDM',
      password: PASSWORD,
      jurisdictionId: city.jurisdictionId,
    });
    server = await startTestServer(db, { KONTAKT_TILE_URL: tileUrl });
    const agent = new StaffClient(server.url);
    await agent.login('agent@testowo.pl', PASSWORD);
    requestId = (
      await agent.json(
        agent.send('POST', '/api/console/reports', {
          serviceCode: 'pothole',
          channel: 'email',
          location: { lat: 52.2201, long: 21.012 },
          attributes: { size: 'small' },
          description: 'Dziura przy przejściu',
          reporter: { firstName: 'Jan', email: 'jan@example.pl', notify: 'email' },
        }),
      )
    ).publicId;
    const person = await db.knex('people').where({ email: 'jan@example.pl' }).first('id');
    unsubscribe = await unsubscribeUrl(db.knex, server.url, requestId, person.id);
    inquiryId = (
      await agent.json(
        agent.send('POST', '/api/console/inquiries', {
          question: 'Kiedy zostanie załatana dziura przed szkołą?',
          serviceCode: 'pothole',
          lat: 52.2201,
          long: 21.012,
          replyChannel: 'phone',
          person: { phone: '602 000 111' },
        }),
      )
    ).inquiry.publicId;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await new Promise<void>((resolve) => (tiles ? tiles.close(() => resolve()) : resolve()));
    await db?.close();
  });

  /** Waits until the public map has drawn the data of its viewport. */
  const mapDrawn = (page: Page) =>
    page.waitForFunction(() => {
      const el = document.getElementById('map');
      return !!el?.dataset.loaded && el.dataset.loaded === el.dataset.requested && el.dataset.rendered === el.dataset.loaded;
    });

  it('refuses and reports an injected inline script (the listener works)', async () => {
    const w = await watched();
    await w.page.goto(`${server.url}/`);
    await mapDrawn(w.page);
    await w.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injectedRan = true';
      document.head.append(s);
    });
    await w.page.waitForFunction(() => (window as unknown as { cspViolations: string[] }).cspViolations.length > 0);
    assert.equal(await w.page.evaluate(() => (window as unknown as { injectedRan?: boolean }).injectedRan), undefined, 'the inline script did not run');
    assert.match((await violations(w.page))[0], /^script-src(-elem)? blocked inline/);
    await w.context.close();
  });

  it('draws the public map with its tiles, and a request at /r/<id>, with no violation', async () => {
    const w = await watched();
    const before = tileHits;
    await w.page.goto(`${server.url}/`);
    await mapDrawn(w.page);
    assert.ok(tileHits > before, 'the map loaded tiles from the tile server');
    await screenshot(w.page, 'csp-1-public-map');
    await assertClean(w, '/');

    await w.page.goto(`${server.url}/r/${requestId}`);
    await mapDrawn(w.page);
    await w.page.getByText(requestId).first().waitFor();
    await screenshot(w.page, 'csp-2-request');
    await assertClean(w, `/r/${requestId}`);
    await w.context.close();
  });

  it('runs the console, logged in, with its map and tiles, with no violation', async () => {
    const w = await watched();
    await staffLogin(w.page, `${server.url}/console`, 'agent@testowo.pl', PASSWORD);
    await w.page.waitForSelector('body[data-ready=true]');
    await w.page.locator('#map canvas').first().waitFor();
    await w.page.getByRole('combobox', { name: /Adres, skrzyżowanie/ }).fill('Marszałkowska 12');
    await w.page.getByRole('option', { name: 'ul. Marszałkowska 12', exact: true }).waitFor();
    await w.page.keyboard.press('Enter');
    await w.page.locator('#place-district').getByText('Alfa').waitFor();
    await screenshot(w.page, 'csp-3-console');
    await assertClean(w, '/console');
    await w.context.close();
  });

  it('runs the unit inbox, logged in, with an inquiry on its mini map, with no violation', async () => {
    const w = await watched();
    await staffLogin(w.page, `${server.url}/unit`, 'zdm@testowo.pl', PASSWORD);
    await w.page.waitForSelector('body[data-ready=true]');
    await w.page.getByRole('button', { name: new RegExp(inquiryId) }).click();
    await w.page.locator('#detail-map canvas').first().waitFor();
    await screenshot(w.page, 'csp-4-unit');
    await assertClean(w, '/unit');
    await w.context.close();
  });

  it('lets a city site on a configured origin embed the map, but never the console; without the setting, no other site', async () => {
    // The city's website: another origin (another port) framing the map and the console.
    let target = server.url;
    const site = http.createServer((_req, res) => {
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><title>Miasto</title><iframe name="map" src="${target}/" width="600" height="500"></iframe><iframe name="console" src="${target}/console" width="600" height="500"></iframe>`,
        );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', () => resolve()));
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const embedding = await startTestServer(db, { KONTAKT_EMBED_ORIGINS: siteUrl });
    const framed = (w: Watched, name: string) => {
      const frame = w.page.frame({ name });
      return frame && !frame.url().startsWith('chrome-error:') ? frame : null;
    };
    /** Waits (up to 20 s) for the console to report a refusal by the given frame-ancestors value. */
    const refusal = async (w: Watched, value: string) => {
      for (let i = 0; i < 200 && !w.console.some((m) => m.includes(`frame-ancestors ${value}`)); i++) await w.page.waitForTimeout(100);
      return w.console.some((m) => m.includes(`frame-ancestors ${value}`));
    };
    try {
      target = embedding.url;
      const allowed = await watched();
      await allowed.page.goto(siteUrl);
      assert.ok(await refusal(allowed, "'none'"), 'the console is refused by its CSP');
      const map = framed(allowed, 'map');
      assert.ok(map, 'the map is shown in the city site');
      await map.waitForFunction(() => {
        const el = document.getElementById('map');
        return !!el?.dataset.loaded && el.dataset.rendered === el.dataset.loaded;
      });
      assert.equal(framed(allowed, 'console'), null, 'the console is not shown');
      assert.ok(!allowed.console.some((m) => /frame-ancestors 'self'/.test(m)), 'the map was not refused');
      await screenshot(allowed.page, 'csp-6-embedded');
      await allowed.context.close();

      target = server.url;
      const refused = await watched();
      await refused.page.goto(siteUrl);
      assert.ok(await refusal(refused, "'self'"), `without KONTAKT_EMBED_ORIGINS no other site shows the map: ${refused.console.join('\n')}`);
      assert.equal(framed(refused, 'map'), null);
      await refused.context.close();
    } finally {
      await embedding.close();
      await new Promise<void>((resolve) => site.close(() => resolve()));
    }
  });

  it('shows the password page (when the server has one) and the unsubscribe page, and unsubscribes, with no violation', async () => {
    const w = await watched();
    if ((await fetch(`${server.url}/account/password`)).status === 200) {
      await staffLogin(w.page, `${server.url}/console`, 'agent@testowo.pl', PASSWORD);
      await w.page.waitForSelector('body[data-ready=true]');
      await w.page.goto(`${server.url}/account/password`);
      await w.page.waitForSelector('body[data-ready=true]');
      await w.page.getByLabel('Obecne hasło').waitFor();
      await assertClean(w, '/account/password');
    }
    await w.page.goto(unsubscribe);
    await w.page.getByRole('button', { name: /Wyłącz powiadomienia/ }).click();
    await w.page.getByText('Gotowe').waitFor();
    await screenshot(w.page, 'csp-5-unsubscribed');
    await assertClean(w, 'unsubscribe');
    await w.context.close();
  });
});
