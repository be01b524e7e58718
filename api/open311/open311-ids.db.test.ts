/**
 * Issue #12 items 2, 3 and 6: every accepted report gets something a client can follow, a report
 * merged into another keeps its own id, follows its survivor's status and hears of its changes, and
 * extensions=true returns the answers to the service's attributes, scrubbed.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { createApiClient } from '../accounts/api-clients';
import { CITY } from './test-city';
import { open311Harness, PII } from './fixtures/harness';

describe('Open311 GeoReport v2 server: ids of every report', function () {
  const h = open311Harness('open311-ids');
  const { call, post } = h;
  let office!: string;
  before(async () => {
    office = (await createApiClient(h.db.knex, { name: 'city works', jurisdictionId: CITY.id, scopes: ['back-office'], rateLimitPerMinute: 1000 })).key;
  });
  const marker = () => `m${crypto.randomBytes(5).toString('hex')}`;
  const rowsWith = async (m: string) => (await h.db.knex('requests').where('description', 'like', `%${m}%`).select('public_id')).length;

  /**
   * FixMyStreet's send (Open311.pm send_service_request): an answer without service_request_id or
   * token is a failed send, tried again at the next run (here: at once, three runs at most).
   */
  async function fmsSend(format: 'xml' | 'json', form: Record<string, string>): Promise<{ id?: string; token?: string; sends: number }> {
    for (let sends = 1; sends <= 3; sends++) {
      const res = await post(format, form);
      assert.equal(res.status, 200, res.text);
      const first = res.json[0] ?? {};
      const id = typeof first.service_request_id === 'string' && first.service_request_id ? first.service_request_id : undefined;
      const token = typeof first.token === 'string' && first.token ? first.token : undefined;
      if (id || token) return { id, token, sends };
    }
    return { sends: 3 };
  }

  describe('item 2: every service type answers with an id or a token', () => {
    for (const [code, type] of [
      ['pothole', 'realtime'],
      ['litter', 'batch'],
      ['graffiti', 'blackbox'],
    ] as const) {
      for (const format of ['json', 'xml'] as const) {
        it(`a ${type} service (${code}, ${format}): one send, one stored request, an id to follow`, async () => {
          const m = marker();
          const form = {
            api_key: h.key,
            service_code: code,
            lat: String(CITY.west.lat),
            long: String(CITY.west.long),
            description: `Zgłoszenie ${m}`,
            ...(code === 'pothole' ? { 'attribute[size]': 'small' } : {}),
          };
          const sent = await fmsSend(format, form);
          assert.equal(sent.sends, 1, 'the client saw neither an id nor a token and sent again');
          assert.equal(await rowsWith(m), 1, 'no twin');
          if (type === 'batch') assert.ok(sent.token && !sent.id, 'a batch service answers with its token');
          let id = sent.id;
          if (sent.token) id = (await call('GET', `/tokens/${sent.token}.${format}`)).json[0].service_request_id;
          assert.ok(id);
          const one = await call('GET', `/requests/${id}.${format}`);
          assert.equal(one.json.length, 1);
          assert.equal(one.json[0].service_code, code);
        });
      }
    }
  });

  describe('item 3: a report merged at intake keeps its own id', () => {
    before(() => h.db.knex('services').where({ jurisdiction_id: CITY.id, code: 'park_bench' }).update({ duplicate_policy: 'merge' }));
    after(() => h.db.knex('services').where({ jurisdiction_id: CITY.id, code: 'park_bench' }).update({ duplicate_policy: 'suggest' }));
    const bench = (m: string, extra: Record<string, string> = {}) => ({
      api_key: h.key,
      service_code: 'park_bench',
      lat: String(CITY.east.lat),
      long: String(CITY.east.long),
      description: `Złamana ławka ${m}`,
      ...extra,
    });
    const update = (id: string, status: string, n: string) =>
      call('POST', '/servicerequestupdates.json', {
        form: {
          api_key: office,
          service_request_id: id,
          update_id: `office-${n}`,
          status,
          updated_datetime: new Date().toISOString(),
          description: `Status ${status}`,
        },
      });

    it('answers the second report with its own id, follows the survivor on GET and in servicerequestupdates', async () => {
      const m = marker();
      const a = (await post('json', bench(m))).json[0].service_request_id as string;
      const bRes = await post('xml', bench(m));
      const b = bRes.json[0].service_request_id as string;
      assert.ok(a && b);
      assert.notEqual(b, a, 'two reports, two ids');
      assert.ok(String(bRes.json[0].service_notice).includes(a), 'the notice names the request it joined');
      // Stored as before: its own row, closed as a duplicate of the survivor; the reporter moved over.
      const row = await h.db.knex('requests').where({ public_id: b }).first('status', 'detailed_status', 'duplicate_of_id');
      const survivor = await h.db.knex('requests').where({ public_id: a }).first('id', 'reporter_count');
      assert.deepEqual([row.status, row.detailed_status, Number(row.duplicate_of_id)], ['closed', 'duplicate', Number(survivor.id)]);
      assert.equal(survivor.reporter_count, 2);

      // GET on the merged id: its own row, with the survivor's status; extensions name the survivor.
      const one = await call('GET', `/requests/${b}.json`);
      assert.equal(one.json[0].service_request_id, b);
      assert.equal(one.json[0].status, 'open', 'follows the open survivor');
      const ext = await call('GET', `/requests/${b}.json?extensions=true`);
      assert.equal(ext.json[0].extended_attributes.duplicate_of, a);
      assert.equal(ext.json[0].extended_attributes.reporter_count, 2);
      const xml = await call('GET', `/requests/${b}.xml?extensions=true`);
      assert.match(xml.text, new RegExp(`<duplicate_of>${a}</duplicate_of>`));
      const both = await call('GET', `/requests.json?service_request_id=${a},${b}`);
      assert.deepEqual(both.json.map((r: { service_request_id: string }) => r.service_request_id).sort(), [a, b].sort());

      // The city changes the survivor: both reports move, and both hear of it under their own ids.
      assert.equal((await update(a, 'IN_PROGRESS', `${m}-1`)).status, 200);
      assert.equal((await update(a, 'FIXED', `${m}-2`)).status, 200);
      const closed = await call('GET', `/requests/${b}.json?extensions=true`);
      assert.equal(closed.json[0].status, 'closed');
      assert.equal(closed.json[0].status_notes, 'Status FIXED');
      assert.equal(closed.json[0].extended_attributes.fms_status, 'fixed');
      assert.deepEqual(
        closed.json[0].notes.filter((n: { type: string }) => n.type === 'status').map((n: { detailed_status: string }) => n.detailed_status),
        ['in_progress', 'fixed'],
      );
      const byStatus = await call('GET', `/requests.json?service_code=park_bench&status=closed`);
      assert.ok(
        byStatus.json.some((r: { service_request_id: string }) => r.service_request_id === b),
        'status=closed finds the merged report',
      );
      const open = await call('GET', `/requests.json?service_code=park_bench&status=open`);
      assert.ok(!open.json.some((r: { service_request_id: string }) => r.service_request_id === b));

      const feed = (await call('GET', '/servicerequestupdates.json')).json as Array<{ update_id: string; service_request_id: string; status: string }>;
      const of = (id: string) => feed.filter((u) => u.service_request_id === id).map((u) => u.status);
      assert.deepEqual(of(a).slice(-2), ['in_progress', 'fixed']);
      assert.deepEqual(of(b), ['open', 'in_progress', 'fixed'], 'its merge (while the survivor was open), then every change of the survivor');
      assert.equal(new Set(feed.map((u) => u.update_id)).size, feed.length, 'update ids are unique');
      const xmlFeed = await call('GET', '/servicerequestupdates.xml');
      assert.match(xmlFeed.text, new RegExp(`<service_request_id>${b}</service_request_id>\\s*<status>fixed</status>`));

      // For the lifecycle it is still a duplicate: a change goes to its survivor.
      const merged = await call('POST', '/servicerequestupdates.json', {
        form: {
          api_key: office,
          service_request_id: b,
          update_id: `office-${m}-3`,
          status: 'IN_PROGRESS',
          updated_datetime: new Date().toISOString(),
          description: 'x',
        },
      });
      assert.equal(merged.status, 409, 'a merged report is changed through its survivor');
      assert.match(merged.text, new RegExp(a));
    });

    it('a batch service merged at intake answers with its own token, which resolves to its own id', async () => {
      await h.db.knex('services').where({ jurisdiction_id: CITY.id, code: 'litter' }).update({ duplicate_policy: 'merge' });
      try {
        const m = marker();
        const form = { api_key: h.key, service_code: 'litter', lat: String(CITY.east.lat), long: String(CITY.east.long), description: `Śmieci ${m}` };
        const first = (await post('json', form)).json[0].token as string;
        const second = (await post('json', form)).json[0].token as string;
        assert.ok(first && second && first !== second);
        const ids = await Promise.all([first, second].map(async (t) => (await call('GET', `/tokens/${t}.json`)).json[0].service_request_id as string));
        assert.notEqual(ids[0], ids[1]);
        const dup = await h.db.knex('requests').where({ public_id: ids[1] }).first('detailed_status');
        assert.equal(dup.detailed_status, 'duplicate');
      } finally {
        await h.db.knex('services').where({ jurisdiction_id: CITY.id, code: 'litter' }).update({ duplicate_policy: 'suggest' });
      }
    });
  });

  describe('item 6: extensions=true returns the attribute answers', () => {
    it('in the definition order, one entry per value, list values by name, free answers scrubbed; JSON and XML', async () => {
      const m = marker();
      const res = await post('json', [
        ['api_key', h.key],
        ['service_code', 'pothole'],
        ['lat', String(CITY.west.lat)],
        ['long', String(CITY.west.long)],
        ['description', `Dziura ${m}`],
        ['attribute[size]', 'large'],
        ['attribute[depth]', '12'],
        ['attribute[lanes][]', 'left'],
        ['attribute[lanes][]', 'right'],
        ['attribute[lamp number]', `L-17, dzwońcie ${PII.phone} albo ${PII.email}`],
      ]);
      const id = res.json[0].service_request_id as string;
      const plain = await call('GET', `/requests/${id}.json`);
      assert.ok(!('attributes' in plain.json[0]), 'only with extensions=true');
      const ext = await call('GET', `/requests/${id}.json?extensions=true`);
      const attrs = ext.json[0].attributes as Array<{ label: string; name: string; value: string; code: string | null }>;
      assert.deepEqual(attrs.slice(0, 4), [
        { label: 'Jak duża?', name: 'size', value: 'duża', code: 'large' },
        { label: 'Głębokość (cm)', name: 'depth', value: '12', code: null },
        { label: 'Pasy', name: 'lanes', value: 'lewy', code: 'left' },
        { label: 'Pasy', name: 'lanes', value: 'prawy', code: 'right' },
      ]);
      assert.equal(attrs.length, 5);
      assert.equal(attrs[4].name, 'lamp number');
      assert.match(attrs[4].value, /^L-17, dzwońcie /);
      for (const needle of [PII.email, '600 700 800', '600700800']) assert.ok(!ext.text.includes(needle), `the answer leaks ${needle}`);
      const xml = await call('GET', `/requests/${id}.xml?extensions=true`);
      assert.match(
        xml.text,
        /<attributes>\s*<attribute>\s*<label>Jak duża\?<\/label>\s*<name>size<\/name>\s*<value>duża<\/value>\s*<code>large<\/code>\s*<\/attribute>/,
      );
      assert.match(xml.text, /<name>depth<\/name>\s*<value>12<\/value>\s*<code><\/code>/);
      for (const needle of [PII.email, '600 700 800']) assert.ok(!xml.text.includes(needle), `the XML answer leaks ${needle}`);
      // Lists by ids and by dates carry them too.
      const list = await call('GET', `/requests.json?extensions=true&service_code=pothole`);
      const mine = list.json.find((r: { service_request_id: string }) => r.service_request_id === id);
      assert.deepEqual(mine.attributes, attrs);
      assert.ok(!list.text.includes(PII.email));
    });
  });
});
