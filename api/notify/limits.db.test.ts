/**
 * Notice limits (issue #11 item 10): at most 20 notices per address in 24 hours, and per API client
 * per hour as the city sets; what is over the limit is recorded as suppressed, not sent.
 */
import assert from 'node:assert/strict';
import type { Database } from '../db/engine';
import { createApiClient } from '../accounts/api-clients';
import type { FixtureCity } from '../pipeline/fixtures';
import { noticeHarness } from './fixtures/harness';

describe('notice limits per address and per API client (issue #11 item 10; real HTTP, real SMTP on loopback)', function () {
  this.timeout(180_000);
  const h = noticeHarness('notice-limits');
  const { dispatch, fresh, to, postReport, staffReport, noticesTo, setStatus } = h;
  let db: Database;
  let city: FixtureCity;
  before(() => ({ db, city } = h));

  it('a burst of 50 status changes sends at most 20 notices to one address in 24 hours; the rest are recorded as suppressed', async () => {
    const burst = 'burst@example.org';
    const r = await staffReport({ reporter: { email: burst, notify: 'email' } });
    for (let i = 0; i < 50; i++) await setStatus(r.publicId, i % 2 ? 'planned' : 'in_progress');
    for (let pass = 0; pass < 3; pass++) await dispatch();
    const mails = fresh().filter((m) => to(m) === burst);
    assert.equal(mails.length, 20, 'the receipt and 19 status changes');
    const rows = await noticesTo(burst);
    assert.equal(rows.filter((n) => n.status === 'sent').length, 20);
    const suppressed = rows.filter((n) => n.status === 'suppressed');
    assert.equal(suppressed.length, 31);
    assert.ok(suppressed.every((n) => n.last_error === 'limit: at most 20 notices per address in 24 hours'));
  });

  it('limits per API client per hour (set in the city settings): notices and confirmation messages', async () => {
    await db
      .knex('jurisdictions')
      .where({ id: city.jurisdictionId })
      .update({ settings: JSON.stringify({ notify_limits: { per_client_per_hour: 3, confirmations_per_client_per_hour: 2, per_address_per_day: 'many' } }) });
    try {
      const app = await createApiClient(db.knex, { name: 'busy-app', rateLimitPerMinute: 1000, notifiesReporters: true });
      const known = ['k1', 'k2', 'k3', 'k4', 'k5'].map((k) => `${k}.known@example.org`);
      await db
        .knex('email_addresses')
        .insert(known.map((a) => ({ jurisdiction_id: city.jurisdictionId, email_norm: a, confirmed_at: new Date(), confirmed_how: 'legacy' })));
      for (const a of known) await postReport(app.key, { email: a });
      const strangers = ['s1', 's2', 's3', 's4'].map((k) => `${k}.stranger@example.org`);
      for (const a of strangers) await postReport(app.key, { email: a });
      await dispatch();
      const got = fresh().map(to).sort();
      assert.deepEqual(got, [...known.slice(0, 3), ...strangers.slice(0, 2)].sort());
      const rows = await db.knex('notifications').where({ api_client_id: app.client.id }).orderBy('id').select('kind', 'status', 'last_error', 'address_norm');
      assert.deepEqual(
        rows.filter((n) => n.status === 'suppressed').map((n) => [n.address_norm, n.kind, n.last_error]),
        [
          [known[3], 'request_received', `limit: at most 3 notices per hour for the reporters of API client ${app.client.id}`],
          [known[4], 'request_received', `limit: at most 3 notices per hour for the reporters of API client ${app.client.id}`],
          [strangers[2], 'email_confirmation', `limit: at most 2 confirmation messages per hour for API client ${app.client.id}`],
          [strangers[3], 'email_confirmation', `limit: at most 2 confirmation messages per hour for API client ${app.client.id}`],
        ],
      );
      // An agent's report counts against no client.
      await staffReport({ reporter: { email: 'k5.known@example.org', notify: 'email' } });
      await dispatch();
      assert.deepEqual(fresh().map(to), ['k5.known@example.org']);
    } finally {
      await db.knex('jurisdictions').where({ id: city.jurisdictionId }).update({ settings: '{}' });
    }
  });
});
