// Builds the pages: every web/<page>/main.ts becomes web/dist/<page>.<hash>.js (+ <page>.<hash>.css
// when it imports CSS), and web/dist/manifest.json says which file is which page's current bundle:
// { "public": { "js": "public.3F9A1C2B.js", "css": "public.7D0E5A11.css" }, ... }; each bundle also
// gzipped and brotli-compressed beside it (.gz, .br).
// The content hash in the name lets /assets be cached for a year (a changed bundle gets a new
// name); the page renderers read the manifest (api/http/web-build.ts) to link the right file.
// Run by `npm run build:web`, and by the server at start when web/dist is missing or older than
// the sources (so `npm start` on a fresh clone needs no separate build step).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');

/** Bundles of an earlier build stay this long: a page loaded just before a rebuild still finds its files. */
const KEEP_OLD_MS = 24 * 3600 * 1000;

export function entries() {
  return fs
    .readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(here, d.name, 'main.ts')))
    .map((d) => ({ in: path.join(here, d.name, 'main.ts'), out: d.name }));
}

/** Writes a file whole or not at all: another process (a second server, a test) may read it meanwhile. */
function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * Writes <file>.gz and <file>.br beside each bundle, so /assets sends them as they are instead of
 * compressing ~400 KB of JavaScript again for every first visit (~45 ms of CPU each). Brotli at
 * quality 5 is smaller than gzip at 9 and takes ~80 ms per bundle, once, at build.
 */
async function precompress(files) {
  await Promise.all(
    files.map(async (file) => {
      const data = fs.readFileSync(file);
      const [gz, br] = await Promise.all([
        gzip(data, { level: 9 }),
        brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
      ]);
      writeAtomically(`${file}.gz`, gz);
      writeAtomically(`${file}.br`, br);
    }),
  );
}

/** Removes, a day after they were replaced, bundles no page links any more (also the unhashed names of older builds). */
function pruneOld(current) {
  const now = Date.now();
  for (const name of fs.readdirSync(dist)) {
    const bundle = name.replace(/\.(gz|br)$/, '');
    if (!/\.(js|css)(\.map)?$/.test(bundle) || current.has(bundle)) continue;
    const full = path.join(dist, name);
    if (now - fs.statSync(full).mtimeMs > KEEP_OLD_MS) fs.rmSync(full, { force: true });
  }
}

export async function buildWeb({ quiet = false } = {}) {
  const points = entries();
  fs.mkdirSync(dist, { recursive: true });
  if (points.length === 0) return [];
  const result = await build({
    entryPoints: points,
    outdir: dist,
    entryNames: '[name].[hash]',
    assetNames: '[name].[hash]',
    bundle: true,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: quiet ? 'error' : 'info',
    loader: { '.svg': 'text' },
  });
  const manifest = {};
  const current = new Set();
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    current.add(path.basename(file));
    if (!output.entryPoint) continue;
    const page = points.find((p) => path.resolve(p.in) === path.resolve(output.entryPoint));
    if (!page) continue;
    manifest[page.out] = { js: path.basename(file), ...(output.cssBundle ? { css: path.basename(output.cssBundle) } : {}) };
  }
  await precompress(Object.values(manifest).flatMap((m) => [m.js, m.css].filter(Boolean).map((name) => path.join(dist, name))));
  writeAtomically(path.join(dist, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  pruneOld(current);
  fs.writeFileSync(path.join(dist, '.built'), new Date().toISOString());
  return points.map((p) => p.out);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
