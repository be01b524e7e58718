import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createSession, destroySession, findSession, purgeExpiredSessions, readCookie, IDLE_MS, MAX_MS } from './session';

describe('staff sessions (database)', () => {
  let db: Database;
  before(async () => {
    db = await openTestDatabase('sessions');
  });
  after(() => db.close());

  it('slides the idle expiry, ends every session after the maximum, and forgets destroyed ones', async () => {
    const { staff } = await createStaff(db.knex, { email: 'a@example.pl', role: 'agent', password: 'pw-pw-pw-pw' });
    const t0 = new Date('2026-01-12T06:00:00Z');
    const s = await createSession(db.knex, staff, { now: t0, ip: '127.0.0.1', userAgent: 'test' });
    const at = (ms: number) => new Date(t0.getTime() + ms);
    assert.equal((await findSession(db.knex, s.token, at(60_000)))?.staff.email, 'a@example.pl');
    assert.equal(await findSession(db.knex, s.token, at(IDLE_MS + 1000)), undefined, 'idle too long');

    const s2 = await createSession(db.knex, staff, { now: t0 });
    // Active every 90 minutes: the idle window slides...
    for (let ms = 90 * 60_000; ms < MAX_MS; ms += 90 * 60_000) assert.ok(await findSession(db.knex, s2.token, at(ms)), `alive after ${ms / 60_000} min`);
    // ...but not past the maximum.
    assert.equal(await findSession(db.knex, s2.token, at(MAX_MS + 60_000)), undefined);

    const s3 = await createSession(db.knex, staff, { now: new Date() });
    assert.ok(await findSession(db.knex, s3.token));
    await destroySession(db.knex, s3.token);
    assert.equal(await findSession(db.knex, s3.token), undefined);
    assert.equal(await findSession(db.knex, 'not a token'), undefined);
    assert.ok((await purgeExpiredSessions(db.knex)) >= 1);
  });

  it('refuses sessions of disabled accounts', async () => {
    const { staff } = await createStaff(db.knex, { email: 'b@example.pl', role: 'agent', password: 'pw-pw-pw-pw' });
    const s = await createSession(db.knex, staff);
    await db.knex('staff').where({ id: staff.id }).update({ active: false });
    assert.equal(await findSession(db.knex, s.token), undefined);
  });

  it('reads the session cookie among others', () => {
    assert.equal(readCookie('a=1; kontakt_session=abc_DEF-123; b=2', 'kontakt_session'), 'abc_DEF-123');
    assert.equal(readCookie('a=1', 'kontakt_session'), undefined);
    assert.equal(readCookie(undefined, 'kontakt_session'), undefined);
  });
});
