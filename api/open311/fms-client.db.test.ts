/**
 * End to end, as a FixMyStreet installation uses a city's Open311 server (issue #12 "Done when";
 * the client's habits are ../shared/docs/open311.md §2.6 and §7): XML throughout, jurisdiction_id
 * on every call; list the services, read the definitions of those with metadata, send a report to a
 * service of every type with every attribute (empty when optional), treat an answer with neither id
 * nor token as a failed send, poll tokens until they give an id, read the reports back by ids and by
 * dates, post an update on a report and read the city's updates back. Every step is asserted, and
 * every answer is checked against open311-spec by the harness.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { createApiClient } from '../accounts/api-clients';
import { CITY } from './test-city';
import { open311Harness, PII } from './fixtures/harness';

interface Service {
  service_code: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
}
interface Attribute {
  code: string;
  variable: boolean;
  required: boolean;
  datatype: string;
  values: Array<{ key: string; name: string }> | null;
}

describe('a FixMyStreet-style client against a real server (end to end)', function () {
  this.timeout(180_000);
  const h = open311Harness('open311-fms-client');
  const { call } = h;
  const j = `jurisdiction_id=${CITY.id}`;
  const marker = `fms${crypto.randomBytes(4).toString('hex')}`;
  const started = new Date(Date.now() - 1000);
  let services: Service[] = [];
  const definitions = new Map<string, Attribute[]>();
  /** service code -> the id the client keeps as the report's external_id */
  const sent = new Map<string, string>();
  let office!: string;
  before(async () => {
    office = (await createApiClient(h.db.knex, { name: 'city back office', jurisdictionId: CITY.id, scopes: ['back-office'], rateLimitPerMinute: 1000 })).key;
  });

  it('1. lists the services, one of every type among them', async () => {
    const res = await call('GET', `/services.xml?${j}`);
    assert.equal(res.status, 200);
    services = res.json as Service[];
    assert.ok(services.length >= 3);
    const types = new Set(services.map((s) => s.type));
    assert.deepEqual([...types].sort(), ['batch', 'blackbox', 'realtime']);
  });

  it('2. reads the definition of every service with metadata', async () => {
    for (const s of services.filter((x) => x.metadata)) {
      const res = await call('GET', `/services/${encodeURIComponent(s.service_code)}.xml?${j}`);
      assert.equal(res.status, 200);
      assert.equal(res.json.service_code, s.service_code);
      definitions.set(s.service_code, res.json.attributes as Attribute[]);
    }
    assert.ok(definitions.size >= 1, 'at least one service has attributes');
  });

  /** Open311.pm send_service_request: one POST; an answer without id or token is a failed send. */
  async function send(service: Service): Promise<{ id?: string; token?: string }> {
    const attrs = (definitions.get(service.service_code) ?? []).filter((a) => a.variable);
    const form: Array<[string, string]> = [
      ['api_key', h.key],
      ['jurisdiction_id', CITY.id],
      ['service_code', service.service_code],
      ['lat', CITY.west.lat.toFixed(6)],
      ['long', CITY.west.long.toFixed(6)],
      ['description', `Zgłoszenie ${marker} ${service.service_code}\r\n\r\nSzczegóły: zobacz zdjęcie\r\n\r\nhttps://fms.example.org/report/1`],
      ['first_name', PII.first],
      ['last_name', PII.last],
      ['email', PII.email],
      // FixMyStreet sends every extra field, empty when the resident left it empty.
      ...attrs.map((a): [string, string] => [`attribute[${a.code}]`, a.required ? (a.values?.[0]?.key ?? '1') : '']),
    ];
    const res = await call('POST', '/requests.xml', { form });
    assert.equal(res.status, 200, res.text);
    const first = (res.json as Array<{ service_request_id?: string | null; token?: string | null }>)[0] ?? {};
    return { id: first.service_request_id || undefined, token: first.token || undefined };
  }

  /** Five polls two seconds apart in FixMyStreet; here 200 ms apart. */
  async function poll(token: string): Promise<string> {
    for (let i = 0; i < 5; i++) {
      const res = await call('GET', `/tokens/${token}.xml?${j}`);
      assert.equal(res.status, 200, res.text);
      const id = (res.json as Array<{ service_request_id?: string | null }>)[0]?.service_request_id;
      if (id) return id;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.fail(`token ${token} gave no id after 5 polls`);
  }

  it('3. sends a report to a service of every type: each answered at the first send, tokens polled to an id, no twin', async () => {
    for (const type of ['realtime', 'batch', 'blackbox'] as const) {
      const service = services.find((s) => s.type === type && !(s.keywords ?? '').split(',').includes('private'))!;
      assert.ok(service, `a public ${type} service`);
      const answer = await send(service);
      assert.ok(answer.id || answer.token, `${type}: the answer has neither id nor token, so FixMyStreet would send it again`);
      if (type === 'batch') assert.ok(answer.token, 'a batch service answers with a token');
      const id = answer.id ?? (await poll(answer.token!));
      assert.match(id, /^[A-Za-z0-9_-]+$/);
      sent.set(service.service_code, id);
    }
    const stored = await h.db.knex('requests').where('description', 'like', `%${marker}%`).select('public_id');
    assert.deepEqual(stored.map((r: { public_id: string }) => r.public_id).sort(), [...sent.values()].sort(), 'one stored request per send');
    assert.equal(new Set(sent.values()).size, 3, 'three reports, three ids');
  });

  it('4. reads them back by ids', async () => {
    const ids = [...sent.values()];
    const res = await call('GET', `/requests.xml?${j}&service_request_id=${ids.join(',')}`);
    assert.equal(res.status, 200);
    const rows = res.json as Array<{ service_request_id: string; status: string; service_code: string; description: string }>;
    assert.deepEqual(rows.map((r) => r.service_request_id).sort(), [...ids].sort());
    for (const r of rows) {
      assert.equal(r.status, 'open');
      assert.equal(sent.get(r.service_code), r.service_request_id);
      assert.match(r.description, new RegExp(marker));
      assert.ok(!r.description.includes('\r'), 'line breaks are stored as LF');
    }
    for (const id of ids) assert.equal(((await call('GET', `/requests/${id}.xml?${j}`)).json as unknown[]).length, 1);
  });

  it('5. reads them back by dates (second precision, end_date = now)', async () => {
    const end = new Date(Date.now() + 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const start = started.toISOString().replace(/\.\d+Z$/, 'Z');
    const res = await call('GET', `/requests.xml?${j}&start_date=${start}&end_date=${end}`);
    assert.equal(res.status, 200);
    const got = new Set((res.json as Array<{ service_request_id: string }>).map((r) => r.service_request_id));
    for (const id of sent.values()) assert.ok(got.has(id), `${id} in the date window`);
  });

  it('6. posts an update on its report and reads it back in servicerequestupdates, with the city’s own update', async () => {
    const realtime = sent.get(services.find((s) => s.type === 'realtime' && sent.has(s.service_code))!.service_code)!;
    const blackbox = sent.get(services.find((s) => s.type === 'blackbox' && sent.has(s.service_code))!.service_code)!;
    const now = () => new Date().toISOString().replace(/\.\d+Z$/, '+00:00');
    // The resident marks their own report fixed (FixMyStreet's "this problem has been fixed").
    const mine = await call('POST', '/servicerequestupdates.xml', {
      form: {
        api_key: h.key,
        jurisdiction_id: CITY.id,
        service_request_id: realtime,
        update_id: `fms-${marker}-1`,
        status: 'FIXED',
        updated_datetime: now(),
        description: 'Naprawione, dziękuję',
        email: PII.email,
        first_name: PII.first,
        last_name: PII.last,
      },
    });
    assert.equal(mine.status, 200, mine.text);
    const updateId = (mine.json as Array<{ update_id: string }>)[0].update_id;
    assert.ok(updateId);
    // The city works on the blackbox report through its back office.
    const city = await call('POST', '/servicerequestupdates.xml', {
      form: {
        api_key: office,
        jurisdiction_id: CITY.id,
        service_request_id: blackbox,
        update_id: `city-${marker}-1`,
        status: 'IN_PROGRESS',
        updated_datetime: now(),
        description: 'Ekipa w drodze',
      },
    });
    assert.equal(city.status, 200, city.text);

    const end = new Date(Date.now() + 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const feed = await call('GET', `/servicerequestupdates.xml?${j}&start_date=${started.toISOString().replace(/\.\d+Z$/, 'Z')}&end_date=${end}`);
    assert.equal(feed.status, 200);
    const updates = feed.json as Array<{ update_id: string; service_request_id: string; status: string; description: string }>;
    const own = updates.find((u) => u.update_id === updateId);
    assert.ok(own, 'the posted update is served back');
    assert.deepEqual([own.service_request_id, own.status, own.description], [realtime, 'fixed', 'Naprawione, dziękuję']);
    const theirs = updates.find((u) => u.service_request_id === blackbox);
    assert.ok(theirs, 'the city’s update on the blackbox report is served');
    assert.deepEqual([theirs.status, theirs.description], ['in_progress', 'Ekipa w drodze']);

    const after = (await call('GET', `/requests.xml?${j}&service_request_id=${realtime},${blackbox}`)).json as Array<{
      service_request_id: string;
      status: string;
    }>;
    assert.deepEqual(Object.fromEntries(after.map((r) => [r.service_request_id, r.status])), { [realtime]: 'closed', [blackbox]: 'open' });
    h.assertNoPersonalDataServed(8);
  });
});
