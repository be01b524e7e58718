// Builds the pages: every web/<page>/main.ts becomes web/dist/<page>.js (+ .css when it imports CSS).
// Run by `npm run build:web`, and by the server at start when web/dist is missing or older than
// the sources (so `npm start` on a fresh clone needs no separate build step).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function entries() {
  return fs
    .readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(here, d.name, 'main.ts')))
    .map((d) => ({ in: path.join(here, d.name, 'main.ts'), out: d.name }));
}

export async function buildWeb({ quiet = false } = {}) {
  const points = entries();
  fs.mkdirSync(path.join(here, 'dist'), { recursive: true });
  if (points.length === 0) return [];
  await build({
    entryPoints: points,
    outdir: path.join(here, 'dist'),
    bundle: true,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: true,
    logLevel: quiet ? 'error' : 'info',
    loader: { '.svg': 'text' },
  });
  fs.writeFileSync(path.join(here, 'dist', '.built'), new Date().toISOString());
  return points.map((p) => p.out);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
