import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { searchArticles, saveArticle, getArticle } from './articles';
import { loadDemoArticles, DEMO_ARTICLES } from './demo-articles';
import { closeContact, contactSummary, contactsOfPerson, openContact } from './contacts';
import { forwardInquiry, listInquiries } from './inquiries';
import { findPeople } from './people';

describe('knowledge base, contacts and inquiries (database)', () => {
  let db: Database;
  let city: FixtureCity;
  let staffId: number;
  before(async () => {
    db = await openTestDatabase('knowledge');
    city = await createFixtureCity(db);
    staffId = (await db.knex('staff').insert({ email: 'agent@testowo.pl', password_hash: 'x', role: 'agent' }).returning('id'))[0].id;
    assert.equal(await loadDemoArticles(db.knex, city.jurisdictionId), DEMO_ARTICLES.length);
  });
  after(() => db.close());

  const search = (text: string, extra: Record<string, unknown> = {}) => searchArticles(db.knex, { jurisdictionId: city.jurisdictionId, text, ...extra });

  it('finds an answer from a question typed as residents say it, with or without diacritics', async () => {
    for (const q of ['jak zapłacić podatek od psa', 'oplata za psa', 'PSY opłata']) {
      const hits = await search(q);
      assert.equal(hits[0]?.slug, 'oplata-za-psa', `first hit for ${q}: ${hits.map((h) => h.slug).join(', ')}`);
    }
    assert.equal((await search('odsniezanie chodnika'))[0]?.slug, 'odsniezanie');
    assert.equal((await search('kiedy wywożą śmieci'))[0]?.slug, 'harmonogram-odbioru-odpadow', 'question words do not outrank the topic');
    assert.equal((await search('dog fee'))[0]?.slug, 'oplata-za-psa', 'English words find the article too');
    assert.equal((await search('gabaryty'))[0]?.slug, 'odpady-wielkogabarytowe', 'tags are searched');
    assert.deepEqual(await search('xylofonowy kwazar'), []);
  });

  it('hides articles outside their validity dates and other districts, and keeps edits by slug', async () => {
    await saveArticle(db.knex, city.jurisdictionId, {
      slug: 'remont-mostu',
      titlePl: 'Remont mostu Alfa: objazdy',
      bodyPl: 'Objazd ulicą Złotą.',
      districtCodes: ['01'],
      validTo: new Date('2020-01-01T00:00:00Z'),
    });
    const slugs = async (extra: Record<string, unknown> = {}) => (await search('remont mostu', extra)).map((x) => x.slug);
    assert.ok(!(await slugs()).includes('remont-mostu'), 'an expired article is not offered');
    const a = await saveArticle(db.knex, city.jurisdictionId, {
      slug: 'remont-mostu',
      titlePl: 'Remont mostu Alfa: objazdy',
      bodyPl: 'Objazd ulicą Złotą.',
      districtCodes: ['01'],
      validFrom: new Date('2020-01-01T00:00:00Z'),
    });
    assert.equal((await slugs({ districtCode: '01' }))[0], 'remont-mostu');
    assert.ok(!(await slugs({ districtCode: '02' })).includes('remont-mostu'), 'an Alfa-only article is not offered for Beta');
    assert.equal((await getArticle(db.knex, city.jurisdictionId, a.id)).bodyPl, 'Objazd ulicą Złotą.');
    await assert.rejects(saveArticle(db.knex, city.jurisdictionId, { slug: 'Zły slug!', titlePl: '', bodyPl: '' }), /slug.*titlePl.*bodyPl/s);
  });

  it('logs an answer from the knowledge base as a contact with its topic and no request', async () => {
    const requestsBefore = (await db.knex('requests').count<{ count: number }[]>('* as count'))[0].count;
    const contact = await openContact(db.knex, { jurisdictionId: city.jurisdictionId, staffId, channel: 'phone' });
    const [article] = await search('parkowanie abonament');
    const closed = await closeContact(db.knex, city.jurisdictionId, contact.id, { outcome: 'answered_kb', articleId: article.id, topic: article.titlePl });
    assert.equal(closed.outcome, 'answered_kb');
    assert.ok(closed.endedAt && closed.endedAt >= closed.startedAt);
    const summary = await contactSummary(db.knex, city.jurisdictionId, new Date(Date.now() - 3600e3), new Date(Date.now() + 3600e3));
    assert.deepEqual(summary, [
      { outcome: 'answered_kb', channel: 'phone', topic: 'Strefa Płatnego Parkowania: godziny i opłaty', contacts: 1, withRequest: 0 },
    ]);
    assert.equal((await db.knex('requests').count<{ count: number }[]>('* as count'))[0].count, requestsBefore);
    await assert.rejects(closeContact(db.knex, city.jurisdictionId, contact.id, { outcome: 'answered_kb' }), /needs the article or a topic/);
  });

  it('forwards a question to the unit the routing rules name, with its own deadline', async () => {
    const now = new Date('2026-11-27T10:00:00Z'); // a Friday
    const inBeta = await forwardInquiry(db.knex, {
      jurisdictionId: city.jurisdictionId,
      question: 'Kiedy zostanie wyremontowana nawierzchnia ulicy Łazienkowskiej?',
      serviceCode: 'pothole',
      districtCode: '02',
      channel: 'phone',
      replyChannel: 'email',
      person: { firstName: 'Anna', email: 'Anna.Nowak@example.pl', phone: '601 234 567' },
      staffId,
      now,
    });
    assert.match(inBeta.publicId, /^Z-[0-9A-Z]{4}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    assert.equal(inBeta.unit.code, 'UDB', 'roads in Beta go to the Beta district office');
    assert.equal(inBeta.district?.code, '02');
    assert.equal(inBeta.routingRuleCode, 'roads-beta');
    // 10 working days from Friday 27 November: the end of Friday 11 December (16:00 in Warsaw).
    assert.equal(inBeta.dueAt.toISOString(), '2026-12-11T15:00:00.000Z');

    const anywhere = await forwardInquiry(db.knex, {
      jurisdictionId: city.jurisdictionId,
      question: 'Czy miasto planuje nowy park?',
      channel: 'email',
      replyChannel: 'none',
      now,
    });
    assert.equal(anywhere.unit.code, 'UM', 'without a place or topic the default rule applies');
    const chosen = await forwardInquiry(db.knex, {
      jurisdictionId: city.jurisdictionId,
      question: 'Wywóz gabarytów z podwórka',
      unitCode: 'ZOM',
      channel: 'phone',
      replyChannel: 'none',
      now,
    });
    assert.equal(chosen.unit.code, 'ZOM');
    assert.equal(chosen.routingRuleCode, null, 'the agent chose the unit');
    await assert.rejects(forwardInquiry(db.knex, { jurisdictionId: city.jurisdictionId, question: 'x', channel: 'phone', replyChannel: 'sms', now }), /phone/);

    const people = await findPeople(db.knex, city.jurisdictionId, { phone: '+48 601-234-567' });
    assert.equal(people.length, 1, 'the caller is found again by a differently written number');
    const open = await listInquiries(db.knex, { jurisdictionId: city.jurisdictionId, personIds: [people[0].id] });
    assert.deepEqual(
      open.map((i) => [i.publicId, i.unit.code, i.status]),
      [[inBeta.publicId, 'UDB', 'open']],
    );

    const contact = await openContact(db.knex, { jurisdictionId: city.jurisdictionId, staffId, channel: 'phone', personId: people[0].id });
    await closeContact(db.knex, city.jurisdictionId, contact.id, { outcome: 'forwarded', inquiryId: inBeta.id, topic: inBeta.topic });
    const history = await contactsOfPerson(db.knex, [people[0].id]);
    assert.deepEqual(
      history.map((c) => [c.outcome, c.inquiryPublicId]),
      [['forwarded', inBeta.publicId]],
    );
  });
});
