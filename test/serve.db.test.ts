/**
 * `kontakt serve` as a real process: it migrates, answers /healthz and /readyz, and stops cleanly
 * on SIGTERM (graceful shutdown). The demo is off here; the demo's first start has its own test.
 */
import assert from 'node:assert/strict';
import { spawn, ChildProcess } from 'node:child_process';
import { testEngine } from './db';
import { isolatedCommandEnv, KONTAKT_BIN } from './cli-env';

describe('kontakt serve (database)', function () {
  this.timeout(300_000);
  let child: ChildProcess;
  let url = '';
  let stderr = '';
  const isolated = isolatedCommandEnv('serve', { PORT: '0', HOST: '127.0.0.1', KONTAKT_DEMO: 'false', LOG_LEVEL: 'warn' });

  before(async () => {
    child = spawn(process.execPath, [KONTAKT_BIN, 'serve'], { env: isolated.env, stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /running at (http:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
  });

  after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await isolated.cleanup();
  });

  it('answers /healthz and /readyz once migrated', async () => {
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    assert.equal(ready.status, 200);
    const body = (await ready.json()) as { status: string; engine: string };
    assert.equal(body.status, 'ready');
    assert.equal(body.engine, testEngine());
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
  });
});
