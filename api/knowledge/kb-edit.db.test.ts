import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import { StaffClient } from '../../test/staff-client';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { isAppError } from '../errors';
import { saveArticle, searchArticles, type ArticleInput } from './articles';

/** The fields the server refused, in order. */
async function refusedFields(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (isAppError(err) && err.status === 400) return err.details.map((d) => d.field ?? '');
    throw err;
  }
  assert.fail('expected a 400');
}

describe('editing the knowledge base (database, HTTP)', () => {
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let admin: StaffClient;
  let agent: StaffClient;
  const base: ArticleInput = { slug: 'zima-w-parku', titlePl: 'Ślizgawka w parku', bodyPl: 'Lodowisko działa od grudnia.' };
  before(async () => {
    db = await openTestDatabase('kb-edit');
    city = await createFixtureCity(db);
    const password = 'correct horse battery';
    await createStaff(db.knex, { email: 'admin@testowo.pl', role: 'admin', password, jurisdictionId: city.jurisdictionId });
    await createStaff(db.knex, { email: 'agent@testowo.pl', role: 'agent', password, jurisdictionId: city.jurisdictionId });
    server = await startTestServer(db);
    admin = new StaffClient(server.url);
    agent = new StaffClient(server.url);
    await admin.login('admin@testowo.pl', password);
    await agent.login('agent@testowo.pl', password);
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('refuses bad slugs, lengths, dates and unknown service or district codes, naming each field', async () => {
    const j = city.jurisdictionId;
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, slug: 'Zima W Parku' })), ['slug']);
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, slug: 'a'.repeat(81) })), ['slug']);
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, slug: '-zima' })), ['slug']);
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, titlePl: 'x'.repeat(201), bodyEn: 'y'.repeat(10_001) })), ['titlePl', 'bodyEn']);
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, titleEn: 42 as unknown as string })), ['titleEn']);
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, tags: Array.from({ length: 31 }, (_, i) => `t${i}`) })), ['tags']);
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, tags: ['x'.repeat(61)] })), ['tags']);
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, validFrom: '2026-12-10', validTo: '2026-12-01' })), ['validTo']);
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, validFrom: '2026-12-10', validTo: '2026-12-10' })), ['validTo'], 'an empty period');
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, validFrom: 'jutro' })), ['validFrom']);
    // Dates the calendar does not have, or years nobody means: 400 for the field, not a database error.
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, validFrom: '2026-02-30' })), ['validFrom']);
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, validTo: '-200000-01-01T00:00:00Z' })), ['validTo']);
    assert.deepEqual(await refusedFields(saveArticle(db.knex, j, { ...base, serviceCodes: ['pothole', 'teleport'], districtCodes: ['01', '99'] })), [
      'serviceCodes',
      'districtCodes',
    ]);
    assert.equal(Number((await db.knex('knowledge_articles').count('* as n'))[0].n), 0, 'nothing was stored');
  });

  it('turns a day into midnight in the city time zone and stores tidy lists', async () => {
    const a = await saveArticle(db.knex, city.jurisdictionId, {
      ...base,
      validFrom: '2026-12-01',
      validTo: '2027-03-01',
      tags: [' lód ', 'lód', '', 'zima'],
      districtCodes: ['01'],
    });
    assert.equal(a.validFrom?.toISOString(), '2026-11-30T23:00:00.000Z', 'midnight in Warsaw (UTC+1 in winter)');
    assert.equal(a.validTo?.toISOString(), '2027-02-28T23:00:00.000Z');
    assert.deepEqual(a.tags, ['lód', 'zima']);
    assert.equal(a.updatedBy, null);
    const hits = (at: string) => searchArticles(db.knex, { jurisdictionId: city.jurisdictionId, text: 'slizgawka', at: new Date(at) });
    assert.deepEqual(
      (await hits('2026-11-30T23:30:00Z')).map((x) => x.slug),
      ['zima-w-parku'],
      'shown from half past midnight local time',
    );
    assert.deepEqual(await hits('2026-11-30T22:30:00Z'), [], 'not yet at 23:30 local time the day before');
  });

  it('lets only admins save over HTTP, answers field errors, records who edited in updated_by and audit_log', async () => {
    const article = {
      titlePl: 'Wycinka drzew na posesji',
      titleEn: 'Felling trees on your plot',
      bodyPl: 'Zezwolenie wydaje wydział ochrony środowiska.',
      tags: ['drzewa', 'wycinka'],
      serviceCodes: ['litter'],
      districtCodes: ['02'],
      active: true,
    };
    const refused = await agent.json(agent.send('PUT', '/api/console/kb/wycinka-drzew', article), 403);
    assert.match(refused.errors[0].description, /admin/);
    assert.equal((await admin.send('PUT', '/api/console/kb/wycinka-drzew', article, 'wrong-token')).status, 403, 'CSRF token checked');

    const bad = await admin.json(
      admin.send('PUT', '/api/console/kb/Wycinka_Drzew', { ...article, titlePl: '', districtCodes: ['77'], validFrom: '2026-05-01', validTo: '2026-04-01' }),
      400,
    );
    assert.deepEqual(
      bad.errors.map((e: { field: string }) => e.field),
      ['slug', 'titlePl', 'validTo'],
    );
    const badCode = await admin.json(admin.send('PUT', '/api/console/kb/wycinka-drzew', { ...article, districtCodes: ['77'] }), 400);
    assert.deepEqual(
      badCode.errors.map((e: { field: string }) => e.field),
      ['districtCodes'],
    );

    const { article: created } = await admin.json(admin.send('PUT', '/api/console/kb/wycinka-drzew', { ...article, create: true }));
    const adminId = (await db.knex('staff').where({ email: 'admin@testowo.pl' }).first('id')).id;
    assert.equal(created.updatedBy, Number(adminId));
    const taken = await admin.json(admin.send('PUT', '/api/console/kb/wycinka-drzew', { ...article, create: true }), 409);
    assert.equal(taken.errors[0].field, 'slug', '"new article" does not overwrite an existing one');

    // Withdrawn: agents no longer find it; admins do with include_inactive=1, and re-activate it.
    await admin.json(admin.send('PUT', '/api/console/kb/wycinka-drzew', { ...article, active: false }));
    const slugs = async (c: StaffClient, query: string) =>
      (await c.json(c.get(`/api/console/kb?q=wycinka${query}`))).articles.map((a: { slug: string }) => a.slug);
    assert.deepEqual(await slugs(agent, ''), []);
    assert.deepEqual(await slugs(agent, '&include_inactive=1'), [], 'agents cannot ask for withdrawn articles');
    assert.deepEqual(await slugs(admin, ''), []);
    assert.deepEqual(await slugs(admin, '&include_inactive=1'), ['wycinka-drzew']);
    await admin.json(
      admin.send('PUT', '/api/console/kb/wycinka-drzew', { ...article, active: true, bodyPl: 'Zezwolenie wydaje Wydział Ochrony Środowiska, pokój 12.' }),
    );
    assert.deepEqual(await slugs(agent, ''), ['wycinka-drzew']);

    const audit = await db
      .knex('audit_log')
      .where({ entity: 'knowledge_articles', entity_id: String(created.id) })
      .orderBy('id')
      .select('action', 'actor_kind', 'actor_id', 'data');
    assert.deepEqual(
      audit.map((a: { action: string; actor_kind: string; actor_id: number }) => [a.action, a.actor_kind, Number(a.actor_id)]),
      [
        ['kb.create', 'staff', Number(adminId)],
        ['kb.update', 'staff', Number(adminId)],
        ['kb.update', 'staff', Number(adminId)],
      ],
    );
    assert.deepEqual(audit[1].data, { slug: 'wycinka-drzew', changed: ['active'], active: false });
    assert.deepEqual(audit[2].data.changed, ['bodyPl', 'active']);
  });
});
