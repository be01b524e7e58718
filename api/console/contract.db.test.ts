import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/db';
import { startTestServer, type TestServer } from '../../test/server';
import type { Database } from '../db/engine';
import { createStaff } from '../accounts/staff';
import { createFixtureCity, type FixtureCity } from '../pipeline/fixtures';
import { loadDemoArticles } from '../knowledge/demo-articles';
import { StaffClient } from '../../test/staff-client';
import { assertOutput, type Contract } from '../http/contract';
import * as C from './contract';

describe('console API answers match their contract (database, HTTP)', () => {
  let db: Database;
  let city: FixtureCity;
  let server: TestServer;
  let agent: StaffClient;
  let admin: StaffClient;
  const seen = new Set<Contract>();

  /** Calls the route, checks the status, and holds the answer (success or error) to the contract's schema for it. */
  async function call(c: Contract, client: StaffClient, path: string, body?: unknown, status = 200) {
    const res = await (c.method === 'GET' ? client.get(`/api/console${path}`) : client.send(c.method, `/api/console${path}`, body ?? {}));
    const answer = await res.json();
    assert.equal(res.status, status, `${c.method} ${path}: ${JSON.stringify(answer)}`);
    assertOutput(c, status, answer);
    if (status === 200) seen.add(c);
    return answer;
  }

  before(async () => {
    db = await openTestDatabase('console-contract');
    city = await createFixtureCity(db);
    await loadDemoArticles(db.knex, city.jurisdictionId);
    for (const [email, role] of [
      ['agent@testowo.pl', 'agent'],
      ['admin@testowo.pl', 'admin'],
    ] as const) {
      await createStaff(db.knex, { email, role, password: 'correct horse battery', jurisdictionId: city.jurisdictionId });
    }
    server = await startTestServer(db);
    agent = new StaffClient(server.url);
    admin = new StaffClient(server.url);
    await agent.login('agent@testowo.pl', 'correct horse battery');
    await admin.login('admin@testowo.pl', 'correct horse battery');
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('every route answers as its schema says, on the way an agent and an admin use them', async () => {
    await call(C.settings, agent, '/settings');
    await call(C.services, agent, '/services');
    await call(C.locate, agent, `/locate?q=${encodeURIComponent('Marszałkowska 1')}`);
    await call(C.resolve, agent, '/resolve?lat=52.2201&long=21.012&service_code=pothole');

    const { contact } = await call(C.openContact, agent, '/contacts', { channel: 'phone', phone: '601 111 222' });
    const filed = await call(C.fileReport, agent, '/reports', {
      contactId: contact.id,
      serviceCode: 'pothole',
      location: { lat: 52.2201, long: 21.012 },
      attributes: { size: 'large' },
      description: 'Głęboka dziura przy przejściu',
      reporter: { firstName: 'Jan', phone: '601 111 222', notify: 'sms' },
    });
    const second = await call(C.openContact, agent, '/contacts', { channel: 'in_person' });
    await call(C.fileReport, agent, '/reports', {
      contactId: second.contact.id,
      attachTo: filed.publicId,
      location: { lat: 52.2201, long: 21.012 },
      reporter: { email: 'ewa@example.pl' },
    });
    await call(C.callers, agent, `/callers?phone=${encodeURIComponent('601 111 222')}`);

    const other = await call(C.fileReport, agent, '/reports', {
      serviceCode: 'pothole',
      channel: 'phone',
      location: { lat: 52.2301, long: 21.031 },
      attributes: { size: 'small' },
    });
    await call(C.requestDetail, agent, `/requests/${filed.publicId}`);
    await call(C.addNote, agent, `/requests/${filed.publicId}/notes`, { text: 'Oddzwonić po południu', public: false });
    await call(C.changeStatus, agent, `/requests/${filed.publicId}/status`, { detailedStatus: 'acknowledged' });
    await call(C.merge, admin, `/requests/${other.publicId}/merge`, { into: filed.publicId });
    await call(C.unmerge, admin, `/requests/${other.publicId}/unmerge`);

    const bbox = '21,52.2,21.04,52.24';
    await call(C.mapRequests, agent, `/map/requests?bbox=${bbox}&zoom=10`);
    await call(C.mapRequests, agent, `/map/requests?bbox=21.01,52.219,21.0122,52.221&zoom=17`);
    await call(C.mapDistricts, agent, `/map/districts?bbox=${bbox}&zoom=12`);
    await call(C.mapAddresses, agent, `/map/addresses?bbox=21.0,52.219,21.005,52.221&zoom=17`);
    await call(C.mapStreets, agent, `/map/streets?bbox=21.0,52.219,21.02,52.221&zoom=15`);

    const { articles } = await call(C.searchKb, agent, `/kb?q=${encodeURIComponent('odpady')}`);
    await call(C.getKb, agent, `/kb/${articles[0].id}`);
    await call(C.saveKb, admin, '/kb/zamkniecie-mostu', { titlePl: 'Zamknięcie mostu Alfa', bodyPl: 'Most jest zamknięty do grudnia.', tags: ['most'] });
    const kbContact = await call(C.openContact, agent, '/contacts', { channel: 'email' });
    await call(C.closeContact, agent, `/contacts/${kbContact.contact.id}/close`, { outcome: 'answered_kb', articleId: articles[0].id });

    const fw = await call(C.openContact, agent, '/contacts', { channel: 'email' });
    const { inquiry } = await call(C.forward, agent, '/inquiries', {
      contactId: fw.contact.id,
      question: 'Czy w Becie powstanie nowy chodnik?',
      serviceCode: 'pothole',
      districtCode: '02',
      replyChannel: 'email',
      person: { email: 'pytajacy@example.pl' },
    });
    await call(C.inquiries, agent, '/inquiries?status=open');
    await call(C.reassignInquiry, agent, `/inquiries/${inquiry.publicId}/reassign`, { unitCode: 'ZDM' });
    await call(C.answerInquiry, admin, `/inquiries/${inquiry.publicId}/answer`, { answer: 'Chodnik będzie gotowy w maju.' });
    await call(C.shift, agent, '/shift');

    const all = (Object.values(C) as unknown[]).filter((v): v is Contract => typeof v === 'object' && v !== null && 'path' in v);
    assert.deepEqual(
      all.filter((c) => !seen.has(c)).map((c) => `${c.method} ${c.path}`),
      [],
      'every route was called',
    );
  });

  it('errors answer in the catalogue format the contracts name', async () => {
    const anonymous = new StaffClient(server.url);
    await call(C.settings, anonymous, '/settings', undefined, 401);
    await call(C.saveKb, agent, '/kb/x', { titlePl: 'x' }, 403);
    await call(C.requestDetail, agent, '/requests/XX-0000-000', undefined, 404);
    await call(C.resolve, agent, '/resolve?lat=95&long=21', undefined, 400);
    await call(C.locate, agent, `/locate?q=${'a'.repeat(201)}`, undefined, 400);
    await call(C.inquiries, agent, '/inquiries?status=opne', undefined, 400);
    const bad = await call(C.shift, agent, '/shift?since=yesterday', undefined, 400);
    assert.equal(bad.errors[0].field, 'since');
  });
});
