#!/usr/bin/env node
/**
 * `npm run lint:lines`: fails, listing them, when source files are over 400 lines. A file that long
 * holds more than one idea; split it along a real seam. Migrations are exempt: a merged migration
 * is never edited, so it cannot be split.
 */
import fs from 'node:fs';
import path from 'node:path';

const MAX_LINES = 400;
// Paths on the command line narrow the check (test/guards.test.ts runs it on a fixture).
const ROOTS = process.argv.length > 2 ? process.argv.slice(2) : ['api', 'gis', 'kernel', 'web', 'bench', 'test', 'open311-spec', 'bin', 'scripts'];
const SOURCE = /\.(ts|mts|cts|mjs|cjs|js)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'migrations']);

function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* sources(full);
    } else if (SOURCE.test(entry.name)) yield full;
  }
}

const lineCount = (file) => {
  const text = fs.readFileSync(file, 'utf8');
  return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
};

const long = ROOTS.filter((r) => fs.existsSync(r))
  .flatMap((r) => [...sources(r)])
  .map((file) => ({ file, lines: lineCount(file) }))
  .filter((f) => f.lines > MAX_LINES)
  .sort((a, b) => b.lines - a.lines);

if (long.length) {
  console.error(`${long.length} source file(s) over ${MAX_LINES} lines (split them along a real seam):`);
  for (const f of long) console.error(`  ${String(f.lines).padStart(5)}  ${f.file}`);
  process.exitCode = 1;
} else console.log(`No source file over ${MAX_LINES} lines.`);
