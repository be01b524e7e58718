/**
 * Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for page tests.
 * Screenshots go to artifacts/screenshots/, kept by CI as evidence of what was checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';

export const SCREENSHOTS = path.resolve(__dirname, '../artifacts/screenshots');

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian package "chromium" (apt-get install -y chromium) or set CHROMIUM_PATH');
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** A page in a context of its own (its own cookies), with a generous timeout, reporting script errors. */
export async function newTestPage(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (err) => console.error('page error:', err.message));
  return page;
}

/** Logs a staff member in through the page's own login form (Polish labels, the default language). */
export async function staffLogin(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('E-mail').first().fill(email);
  await page.getByLabel('Hasło').fill(password);
  await page.keyboard.press('Enter');
}
