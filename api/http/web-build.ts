/** Builds web/dist at start when it is missing or older than any source under web/. */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../log';

const WEB = path.resolve(__dirname, '../../web');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function webBuildIsCurrent(): boolean {
  const marker = path.join(WEB, 'dist', '.built');
  return fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= newestSource(WEB);
}

export async function ensureWebBuilt(log: Logger): Promise<void> {
  if (webBuildIsCurrent()) return;
  const started = Date.now();
  // A dynamic import of an .mjs from CommonJS: keep it out of TypeScript's module rewriting.
  const load = new Function('url', 'return import(url)') as (url: string) => Promise<{ buildWeb: (o: { quiet: boolean }) => Promise<string[]> }>;
  const { buildWeb } = await load(pathToFileURL(path.join(WEB, 'build.mjs')).href);
  const built = await buildWeb({ quiet: true });
  log.info({ pages: built, ms: Date.now() - started }, 'web pages built');
}
