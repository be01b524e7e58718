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
});
