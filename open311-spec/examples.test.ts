/** Every example document validates against its schema; broken variants do not (the schemas can fail). */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DOCUMENTS, DocumentName, validateJson, validateXml } from '.';

const DIR = path.join(__dirname, 'examples');

describe('open311-spec examples', () => {
  const files = fs.readdirSync(DIR);
  it('has a JSON example for every document and an XML one for every XML document', () => {
    for (const [name, d] of Object.entries(DOCUMENTS)) {
      assert.ok(files.includes(`${name}.json`), `${name}.json missing`);
      if (d.root) assert.ok(files.includes(`${name}.xml`), `${name}.xml missing`);
    }
  });

  for (const file of files) {
    const name = file.replace(/\.(json|xml)$/, '') as DocumentName;
    it(`${file} validates as ${name}`, () => {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      const problems = file.endsWith('.json') ? validateJson(name, JSON.parse(text)) : validateXml(name, text).problems;
      assert.deepEqual(problems, []);
    });
  }

  it('rejects what real servers get wrong', () => {
    const requests = JSON.parse(fs.readFileSync(path.join(DIR, 'requests.json'), 'utf8'));
    const fractional = structuredClone(requests);
    fractional[0].requested_datetime = '2026-11-20T08:15:30.000Z';
    assert.match(JSON.stringify(validateJson('requests', fractional)), /requested_datetime/);
    const noZone = structuredClone(requests);
    noZone[0].updated_datetime = '2026-11-20T08:15:30';
    assert.match(JSON.stringify(validateJson('requests', noZone)), /updated_datetime/);
    const numericId = structuredClone(requests);
    numericId[0].service_request_id = 638344;
    assert.match(JSON.stringify(validateJson('requests', numericId)), /service_request_id/);
    const pii = structuredClone(requests);
    pii[0].email = 'someone@example.org';
    assert.match(JSON.stringify(validateJson('requests', pii)), /additional/);
    assert.notDeepEqual(validateJson('requests', requests[0]), [], 'a single request must still be an array');
    assert.notDeepEqual(validateJson('postRequestResponse', [{ service_request_id: '1', token: 't', service_notice: null, account_id: null }]), []);
    assert.notDeepEqual(
      validateJson('services', [{ service_code: 'a', service_name: 'A', description: null, metadata: 'true', type: 'realtime', keywords: 'a', group: null }]),
      [],
    );
    assert.notDeepEqual(
      validateJson('services', [
        { service_code: 'a', service_name: 'A', description: null, metadata: true, type: 'realtime', keywords: 'a, private', group: null },
      ]),
      [],
      'keywords with spaces after commas break FixMyStreet',
    );
  });

  it('applies the XML shape rules: declaration, root, singular items, booleans, no DOCTYPE', () => {
    const ok = fs.readFileSync(path.join(DIR, 'services.xml'), 'utf8');
    assert.match(JSON.stringify(validateXml('services', ok.replace(/^<\?xml[^>]*>\n/, '')).problems), /must start with/);
    assert.match(
      JSON.stringify(validateXml('services', ok.replace(/<service>/, '<item>').replace(/<\/service>/, '</item>')).problems),
      /may only hold <service>/,
    );
    assert.match(JSON.stringify(validateXml('services', ok.replace('<metadata>true', '<metadata>yes')).problems), /true or false/);
    assert.match(JSON.stringify(validateXml('requests', ok).problems), /root element must be <service_requests>/);
    assert.match(JSON.stringify(validateXml('services', ok.replace('<service>', '<service id="1">')).problems), /attributes/);
    const xxe =
      '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE services [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<services><service><service_code>&x;</service_code></service></services>';
    assert.match(JSON.stringify(validateXml('services', xxe).problems), /DOCTYPE/);
    const { json } = validateXml('services', ok);
    assert.equal((json as Array<{ metadata: boolean }>)[0].metadata, true);
  });
});
