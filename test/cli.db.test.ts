/**
 * The `kontakt` binary end to end, as a user runs it: a child process talking to the same database
 * a server would use (a temporary data directory on the embedded engine, a fresh schema on the server).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isolatedCommandEnv, KONTAKT_BIN } from './cli-env';

const run = promisify(execFile);

describe('kontakt binary (database)', function () {
  this.timeout(300_000);
  const isolated = isolatedCommandEnv('cli');
  after(() => isolated.cleanup());

  const kontakt = (...args: string[]) => run(process.execPath, [KONTAKT_BIN, ...args], { env: isolated.env });
  it('migrates, then prints only the key for apikey create and only the password for user add', async () => {
    const m = await kontakt('migrate');
    assert.match(m.stderr, /applied \d+ migration|up to date/);
    const key = await kontakt('apikey', 'create', '--name', 'Test client');
    assert.match(key.stdout, /^kk_[A-Za-z0-9_-]{43}\n$/);
    const user = await kontakt('user', 'add', '--email', 'analyst@example.pl', '--role', 'analyst');
    assert.match(user.stdout, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}\n$/);
    assert.match((await kontakt('media', 'prune')).stdout, /^removed 0 unattached media file\(s\) older than 24 h\n$/);
  });

  it('exits non-zero with a clear message for bad input', async () => {
    await assert.rejects(kontakt('user', 'add', '--email', 'analyst@example.pl', '--role', 'analyst'), (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr, /already exists/);
      return true;
    });
    await assert.rejects(kontakt('media', 'prune', '--older-than-hours', '0'), (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 2);
      assert.match(err.stderr, /at least 1/);
      return true;
    });
    await assert.rejects(kontakt('apikey', 'create', '--name', 'x', '--jurisdiction', 'nowhere.pl'), (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr, /nowhere\.pl/);
      return true;
    });
  });
});
