/**
 * One process at a time on an embedded data directory (issue #11, item 3; api/db/lock.ts), with
 * real processes: a second `kontakt serve` and a data-changing command refuse at once naming the
 * directory and the holder's pid; after `kill -9` of the server the directory opens again with no
 * clean-up; of starters racing for one directory exactly one wins. The server engine needs no lock.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { testEngine } from './db';
import { isolatedCommandEnv, KONTAKT_BIN } from './cli-env';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');

describe('embedded data directory lock (processes)', function () {
  this.timeout(300_000);
  before(function () {
    if (testEngine() !== 'embedded') this.skip();
  });
  const isolated = isolatedCommandEnv('lock', { PORT: '0', HOST: '127.0.0.1', KONTAKT_DEMO: 'false', LOG_LEVEL: 'warn' });
  let server: ChildProcess | undefined;
  after(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await isolated.cleanup();
  });
  const kontakt = (...args: string[]) =>
    run(process.execPath, [KONTAKT_BIN, ...args], { env: isolated.env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('a second serve and a data-changing command refuse while serve runs; after kill -9 the directory opens again', async () => {
    server = spawn(process.execPath, [KONTAKT_BIN, 'serve'], { env: isolated.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      server!.stderr!.on('data', (c: Buffer) => {
        stderr += c.toString();
        if (/running at/.test(stderr)) resolve();
      });
      server!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    const dir = path.join(isolated.env.KONTAKT_DATA_DIR!, 'pg');
    for (const args of [['serve'], ['apikey', 'create', '--name', 'never works'], ['user', 'add', '--email', 'x@example.pl', '--role', 'analyst']]) {
      const refused = await kontakt(...args);
      assert.equal(refused.code, 1, `${args.join(' ')}: ${refused.stderr}`);
      assert.doesNotMatch(refused.stdout, /kk_|[0-9A-Z]{4}-[0-9A-Z]{4}/, 'no key or password printed');
      assert.ok(refused.stderr.includes(dir), refused.stderr);
      assert.match(refused.stderr, new RegExp(`in use by another Kontakt process: pid ${server.pid} \\(kontakt serve`));
      assert.match(refused.stderr, /DATABASE_URL/);
      assert.doesNotMatch(refused.stderr, /\n\s+at /, 'no stack trace');
    }
    const killed = new Promise((r) => server!.once('exit', r));
    server.kill('SIGKILL');
    await killed;
    const after = await kontakt('apikey', 'create', '--name', 'after the crash');
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, /^kk_/);
  });

  it('of starters racing for one directory exactly one wins', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-lock-race-'));
    const ready = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-lock-ready-'));
    // Each starter loads, says it is ready, and waits for the others: then all bind at once.
    const script = `require('tsx/cjs');
      const fs = require('fs');
      const { lockDataDir } = require(${JSON.stringify(path.join(ROOT, 'api/db/lock.ts'))});
      fs.writeFileSync(${JSON.stringify(ready)} + '/' + process.pid, '');
      const wait = setInterval(() => {
        if (fs.readdirSync(${JSON.stringify(ready)}).length < 4) return;
        clearInterval(wait);
        lockDataDir(${JSON.stringify(dir)}).then(
          (l) => { process.stdout.write('won'); setTimeout(() => l.release(), 3000); },
          (e) => { process.stdout.write(e.name === 'DataDirLockedError' ? 'refused' : 'error ' + e.message); });
      }, 5);`;
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => run(process.execPath, ['-e', script], { cwd: ROOT }).then((r) => r.stdout)));
      assert.deepEqual(results.sort(), ['refused', 'refused', 'refused', 'won']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(ready, { recursive: true, force: true });
      fs.rmSync(`${dir}.lock`, { force: true });
    }
  });
});
