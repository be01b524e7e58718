/**
 * The one-time password in real headless Chromium (issue #11, item 9): a new agent logs in to the
 * console with the password `kontakt user add` gave them, is sent to the password page, is told in
 * Polish what is wrong with a weak password (the page's own check and the server's), sets a good
 * one, and lands in the console. Screenshots: artifacts/screenshots/password-*.png.
 */
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import { launchBrowser, newTestPage, screenshot, staffLogin } from '../../test/browser';
import { StaffClient } from '../../test/staff-client';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity } from '../pipeline/fixtures';
import { ensureWebBuilt } from '../http/web-build';
import { createLogger } from '../log';

describe('the password change in a real browser (database, Chromium)', function () {
  this.timeout(300_000);
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let oneTime = '';
  const NEW_PASSWORD = 'zielony tramwaj na Pradze';

  before(async () => {
    await ensureWebBuilt(createLogger({ logLevel: 'silent' }));
    db = await openTestDatabase('password-browser');
    const city = await createFixtureCity(db);
    oneTime = (await createStaff(db.knex, { email: 'nowy.agent@testowo.pl', name: 'Nowy Agent', role: 'agent', jurisdictionId: city.jurisdictionId })).password;
    server = await startTestServer(db);
    browser = await launchBrowser();
    page = await newTestPage(browser, { width: 1280, height: 860 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `password-failed-${this.currentTest.title.slice(0, 12).replace(/\W/g, '')}`);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('sends a one-time password from the console to the password form, refuses weak passwords in Polish, then opens the console', async () => {
    await staffLogin(page, `${server.url}/console`, 'nowy.agent@testowo.pl', oneTime);
    await page.waitForURL(/\/account\/password\?next=%2Fconsole/);
    await page.waitForSelector('body[data-ready=true]');
    assert.match((await page.locator('#pw-forced').textContent()) ?? '', /hasłem jednorazowym/);
    assert.equal(await page.locator('#pw-forced').isVisible(), true);
    await screenshot(page, 'password-1-forced');

    const current = page.getByLabel('Obecne hasło');
    const next = page.getByLabel('Nowe hasło', { exact: true });
    const repeat = page.getByLabel('Powtórz nowe hasło');
    const submit = page.getByRole('button', { name: 'Zmień hasło' });

    // The page's own checks: too short, and a repeat that differs.
    await current.fill(oneTime);
    await next.fill('krótkie');
    await repeat.fill('krótkie2');
    await submit.click();
    await page.locator('#pw-error li').first().waitFor();
    const local = (await page.locator('#pw-error').textContent()) ?? '';
    assert.match(local, /co najmniej 12 znaków/);
    assert.match(local, /Powtórzone hasło różni się/);

    // The server's rules, shown in Polish: the one-time password again is not a new password.
    await next.fill(oneTime);
    await repeat.fill(oneTime);
    await submit.click();
    await page.locator('#pw-error', { hasText: 'musi różnić się od obecnego' }).waitFor();
    // And a wrong current password.
    await current.fill('to nie jest moje hasło');
    await next.fill(NEW_PASSWORD);
    await repeat.fill(NEW_PASSWORD);
    await submit.click();
    await page.locator('#pw-error', { hasText: 'Obecne hasło jest nieprawidłowe' }).waitFor();
    await screenshot(page, 'password-2-refused');
    assert.equal((await db.knex('staff').where({ email: 'nowy.agent@testowo.pl' }).first()).must_change_password, true, 'nothing changed yet');

    await current.fill(oneTime);
    await submit.click();
    await page.waitForURL(/\/console$/);
    await page.waitForSelector('body[data-ready=true]');
    assert.equal(await page.locator('#login').isVisible(), false, 'no second login: the new session came with the change');
    await screenshot(page, 'password-3-console');
    // The console links to the page for later changes; without a one-time password it says nothing about one.
    await page.getByRole('link', { name: 'Zmień hasło' }).click();
    await page.waitForURL(/\/account\/password\?next=%2Fconsole$/);
    await page.waitForSelector('body[data-ready=true]');
    assert.equal(await page.locator('#pw-forced').isVisible(), false);
    assert.equal((await db.knex('staff').where({ email: 'nowy.agent@testowo.pl' }).first()).must_change_password, false);

    assert.equal((await new StaffClient(server.url).login('nowy.agent@testowo.pl', oneTime)).status, 400, 'the one-time password no longer works');
    assert.equal((await new StaffClient(server.url).login('nowy.agent@testowo.pl', NEW_PASSWORD)).status, 200);
  });

  it('says in Polish that an e-mail address is locked after ten failed logins', async () => {
    const fresh = await newTestPage(browser);
    try {
      for (let i = 0; i < 10; i++) await new StaffClient(server.url).login('ktos@testowo.pl', `zgadywanie ${i}`);
      await staffLogin(fresh, `${server.url}/console`, 'ktos@testowo.pl', 'jeszcze jedno');
      await fresh.locator('#login-error', { hasText: 'Zbyt wiele nieudanych logowań' }).waitFor();
      assert.match((await fresh.locator('#login-error').textContent()) ?? '', /Spróbuj ponownie za 15 min/);
    } finally {
      await fresh.context().close();
    }
  });
});
