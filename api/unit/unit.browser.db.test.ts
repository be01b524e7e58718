/**
 * The second line in real headless Chromium against the real server (issue #5 item 4): a question
 * forwarded by an agent reaches the ZDM unit's inbox at /unit, the unit answers it (Ctrl+Enter),
 * returns another one to the first line; in the console the agent's caller lookup then shows the
 * answer, and the returned question waits under the forward form until the agent sends it on to
 * another unit. Also: the page at 360 px, and a unit account that opens /console is pointed to /unit.
 * Screenshots go to artifacts/screenshots/unit-*.png.
 */
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import { launchBrowser, newTestPage, screenshot, staffLogin } from '../../test/browser';
import { StaffClient } from '../../test/staff-client';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { ensureWebBuilt } from '../http/web-build';
import { createLogger } from '../log';

const PASSWORD = 'correct horse battery';
const ANSWER = 'Ubytek zostanie załatany do piątku; prosimy o ostrożność.';

describe('the unit inbox in a real browser (database, Chromium)', function () {
  this.timeout(600_000);
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};

  const login = (p: Page, path: string, email: string) => staffLogin(p, `${server.url}${path}`, email, PASSWORD);

  before(async () => {
    await ensureWebBuilt(createLogger({ logLevel: 'silent' }));
    db = await openTestDatabase('unit-browser');
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
    server = await startTestServer(db);
    // The agent forwards through the console API (the console's own browser test drives that form).
    const agent = new StaffClient(server.url);
    await agent.login('agent@testowo.pl', PASSWORD);
    const forward = async (body: Record<string, unknown>) => (await agent.json(agent.send('POST', '/api/console/inquiries', body))).inquiry.publicId as string;
    ids.pothole = await forward({
      question: 'Kiedy zostanie załatana dziura przed szkołą na Marszałkowskiej?',
      serviceCode: 'pothole',
      lat: 52.2201,
      long: 21.012,
      replyChannel: 'email',
      person: { firstName: 'Ewa', lastName: 'Kowalska', email: 'ewa@example.pl' },
    });
    ids.tree = await forward({
      question: 'Kto przytnie gałęzie nad placem zabaw?',
      topic: 'Drzewa',
      unitCode: 'ZDM',
      replyChannel: 'phone',
      person: { phone: '602 000 111' },
    });
    await db
      .knex('inquiries')
      .where({ public_id: ids.tree })
      .update({ due_at: new Date(Date.now() - 3_600_000) });
    browser = await launchBrowser();
    page = await newTestPage(browser, { width: 1280, height: 860 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `unit-failed-${this.currentTest.title.slice(0, 12).replace(/\W/g, '')}`);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('shows the unit its questions, overdue first in red, and answers one with Ctrl+Enter', async () => {
    await login(page, '/unit', 'zdm@testowo.pl');
    await page.waitForSelector('body[data-ready=true]');
    const rows = page.locator('#inquiry-list li');
    assert.equal(await rows.count(), 2);
    assert.match((await rows.nth(0).textContent()) ?? '', new RegExp(ids.tree));
    assert.equal(await rows.nth(0).getAttribute('class'), 'sla-row-overdue');
    assert.match((await rows.nth(0).textContent()) ?? '', /po terminie/);
    assert.equal((await page.locator('#count-open').textContent())?.trim(), '(2)');
    assert.equal(await page.locator('#unit-name').textContent(), 'Zarząd Dróg Miejskich');
    await screenshot(page, 'unit-1-inbox');

    await page.getByRole('button', { name: new RegExp(ids.pothole) }).click();
    await page
      .locator('#detail-question')
      .getByText(/dziura przed szkołą/)
      .waitFor();
    assert.match((await page.locator('#detail-facts').textContent()) ?? '', /Ewa Kowalska · ewa@example\.pl/);
    assert.equal(await page.locator('#detail-map').isVisible(), true, 'the pin has a map');
    await page.locator('#detail-map canvas').first().waitFor();
    const answer = page.getByLabel('Odpowiedź dla mieszkańca');
    assert.equal(await answer.evaluate((e) => e === document.activeElement), true, 'the answer box has the focus');
    await answer.fill(ANSWER);
    await screenshot(page, 'unit-2-inquiry');
    await page.keyboard.press('Control+Enter');
    await page.locator('#answer-box').getByText(ANSWER).waitFor();
    assert.equal(await page.locator('#answer-form').isVisible(), false, 'no second answer');
    await page.locator('#count-answered').getByText('(1)').waitFor();
    const row = await db
      .knex('inquiries as i')
      .join('staff as s', 's.id', 'i.answered_by')
      .where('i.public_id', ids.pothole)
      .first('i.status', 'i.answer', 's.email');
    assert.deepEqual([row.status, row.answer, row.email], ['answered', ANSWER, 'zdm@testowo.pl']);
    await screenshot(page, 'unit-3-answered');
  });

  it('returns a question that is not the unit’s to the first line, with a reason, in English too', async () => {
    await page.getByRole('button', { name: 'Język / language' }).click();
    await page.getByRole('tab', { name: /To answer/ }).waitFor();
    await page.getByRole('tab', { name: /To answer/ }).click();
    await page.getByRole('button', { name: new RegExp(ids.tree) }).click();
    await page.getByText('Not ours — return to the first line').click();
    await page.getByLabel('Reason (e.g. the right unit)').fill('Zieleń: Zarząd Zieleni, nie drogi');
    await page.getByRole('button', { name: 'Return to the first line' }).click();
    await page
      .locator('#detail-sla')
      .getByText(/returned to the first line/)
      .waitFor();
    assert.equal((await db.knex('inquiries').where({ public_id: ids.tree }).first()).status, 'returned');
    await screenshot(page, 'unit-4-returned-en');
    await page.getByRole('button', { name: 'Język / language' }).click();
    await page.getByRole('tab', { name: /Do odpowiedzi/ }).waitFor();
  });

  it('fits a 360 px phone: one column, the question replaces the list, and back', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await login(phone, '/unit', 'zdm@testowo.pl');
    await phone.waitForSelector('body[data-ready=true]');
    await phone.getByRole('tab', { name: /Wszystkie/ }).click();
    await phone.getByRole('button', { name: new RegExp(ids.pothole) }).click();
    await phone.locator('#answer-box').getByText(ANSWER).waitFor();
    assert.equal(await phone.locator('.list-pane').isVisible(), false);
    assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
    await screenshot(phone, 'unit-5-phone');
    await phone.getByRole('button', { name: /Wróć do listy/ }).click();
    assert.equal(await phone.locator('.list-pane').isVisible(), true);

    // The same unit account at /console: a pointer to /unit, not a bare error.
    await phone.goto(`${server.url}/console`);
    await phone.locator('#elsewhere').waitFor();
    await phone.getByRole('link', { name: /\/unit/ }).click();
    await phone.waitForSelector('body[data-ready=true]');
    assert.ok(phone.url().endsWith('/unit'));
    await phone.close();
  });

  it('lets the agent read the answer out when the resident calls back, and send the returned one on', async () => {
    const console = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await login(console, '/console', 'agent@testowo.pl');
    await console.waitForSelector('body[data-ready=true]');
    await console.getByText('Dzwoniący (opcjonalnie)').click();
    await console.locator('#caller-email').fill('ewa@example.pl');
    await console.getByRole('button', { name: 'Szukaj historii' }).click();
    await console.locator('#caller-history .inquiry-answer').getByText(ANSWER).waitFor();
    assert.match(
      (await console.locator('#caller-history').textContent()) ?? '',
      new RegExp(`${ids.pothole}.*\\(odpowiedziano,`),
      'the status in the language of the page',
    );
    await screenshot(console, 'unit-6-console-caller');

    // The question ZDM returned waits under the forward form; the agent sends it on to UDB.
    await console.getByRole('tab', { name: /Przekaż pytanie/ }).click();
    const returned = console.locator('#returned-box');
    await returned.getByText('Zieleń: Zarząd Zieleni, nie drogi', { exact: false }).waitFor();
    assert.match((await returned.textContent()) ?? '', new RegExp(`${ids.tree}.*Zarząd Dróg Miejskich`));
    await console.getByLabel(`Nowa jednostka dla ${ids.tree}`).selectOption('UDB');
    await returned.scrollIntoViewIfNeeded();
    await screenshot(console, 'unit-7-console-returned');
    await console.getByRole('button', { name: `Przekaż ${ids.tree}` }).click();
    await returned.waitFor({ state: 'hidden' });
    const moved = await db.knex('inquiries as i').join('units as u', 'u.id', 'i.unit_id').where('i.public_id', ids.tree).first('i.status', 'u.code');
    assert.deepEqual([moved.status, moved.code], ['open', 'UDB']);
    await console.close();
  });
});
