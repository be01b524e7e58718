/**
 * Residents hear back: the outbox filled by the triggers, the dispatcher, and a REAL SMTP server
 * on loopback (smtp-server), whose received messages are parsed with mailparser.
 */
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startSmtp, type Received, type SmtpSink } from '../../test/smtp';
import { startTestServer } from '../../test/server';
import type { Database } from '../db/engine';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { submitReport } from '../pipeline/intake';
import { mergeRequests } from '../pipeline/merges';
import type { ReportInput } from '../pipeline/types';
import { addNote, changeStatus, requestDetail } from '../console/requests';
import { answerInquiry, forwardInquiry } from '../knowledge/inquiries';
import { reassignInquiry } from '../knowledge/reassign';
import { createStaff } from '../accounts/staff';
import { createLogger } from '../log';
import { loadConfig } from '../config';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, sendDue, smtpMailer, startNotifier, withoutPassword, type Mailer } from './dispatcher';
import { noticesOfRequest, withoutNotifications } from './outbox';

describe('notifications to residents (outbox, dispatcher, real SMTP on loopback)', function () {
  this.timeout(120_000);
  let db: Database;
  let city: FixtureCity;
  let smtp: SmtpSink;
  let mailer: Mailer;
  let staffId: number;
  const PUBLIC_URL = 'https://kontakt.testowo.example';
  const dispatch = (now?: Date) =>
    sendDue(db, { mailer, from: 'Kontakt Testowo <no-reply@testowo.example>', publicUrl: PUBLIC_URL, now: now ? () => now : undefined });
  /** Mails received since the last call. */
  let seen = 0;
  const fresh = () => {
    const out = smtp.inbox.slice(seen);
    seen = smtp.inbox.length;
    return out;
  };
  const to = (r: Received) => r.envelopeTo.join(',');
  // Filed by an agent for a caller on the line: the address counts as confirmed (public channels
  // and the double opt-in are in confirm.db.test.ts).
  const report = (over: Partial<ReportInput>) =>
    submitReport(db, {
      serviceCode: 'pothole',
      channel: 'phone',
      attributes: { size: 'large', depth: '12' },
      location: { kind: 'wgs84', lat: 52.2231, long: 21.0101 },
      staffId,
      ...over,
    });

  before(async () => {
    db = await openTestDatabase('notify');
    city = await createFixtureCity(db);
    staffId = (
      await createStaff(db.knex, { email: 'admin@testowo.example', role: 'admin', password: 'correct horse battery', jurisdictionId: city.jurisdictionId })
    ).staff.id;
    smtp = await startSmtp();
    mailer = smtpMailer(smtp.url);
  });
  after(async () => {
    mailer?.close();
    await smtp?.close();
    await db?.close();
  });

  let first: string;

  it('sends a receipt for a filed report: number, promised date, tracking link, city, Polish diacritics intact', async () => {
    const r = await report({ reporter: { firstName: 'Zażółć', lastName: 'Gęślą', email: 'anna@example.org', notify: 'email' } });
    first = r.publicId;
    const queued = await db.knex('notifications').where({ request_id: r.requestId });
    assert.deepEqual(
      queued.map((n) => [n.kind, n.status, n.to_address, n.locale]),
      [['request_received', 'queued', 'anna@example.org', 'pl']],
    );
    const pass = await dispatch();
    assert.deepEqual(pass, { claimed: 1, sent: 1, failed: 0, dead: 0 });
    const [m] = fresh();
    assert.equal(to(m), 'anna@example.org');
    assert.equal(m.mail.subject, `Testowo: Zgłoszenie ${first} przyjęte`);
    assert.match(m.mail.text!, /Dzień dobry,/);
    assert.match(m.mail.text!, new RegExp(`przyjęliśmy Państwa zgłoszenie nr ${first} \\(Dziura w jezdni, ul\\. Złota 3\\)\\.`));
    assert.match(m.mail.text!, /Planowany termin załatwienia: \d+ \p{L}+ 2\d{3}/u);
    assert.ok(m.mail.text!.includes(`${PUBLIC_URL}/r/${first}\n`), 'the public tracking link');
    assert.match(m.mail.text!, /Wyłącz je tutaj: https:\/\/kontakt\.testowo\.example\/r\/[^/]+\/unsubscribe\?p=\d+&t=[\w-]{22}/);
    assert.match(m.raw, /charset=utf-8/i);
    assert.match(m.raw, /\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n/);
    assert.match(m.raw, /(^|\r\n)Auto-Submitted: auto-generated\r\n/);
    const row = await db.knex('notifications').where({ request_id: r.requestId }).first();
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 1);
    assert.ok(row.sent_at && row.message_id);
    assert.equal(row.subject, m.mail.subject, 'what was sent is kept on the row');
  });

  it('tells a caller attached as co-reporter that they were added, and nobody else', async () => {
    await report({ attachTo: first, reporter: { firstName: 'Bartek', email: 'bartek@example.org', notify: 'email' } });
    await report({ attachTo: first, reporter: { firstName: 'Cyryl', email: 'cyryl@example.org', notify: 'none' } });
    await report({ attachTo: first, reporter: { firstName: 'Dorota', phone: '601 222 333', notify: 'sms' } });
    await dispatch();
    const mails = fresh();
    assert.deepEqual(mails.map(to), ['bartek@example.org']);
    assert.equal(mails[0].mail.subject, `Testowo: Dopisaliśmy Państwa do zgłoszenia ${first}`);
    const sms = await db.knex('notifications').where({ channel: 'sms' });
    assert.deepEqual(
      sms.map((n) => [n.kind, n.status, n.to_address]),
      [['reporter_attached', 'unsupported', '601 222 333']],
      'SMS is stored, never sent',
    );
  });

  it('mails every reporter who asked for e-mail once on a public status change, each only their own', async () => {
    await changeStatus(db.knex, city.jurisdictionId, first, { detailedStatus: 'in_progress', note: 'Ekipa wyjedzie w środę.', role: 'admin', staffId });
    await dispatch();
    const mails = fresh();
    assert.deepEqual(mails.map(to).sort(), ['anna@example.org', 'bartek@example.org'], 'not cyryl (notify none), not the SMS reporter');
    for (const m of mails) {
      assert.equal(m.mail.subject, `Testowo: Zgłoszenie ${first}: w realizacji`);
      assert.match(m.mail.text!, /nowy status: w realizacji\.\n\nEkipa wyjedzie w środę\./);
      const others = ['anna@example.org', 'bartek@example.org', 'cyryl@example.org', 'Zażółć', 'Bartek', 'Cyryl', '601 222 333'].filter(
        (x) => !to(m).startsWith(x.toLowerCase()),
      );
      for (const other of others) assert.ok(!m.raw.includes(other) && !m.mail.text!.includes(other), `${other} must not appear in the mail to ${to(m)}`);
    }
  });

  it('mails public notes (console or any other writer of request events) but not internal ones', async () => {
    await addNote(db.knex, city.jurisdictionId, first, { text: 'Wewnętrzna uwaga', public: false, staffId });
    await dispatch();
    assert.equal(fresh().length, 0, 'an internal note stays inside');
    await addNote(db.knex, city.jurisdictionId, first, { text: 'Materiał zamówiony.', public: true, staffId });
    // Any other path that records a public status event (an Open311 update, a unit surface) is covered by the trigger.
    const r = await db.knex('requests').where({ public_id: first }).first('id');
    await db.knex('request_events').insert({
      request_id: r.id,
      jurisdiction_id: city.jurisdictionId,
      actor_kind: 'api_client',
      kind: 'status',
      public: true,
      status: 'open',
      detailed_status: 'planned',
    });
    await dispatch();
    const mails = fresh();
    assert.deepEqual(mails.map((m) => `${to(m)} ${m.mail.subject}`).sort(), [
      `anna@example.org Testowo: Zgłoszenie ${first}: nowa informacja`,
      `anna@example.org Testowo: Zgłoszenie ${first}: zaplanowane`,
      `bartek@example.org Testowo: Zgłoszenie ${first}: nowa informacja`,
      `bartek@example.org Testowo: Zgłoszenie ${first}: zaplanowane`,
    ]);
  });

  it('tells the reporters of a merged-away request the number it continues under', async () => {
    const other = await report({
      serviceCode: 'litter',
      attributes: {},
      location: { kind: 'wgs84', lat: 52.2301, long: 21.0301 },
      reporter: { email: 'ewa@example.org', notify: 'email' },
    });
    await dispatch();
    assert.deepEqual(fresh().map(to), ['ewa@example.org'], 'her receipt');
    await mergeRequests(db, { from: other.publicId, into: first, staffId });
    await dispatch();
    const mails = fresh();
    assert.deepEqual(mails.map(to), ['ewa@example.org'], 'only the reporter who moved; the survivor reporters learn nothing new');
    assert.equal(mails[0].mail.subject, `Testowo: Zgłoszenie ${other.publicId} ma teraz numer ${first}`);
    assert.ok(mails[0].mail.text!.includes(`${PUBLIC_URL}/r/${first}\n`));
    // She is now a reporter of the survivor, so she hears of its next change too.
    await changeStatus(db.knex, city.jurisdictionId, first, { detailedStatus: 'fixed', role: 'admin', staffId });
    await dispatch();
    assert.deepEqual(fresh().map(to).sort(), ['anna@example.org', 'bartek@example.org', 'ewa@example.org']);
  });

  it('sends the inquiry receipt (Z- number, deadline) and then the answer, through answerInquiry', async () => {
    const inquiry = await forwardInquiry(db.knex, {
      jurisdictionId: city.jurisdictionId,
      question: 'Kiedy będzie remont ulicy Łazienkowskiej?',
      serviceCode: 'pothole',
      districtCode: '02',
      channel: 'phone',
      replyChannel: 'email',
      person: { firstName: 'Grażyna', email: 'grazyna@example.org' },
      staffId,
    });
    await dispatch();
    let mails = fresh();
    assert.deepEqual(mails.map(to), ['grazyna@example.org']);
    assert.match(mails[0].mail.subject!, new RegExp(`^Testowo: Pytanie ${inquiry.publicId} przekazane: `));
    assert.match(mails[0].mail.text!, /Odpowiedź wyślemy na ten adres do \d+/);
    assert.match(mails[0].mail.text!, /Urząd Dzielnicy Beta/);
    // Sent on to another unit: the resident learns where it is now, and that the deadline holds.
    await reassignInquiry(db.knex, city.jurisdictionId, { staffId }, inquiry.publicId, 'ZDM');
    await dispatch();
    mails = fresh();
    assert.deepEqual(mails.map(to), ['grazyna@example.org']);
    assert.match(mails[0].mail.subject!, new RegExp(`^Testowo: Pytanie ${inquiry.publicId} przekazane dalej`));
    assert.match(mails[0].mail.text!, /przekazaliśmy do jednostki, która się nim zajmie: Zarząd Dróg/);
    assert.match(mails[0].mail.text!, /Termin odpowiedzi się nie zmienia: \d+/);
    await answerInquiry(db.knex, city.jurisdictionId, inquiry.publicId, 'Remont zaplanowano na maj; objazd ulicą Złotą.');
    await dispatch();
    mails = fresh();
    assert.deepEqual(mails.map(to), ['grazyna@example.org']);
    assert.match(mails[0].mail.subject!, new RegExp(`^Testowo: Odpowiedź na pytanie ${inquiry.publicId}`));
    assert.match(mails[0].mail.text!, /Remont zaplanowano na maj; objazd ulicą Złotą\./);
    assert.doesNotMatch(mails[0].mail.text!, /unsubscribe/);
  });

  it('retries a refused recipient with backoff (1, 5, 30 min, 2 h) and gives up after the last attempt', async () => {
    smtp.refuse.add('odmowa@example.org');
    const r = await report({ location: { kind: 'wgs84', lat: 52.2101, long: 21.0051 }, reporter: { email: 'odmowa@example.org', notify: 'email' } });
    let now = new Date();
    const row = () => db.knex('notifications').where({ request_id: r.requestId }).first();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const pass = await dispatch(now);
      assert.equal(pass.claimed, 1, `attempt ${attempt} is due`);
      const n = await row();
      assert.equal(n.attempts, attempt);
      assert.match(n.last_error, /550|mailbox unavailable/);
      if (attempt < MAX_ATTEMPTS) {
        assert.equal(n.status, 'failed');
        assert.equal(new Date(n.next_attempt_at).getTime(), now.getTime() + RETRY_DELAYS_MS[attempt - 1]);
        assert.equal((await dispatch(new Date(now.getTime() + RETRY_DELAYS_MS[attempt - 1] - 1000))).claimed, 0, 'not before its time');
        now = new Date(now.getTime() + RETRY_DELAYS_MS[attempt - 1]);
      } else {
        assert.equal(n.status, 'dead');
      }
    }
    assert.equal((await dispatch(new Date(now.getTime() + 86_400_000))).claimed, 0, 'a dead notice stays dead');
    assert.equal(fresh().length, 0);
  });

  it('retries when the SMTP server is down, and sends once it is back', async () => {
    const r = await report({ location: { kind: 'wgs84', lat: 52.2111, long: 21.0061 }, reporter: { email: 'cierpliwy@example.org', notify: 'email' } });
    const down = smtpMailer('smtp://127.0.0.1:1');
    const now = new Date();
    const pass = await sendDue(db, { mailer: down, from: 'Kontakt <no-reply@testowo.example>', publicUrl: PUBLIC_URL, now: () => now });
    down.close();
    assert.equal(pass.failed, 1);
    const n = await db.knex('notifications').where({ request_id: r.requestId }).first();
    assert.equal(n.status, 'failed');
    assert.match(n.last_error, /ECONNREFUSED|connect/i);
    assert.deepEqual(await dispatch(new Date(now.getTime() + 60_000)), { claimed: 1, sent: 1, failed: 0, dead: 0 });
    assert.deepEqual(fresh().map(to), ['cierpliwy@example.org']);
  });

  it('enqueues nothing for a change that is rolled back, and nothing for a bulk load of history', async () => {
    const r = await db.knex('requests').where({ public_id: first }).first('id');
    const before = Number((await db.knex('notifications').count('* as n'))[0].n);
    await assert.rejects(
      db.knex.transaction(async (trx) => {
        await trx('request_events').insert({
          request_id: r.id,
          jurisdiction_id: city.jurisdictionId,
          actor_kind: 'staff',
          kind: 'note',
          public: true,
          note: 'Nigdy nie wysłane',
        });
        const inside = Number((await trx('notifications').count('* as n'))[0].n);
        assert.ok(inside > before, 'inside the transaction the notice is queued');
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.equal(Number((await db.knex('notifications').count('* as n'))[0].n), before);
    await withoutNotifications(db.knex, () =>
      db
        .knex('request_events')
        .insert({ request_id: r.id, jurisdiction_id: city.jurisdictionId, actor_kind: 'system', kind: 'note', public: true, note: 'Historia' }),
    );
    assert.equal(Number((await db.knex('notifications').count('* as n'))[0].n), before);
    await dispatch();
    assert.equal(fresh().length, 0);
  });

  it('stops notices by the signed link in the mail (GET shows a button, POST unsubscribes), and lists notices per reporter', async () => {
    const server = await startTestServer(db);
    try {
      const mail = smtp.inbox.find((m) => to(m) === 'anna@example.org')!;
      const header = mail.mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r?\n\s+/g, '');
      const inText = /Wyłącz je tutaj: (\S+)/.exec(mail.mail.text!)![1];
      assert.equal(/<([^>]+)>/.exec(header)![1], inText, 'the List-Unsubscribe header holds the link shown in the text');
      const link = inText.replace(PUBLIC_URL, server.url);
      const page = await fetch(link);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<form method="post"/);
      assert.equal((await fetch(link.replace(/t=[\w-]+/, 't=AAAAAAAAAAAAAAAAAAAAAA'), { method: 'POST' })).status, 400, 'a forged token does nothing');
      // A token of the right length in characters but not in bytes must be refused, not crash the comparison.
      const wide = link.replace(/t=[\w-]+/, `t=${'%C3%A9'.repeat(22)}`);
      assert.equal((await fetch(wide, { method: 'POST' })).status, 400);
      assert.equal((await fetch(wide)).status, 400);
      const done = await fetch(link, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(done.status, 200);
      assert.match(await done.text(), /Nie będziemy już wysyłać/);
    } finally {
      await server.close();
    }
    await changeStatus(db.knex, city.jurisdictionId, first, { detailedStatus: 'reopened', role: 'admin', staffId });
    await dispatch();
    assert.deepEqual(fresh().map(to).sort(), ['bartek@example.org', 'ewa@example.org'], 'anna unsubscribed');
    const r = await db.knex('requests').where({ public_id: first }).first('id');
    const notices = await noticesOfRequest(db.knex, r.id);
    const anna = (await db.knex('people').where({ email: 'anna@example.org' }).first('id')).id;
    assert.deepEqual(
      notices.get(Number(anna))!.map((n) => [n.kind, n.status]),
      [
        ['request_received', 'sent'],
        ['status_changed', 'sent'],
        ['public_note', 'sent'],
        ['status_changed', 'sent'],
        ['status_changed', 'sent'],
      ],
    );
    // The console's request detail shows them per reporter (staff only).
    const detail = await requestDetail(db.knex, city.jurisdictionId, first, 'agent');
    const byEmail = new Map(detail.reporters.map((p) => [p.email, p.notices.map((n) => n.kind)]));
    assert.deepEqual(byEmail.get('bartek@example.org'), [
      'reporter_attached',
      'status_changed',
      'public_note',
      'status_changed',
      'status_changed',
      'status_changed',
    ]);
    assert.deepEqual(byEmail.get('cyryl@example.org'), [], 'notify none: nothing sent');
    assert.deepEqual(
      byEmail.get('ewa@example.org'),
      ['request_received', 'merged', 'status_changed', 'status_changed'],
      'with what reached her on the request merged in',
    );
  });

  it('settles only its own claim: a notice cancelled while it was being sent stays cancelled, and the SMTP password stays out of logs', async () => {
    const r = await report({ location: { kind: 'wgs84', lat: 52.2125, long: 21.0075 }, reporter: { email: 'wypisana@example.org', notify: 'email' } });
    // The resident unsubscribes while the message is with the mail server, and then the send fails.
    const racing: Mailer = {
      async send() {
        await db.knex('notifications').where({ status: 'sending' }).update({ status: 'cancelled', last_error: 'unsubscribed' });
        throw new Error('connection lost');
      },
      close() {},
    };
    const pass = await sendDue(db, { mailer: racing, from: 'Kontakt <no-reply@testowo.example>', publicUrl: PUBLIC_URL });
    assert.equal(pass.claimed, 1);
    const row = await db
      .knex('notifications as n')
      .join('requests as q', 'q.id', 'n.request_id')
      .where('q.public_id', r.publicId)
      .first('n.status', 'n.last_error');
    assert.deepEqual([row.status, row.last_error], ['cancelled', 'unsubscribed'], 'not rescheduled as failed, so never mailed after the unsubscribe');
    assert.equal(withoutPassword('smtp://kontakt:p%2Fa%23ss@mail.example:587'), 'smtp://kontakt:***@mail.example:587');
    assert.doesNotMatch(withoutPassword('smtp://kontakt:p/a#ss?w@mail.example:587'), /a#ss/, 'an unparsable URL is not logged at all');
  });

  it('runs as a loop with the server and stops cleanly', async () => {
    await report({ location: { kind: 'wgs84', lat: 52.2121, long: 21.0071 }, reporter: { email: 'petla@example.org', notify: 'email', firstName: 'Łucja' } });
    const config = { ...loadConfig({ LOG_LEVEL: 'silent', KONTAKT_SMTP_URL: smtp.url, KONTAKT_NOTIFY_INTERVAL_MS: '100' }), publicUrl: PUBLIC_URL };
    const notifier = startNotifier({ db, config, log: createLogger(config) });
    const deadline = Date.now() + 10_000;
    while (smtp.inbox.length === seen && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await notifier.stop();
    assert.deepEqual(fresh().map(to), ['petla@example.org']);
  });
});
