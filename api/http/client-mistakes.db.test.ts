/**
 * Issue #11 items 1 and 6, one reproduction each: what a client sends may not crash the server nor
 * give a 5xx. Each answer is a 4xx that names what was wrong, in the surface's format, and the
 * server keeps serving.
 */
import assert from 'node:assert/strict';
import type { Database } from '../db/engine';
import { openTestDatabase } from '../../test/db';
import { startTestServer, TestServer } from '../../test/server';
import { StaffClient } from '../../test/staff-client';
import { createStaff } from '../accounts/staff';
import { CITY, createTestCity } from '../open311/test-city';

interface Answer {
  status: number;
  type: string;
  text: string;
}

describe("a client's mistakes are 4xx, never a crash or a 5xx (issue #11)", () => {
  let db: Database;
  let server: TestServer;
  const admin = new StaffClient('');

  const call = async (method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> => {
    const res = await fetch(server.url + path, { method, headers, body: typeof body === 'string' ? body : body && new Uint8Array(body) });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  const alive = async () => assert.equal((await call('GET', '/healthz')).status, 200, 'the server keeps serving');
  const multipart = (body: string) =>
    call('POST', '/open311/v2/requests.json', { 'content-type': 'multipart/form-data; boundary=XB' }, Buffer.from(body.replace(/\n/g, '\r\n'), 'latin1'));
  /** The one error of a JSON `{errors}` answer. */
  const jsonError = (a: Answer) => JSON.parse(a.text).errors[0] as { code: number; field?: string; description: string };

  before(async () => {
    db = await openTestDatabase('client-mistakes');
    await createTestCity(db.knex);
    server = await startTestServer(db);
    (admin as { base: string }).base = server.url;
    await createStaff(db.knex, { email: 'admin@testowo.example', role: 'admin', password: 'mistakes admin password', jurisdictionId: CITY.id });
    assert.equal((await admin.login('admin@testowo.example', 'mistakes admin password')).status, 200);
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  describe('multipart parts without a usable name (item 1: one request killed the process)', () => {
    for (const [label, disposition] of [
      ['no name', 'form-data'],
      ['name=""', 'form-data; name=""'],
      ['RFC 2231 name*= (busboy does not read it)', "form-data; name*=UTF-8''description"],
    ]) {
      it(`${label}: 400 naming the part`, async () => {
        const r = await multipart(`--XB\nContent-Disposition: ${disposition}\n\nv\n--XB--\n`);
        assert.equal(r.status, 400, r.text);
        assert.match(JSON.parse(r.text)[0].description, /part 1 has no name/);
        await alive();
      });
    }
    it('a file part without a name, after a good field: 400 naming part 2', async () => {
      const r = await multipart(
        '--XB\nContent-Disposition: form-data; name="description"\n\nx\n--XB\nContent-Disposition: form-data; filename="a.jpg"\nContent-Type: image/jpeg\n\n\xff\xd8\xff\n--XB--\n',
      );
      assert.equal(r.status, 400, r.text);
      assert.match(JSON.parse(r.text)[0].description, /part 2 has no name/);
      await alive();
    });
    it("a file part cut off before its boundary: 400 (the file stream's error event was unhandled)", async () => {
      const r = await multipart('--XB\nContent-Disposition: form-data; name="media"; filename="a.jpg"\nContent-Type: image/jpeg\n\n\xff\xd8\xffabc');
      assert.equal(r.status, 400, r.text);
      assert.match(JSON.parse(r.text)[0].description, /part 1 .*truncated/);
      await alive();
    });
    it('the XML format answers the same in XML', async () => {
      const r = await call(
        'POST',
        '/open311/v2/requests.xml',
        { 'content-type': 'multipart/form-data; boundary=XB' },
        Buffer.from('--XB\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XB--\r\n'),
      );
      assert.equal(r.status, 400);
      assert.match(r.text, /<description>part 1 has no name/);
    });
  });

  describe('session cookie and login Origin', () => {
    it('a session cookie that does not %-decode is no session: 401 on every staff route, not 500', async () => {
      for (const path of ['/api/console/settings', '/api/console/requests/1', '/api/unit/settings', '/api/unit/inquiries', '/api/auth/me']) {
        for (const cookie of ['kontakt_session=%', 'kontakt_session=%E0%A4%A; x=1']) {
          const r = await call('GET', path, { cookie });
          assert.equal(r.status, 401, `${path} ${cookie}: ${r.text}`);
          assert.equal(jsonError(r).description, 'login required');
        }
      }
      const post = await call('POST', '/api/console/contacts', { cookie: 'kontakt_session=%', 'content-type': 'application/json' }, '{}');
      assert.equal(post.status, 401);
    });
    it('a login Origin that is not a URL (Origin: null from sandboxed frames) is a 403 saying so', async () => {
      for (const origin of ['null', 'not a url', 'http://']) {
        const r = await call(
          'POST',
          '/api/auth/login',
          { origin, 'content-type': 'application/json' },
          JSON.stringify({ email: 'admin@testowo.example', password: 'mistakes admin password' }),
        );
        assert.equal(r.status, 403, `${origin}: ${r.text}`);
        assert.match(jsonError(r).description, /login from another site is refused/);
      }
    });
  });

  describe('body-parser errors on every JSON surface', () => {
    const targets = ['/api/auth/login', '/api/console/contacts', '/api/unit/inquiries/1/answer', '/api/public/requests/X/follow'];
    it('an unsupported charset is a 415 naming Content-Type', async () => {
      for (const path of targets) {
        const r = await call(
          'POST',
          path,
          { 'content-type': 'application/json; charset=latin9', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
          '{"a":"b"}',
        );
        assert.equal(r.status, 415, `${path}: ${r.text}`);
        assert.equal(jsonError(r).field, 'Content-Type');
      }
    });
    it('an unknown Content-Encoding is a 415, a corrupt gzip body a 400, naming Content-Encoding', async () => {
      for (const path of targets) {
        const unknown = await call('POST', path, { 'content-type': 'application/json', 'content-encoding': 'x-zip' }, '{}');
        assert.equal(unknown.status, 415, `${path}: ${unknown.text}`);
        assert.equal(jsonError(unknown).field, 'Content-Encoding');
        const corrupt = await call('POST', path, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'not gzip');
        assert.equal(corrupt.status, 400, `${path}: ${corrupt.text}`);
        assert.equal(jsonError(corrupt).field, 'Content-Encoding');
      }
    });
    it('Open311 refuses a compressed form with 415 instead of parsing it as garbage', async () => {
      const r = await call('POST', '/open311/v2/requests.json', { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' }, 'a=b');
      assert.equal(r.status, 415, r.text);
      assert.match(JSON.parse(r.text)[0].description, /Content-Encoding "gzip"/);
    });
  });

  describe('NUL never reaches PostgreSQL: 400 naming the field', () => {
    const staffPost = (method: string, path: string, body: unknown) =>
      call(method, path, { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, JSON.stringify(body));
    it('in JSON bodies (console reports, inquiries, knowledge base), nested too', async () => {
      const cases: Array<[string, string, unknown, string]> = [
        [
          'POST',
          '/api/console/reports',
          { serviceCode: 'pothole', description: 'dziura\u0000', location: { kind: 'wgs84', lat: CITY.west.lat, long: CITY.west.long } },
          'description',
        ],
        ['POST', '/api/console/reports', { serviceCode: 'pothole', reporter: { firstName: 'J\u0000n' } }, 'reporter.firstName'],
        ['POST', '/api/console/inquiries', { question: 'Pytanie\u0000?', unitCode: 'ZDW' }, 'question'],
        ['PUT', '/api/console/kb/nul-test', { titlePl: 'Tytuł', bodyPl: 'a\u0000b', tags: ['ok', 'x\u0000'] }, 'bodyPl'],
        ['PUT', '/api/console/kb/nul-test', { tags: ['ok', 'x\u0000'] }, 'tags[1]'],
      ];
      for (const [method, path, body, field] of cases) {
        const r = await staffPost(method, path, body);
        assert.equal(r.status, 400, `${path}: ${r.text}`);
        assert.deepEqual([jsonError(r).field, jsonError(r).description], [field, `${field} contains a NUL character`]);
      }
    });
    it('in query values (public map group and district, geo autocomplete) and path parameters', async () => {
      const map = `/api/public/map?bbox=${CITY.westBbox.join(',')}&zoom=12`;
      for (const [path, field] of [
        [`${map}&group=a%00`, 'group'],
        [`${map}&district=%00west`, 'district'],
        ['/api/geo/autocomplete?q=a%00b', 'q'],
      ]) {
        const r = await call('GET', path);
        assert.equal(r.status, 400, `${path}: ${r.text}`);
        assert.equal(jsonError(r).field, field);
      }
      const id = await call('GET', '/api/public/requests/%00');
      assert.equal(id.status, 400, id.text);
      assert.match(jsonError(id).description, /NUL/);
    });
    it('a __proto__ key in a JSON body is refused', async () => {
      const r = await call('POST', '/api/auth/login', { 'content-type': 'application/json' }, '{"__proto__":{"admin":true},"email":"a@b.pl","password":"x"}');
      assert.equal(r.status, 400, r.text);
      assert.match(jsonError(r).description, /__proto__/);
    });
  });

  describe('bad %-escapes in route parameters outside Open311', () => {
    it('/media/%ff, /r/%E0%A4%A, /api/public/requests/%ff: 400, in HTML for pages and JSON for the API', async () => {
      for (const path of ['/media/%ff', '/r/%E0%A4%A', '/r/%E0%A4%A/unsubscribe']) {
        const r = await call('GET', path);
        assert.equal(r.status, 400, `${path}: ${r.text}`);
        assert.match(r.type, /html/);
        assert.match(r.text, /malformed %-escape/);
      }
      const api = await call('GET', '/api/public/requests/%ff');
      assert.equal(api.status, 400);
      assert.equal(jsonError(api).field, 'path');
      const open311 = await call('GET', '/open311/v2/requests/%ff.xml');
      assert.equal(open311.status, 400);
      assert.match(open311.text, /<errors>/, 'Open311 keeps its own format');
    });
  });

  describe('public map dates', () => {
    it('out-of-range and impossible dates are a 400 naming the parameter', async () => {
      const map = `/api/public/map?bbox=${CITY.westBbox.join(',')}&zoom=12`;
      for (const [query, field] of [
        ['start_date=%2B275760-09-13T00:00:00Z', 'start_date'],
        ['end_date=-000001-01-01', 'end_date'],
        ['start_date=2026-02-30', 'start_date'],
      ]) {
        const r = await call('GET', `${map}&${query}`);
        assert.equal(r.status, 400, `${query}: ${r.text}`);
        assert.equal(jsonError(r).field, field);
      }
      assert.equal((await call('GET', `${map}&start_date=2026-02-28&end_date=2026-03-01`)).status, 200);
    });
  });
});
