/**
 * The city mails no stranger (issue #11 item 10): an address given through a public channel gets
 * one confirmation message and nothing else until its owner presses the button behind the signed
 * link (the caps per address and per API client: limits.db.test.ts). Real HTTP, real SMTP on loopback.
 */
import assert from 'node:assert/strict';
import type { TestServer } from '../../test/server';
import type { Database } from '../db/engine';
import type { FixtureCity } from '../pipeline/fixtures';
import { submitReport } from '../pipeline/intake';
import { mergeRequests } from '../pipeline/merges';
import { requestDetail } from '../console/requests';
import { confirmToken } from './confirm';
import { unsubscribeKey } from './outbox';
import { noticeHarness } from './fixtures/harness';

describe('double opt-in (issue #11 item 10; real HTTP, real SMTP on loopback)', function () {
  this.timeout(180_000);
  const h = noticeHarness('confirm');
  const { dispatch, fresh, to, where, postReport, staffReport, noticesTo, setStatus, linkIn } = h;
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let staffId: number;
  let portalKey: string;
  before(() => ({ db, city, server, staffId, portalKey } = h));

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
