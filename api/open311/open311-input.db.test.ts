/**
 * Open311 input as deployed clients send it (issue #12 items 1, 4, 5, 7): raw UTF-8 in forms,
 * `start_date` alone, `limit`/`offset`/`langcode`/`q`, and discovery and errors in the surface's
 * format — 413 and 431 included, the last one produced by Node before Express (a raw socket here).
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { CITY } from './test-city';
import { open311Harness } from './fixtures/harness';
import { validateJson, validateXml } from '../../open311-spec';

const FORM = 'application/x-www-form-urlencoded';

/** One raw HTTP exchange: the bytes as given, the answer as received. */
function rawHttp(url: string, request: Buffer): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), type: /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '', body: rest.join('\r\n\r\n') });
    });
  });
}

describe('Open311 input from deployed clients (issue #12)', function () {
  const h = open311Harness('open311-input');
  const { call, countRequests } = h;
  const formBytes = (parts: Array<string | Buffer>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
  const base = () => `api_key=${h.key}&service_code=pothole&lat=${CITY.west.lat}&long=${CITY.west.long}&attribute%5Bsize%5D=small&description=`;

  describe('item 1: raw UTF-8 in a form', () => {
    for (const type of [`${FORM}; charset=utf-8`, FORM]) {
      it(`stores raw UTF-8 bytes as sent (${type}) and serves them back in JSON and XML`, async () => {
        const res = await call('POST', '/requests.json', { body: formBytes([base(), 'żółć Łódź']), headers: { 'content-type': type } });
        assert.equal(res.status, 200, res.text);
        const id = res.json[0].service_request_id;
        const json = await call('GET', `/requests/${id}.json`);
        assert.equal(json.json[0].description, 'żółć Łódź');
        const xml = await call('GET', `/requests/${id}.xml`);
        assert.match(xml.text, /<description>żółć Łódź<\/description>/);
      });
    }

    it('reads percent-encoded and raw bytes mixed in one value the same way', async () => {
      const res = await call('POST', '/requests.json', { body: formBytes([base(), 'ż%C3%B3łć+x%2By']), headers: { 'content-type': FORM } });
      assert.equal(res.status, 200, res.text);
      const json = await call('GET', `/requests/${res.json[0].service_request_id}.json`);
      assert.equal(json.json[0].description, 'żółć x+y');
    });

    it('refuses invalid UTF-8 (raw 0xFF, %FF, a cut sequence) with a 400 naming the field, in the format of the path', async () => {
      const before = await countRequests();
      for (const bad of [Buffer.from([0xff]), Buffer.from('%FF'), Buffer.from([0xc5]), Buffer.from('%C5')]) {
        const json = await call('POST', '/requests.json', { body: formBytes([base(), 'ok ', bad]), headers: { 'content-type': FORM } });
        assert.equal(json.status, 400, json.text);
        assert.match(json.json[0].description, /description.*not valid UTF-8/);
        const xml = await call('POST', '/requests.xml', { body: formBytes([base(), bad]), headers: { 'content-type': `${FORM}; charset=utf-8` } });
        assert.equal(xml.status, 400, xml.text);
        assert.match(xml.text, /<description>description is not valid UTF-8<\/description>/);
      }
      const name = await call('POST', '/requests.json', { body: formBytes([base(), 'x&', Buffer.from([0xff]), '=1']), headers: { 'content-type': FORM } });
      assert.equal(name.status, 400);
      assert.match(name.json[0].description, /parameter name is not valid UTF-8/);
      assert.equal(await countRequests(), before);
    });

    it('reads multipart text parts as UTF-8 and refuses invalid bytes in them, naming the part', async () => {
      const boundary = 'kontakt-test-boundary';
      const part = (name: string, value: Buffer | string) =>
        formBytes([`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`, value, '\r\n']);
      const body = (description: Buffer | string) =>
        Buffer.concat([
          part('api_key', h.key),
          part('service_code', 'pothole'),
          part('lat', String(CITY.west.lat)),
          part('long', String(CITY.west.long)),
          part('attribute[size]', 'small'),
          part('description', description),
          Buffer.from(`--${boundary}--\r\n`),
        ]);
      const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
      const ok = await call('POST', '/requests.json', { body: body('żółć w części'), headers });
      assert.equal(ok.status, 200, ok.text);
      assert.equal((await call('GET', `/requests/${ok.json[0].service_request_id}.json`)).json[0].description, 'żółć w części');
      const bad = await call('POST', '/requests.xml', { body: body(Buffer.from([0x61, 0xff, 0x62])), headers });
      assert.equal(bad.status, 400, bad.text);
      assert.match(bad.text, /<description>description is not valid UTF-8<\/description>/);
    });
  });

  describe('items 4 and 5: windows, paging, language, text search', () => {
    let ids: string[] = [];
    let oldId = '';
    before(async () => {
      const post = (description: string, extra: Record<string, string> = {}) => h.post('json', h.pothole({ description, ...extra }));
      for (const d of ['Wywrócony ŻÓŁTY znak', 'Dziura 50% jezdni', 'Proszę dzwonić 601 234 567', 'Zwykła dziura', 'Kolejna dziura']) {
        const res = await post(d);
        assert.equal(res.status, 200, res.text);
      }
      const byAddress = await post('Bez opisu miejsca', { lat: '', long: '', address_string: 'ul. Testowa 1, Testowo' });
      assert.equal(byAddress.status, 200, byAddress.text);
      // One request from 2001: outside the default window, inside the one a client asks for.
      oldId = (await post('Stare zgłoszenie z 2001')).json[0].service_request_id;
      await h.db
        .knex('requests')
        .where({ public_id: oldId })
        .update({ requested_at: new Date('2001-06-01T10:00:00Z') });
      ids = (await call('GET', '/requests.json?start_date=2000-01-01')).json.map((r: { service_request_id: string }) => r.service_request_id);
    });

    it('start_date alone answers everything from that date on, newest first, paged', async () => {
      const all = await call('GET', '/requests.json?start_date=2001-01-01');
      assert.equal(all.status, 200);
      assert.ok(all.json.length >= 10, `got ${all.json.length}`);
      assert.equal(all.json.at(-1).service_request_id, oldId, 'the 2001 request is there, oldest last');
      assert.equal(all.headers.get('x-total-count'), String(all.json.length));
      const dates = all.json.map((r: { requested_datetime: string }) => Date.parse(r.requested_datetime));
      assert.deepEqual(
        dates,
        [...dates].sort((a, b) => b - a),
      );
      const page = await call('GET', '/requests.xml?start_date=2001-01-01&page_size=3&page=2');
      assert.equal(page.headers.get('x-total-count'), String(all.json.length));
      assert.deepEqual(
        [...page.text.matchAll(/<service_request_id>([^<]+)</g)].map((m) => m[1]),
        all.json.slice(3, 6).map((r: { service_request_id: string }) => r.service_request_id),
      );
      assert.ok(!(await call('GET', '/requests.json')).json.some((r: { service_request_id: string }) => r.service_request_id === oldId), 'default: 90 days');
    });

    it('end_date alone and a long span are honoured too (no 90-day cap on dates the client gives)', async () => {
      const upTo = await call('GET', '/requests.json?end_date=2002-01-01');
      assert.deepEqual(
        upTo.json.map((r: { service_request_id: string }) => r.service_request_id),
        [oldId],
      );
      const span = await call('GET', `/requests.json?start_date=2001-01-01&end_date=${new Date(Date.now() + 86400000).toISOString()}`);
      assert.equal(span.status, 200, span.text);
      assert.equal(span.json.length, ids.length);
      assert.equal((await call('GET', '/requests.json?start_date=2002-01-01&end_date=2001-01-01')).status, 400);
    });

    it('limit/offset: limit is page_size, offset is a true row offset (not only multiples of limit)', async () => {
      const idsOf = (a: { json?: Array<{ service_request_id: string }> }) => a.json!.map((r) => r.service_request_id);
      const q = 'start_date=2000-01-01';
      assert.deepEqual(idsOf(await call('GET', `/requests.json?${q}&limit=2`)), ids.slice(0, 2));
      const shifted = await call('GET', `/requests.json?${q}&offset=3&limit=2`);
      assert.deepEqual(idsOf(shifted), ids.slice(3, 5));
      assert.equal(shifted.headers.get('x-total-count'), String(ids.length));
      const link = shifted.headers.get('link')!;
      assert.match(link, /offset=5&limit=2>; rel="next"/);
      assert.match(link, /offset=1&limit=2>; rel="prev"/);
      assert.match(link, /offset=0&limit=2>; rel="first"/);
      assert.deepEqual(idsOf(await call('GET', `/requests.json?${q}&offset=1`)), ids.slice(1), 'offset alone: the default page size');
      assert.deepEqual(idsOf(await call('GET', `/requests.json?${q}&limit=2&page_size=2&page=2`)), ids.slice(2, 4), 'limit equal to page_size');
      for (const [bad, field] of [
        ['limit=2&page_size=3', 'limit'],
        ['offset=1&page=2', 'offset'],
        ['limit=0', 'limit'],
        ['limit=1001', 'limit'],
        ['limit=ten', 'limit'],
        ['offset=-1', 'offset'],
        ['offset=1.5', 'offset'],
      ]) {
        const res = await call('GET', `/requests.json?${bad}`);
        assert.equal(res.status, 400, bad);
        assert.match(res.json[0].description, new RegExp(`^${field}`), bad);
      }
    });

    it('langcode picks the response language like locale, and refuses what it cannot serve', async () => {
      const name = async (path: string) => (await call('GET', path)).json.find((s: { service_code: string }) => s.service_code === 'pothole').service_name;
      assert.equal(await name('/services.json?langcode=en'), 'Pothole');
      assert.equal(await name('/services.json?langcode=en-GB'), 'Pothole');
      assert.equal(await name('/services.json?langcode=pl'), 'Dziura w jezdni');
      assert.equal(await name('/services.json'), 'Dziura w jezdni');
      const reqs = await call('GET', `/requests.json?service_request_id=${ids[0]}&langcode=en`);
      assert.equal(reqs.json[0].service_name, 'Pothole');
      const def = await call('GET', '/services/pothole.xml?langcode=de');
      assert.equal(def.status, 400);
      assert.match(def.text, /<description>langcode must be pl or en/);
    });

    it('q searches the public description and address, any case, literally, and never what the scrubber removed', async () => {
      const found = async (q: string) => {
        const res = await call('GET', `/requests.json?start_date=2000-01-01&q=${encodeURIComponent(q)}`);
        assert.equal(res.status, 200, res.text);
        assert.equal(res.headers.get('x-total-count'), String(res.json.length));
        return res.json.map((r: { description: string | null; address: string | null }) => r.description ?? r.address);
      };
      assert.deepEqual(await found('żółty'), ['Wywrócony ŻÓŁTY znak']);
      assert.deepEqual(await found('50%'), ['Dziura 50% jezdni'], '% is a character, not a wildcard');
      assert.deepEqual(await found('a_50'), [], '_ is a character, not a wildcard ("a 50" is there)');
      assert.ok((await found('TESTOWA 1')).includes('Bez opisu miejsca'), 'the address is searched');
      // Not searchable: requests of private services, and the address of fuzzed ones (it is not public).
      await h.db.knex('services').where({ code: 'graffiti' }).update({ privacy: 'fuzzed' });
      const at = { api_key: h.key, lat: '', long: '', address_string: 'ul. Testowa 1, Testowo' };
      assert.equal((await h.post('json', { ...at, service_code: 'graffiti', description: 'Napis na murze' })).status, 200);
      assert.equal((await h.post('json', { ...at, service_code: 'abuse', description: 'Tajna sprawa' })).status, 200);
      assert.ok(!(await found('TESTOWA 1')).includes('Napis na murze'), 'the address of a fuzzed request is not searched');
      assert.deepEqual(await found('Napis na'), ['Napis na murze'], 'its public description is');
      assert.deepEqual(await found('Tajna sprawa'), []);
      await h.db.knex('services').where({ code: 'graffiti' }).update({ privacy: 'public' });
      assert.deepEqual(await found('601 234 567'), [], 'a phone number scrubbed from the public text is not findable');
      assert.deepEqual(await found('234'), []);
      assert.deepEqual(await found('dzwonić'), ['Proszę dzwonić […]']);
      const paged = await call('GET', '/requests.json?start_date=2000-01-01&q=dziura&limit=1&offset=1');
      assert.equal(paged.headers.get('x-total-count'), '3');
      assert.equal(paged.json.length, 1);
      for (const bad of ['x', 'y'.repeat(201)]) {
        const res = await call('GET', `/requests.xml?q=${bad}`);
        assert.equal(res.status, 400);
        assert.match(res.text, /<description>q must be 2 to 200 characters/);
      }
    });
  });

  describe('item 7: discovery and errors in the surface format', () => {
    it('discovery lists the endpoint URL with its trailing /, the jurisdiction id and both formats', async () => {
      for (const format of ['json', 'xml'] as const) {
        const res = await call('GET', `/discovery.${format}`);
        const endpoint = res.json.endpoints[0] ?? res.json.endpoints.endpoint;
        assert.equal(endpoint.url, `${h.url}/open311/v2/`);
        assert.equal(endpoint.jurisdiction_id, CITY.id);
        assert.deepEqual(endpoint.formats, ['text/xml', 'application/json']);
      }
      const xml = await call('GET', `/discovery.xml?jurisdiction_id=${CITY.id}`);
      assert.match(xml.text, /<url>[^<]+\/open311\/v2\/<\/url>/);
      assert.match(xml.text, /<jurisdiction_id>testowo.pl<\/jurisdiction_id>/);
    });

    it('413 (body too large) in XML for .xml and JSON for .json', async () => {
      const big = Buffer.alloc(300 * 1024, 0x61);
      const xml = await call('POST', '/requests.xml', { body: big, headers: { 'content-type': FORM } });
      assert.equal(xml.status, 413);
      assert.match(xml.text, /^<\?xml[^>]*>\s*<errors>\s*<error>\s*<code>413<\/code>/);
      const json = await call('POST', '/servicerequestupdates.json', { body: big, headers: { 'content-type': FORM } });
      assert.equal(json.status, 413);
      assert.equal(json.json[0].code, 413);
    });

    it('431 (headers too large, refused by Node before Express) in the format of the path, over a raw socket', async () => {
      const ids = Array.from({ length: 4000 }, (_, i) => `ID-${i}`).join(',');
      const json = await rawHttp(h.url, Buffer.from(`GET /open311/v2/requests.json?service_request_id=${ids} HTTP/1.1\r\nHost: x\r\n\r\n`));
      assert.equal(json.status, 431);
      assert.match(json.type, /^application\/json/);
      const doc = JSON.parse(json.body);
      assert.deepEqual(validateJson('errors', doc), []);
      assert.equal(doc[0].code, 431);
      assert.match(doc[0].description, /at most 1000 service_request_id/);
      const header = `X-Padding: ${'a'.repeat(20000)}\r\n`;
      const xml = await rawHttp(h.url, Buffer.from(`GET /open311/v2/services.xml HTTP/1.1\r\nHost: x\r\n${header}\r\n`));
      assert.equal(xml.status, 431);
      assert.match(xml.type, /^text\/xml/);
      assert.deepEqual(validateXml('errors', xml.body).problems, []);
      const other = await rawHttp(h.url, Buffer.from(`GET /healthz HTTP/1.1\r\nHost: x\r\n${header}\r\n`));
      assert.equal(other.status, 431);
      assert.match(other.type, /^text\/plain/, 'other surfaces keep the plain-text answer');
    });

    it('a request line Node cannot parse (raw UTF-8 in the URL) is a 400 in the format of the path', async () => {
      const res = await rawHttp(h.url, Buffer.from('GET /open311/v2/requests.json?q=żółć HTTP/1.1\r\nHost: x\r\n\r\n'));
      assert.equal(res.status, 400);
      assert.match(res.type, /^application\/json/);
      const doc = JSON.parse(res.body);
      assert.deepEqual(validateJson('errors', doc), []);
      assert.match(doc[0].description, /Percent-encode/);
    });

    it('errors raised before the handlers (no such method, no format, bad %-escape) follow the suffix too', async () => {
      for (const [path, status] of [
        ['/nothing.json', 404],
        ['/requests', 404],
        ['/requests/%E0%A4%A.json', 400],
      ] as const) {
        const res = await call('GET', path);
        assert.equal(res.status, status, path);
        if (path.endsWith('.json')) assert.equal(res.json[0].code, status);
        else assert.match(res.text, /^<\?xml[^>]*>\s*<errors>/);
      }
    });
  });
});
