/**
 * Open311 `servicerequestupdates` as FixMyStreet sends them, and the feed that serves them back.
 */
import assert from 'node:assert/strict';
import { CITY } from './test-city';
import { PII } from './fixtures/harness';
import { open311Harness } from './fixtures/harness';

describe('Open311 GeoReport v2 server: updates', function () {
  const h = open311Harness('open311-updates');
  const { call, post, pothole, assertNoPersonalDataServed } = h;
  let key: string;
  before(() => ({ key } = h));

  describe('FixMyStreet servicerequestupdates', () => {
    it('takes an upper-case status update and serves it back as lower case', async () => {
      const created = await post('json', pothole());
      const id = created.json[0].service_request_id;
      const form = {
        api_key: key,
        jurisdiction_id: CITY.id,
        service_request_id: id,
        update_id: 'fms-1',
        status: 'FIXED',
        updated_datetime: '2026-11-28T10:00:00+01:00',
        description: 'Naprawione',
        email: PII.email,
        first_name: PII.first,
      };
      const res = await call('POST', '/servicerequestupdates.xml', { form });
      assert.equal(res.status, 200, res.text);
      const updateId = /<update_id>(\d+)<\/update_id>/.exec(res.text)![1];
      const again = await call('POST', '/servicerequestupdates.json', { form });
      assert.equal(again.json[0].update_id, updateId);
      const one = await call('GET', `/requests/${id}.json`);
      assert.equal(one.json[0].status, 'closed');
      assert.equal(one.json[0].status_notes, 'Naprawione');
      const feed = await call('GET', `/servicerequestupdates.xml?jurisdiction_id=${CITY.id}`);
      assert.match(feed.text, new RegExp(`<service_request_id>${id}</service_request_id>\\s*<status>fixed</status>`));
      const fjson = await call('GET', '/servicerequestupdates.json');
      assert.equal(fjson.json.filter((u: { update_id: string }) => u.update_id === updateId).length, 1);
      const bad = await call('POST', '/servicerequestupdates.json', { form: { ...form, update_id: 'fms-2', status: 'MAYBE' } });
      assert.equal(bad.status, 400);
      const missing = await call('POST', '/servicerequestupdates.json', { form: { api_key: key, service_request_id: id, status: 'FIXED' } });
      assert.equal(missing.status, 400);
      assert.match(missing.text, /update_id/);
      assert.match(missing.text, /updated_datetime/);
      assert.equal(
        (await call('POST', '/servicerequestupdates.json', { form: { ...form, service_request_id: 'NOPE-000-000', update_id: 'fms-3' } })).status,
        404,
      );
      assert.equal((await call('POST', '/servicerequestupdates.json', { form: { ...form, api_key: 'x' } })).status, 403);
    });
  });

  describe('privacy (runs last)', () => {
    it('no GET response in this suite carries the personal data the update posted', () => assertNoPersonalDataServed(2));
  });
});
