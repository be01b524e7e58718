/**
 * The knowledge-base editor and the "my shift" tab in real headless Chromium against the real
 * server (issue #5 item 4 "editable by admins", and "an agent can run a whole shift on this
 * screen"): an admin creates, finds, edits and withdraws an article; an agent sees no edit
 * controls, answers a caller from the knowledge base and finds that contact in the shift panel.
 * Screenshots go to artifacts/screenshots/kb-*.png and shift-*.png.
 */
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import { launchBrowser, newTestPage, screenshot, staffLogin } from '../../test/browser';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { loadDemoArticles } from '../knowledge/demo-articles';
import { ensureWebBuilt } from '../http/web-build';
import { createLogger } from '../log';

describe('knowledge-base editor and shift panel in a real browser (database, Chromium)', function () {
  // Starting PGlite, building the pages and launching Chromium take long on a loaded CI machine.
  this.timeout(600_000);
  const password = 'correct horse battery';
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  async function loginAs(email: string): Promise<Page> {
    const p = await newTestPage(browser);
    await staffLogin(p, `${server.url}/console`, email, password);
    await p.waitForSelector('body[data-ready=true]');
    return p;
  }

  before(async () => {
    await ensureWebBuilt(createLogger({ logLevel: 'silent' }));
    db = await openTestDatabase('kb-editor-browser');
    city = await createFixtureCity(db);
    await loadDemoArticles(db.knex, city.jurisdictionId);
    await createStaff(db.knex, { email: 'admin@testowo.pl', name: 'Adam Admin', role: 'admin', password, jurisdictionId: city.jurisdictionId });
    await createStaff(db.knex, { email: 'agent@testowo.pl', name: 'Agnieszka Agent', role: 'agent', password, jurisdictionId: city.jurisdictionId });
    server = await startTestServer(db);
    browser = await launchBrowser();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `kb-failed-${this.currentTest.title.slice(0, 12).replace(/\W/g, '')}`);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  const results = () => page.locator('#kb-results button');
  async function searchKb(text: string): Promise<void> {
    await page.getByLabel('Szukaj w bazie wiedzy').fill(text);
  }

  it('lets an admin create an article in Polish and English with tags and a district, and find it without diacritics', async () => {
    page = await loginAs('admin@testowo.pl');
    await page.keyboard.press('Alt+2');
    await page.getByRole('button', { name: 'Nowy artykuł' }).click();
    const form = page.locator('#kb-editor');
    await form.getByRole('heading', { name: 'Nowy artykuł bazy wiedzy' }).waitFor();

    // Checked in the page: the slug format and the order of the dates.
    await form.getByLabel(/Identyfikator/).fill('Lodowisko Miejskie');
    await form.getByLabel('Ważny od').fill('2026-12-01');
    await form.getByLabel('Ważny do').fill('2026-11-01');
    await form.getByRole('button', { name: 'Zapisz artykuł' }).click();
    assert.match((await page.locator('#kbe-err-slug').textContent())!, /małe litery/);
    assert.match((await page.locator('#kbe-err-validTo').textContent())!, /późniejsza/);
    assert.match((await page.locator('#kbe-err-titlePl').textContent())!, /wymagane/);

    // Checked by the server: a slug that is taken (a demo article's) comes back beside the slug.
    await form.getByLabel(/Identyfikator/).fill('oplata-za-psa');
    await form.getByLabel('Ważny od').fill('');
    await form.getByLabel('Ważny do').fill('');
    await form.getByLabel('Tytuł (PL)').fill('Lodowisko miejskie: godziny i ceny');
    await form.getByLabel('Tytuł (EN)').fill('City ice rink: hours and prices');
    await form
      .getByLabel('Treść (PL)')
      .fill('Ślizgawka na placu Alfa jest czynna codziennie od 10:00 do 22:00.\n\nBilet normalny kosztuje 12 zł, ulgowy 8 zł.');
    await form.getByLabel('Treść (EN)').fill('The ice rink on Alfa square is open daily 10:00-22:00.\n\nA ticket costs 12 zł, reduced 8 zł.');
    await form.getByLabel('Tagi (po przecinku)').fill('łyżwy, zima, lodowisko');
    await form.getByLabel(/Dzielnice/).selectOption(['01']);
    await form.getByLabel('Ważny od').fill('2026-01-01');
    await form.getByRole('button', { name: 'Zapisz artykuł' }).click();
    await page.locator('#kbe-err-slug', { hasText: 'exists already' }).waitFor();
    await screenshot(page, 'kb-1-field-errors');

    await form.getByLabel(/Identyfikator/).fill('lodowisko-miejskie');
    await form.getByRole('button', { name: 'Zapisz artykuł' }).click();
    await page.getByText('Zapisano artykuł: Lodowisko miejskie: godziny i ceny').waitFor();
    assert.equal(await form.isHidden(), true);

    await searchKb('slizgawka lyzwy');
    await results().filter({ hasText: 'Lodowisko miejskie: godziny i ceny' }).waitFor();
    await results().first().click();
    await page.getByRole('heading', { name: 'Lodowisko miejskie: godziny i ceny' }).waitFor();
    await screenshot(page, 'kb-2-created-and-found');

    const row = await db
      .knex('knowledge_articles')
      .where({ slug: 'lodowisko-miejskie' })
      .first('title_en', 'tags', 'district_codes', 'valid_from', 'active', 'updated_by');
    const adminId = (await db.knex('staff').where({ email: 'admin@testowo.pl' }).first('id')).id;
    assert.deepEqual(
      { ...row, valid_from: row.valid_from.toISOString(), updated_by: Number(row.updated_by) },
      {
        title_en: 'City ice rink: hours and prices',
        tags: ['łyżwy', 'zima', 'lodowisko'],
        district_codes: ['01'],
        valid_from: '2025-12-31T23:00:00.000Z',
        active: true,
        updated_by: Number(adminId),
      },
    );
  });

  it('lets the admin edit the article and withdraw it; withdrawn articles show only on request', async () => {
    await page.getByRole('button', { name: 'Edytuj' }).click();
    const form = page.locator('#kb-editor');
    await form.getByRole('heading', { name: /Edycja artykułu: lodowisko-miejskie/ }).waitFor();
    assert.equal(await form.getByLabel('Tytuł (PL)').inputValue(), 'Lodowisko miejskie: godziny i ceny', 'the form holds the article');
    assert.equal(await form.getByLabel('Ważny od').inputValue(), '2026-01-01', 'the day as it was entered');
    await form.getByLabel('Tytuł (PL)').fill('Lodowisko miejskie: godziny, ceny i wypożyczalnia');
    await form.getByRole('button', { name: 'Zapisz artykuł' }).click();
    await page.getByRole('heading', { name: 'Lodowisko miejskie: godziny, ceny i wypożyczalnia' }).waitFor();
    await results().filter({ hasText: 'wypożyczalnia' }).waitFor();

    await page.getByRole('button', { name: 'Edytuj' }).click();
    await form.getByLabel(/Aktywny/).uncheck();
    await form.getByRole('button', { name: 'Zapisz artykuł' }).click();
    await page.getByText(/Zapisano artykuł/).waitFor();
    await page.waitForFunction(() => !Array.from(document.querySelectorAll('#kb-results button')).some((b) => b.textContent!.includes('Lodowisko')));
    await page.getByLabel('Pokaż wycofane i nieaktualne').check();
    await results().filter({ hasText: 'Lodowisko miejskie: godziny, ceny i wypożyczalnia (wycofany)' }).waitFor();
    await screenshot(page, 'kb-3-withdrawn');

    const actions = await db.knex('audit_log').where({ entity: 'knowledge_articles' }).orderBy('id').pluck('action');
    assert.deepEqual(actions, ['kb.create', 'kb.update', 'kb.update']);
    assert.equal((await db.knex('knowledge_articles').where({ slug: 'lodowisko-miejskie' }).first('active')).active, false);
  });

  it('shows an agent no edit controls; the agent answers from the knowledge base and the shift panel counts it', async () => {
    await page.context().close();
    page = await loginAs('agent@testowo.pl');
    await page.keyboard.press('Alt+N');
    await page.getByText(/Kontakt otwarty/).waitFor();
    await page.keyboard.press('Alt+2');
    assert.equal(await page.getByRole('button', { name: 'Nowy artykuł' }).count(), 0);
    assert.equal(await page.getByLabel('Pokaż wycofane i nieaktualne').count(), 0);
    // Terms are OR-ed: "slizgawka" would bring the withdrawn article up beside the waste answers.
    await searchKb('slizgawka odpady');
    await results().filter({ hasText: /odpad/ }).first().waitFor();
    assert.equal(await results().filter({ hasText: 'Lodowisko' }).count(), 0, 'the withdrawn article is not offered to agents');
    await searchKb('kiedy wywoza smieci');
    await page.getByRole('button', { name: 'Harmonogram odbioru odpadów' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Harmonogram odbioru odpadów' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Edytuj' }).count(), 0);
    await screenshot(page, 'kb-4-agent-no-controls');
    await page.getByRole('button', { name: 'Udzielono odpowiedzi z bazy wiedzy' }).click();
    await page.getByText(/Zapisano kontakt: odpowiedź z bazy wiedzy/).waitFor();

    await page.keyboard.press('Alt+4');
    const panel = page.getByRole('tabpanel', { name: /Moja zmiana/ });
    await panel.locator('#shift-contacts', { hasText: '1' }).waitFor();
    assert.equal(await panel.locator('#shift-by-outcome li[data-key=answered_kb] strong').textContent(), '1');
    assert.equal(await panel.locator('#shift-by-channel li[data-key=phone] strong').textContent(), '1');
    const firstRow = panel.getByRole('table', { name: 'Moje ostatnie kontakty' }).locator('tbody tr').first();
    assert.match((await firstRow.textContent())!, /telefon.*odpowiedź z bazy wiedzy.*Harmonogram odbioru odpadów/);
    assert.match((await panel.locator('#shift-avg').textContent())!, /^\d+:\d\d$/);
    await screenshot(page, 'shift-1-answered-kb');

    const contact = await db.knex('contacts as c').join('staff as s', 's.id', 'c.staff_id').first('c.outcome', 's.email');
    assert.deepEqual(contact, { outcome: 'answered_kb', email: 'agent@testowo.pl' });
  });
});
