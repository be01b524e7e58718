import assert from 'node:assert/strict';
import { openTestDatabase } from '../../../test/db';
import type { Database } from '../../db/engine';
import { createFixtureCity, type FixtureCity } from '../../pipeline/fixtures';
import { openContact } from '../../knowledge/contacts';
import { fileReportAndClose } from './reports';
import { forwardAndClose } from './inquiries';

/** Everything either action could write; equal before and after means nothing was kept. */
const TABLES = ['requests', 'request_reporters', 'request_events', 'inquiries', 'people', 'audit_log'];

describe('console services: file or forward and close the contact, in one transaction (database)', () => {
  let db: Database;
  let city: FixtureCity;
  let staffId: number;
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await db.knex(t).count('* as n'))[0].n);
    out.reporterCount = Number((await db.knex('requests').sum('reporter_count as n'))[0].n ?? 0);
    return out;
  };
  /** The second step (closing the contact) fails in the database, as a concurrent lock or a constraint would. */
  // One statement per call: PGlite runs each as a prepared statement, which takes one command.
  const breakClosing = async () => {
    await db.knex.raw(`CREATE FUNCTION k_test_refuse_close() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'contact refused by test'; END $$`);
    await db.knex.raw(`CREATE TRIGGER k_test_refuse_close BEFORE UPDATE ON contacts FOR EACH ROW EXECUTE FUNCTION k_test_refuse_close()`);
  };
  const mendClosing = async () => {
    await db.knex.raw(`DROP TRIGGER k_test_refuse_close ON contacts`);
    await db.knex.raw(`DROP FUNCTION k_test_refuse_close()`);
  };
  const newContact = () => openContact(db.knex, { jurisdictionId: city.jurisdictionId, staffId, channel: 'phone' });
  const report = (contactId: number, attachTo?: string) => ({
    jurisdictionId: city.jurisdictionId,
    contactId,
    serviceCode: 'pothole',
    attachTo,
    location: { kind: 'wgs84' as const, lat: 52.2201, long: 21.012 },
    description: 'Głęboka dziura przy przejściu',
    attributes: { size: 'large' },
    reporter: { firstName: 'Jan', phone: '601 111 222', notify: 'sms' as const },
    staffId,
    locale: 'pl' as const,
  });

  before(async () => {
    db = await openTestDatabase('console-services');
    city = await createFixtureCity(db);
    staffId = (await db.knex('staff').insert({ email: 'agent@testowo.pl', password_hash: 'x', role: 'agent' }).returning('id'))[0].id;
  });
  after(async () => {
    await db?.close();
  });

  let filedId = '';
  it('files a report and closes its contact', async () => {
    const contact = await newContact();
    const filed = await fileReportAndClose(db, report(contact.id));
    filedId = filed.publicId;
    const row = await db.knex('contacts').where({ id: contact.id }).first();
    assert.equal(row.outcome, 'request_filed');
    assert.equal(Number(row.request_id), filed.requestId);
    assert.ok(row.person_id, 'the caller is linked');
  });

  it('keeps no request, reporter, event or person when the contact cannot be closed', async () => {
    const contact = await newContact();
    const before = await counts();
    await breakClosing();
    try {
      await assert.rejects(
        fileReportAndClose(db, { ...report(contact.id), reporter: { firstName: 'Ewa', phone: '602 333 444', notify: 'sms' } }),
        /refused by test/,
      );
      await assert.rejects(fileReportAndClose(db, report(contact.id, filedId)), /refused by test/, 'attaching a caller');
    } finally {
      await mendClosing();
    }
    assert.deepEqual(await counts(), before);
    assert.equal((await db.knex('contacts').where({ id: contact.id }).first()).outcome, null, 'the contact is still open');
  });

  it('forwards a question and closes its contact; keeps no inquiry when the contact cannot be closed', async () => {
    const question = (contactId: number) => ({
      jurisdictionId: city.jurisdictionId,
      contactId,
      question: 'Czy w Becie powstanie nowy chodnik?',
      serviceCode: 'pothole',
      districtCode: '02',
      replyChannel: 'email' as const,
      person: { email: 'pytajacy@example.pl' },
      staffId,
    });
    const failing = await newContact();
    const before = await counts();
    await breakClosing();
    try {
      await assert.rejects(forwardAndClose(db, question(failing.id)), /refused by test/);
    } finally {
      await mendClosing();
    }
    assert.deepEqual(await counts(), before);

    const contact = await newContact();
    const inquiry = await forwardAndClose(db, question(contact.id));
    assert.equal(inquiry.unit.code, 'UDB');
    const row = await db.knex('contacts').where({ id: contact.id }).first();
    assert.equal(row.outcome, 'forwarded');
    assert.equal(Number(row.inquiry_id), inquiry.id);
  });

  it('files nothing for an unknown unit or contact (the first step fails before anything is written)', async () => {
    const before = await counts();
    await assert.rejects(
      forwardAndClose(db, {
        jurisdictionId: city.jurisdictionId,
        question: 'Pytanie?',
        unitCode: 'NOPE',
        replyChannel: 'none',
        contactId: (await newContact()).id,
      }),
    );
    await assert.rejects(fileReportAndClose(db, report(99_999_999)), /contact/);
    assert.deepEqual(await counts(), before);
  });
});
