/**
 * Builds web/dist at start when it is missing or older than any source under web/, and tells the
 * page renderers which fingerprinted files (web/dist/manifest.json, written by web/build.mjs) hold
 * each page's script and stylesheet.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import express, { Router } from 'express';
import type { Logger } from '../log';

const WEB = path.resolve(__dirname, '../../web');
export const WEB_DIST = path.join(WEB, 'dist');
const MANIFEST = path.join(WEB_DIST, 'manifest.json');

/** The pages that have a bundle (web/<page>/main.ts). */
export type BundleName = 'public' | 'console' | 'unit' | 'account';

/** File names of a page's bundle inside web/dist, e.g. `{ js: 'console.3F9A1C2B.js', css: 'console.7D0E5A11.css' }`. */
export interface BundleFiles {
  js: string;
  css?: string;
}

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
  const marker = path.join(WEB_DIST, '.built');
  return fs.existsSync(marker) && fs.existsSync(MANIFEST) && fs.statSync(marker).mtimeMs >= newestSource(WEB);
}

export async function ensureWebBuilt(log: Logger): Promise<void> {
  if (webBuildIsCurrent()) return;
  const started = Date.now();
  // A dynamic import of an .mjs from CommonJS: keep it out of TypeScript's module rewriting.
  const load = new Function('url', 'return import(url)') as (url: string) => Promise<{ buildWeb: (o: { quiet: boolean }) => Promise<string[]> }>;
  const { buildWeb } = await load(pathToFileURL(path.join(WEB, 'build.mjs')).href);
  const built = await buildWeb({ quiet: true });
  manifest = undefined;
  log.info({ pages: built, ms: Date.now() - started }, 'web pages built');
}

/**
 * The manifest, read once and kept: it describes the files beside the code, the same for every app
 * in the process, and changes only when ensureWebBuilt rebuilds (which forgets it). While there is
 * none (a test that serves pages without building them) it is looked for again on the next page.
 */
let manifest: Record<string, BundleFiles> | undefined;

function readManifest(): Record<string, BundleFiles> | undefined {
  if (manifest) return manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Record<string, BundleFiles>;
  } catch {
    return undefined;
  }
  return manifest;
}

/**
 * The `<link>` and `<script>` tags of a page's bundle, under /assets. Without a build there is
 * nothing to link: the page then carries no tags rather than names that would never exist.
 */
export function bundleTags(page: BundleName): string {
  const files = readManifest()?.[page];
  if (!files) return '';
  return [files.css ? `<link rel="stylesheet" href="/assets/${files.css}">` : '', `<script type="module" src="/assets/${files.js}"></script>`]
    .filter(Boolean)
    .join('\n');
}

/** `console.3F9A1C2B.js`, `public.AVCE3Q3H.css.map`: a name with esbuild's content hash in it. */
const FINGERPRINTED = /^\/[\w-]+\.[A-Z0-9]{8}\.(js|css)(\.map)?$/;

/**
 * /assets: only fingerprinted files, each cached for a year and never revalidated (`immutable`):
 * a changed bundle has a new name, so a cached copy can never be stale. Bundles go out
 * precompressed (web/build.mjs writes brotli and gzip twins). Anything else under
 * /assets (the manifest, an unhashed name of an older build, a typo) is a plain 404.
 */
export function assetRoutes(): Router {
  const router = Router();
  const files = express.static(WEB_DIST, { index: false, redirect: false, dotfiles: 'ignore', fallthrough: true, immutable: true, maxAge: '365d' });
  router.use((req, res, next) => {
    if (!FINGERPRINTED.test(req.path)) return next();
    res.vary('Accept-Encoding');
    // The build's .br / .gz twin when the client takes it: the compression middleware then
    // leaves the answer alone (it is encoded already) and no CPU is spent per request.
    const encoding = req.acceptsEncodings('br', 'gzip');
    const twin = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : undefined;
    if (twin && fs.existsSync(path.join(WEB_DIST, req.path + twin))) {
      res.type(path.extname(req.path)).set('Content-Encoding', encoding as string);
      req.url = req.path + twin;
    }
    files(req, res, next);
  });
  router.use((_req, res) => {
    res.removeHeader('Content-Encoding');
    res.status(404).type('text/plain; charset=utf-8').send('asset not found');
  });
  return router;
}
