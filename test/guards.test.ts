/**
 * Issue #13 item 5: `npm test` must fail on an import cycle, a formatting difference or an
 * over-long file. These run the three guards on a small fixture of bad files and expect each to
 * fail naming the fault (and to pass on the same fixture once it is fixed), so a guard that stops
 * guarding is caught here rather than by the next cycle slipping in.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
// Inside the repository so that the guards' own configuration (tsconfig, .prettierrc) applies.
const FIXTURE = path.join('test', `guard-fixture-${process.pid}`);

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
};
const write = (name: string, text: string) => fs.writeFileSync(path.join(ROOT, FIXTURE, name), text);

describe('the guards in npm test fail on what they guard against (issue #13)', function () {
  this.timeout(180_000);
  beforeEach(() => fs.mkdirSync(path.join(ROOT, FIXTURE), { recursive: true }));
  afterEach(() => fs.rmSync(path.join(ROOT, FIXTURE), { recursive: true, force: true }));

  it('lint:deps fails on an import cycle and passes once it is broken', () => {
    write('a.ts', "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
    write('b.ts', "import { a } from './a';\nexport const b = (): number => (Math.random() > 2 ? a() : 0);\n");
    const bad = run(process.execPath, ['scripts/check-deps.mjs', FIXTURE]);
    assert.equal(bad.status, 1, bad.output);
    assert.match(bad.output, /no-circular/);
    write('b.ts', 'export const b = (): number => 0;\n');
    const good = run(process.execPath, ['scripts/check-deps.mjs', FIXTURE]);
    assert.doesNotMatch(good.output, /no-circular/, good.output);
  });

  it('lint:lines fails on a file over 400 lines, naming it, and passes at 400', () => {
    write('long.ts', 'export const x = 1;\n'.repeat(401));
    const bad = run(process.execPath, ['scripts/check-file-lengths.mjs', FIXTURE]);
    assert.equal(bad.status, 1, bad.output);
    assert.match(bad.output, /401\s+test\/guard-fixture-\d+\/long\.ts/);
    write('long.ts', 'export const x = 1;\n'.repeat(400));
    assert.equal(run(process.execPath, ['scripts/check-file-lengths.mjs', FIXTURE]).status, 0);
  });

  it('format:check fails on a formatting difference, naming the file', () => {
    const prettier = path.join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
    write('ugly.ts', 'export const  y = {a:1,\n b: "2"}\n');
    const bad = run(process.execPath, [prettier, '--check', FIXTURE]);
    assert.notEqual(bad.status, 0, bad.output);
    assert.match(bad.output, /ugly\.ts/);
    write('ugly.ts', "export const y = { a: 1, b: '2' };\n");
    const good = run(process.execPath, [prettier, '--check', FIXTURE]);
    assert.equal(good.status, 0, good.output);
  });
});
