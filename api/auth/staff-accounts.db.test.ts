/**
 * Staff accounts as a real city needs them (issue #11, item 9), over real HTTP: the password change,
 * one-time passwords that open nothing else, session rotation, the per-account lockout across
 * addresses, equal login timing for unknown and known accounts, and hashes upgraded at login.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import { StaffClient } from '../../test/staff-client';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { hashPassword, parsePasswordHash, passwordParams, setPasswordCost } from './secrets';
import { LOCKOUT } from './lockout';

const PASSWORD = 'correct horse battery';

/** A client whose requests come from a given address (the test server trusts X-Forwarded-For from loopback). */
async function loginFrom(base: string, ip: string, email: string, password: string, cookie = ''): Promise<Response> {
  return fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ email, password }),
  });
}

const fields = async (res: Response) => ((await res.json()) as { errors: Array<{ field?: string; description: string }> }).errors;

describe('staff accounts: password change, one-time passwords, sessions, lockout, timing (database, HTTP)', function () {
  this.timeout(180_000);
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  before(async () => {
    db = await openTestDatabase('staff-accounts');
    city = await createFixtureCity(db);
    server = await startTestServer(db);
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  const addStaff = (email: string, role = 'agent', password: string | undefined = PASSWORD) =>
    createStaff(db.knex, { email, role, password, jurisdictionId: city.jurisdictionId, unitCode: role === 'unit_staff' ? 'ZDM' : undefined });

  it('rotates the session at login: a new id each time, and the cookie the browser held ends', async () => {
    await addStaff('rotate@testowo.pl');
    const first = new StaffClient(server.url);
    assert.equal((await first.login('rotate@testowo.pl', PASSWORD)).status, 200);
    const oldCookie = first.cookie;
    const again = await loginFrom(server.url, '127.0.0.1', 'rotate@testowo.pl', PASSWORD, oldCookie);
    assert.equal(again.status, 200);
    const newCookie = (again.headers.get('set-cookie') ?? '').split(';')[0];
    assert.notEqual(newCookie, oldCookie, 'a new session id');
    assert.equal((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: oldCookie } })).status, 401, 'the old cookie no longer works');
    assert.equal((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: newCookie } })).status, 200);
  });

  it('a one-time password opens only the password change: console and unit APIs answer 403 must_change_password', async () => {
    const { password: oneTime } = await createStaff(db.knex, { email: 'new.admin@testowo.pl', role: 'admin', jurisdictionId: city.jurisdictionId });
    const admin = new StaffClient(server.url);
    const login = await admin.json(admin.login('new.admin@testowo.pl', oneTime));
    assert.equal(login.staff.mustChangePassword, true, 'the page learns it must show the change form');
    for (const path of ['/api/console/settings', '/api/unit/settings', '/api/unit/inquiries', '/api/console/shift']) {
      const res = await admin.get(path);
      assert.equal(res.status, 403, path);
      assert.equal((await fields(res))[0].field, 'must_change_password', path);
    }
    const post = await admin.send('POST', '/api/console/contacts', { channel: 'phone' });
    assert.equal(post.status, 403);
    assert.equal((await fields(post))[0].field, 'must_change_password');
    assert.equal((await admin.get('/api/auth/me')).status, 200, '/me still answers');
    const page = await fetch(`${server.url}/account/password`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Zmiana hasła/);
  });

  it('changes the password: CSRF needed, wrong current password, every weak new password named, then all other sessions end', async () => {
    const { password: oneTime } = await createStaff(db.knex, { email: 'ewa.nowak@testowo.pl', role: 'agent', jurisdictionId: city.jurisdictionId });
    const me = new StaffClient(server.url);
    const elsewhere = new StaffClient(server.url);
    await me.json(me.login('ewa.nowak@testowo.pl', oneTime));
    await elsewhere.json(elsewhere.login('ewa.nowak@testowo.pl', oneTime));

    assert.equal(
      (await fetch(`${server.url}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status,
      401,
      'no session',
    );
    const forged = await me.send('POST', '/api/auth/password', { current_password: oneTime, new_password: 'a fine new password' }, 'forged');
    assert.equal(forged.status, 403);
    assert.match(JSON.stringify(await forged.json()), /CSRF/);

    const missing = await me.send('POST', '/api/auth/password', { current_password: oneTime });
    assert.equal(missing.status, 400);
    assert.equal((await fields(missing))[0].field, 'new_password');

    const wrong = await me.send('POST', '/api/auth/password', { current_password: 'not it at all', new_password: 'a fine new password' });
    assert.equal(wrong.status, 400);
    assert.deepEqual(
      (await fields(wrong)).map((e) => e.field),
      ['current_password'],
    );

    const weak = async (next: string, rule: RegExp) => {
      const res = await me.send('POST', '/api/auth/password', { current_password: oneTime, new_password: next });
      assert.equal(res.status, 400, next);
      const errors = await fields(res);
      assert.ok(
        errors.every((e) => e.field === 'new_password'),
        JSON.stringify(errors),
      );
      assert.ok(
        errors.some((e) => rule.test(e.description)),
        `${next}: ${JSON.stringify(errors)}`,
      );
    };
    await weak('short1!', /at least 12 characters/);
    await weak('Ewa.Nowak@testowo.pl', /e-mail address/);
    await weak('ewa.nowak@testowo.pl', /e-mail address/);
    await weak('aaaaaaaaaaaaaaaa', /one character repeated/);
    await weak(oneTime, /differ from the current password/);
    assert.equal((await me.get('/api/console/settings')).status, 403, 'nothing changed yet');

    const oldCookie = me.cookie;
    const res = await me.send('POST', '/api/auth/password', { current_password: oneTime, new_password: 'Wisła płynie 2026' });
    assert.equal(res.status, 200, JSON.stringify(await res.clone().json()));
    const body = await res.json();
    assert.equal(body.staff.mustChangePassword, false);
    const newCookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    assert.match(newCookie, /^kontakt_session=[A-Za-z0-9_-]{40,}$/);
    assert.notEqual(newCookie, oldCookie);
    assert.equal((await fetch(`${server.url}/api/console/settings`, { headers: { cookie: oldCookie } })).status, 401, 'the old cookie no longer works');
    assert.equal((await elsewhere.get('/api/console/settings')).status, 401, 'the other session of the account ended');
    me.cookie = newCookie;
    me.csrf = body.csrfToken;
    assert.equal((await me.get('/api/console/settings')).status, 200, 'the console opens with the new session');

    assert.equal((await new StaffClient(server.url).login('ewa.nowak@testowo.pl', oneTime)).status, 400, 'the one-time password is gone');
    assert.equal((await new StaffClient(server.url).login('ewa.nowak@testowo.pl', 'Wisła płynie 2026')).status, 200);
    const row = await db.knex('staff').where({ email: 'ewa.nowak@testowo.pl' }).first();
    assert.equal(row.must_change_password, false);
    assert.ok(row.password_changed_at);
    assert.ok(
      await db
        .knex('audit_log')
        .where({ action: 'staff.password_changed', entity_id: String(row.id) })
        .first(),
    );
  });

  it('locks an account after 10 failures from 10 addresses, the right password too, with the same answer as an unknown e-mail', async () => {
    await addStaff('target@testowo.pl');
    const unknown = 'nobody.here@testowo.pl';
    for (let i = 0; i < LOCKOUT.maxFailures; i++) {
      assert.equal((await loginFrom(server.url, `198.51.100.${i + 1}`, 'target@testowo.pl', `guess ${i}`)).status, 400);
      assert.equal((await loginFrom(server.url, `198.51.100.${i + 1}`, unknown, `guess ${i}`)).status, 400);
    }
    const locked = await loginFrom(server.url, '203.0.113.7', 'Target@Testowo.pl', PASSWORD);
    assert.equal(locked.status, 429, 'the right password from a fresh address is refused during the lock');
    const retryAfter = Number(locked.headers.get('retry-after'));
    assert.ok(retryAfter > 14 * 60 && retryAfter <= 15 * 60, String(retryAfter));
    const lockedBody = await locked.json();
    assert.equal(lockedBody.errors[0].field, 'email');
    assert.match(lockedBody.errors[0].description, /too many failed logins for this e-mail address/);
    const lockedUnknown = await loginFrom(server.url, '203.0.113.8', unknown, 'anything at all');
    assert.equal(lockedUnknown.status, 429);
    assert.deepEqual(await lockedUnknown.json(), lockedBody, 'an unknown e-mail gets exactly the same answer');
    assert.equal((await new StaffClient(server.url).login('rotate@testowo.pl', PASSWORD)).status, 200, 'other accounts are not affected');

    // The counter is in the database: a second server process over the same database sees the lock.
    const second = await startTestServer(db);
    try {
      assert.equal((await loginFrom(second.url, '192.0.2.1', 'target@testowo.pl', PASSWORD)).status, 429);
    } finally {
      await second.close();
    }
    // Fifteen minutes later (moved back in the table) the right password works and clears the count.
    const past = new Date(Date.now() - LOCKOUT.lockMs - 1000);
    await db.knex('staff_login_failures').update({ locked_until: past, window_start: new Date(past.getTime() - 60_000) });
    assert.equal((await loginFrom(server.url, '203.0.113.7', 'target@testowo.pl', PASSWORD)).status, 200);
    assert.equal((await db.knex('staff_login_failures').count({ n: '*' }).first())!.n, 0, 'success cleared its count; purge removed the stale unknown one');
  });

  it('a success resets the count: 9 failures, a login, 9 more failures, and the account still logs in', async () => {
    await addStaff('typo@testowo.pl');
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < LOCKOUT.maxFailures - 1; i++)
        assert.equal((await loginFrom(server.url, `198.51.100.${i + 20}`, 'typo@testowo.pl', `typo ${i}`)).status, 400);
      assert.equal((await loginFrom(server.url, '198.51.100.99', 'typo@testowo.pl', PASSWORD)).status, 200, `round ${round}`);
    }
  });

  it('a wrong current password on the change form counts as a failed login (a stolen session cannot guess)', async () => {
    await addStaff('stolen@testowo.pl');
    const thief = new StaffClient(server.url);
    await thief.json(thief.login('stolen@testowo.pl', PASSWORD));
    for (let i = 0; i < LOCKOUT.maxFailures; i++) {
      assert.equal((await thief.send('POST', '/api/auth/password', { current_password: `guess ${i}`, new_password: 'the thief wants this' })).status, 400);
    }
    const res = await thief.send('POST', '/api/auth/password', { current_password: PASSWORD, new_password: 'the thief wants this' });
    assert.equal(res.status, 429);
    assert.equal((await loginFrom(server.url, '192.0.2.55', 'stolen@testowo.pl', PASSWORD)).status, 429);
  });

  it('a disabled account is refused like an unknown one, and its open session ends', async () => {
    const { staff } = await addStaff('left.the.city@testowo.pl');
    const client = new StaffClient(server.url);
    await client.json(client.login('left.the.city@testowo.pl', PASSWORD));
    await db.knex('staff').where({ id: staff.id }).update({ active: false });
    assert.equal((await client.get('/api/console/settings')).status, 401);
    const refused = await new StaffClient(server.url).login('left.the.city@testowo.pl', PASSWORD);
    const unknown = await new StaffClient(server.url).login('never.was@testowo.pl', PASSWORD);
    assert.deepEqual([refused.status, await refused.json()], [unknown.status, await unknown.json()]);
  });

  it('upgrades a hash of older parameters at the next successful login', async () => {
    const saved = passwordParams();
    setPasswordCost(14);
    const oldHash = await hashPassword(PASSWORD);
    setPasswordCost(Math.log2(saved.N));
    const { staff } = await addStaff('old.hash@testowo.pl');
    await db.knex('staff').where({ id: staff.id }).update({ password_hash: oldHash });
    assert.equal((await new StaffClient(server.url).login('old.hash@testowo.pl', 'wrong one')).status, 400);
    assert.equal((await db.knex('staff').where({ id: staff.id }).first()).password_hash, oldHash, 'a failed login changes nothing');
    assert.equal((await new StaffClient(server.url).login('old.hash@testowo.pl', PASSWORD)).status, 200);
    const upgraded = (await db.knex('staff').where({ id: staff.id }).first()).password_hash as string;
    assert.notEqual(upgraded, oldHash);
    assert.equal(parsePasswordHash(upgraded)!.N, saved.N, 'stored at the current cost');
    assert.equal((await new StaffClient(server.url).login('old.hash@testowo.pl', PASSWORD)).status, 200, 'and still logs in');
  });

  it('takes as long for an unknown e-mail as for a known one (medians of 20 logins each)', async function () {
    // A cost where scrypt clearly dominates the database work: at 2^14 it is ~30 ms here, while a
    // login that skips it (the old code for unknown e-mails) takes ~3 ms.
    const saved = passwordParams();
    setPasswordCost(14);
    try {
      const n = 20;
      const known = await Promise.all(Array.from({ length: n }, (_, i) => addStaff(`timing${i}@testowo.pl`)));
      const time = async (email: string, password: string, ip: string) => {
        const started = process.hrtime.bigint();
        const res = await loginFrom(server.url, ip, email, password);
        await res.arrayBuffer();
        return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.status };
      };
      await time(`warm-up-${crypto.randomUUID()}@testowo.pl`, 'x', '10.0.0.1');
      const unknown: number[] = [];
      const wrong: number[] = [];
      const right: number[] = [];
      for (let i = 0; i < n; i++) {
        // Interleaved, so a burst of load on the machine hits all three alike.
        const u = await time(`unknown${i}-${crypto.randomUUID()}@testowo.pl`, 'some password', `10.0.1.${i}`);
        const w = await time(known[i].staff.email, 'not the password', `10.0.2.${i}`);
        const r = await time(known[i].staff.email, PASSWORD, `10.0.3.${i}`);
        assert.deepEqual([u.status, w.status, r.status], [400, 400, 200]);
        unknown.push(u.ms);
        wrong.push(w.ms);
        right.push(r.ms);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const [mu, mw, mr] = [median(unknown), median(wrong), median(right)];
      console.log(`      (median login: unknown ${mu.toFixed(1)} ms, known + wrong password ${mw.toFixed(1)} ms, known + right password ${mr.toFixed(1)} ms)`);
      assert.ok(mu / mw > 0.7 && mu / mw < 1.4, `unknown ${mu} ms vs wrong password ${mw} ms`);
      assert.ok(mu / mr > 0.5 && mu / mr < 1.5, `unknown ${mu} ms vs right password ${mr} ms`);
    } finally {
      setPasswordCost(Math.log2(saved.N));
    }
  });
});
