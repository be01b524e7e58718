/**
 * `kontakt demo` as a user runs it: a child process on the database a server would use (a fresh
 * data directory on the embedded engine, a fresh schema on the server). The second run must refuse.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isolatedCommandEnv, KONTAKT_BIN } from '../../test/cli-env';

const run = promisify(execFile);

describe('kontakt demo (database)', function () {
  this.timeout(300_000);
  const isolated = isolatedCommandEnv('demo_cli');
  after(() => isolated.cleanup());

  const kontakt = (...args: string[]) => run(process.execPath, [KONTAKT_BIN, ...args], { env: isolated.env });

  it('rejects bad sizes with the usage', async () => {
    await assert.rejects(kontakt('demo', '--addresses', 'many'), (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 2);
      assert.match(err.stderr, /--addresses must be a whole number/);
      assert.match(err.stderr, /Usage: kontakt demo/);
      return true;
    });
  });

  it('loads the demo into an empty database and prints the logins and the API key', async () => {
    const { stdout } = await kontakt('demo', '--addresses', '400', '--requests', '50', '--seed', '5');
    assert.match(stdout, /Nadwiślin/);
    assert.match(stdout, /admin@nadwislin\.example\s+demo-admin/);
    assert.match(stdout, /kk_[A-Za-z0-9_-]{43}/);
    assert.match(stdout, /400 addresses, 50 requests/);
  });

  it('refuses a second time with a clear message', async () => {
    await assert.rejects(kontakt('demo'), (err: { code: number; stdout: string; stderr: string }) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr, /already holds a jurisdiction/);
      assert.equal(err.stdout, '');
      return true;
    });
  });
});
