/**
 * Issue #13 item 2: every surface that takes a date reads it with the kernel's one date engine
 * (kernel/dates.ts), so `2026-02-30` is a 400 naming the field everywhere, never 2 March.
 */
import assert from 'node:assert/strict';
import type { Database } from '../api/db/engine';
import { openTestDatabase } from './db';
import { startTestServer, TestServer } from './server';
import { StaffClient } from './staff-client';
import { createStaff } from '../api/accounts/staff';
import { createApiClient } from '../api/accounts/api-clients';
import { CITY, createTestCity } from '../api/open311/test-city';

const IMPOSSIBLE = '2026-02-30';

describe('2026-02-30 is refused with a 400 naming the field on every surface that takes dates (issue #13)', () => {
  let db: Database;
  let server: TestServer;
  let key: string;
  const admin = new StaffClient('');

  /** Status and every error text of an answer (Open311 `[{code, description}]` or `{errors: [{field, description}]}`). */
  const answer = async (res: Response) => {
    const text = await res.text();
    const body = JSON.parse(text);
    const errors = (Array.isArray(body) ? body : (body.errors ?? [])) as Array<{ field?: string; description: string }>;
    return { status: res.status, text, errors: errors.map((e) => `${e.field ?? ''} ${e.description}`) };
  };
  const expectRefused = async (res: Promise<Response>, field: string) => {
    const a = await answer(await res);
    assert.equal(a.status, 400, `${field}: ${a.text}`);
    assert.ok(
      a.errors.some((e) => e.includes(field)),
      `an error names ${field}: ${a.text}`,
    );
  };
  const get = (path: string) => fetch(server.url + path);
  const post = (path: string, form: Record<string, string>) =>
    fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });

  before(async () => {
    db = await openTestDatabase('impossible-dates');
    await createTestCity(db.knex);
    // A datetime attribute, so that filing a report takes a date too.
    const pothole = await db.knex('services').where({ jurisdiction_id: CITY.id, code: 'pothole' }).first('id');
    await db.knex('service_attributes').insert({
      service_id: pothole.id,
      code: 'seen_at',
      order: 9,
      datatype: 'datetime',
      required: false,
      description_pl: 'Kiedy zauważono?',
      description_en: 'When was it seen?',
    });
    server = await startTestServer(db, { LOG_LEVEL: 'error' });
    (admin as { base: string }).base = server.url;
    key = (await createApiClient(db.knex, { name: 'dates app', rateLimitPerMinute: 1000 })).key;
    await createStaff(db.knex, { email: 'admin@testowo.example', role: 'admin', password: 'impossible dates admin', jurisdictionId: CITY.id });
    assert.equal((await admin.login('admin@testowo.example', 'impossible dates admin')).status, 200);
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('Open311 GET requests: start_date, end_date, updated_after, updated_before (JSON and XML)', async () => {
    for (const field of ['start_date', 'end_date', 'updated_after', 'updated_before']) {
      await expectRefused(get(`/open311/v2/requests.json?jurisdiction_id=${CITY.id}&${field}=${IMPOSSIBLE}`), field);
      await expectRefused(get(`/open311/v2/requests.json?jurisdiction_id=${CITY.id}&${field}=${IMPOSSIBLE}T10:00:00%2B01:00`), field);
      const xml = await get(`/open311/v2/requests.xml?jurisdiction_id=${CITY.id}&${field}=${IMPOSSIBLE}`);
      assert.equal(xml.status, 400);
      assert.match(await xml.text(), new RegExp(`<description>[^<]*${field}`));
    }
    assert.equal((await get(`/open311/v2/requests.json?jurisdiction_id=${CITY.id}&start_date=2026-02-28&end_date=2026-03-01`)).status, 200, 'real days pass');
  });

  it('Open311 GET servicerequestupdates: start_date, end_date', async () => {
    for (const field of ['start_date', 'end_date']) {
      await expectRefused(get(`/open311/v2/servicerequestupdates.json?jurisdiction_id=${CITY.id}&${field}=${IMPOSSIBLE}`), field);
    }
    assert.equal((await get(`/open311/v2/servicerequestupdates.json?jurisdiction_id=${CITY.id}&start_date=2026-02-28&end_date=2026-03-01`)).status, 200);
  });

  it('Open311 POST servicerequestupdates: updated_datetime', async () => {
    const filed = await answer(
      await post('/open311/v2/requests.json', {
        api_key: key,
        jurisdiction_id: CITY.id,
        service_code: 'pothole',
        'attribute[size]': 'small',
        description: 'Dziura w jezdni',
        lat: String(CITY.west.lat),
        long: String(CITY.west.long),
      }),
    );
    assert.equal(filed.status, 200, filed.text);
    const id = JSON.parse(filed.text)[0].service_request_id as string;
    await expectRefused(
      post('/open311/v2/servicerequestupdates.json', {
        api_key: key,
        jurisdiction_id: CITY.id,
        service_request_id: id,
        update_id: 'u-1',
        status: 'FIXED',
        updated_datetime: `${IMPOSSIBLE}T10:00:00+01:00`,
        description: 'Naprawione',
      }),
      'updated_datetime',
    );
  });

  it('the public map: start_date, end_date', async () => {
    const map = '/api/public/map?bbox=20.9,52.1,21.2,52.4&zoom=12';
    for (const field of ['start_date', 'end_date']) {
      await expectRefused(get(`${map}&${field}=${IMPOSSIBLE}`), field);
      await expectRefused(get(`${map}&${field}=${IMPOSSIBLE}T10:00:00Z`), field);
    }
    assert.equal((await get(`${map}&start_date=2026-02-28&end_date=2026-03-01`)).status, 200);
  });

  it('the console: shift since, knowledge-base validFrom and validTo', async () => {
    await expectRefused(admin.get(`/api/console/shift?since=${IMPOSSIBLE}T08:00:00Z`), 'since');
    const article = { titlePl: 'Wycinka drzew', bodyPl: 'Zezwolenie wydaje wydział ochrony środowiska.', active: true };
    for (const field of ['validFrom', 'validTo']) {
      await expectRefused(admin.send('PUT', '/api/console/kb/wycinka-drzew', { ...article, [field]: IMPOSSIBLE }), field);
      // Date.parse read this one as 2 March before the kernel.
      await expectRefused(admin.send('PUT', '/api/console/kb/wycinka-drzew', { ...article, [field]: `${IMPOSSIBLE}T10:00:00Z` }), field);
    }
    assert.equal((await admin.send('PUT', '/api/console/kb/wycinka-drzew', { ...article, validFrom: '2026-02-28' })).status, 200, 'a real day passes');
    const report = (seenAt: string) =>
      admin.send('POST', '/api/console/reports', {
        serviceCode: 'pothole',
        channel: 'phone',
        location: CITY.west,
        attributes: { size: 'small', seen_at: seenAt },
        description: 'Dziura w jezdni',
      });
    // Date.parse read this one as 2 March before the kernel.
    await expectRefused(report(`${IMPOSSIBLE}T10:00`), 'attribute[seen_at]');
    assert.equal((await report('2026-02-28T10:00')).status, 200, 'a real time passes');
  });

  it('Open311 POST requests: a datetime attribute', async () => {
    await expectRefused(
      post('/open311/v2/requests.json', {
        api_key: key,
        jurisdiction_id: CITY.id,
        service_code: 'pothole',
        'attribute[size]': 'small',
        'attribute[seen_at]': `${IMPOSSIBLE}T10:00:00+01:00`,
        description: 'Dziura w jezdni',
        lat: String(CITY.west.lat),
        long: String(CITY.west.long),
      }),
      'attribute[seen_at]',
    );
  });

  it('the last days of the calendar (9999-12-31, also west of UTC) answer 200 on every GET surface, never 500', async () => {
    const edges = ['9999-12-31', '9999-12-31T23:59:59-05:00', '1900-01-01', '1900-01-01T00:00:00%2B14:00'];
    for (const d of edges) {
      for (const field of ['start_date', 'end_date', 'updated_after', 'updated_before']) {
        for (const f of ['json', 'xml']) {
          const res = await get(`/open311/v2/requests.${f}?jurisdiction_id=${CITY.id}&${field}=${d}`);
          assert.equal(res.status, 200, `requests.${f} ${field}=${d}: ${await res.text()}`);
        }
      }
      for (const field of ['start_date', 'end_date']) {
        const res = await get(`/open311/v2/servicerequestupdates.json?jurisdiction_id=${CITY.id}&${field}=${d}`);
        assert.ok(res.status === 200 || res.status === 400, `servicerequestupdates ${field}=${d}: ${res.status}`);
        const map = await get(`/api/public/map?bbox=20.9,52.1,21.2,52.4&zoom=12&${field}=${d}`);
        assert.equal(map.status, 200, `map ${field}=${d}: ${await map.text()}`);
      }
    }
  });
});
