/**
 * The city mails no stranger (issue #11 item 10): an address given through a public channel gets
 * one confirmation message and nothing else until its owner presses the button behind the signed
 * link; notices are capped per address and per API client. Real HTTP, real SMTP on loopback.
 */
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startSmtp, type Received, type SmtpSink } from '../../test/smtp';
import { startTestServer, type TestServer } from '../../test/server';
import type { Database } from '../db/engine';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { submitReport } from '../pipeline/intake';
import { mergeRequests } from '../pipeline/merges';
import type { ReportInput } from '../pipeline/types';
import { changeStatus, requestDetail } from '../console/requests';
import { createApiClient } from '../accounts/api-clients';
import { createStaff } from '../accounts/staff';
import { sendDue, smtpMailer, type Mailer } from './dispatcher';
import { confirmToken } from './confirm';
import { unsubscribeKey } from './outbox';

describe('double opt-in and notice limits (issue #11 item 10; real HTTP, real SMTP on loopback)', function () {
  this.timeout(180_000);
  let db: Database;
  let city: FixtureCity;
  let smtp: SmtpSink;
  let mailer: Mailer;
  let server: TestServer;
  let staffId: number;
  let portalKey: string;
  const dispatch = () => sendDue(db, { mailer, from: 'Kontakt Testowo <no-reply@testowo.example>', publicUrl: server.url });
  let seen = 0;
  const fresh = () => {
    const out = smtp.inbox.slice(seen);
    seen = smtp.inbox.length;
    return out;
  };
  const to = (r: Received) => r.envelopeTo.join(',');
  let spot = 0;
  /** A new point each time, so reports are not offered as duplicates of each other. */
  const where = () => {
    spot += 1;
    return { lat: 52.201 + (spot % 30) * 0.001, long: 21.001 + Math.floor(spot / 30) * 0.002 };
  };
  /** An Open311 POST as the portal (or any client that leaves notices to us) files it. */
  const postReport = async (key: string, form: Record<string, string>) => {
    const p = where();
    const res = await fetch(`${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: key,
        service_code: 'litter',
        lat: String(p.lat),
        long: String(p.long),
        description: 'Worki ze śmieciami przy ławce',
        consent: 'true',
        ...form,
      }),
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return JSON.parse(text)[0].service_request_id as string;
  };
  const staffReport = (over: Partial<ReportInput>) => {
    const p = where();
    return submitReport(db, { serviceCode: 'litter', channel: 'phone', location: { kind: 'wgs84', ...p }, staffId, ...over });
  };
  const noticesTo = (address: string) =>
    db.knex('notifications').where({ address_norm: address }).orderBy('id').select('kind', 'status', 'last_error', 'request_id', 'created_at', 'id');
  const setStatus = (publicId: string, detailedStatus: string) =>
    changeStatus(db.knex, city.jurisdictionId, publicId, { detailedStatus, role: 'admin', staffId });
  const linkIn = (m: Received) => /(http:\/\/127\.0\.0\.1:\d+\/notify\/confirm\?t=\S+)/.exec(m.mail.text!)![1];

  before(async () => {
    db = await openTestDatabase('confirm');
    city = await createFixtureCity(db);
    staffId = (
      await createStaff(db.knex, { email: 'agent@testowo.example', role: 'admin', password: 'correct horse battery', jurisdictionId: city.jurisdictionId })
    ).staff.id;
    smtp = await startSmtp();
    mailer = smtpMailer(smtp.url);
    server = await startTestServer(db);
    const portal = await createApiClient(db.knex, { name: 'portal-like', rateLimitPerMinute: 1000, notifiesReporters: true });
    portalKey = portal.key;
  });
  after(async () => {
    mailer?.close();
    await server?.close();
    await smtp?.close();
    await db?.close();
  });

  const ewa = 'ewa.public@example.org';
  let firstId: string;
  let confirmLink: string;

  it("a public report with an e-mail gets exactly one message, the confirmation, with nobody's words in it", async () => {
    firstId = await postReport(portalKey, { email: ewa, locale: 'pl' });
    await dispatch();
    const mails = fresh();
    assert.deepEqual(mails.map(to), [ewa], 'one message');
    const [m] = mails;
    assert.equal(m.mail.subject, 'Testowo: Potwierdź adres e-mail');
    confirmLink = linkIn(m);
    assert.match(confirmLink, /\/notify\/confirm\?t=\d+\.\d+\.[\w-]{22}$/);
    for (const absent of [firstId, 'Worki', 'ławce', 'unsubscribe']) assert.ok(!m.mail.text!.includes(absent), `${absent} is not in the confirmation`);
    assert.match(m.mail.text!, /bez potwierdzenia nie wyślemy na ten adres żadnych powiadomień/);
    const rows = await noticesTo(ewa);
    assert.deepEqual(
      rows.map((n) => [n.kind, n.status]),
      [
        ['email_confirmation', 'sent'],
        ['request_received', 'held'],
      ],
    );
    assert.equal(rows[1].last_error, 'held: the address is not confirmed yet');
    const state = await db.knex('email_addresses').where({ email_norm: ewa }).first();
    assert.equal(state.confirmed_at, null);
  });

  it('status changes before the confirmation send nothing, and ask for no second confirmation', async () => {
    await setStatus(firstId, 'in_progress');
    await setStatus(firstId, 'planned');
    await dispatch();
    assert.equal(fresh().length, 0);
    assert.deepEqual(
      (await noticesTo(ewa)).map((n) => [n.kind, n.status]),
      [
        ['email_confirmation', 'sent'],
        ['request_received', 'held'],
        ['status_changed', 'held'],
        ['status_changed', 'held'],
      ],
    );
  });

  it('a second report with the same address within 24 hours sends no second confirmation, and the console says why', async () => {
    const second = await postReport(portalKey, { email: 'Ewa.Public@Example.ORG' });
    await dispatch();
    assert.equal(fresh().length, 0);
    const confirmations = (await noticesTo(ewa)).filter((n) => n.kind === 'email_confirmation');
    assert.deepEqual(
      confirmations.map((n) => [n.status, n.last_error]),
      [
        ['sent', null],
        ['suppressed', 'a confirmation message went to this address less than 24 hours ago'],
      ],
    );
    const detail = await requestDetail(db.knex, city.jurisdictionId, second, 'agent');
    assert.deepEqual(
      detail.reporters[0].notices.map((n) => [n.kind, n.status, n.lastError]),
      [
        ['email_confirmation', 'sent', null],
        ['email_confirmation', 'suppressed', 'a confirmation message went to this address less than 24 hours ago'],
        ['request_received', 'held', 'held: the address is not confirmed yet'],
      ],
    );
  });

  it('GET on the confirm link (what mail scanners do) shows a button and confirms nothing', async () => {
    for (let i = 0; i < 2; i++) {
      const page = await fetch(confirmLink);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<form method="post" action="\?t=[\d.\w-]+"><button type="submit">Potwierdzam \/ Confirm<\/button><\/form>/);
      assert.doesNotMatch(html, /<script/i, 'no script: the CSP allows none inline');
      assert.ok(!html.includes(ewa), 'the page does not show the address');
    }
    assert.equal((await db.knex('email_addresses').where({ email_norm: ewa }).first()).confirmed_at, null);
    await dispatch();
    assert.equal(fresh().length, 0);
  });

  it('a forged, truncated, expired or unknown token gets a clear 4xx page, never a 500', async () => {
    const base = confirmLink.replace(/\?t=.*$/, '');
    const token = confirmLink.replace(/^.*\?t=/, '');
    const forged = token.replace(/.{4}$/, 'AAAA') === token ? token.replace(/.{4}$/, 'BBBB') : token.replace(/.{4}$/, 'AAAA');
    const key = await unsubscribeKey(db.knex);
    const addressId = token.split('.')[0];
    const expired = confirmToken(key, addressId, new Date(Date.now() - 8 * 86_400_000));
    const unknown = confirmToken(key, 987654321, new Date());
    const cases: Array<[string, number, RegExp]> = [
      [`?t=${forged}`, 400, /nieprawidłowy/],
      [`?t=${token.slice(0, -1)}`, 400, /invalid/],
      ['', 400, /niepełny/],
      ['?t=%C3%A9%C3%A9', 400, /invalid/],
      ['?t=a&t=b', 400, /invalid/],
      [`?t=${'9'.repeat(5000)}`, 400, /invalid/],
      [`?t=${expired}`, 410, /wygasł/],
      [`?t=${unknown}`, 404, /no longer exists/],
    ];
    for (const [query, status, text] of cases) {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`${base}${query}`, { method });
        assert.equal(res.status, status, `${method} ${query.slice(0, 40)}`);
        assert.match(res.headers.get('content-type') ?? '', /text\/html/);
        assert.match(await res.text(), text);
      }
    }
    assert.equal((await db.knex('email_addresses').where({ email_norm: ewa }).first()).confirmed_at, null, 'nothing confirmed');
  });

  it('POST confirms; the held notices go out, only the latest per request', async () => {
    const res = await fetch(confirmLink, { method: 'POST' });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Adres potwierdzony/);
    const state = await db.knex('email_addresses').where({ email_norm: ewa }).first();
    assert.equal(state.confirmed_how, 'link');
    assert.ok(state.confirmed_at);
    await dispatch();
    const mails = fresh();
    assert.equal(mails.length, 2, "one per request: the first request's latest state and the second's receipt");
    const subjects = mails.map((m) => m.mail.subject!);
    assert.ok(subjects.includes(`Testowo: Zgłoszenie ${firstId}: zaplanowane`), subjects.join(' | '));
    assert.equal(subjects.filter((s) => /^Testowo: Zgłoszenie \S+ przyjęte$/.test(s) && !s.includes(firstId)).length, 1, "the second request's receipt");
    const rows = await noticesTo(ewa);
    assert.deepEqual(
      rows.filter((n) => n.status === 'suppressed' && n.kind !== 'email_confirmation').map((n) => [n.kind, n.last_error]),
      [
        ['request_received', 'superseded: after the confirmation only the latest notice per request is sent'],
        ['status_changed', 'superseded: after the confirmation only the latest notice per request is sent'],
      ],
    );
    // Pressing again changes nothing and sends nothing.
    assert.equal((await fetch(confirmLink, { method: 'POST' })).status, 200);
    assert.equal((await fetch(confirmLink)).status, 200);
    await dispatch();
    assert.equal(fresh().length, 0);
  });

  it('after the confirmation the next status change is mailed, and unsubscribe still works', async () => {
    await setStatus(firstId, 'fixed');
    await dispatch();
    const mails = fresh();
    assert.deepEqual(mails.map(to), [ewa]);
    assert.equal(mails[0].mail.subject, `Testowo: Zgłoszenie ${firstId}: naprawione`);
    const link = /Wyłącz je tutaj: (\S+)/.exec(mails[0].mail.text!)![1];
    const page = await fetch(link);
    assert.equal(page.status, 200);
    assert.equal((await fetch(link, { method: 'POST' })).status, 200);
    await setStatus(firstId, 'reopened');
    await dispatch();
    assert.equal(fresh().length, 0, 'unsubscribed from this request');
    // A later public report from the confirmed address gets its receipt at once, no confirmation.
    const third = await postReport(portalKey, { email: ewa });
    await dispatch();
    assert.deepEqual(
      fresh().map((m) => m.mail.subject),
      [`Testowo: Zgłoszenie ${third} przyjęte`],
    );
  });

  it("asks again after the 24-hour window, at most 3 times in 7 days, in the reporter's language", async () => {
    const olek = 'olek.public@example.org';
    const file = () => postReport(portalKey, { email: olek, locale: 'en' });
    const age = (hours: number) =>
      db
        .knex('notifications')
        .where({ address_norm: olek, kind: 'email_confirmation' })
        .update({ created_at: db.knex.raw(`created_at - make_interval(hours => ?)`, [hours]) });
    await file();
    await dispatch();
    let mails = fresh();
    assert.deepEqual(
      mails.map((m) => m.mail.subject),
      ['Testtown: Please confirm your e-mail address'],
    );
    assert.match(mails[0].mail.text!, /without a confirmation we send no notices to this address/);
    await file();
    await age(25);
    await file();
    await age(25);
    await file();
    await age(25);
    await file();
    await dispatch();
    mails = fresh();
    assert.equal(mails.length, 2, 'the second and the third confirmation, each after the window');
    const rows = (await noticesTo(olek)).filter((n) => n.kind === 'email_confirmation');
    assert.deepEqual(
      rows.map((n) => [n.status, n.last_error]),
      [
        ['sent', null],
        ['suppressed', 'a confirmation message went to this address less than 24 hours ago'],
        ['sent', null],
        ['sent', null],
        ['suppressed', 'limit: at most 3 confirmation messages per address in 7 days'],
      ],
    );
    assert.equal((await noticesTo(olek)).filter((n) => n.kind !== 'email_confirmation' && n.status !== 'held').length, 0, 'no notice left');
  });

  it('a public report merged automatically into another asks for the confirmation too; a staff merge does not', async () => {
    const p = where();
    const lightFirst = await submitReport(db, { serviceCode: 'streetlight', channel: 'phone', location: { kind: 'wgs84', ...p }, staffId });
    const res = await fetch(`${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: portalKey,
        service_code: 'streetlight',
        lat: String(p.lat),
        long: String(p.long + 0.0001),
        description: 'Ciemno',
        consent: 'true',
        email: 'piotr.public@example.org',
      }),
    });
    assert.equal(res.status, 200);
    await dispatch();
    assert.deepEqual(
      fresh().map((m) => `${to(m)} ${m.mail.subject}`),
      ['piotr.public@example.org Testowo: Potwierdź adres e-mail'],
    );
    assert.deepEqual(
      (await noticesTo('piotr.public@example.org')).map((n) => [n.kind, n.status]),
      [
        ['email_confirmation', 'sent'],
        ['merged', 'held'],
      ],
    );
    // An agent merges an unconfirmed reporter's request: held, and no new confirmation is asked.
    const zofia = await postReport(portalKey, { email: 'zofia.public@example.org' });
    await db
      .knex('notifications')
      .where({ address_norm: 'zofia.public@example.org', kind: 'email_confirmation' })
      .update({ created_at: db.knex.raw(`created_at - interval '2 days'`) });
    const target = await staffReport({});
    await mergeRequests(db, { from: zofia, into: target.publicId, staffId });
    await dispatch();
    assert.deepEqual(fresh().map(to), ['zofia.public@example.org'], 'only her first confirmation');
    assert.deepEqual(
      (await noticesTo('zofia.public@example.org')).map((n) => [n.kind, n.status]),
      [
        ['email_confirmation', 'sent'],
        ['request_received', 'held'],
        ['merged', 'held'],
      ],
    );
  });

  it('an address an agent typed counts as confirmed by that agent, and what was held for it goes out', async () => {
    const online = await postReport(portalKey, { email: 'marta.phone@example.org' });
    await dispatch();
    assert.deepEqual(
      fresh().map((m) => m.mail.subject),
      ['Testowo: Potwierdź adres e-mail'],
    );
    // She then calls the city, and the agent types her address.
    const phoned = await staffReport({ reporter: { email: 'Marta.Phone@example.org ', notify: 'email' } });
    await dispatch();
    assert.deepEqual(
      fresh()
        .map((m) => `${to(m).toLowerCase()} ${m.mail.subject}`)
        .sort(),
      [`marta.phone@example.org Testowo: Zgłoszenie ${online} przyjęte`, `marta.phone@example.org Testowo: Zgłoszenie ${phoned.publicId} przyjęte`].sort(),
    );
    const state = await db.knex('email_addresses').where({ email_norm: 'marta.phone@example.org' }).first();
    assert.deepEqual([state.confirmed_how, Number(state.confirmed_by)], ['staff', staffId]);
  });

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

  it("the portal's own report form (POST /api/public/reports) is a public channel too", async () => {
    const p = where();
    const res = await fetch(`${server.url}/api/public/reports`, {
      method: 'POST',
      headers: { Origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        service_code: 'litter',
        lat: String(p.lat),
        long: String(p.long),
        description: 'Pełny kosz',
        email: 'portal.page@example.org',
        consent: 'true',
        locale: 'en',
      }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    await dispatch();
    assert.deepEqual(
      fresh().map((m) => `${to(m)} ${m.mail.subject}`),
      ['portal.page@example.org Testtown: Please confirm your e-mail address'],
    );
    assert.deepEqual(
      (await noticesTo('portal.page@example.org')).map((n) => [n.kind, n.status]),
      [
        ['email_confirmation', 'sent'],
        ['request_received', 'held'],
      ],
    );
  });

  it('a public "me too" with an e-mail is held for confirmation as well; with a confirmed address it is told at once', async () => {
    const target = await staffReport({});
    const follow = (email: string) =>
      fetch(`${server.url}/api/public/requests/${target.publicId}/follow`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, consent: true }),
      });
    assert.equal((await follow('nowy.follow@example.org')).status, 201);
    assert.equal((await follow(ewa)).status, 201);
    await dispatch();
    assert.deepEqual(
      fresh()
        .map((m) => `${to(m)} ${m.mail.subject}`)
        .sort(),
      [`${ewa} Testowo: Dopisaliśmy Państwa do zgłoszenia ${target.publicId}`, 'nowy.follow@example.org Testowo: Potwierdź adres e-mail'],
    );
  });
});
