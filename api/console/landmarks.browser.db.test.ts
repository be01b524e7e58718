/**
 * Landmarks and units in the console's search box, in real headless Chromium against the real
 * server on the demo city's pack: a landmark typed with a typo shows with its kind tag, picking it
 * puts the pin there and the place panel shows its address, district and unit; in English a unit
 * shows with its English name. Screenshots: artifacts/screenshots/console-landmark-*.png.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import { launchBrowser, newTestPage, screenshot, staffLogin } from '../../test/browser';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { importCityPack } from '../city/import';
import { writeDemoPack, DEMO_JURISDICTION_ID } from '../demo/generate';
import { ensureWebBuilt } from '../http/web-build';
import { createLogger } from '../log';

describe('console search box: landmarks and units in a real browser (database, Chromium)', function () {
  this.timeout(600_000);
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-landmarks-browser-'));

  before(async () => {
    await ensureWebBuilt(createLogger({ logLevel: 'silent' }));
    db = await openTestDatabase('landmarks-browser');
    writeDemoPack(tmp, { addresses: 3000 });
    await importCityPack(db, tmp);
    await createStaff(db.knex, {
      email: 'agent@nadwislin.example',
      name: 'Agata Agent',
      role: 'agent',
      password: 'correct horse battery',
      jurisdictionId: DEMO_JURISDICTION_ID,
    });
    server = await startTestServer(db);
    browser = await launchBrowser();
    page = await newTestPage(browser);
    await staffLogin(page, `${server.url}/console`, 'agent@nadwislin.example', 'correct horse battery');
    await page.waitForSelector('body[data-ready=true]');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, 'console-landmark-failed');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('finds the hospital typed with a typo, tagged as a landmark; picking it pins it with address, district and unit', async () => {
    const hospital = (
      await db.knex.raw(
        `
      SELECT l.address, d.name AS district FROM landmarks l
        JOIN districts d ON d.jurisdiction_id = l.jurisdiction_id AND d.valid_to IS NULL AND ST_Intersects(d.geom, l.geom)
       WHERE l.jurisdiction_id = ? AND l.code = 'szpital-miejski'`,
        [DEMO_JURISDICTION_ID],
      )
    ).rows[0];
    await page.getByRole('combobox', { name: /Adres, skrzyżowanie/ }).fill('szpital mjeski');
    const option = page.getByRole('option', { name: `[obiekt] Szpital Miejski im. Ludwika Rydygiera (szpital) — ${hospital.address}`, exact: true });
    await option.waitFor();
    await screenshot(page, 'console-landmark-1-list');
    await page.keyboard.press('Enter');
    await page.locator('#place-district').getByText(hospital.district, { exact: true }).waitFor();
    assert.equal(await page.locator('#place-address').textContent(), hospital.address, 'the pin is on the hospital, at its register address');
    assert.notEqual((await page.locator('#place-unit').textContent())?.trim(), '', 'a responsible unit is shown');
    assert.match(await page.getByRole('combobox', { name: /Adres, skrzyżowanie/ }).inputValue(), /^Szpital Miejski im\. Ludwika Rydygiera/);
    await screenshot(page, 'console-landmark-2-pinned');
  });

  it('in English, offers a unit office by its English name with the unit tag', async () => {
    const zdm = (await db.knex.raw(`SELECT address FROM units WHERE jurisdiction_id = ? AND code = 'ZDM'`, [DEMO_JURISDICTION_ID])).rows[0];
    await page.keyboard.press('Alt+L');
    const search = page.getByRole('combobox', { name: /Address, intersection, landmark/ });
    await search.fill('Municipal Roads Authority');
    await page.getByRole('option', { name: `[unit] Municipal Roads Authority (unit) — ${zdm.address}`, exact: true }).waitFor();
    await screenshot(page, 'console-landmark-3-unit-en');
    await page.keyboard.press('Alt+L');
  });
});
