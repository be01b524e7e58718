/**
 * Staff accounts from the command line, as an operator meets them (issue #11, item 9), with real
 * processes over one database: `kontakt serve` without demo mode creates no accounts (the demo's
 * published passwords never reach a real city); `kontakt user add` prints a one-time password that
 * opens only the password change; `npm start`'s command (`serve --demo`) still loads the demo city
 * with its logins, as the README says.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { isolatedCommandEnv, KONTAKT_BIN } from './cli-env';
import { StaffClient } from './staff-client';
import { loadConfig } from '../api/config';
import { openDatabase, openOptionsFromConfig } from '../api/db/engine';
import { DEMO_LOGINS } from '../api/demo/load';

const run = promisify(execFile);

/** Starts `kontakt <args>` and resolves with its URL once it listens. */
async function serve(env: NodeJS.ProcessEnv, args: string[]): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m) resolve(m[1]);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return {
    child,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe('staff accounts from the command line: no demo accounts without demo mode, one-time passwords (database, processes)', function () {
  this.timeout(600_000);
  // KONTAKT_DEMO unset: the default a real city gets.
  const isolated = isolatedCommandEnv('accounts_cli', { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  delete isolated.env.KONTAKT_DEMO;
  let running: Awaited<ReturnType<typeof serve>> | undefined;
  after(async () => {
    await running?.stop();
    await isolated.cleanup();
  });

  const counts = async () => {
    const db = await openDatabase(openOptionsFromConfig(loadConfig(isolated.env)));
    try {
      const { rows } = await db.knex.raw(`SELECT (SELECT count(*) FROM staff)::int AS staff, (SELECT count(*) FROM jurisdictions)::int AS jurisdictions`);
      return rows[0] as { staff: number; jurisdictions: number };
    } finally {
      await db.close();
    }
  };

  it('`kontakt serve` without demo mode loads no demo city and creates no staff account', async () => {
    running = await serve(isolated.env, [KONTAKT_BIN, 'serve']);
    const demoAdmin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
    assert.equal((await new StaffClient(running.url).login(demoAdmin.email, demoAdmin.password)).status, 400, 'the demo admin does not exist');
    await running.stop();
    running = undefined;
    assert.deepEqual(await counts(), { staff: 0, jurisdictions: 0 });
  });

  it('`kontakt user add` prints a one-time password that opens only the password change', async () => {
    const added = await run(process.execPath, [KONTAKT_BIN, 'user', 'add', '--email', 'szefowa@miasto.example', '--role', 'admin'], { env: isolated.env });
    const oneTime = added.stdout.trim();
    assert.match(oneTime, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    assert.match(added.stderr, /one-time password: it opens only the password change at \/account\/password/);
    running = await serve(isolated.env, [KONTAKT_BIN, 'serve']);
    const admin = new StaffClient(running.url);
    const login = await admin.json(admin.login('szefowa@miasto.example', oneTime));
    assert.equal(login.staff.mustChangePassword, true);
    for (const p of ['/api/console/settings', '/api/unit/inquiries']) {
      const res = await admin.get(p);
      assert.equal(res.status, 403, p);
      assert.equal((await res.json()).errors[0].field, 'must_change_password', p);
    }
    const changed = await admin.send('POST', '/api/auth/password', { current_password: oneTime, new_password: 'ratusz od poniedziałku' });
    assert.equal(changed.status, 200, await changed.clone().text());
    admin.cookie = (changed.headers.get('set-cookie') ?? '').split(';')[0];
    admin.csrf = (await changed.json()).csrfToken;
    const after = await admin.get('/api/unit/inquiries');
    assert.notEqual(after.status, 403, 'the one-time lock is gone');
    assert.equal((await admin.get('/api/auth/me')).status, 200);
    await running.stop();
    running = undefined;
  });

  it("`npm start`'s command is demo mode: the demo city and its logins", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { scripts: { start: string } };
    const [node, ...args] = pkg.scripts.start.split(/\s+/);
    assert.equal(node, 'node');
    assert.ok(args.includes('--demo'), pkg.scripts.start);
    running = await serve(
      isolated.env,
      args.map((a) => (a === 'bin/kontakt.js' ? KONTAKT_BIN : a)),
    );
    for (const login of DEMO_LOGINS) {
      const res = await new StaffClient(running.url).login(login.email, login.password);
      assert.equal(res.status, 200, login.email);
      assert.equal((await res.json()).staff.mustChangePassword, false, 'demo logins are printed and work as printed');
    }
  });
});
