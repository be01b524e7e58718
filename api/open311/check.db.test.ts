/**
 * `kontakt open311 check` against our own server must report every rule passing (issue #3 "Done
 * when", issue #12), and against a server that bends the spec it must name the failures with an
 * excerpt. One-fault servers of our own are in check/check-servers.test.ts.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../db/engine';
import { openTestDatabase } from '../../test/db';
import { startTestServer, TestServer } from '../../test/server';
import { createApiClient } from '../accounts/api-clients';
import { open311CheckCommand } from '../cli/commands/open311';
import { CITY, createTestCity } from './test-city';

async function runCommand(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await open311CheckCommand.run(args, {
    config: () => {
      throw new Error('not needed');
    },
    stdout: (t) => (out += t),
    stderr: (t) => (out += t),
  });
  return { code, out };
}

describe('kontakt open311 check', function () {
  let db: Database;
  let server: TestServer;
  let key: string;

  before(async () => {
    db = await openTestDatabase('open311-check');
    await createTestCity(db.knex);
    ({ key } = await createApiClient(db.knex, { name: 'checker', rateLimitPerMinute: 100 }));
    server = await startTestServer(db, { KONTAKT_DATA_DIR: '/tmp/kontakt-open311-check' });
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('passes every rule against our own server: files requests when it holds none, polls the token, reads an update back', async () => {
    // The database holds no request: given a key (no --post), the check files its own first.
    const { code, out } = await runCommand([
      `${server.url}/open311/v2/`,
      '--jurisdiction',
      CITY.id,
      '--api-key',
      key,
      '--lat',
      String(CITY.west.lat),
      '--long',
      String(CITY.west.long),
    ]);
    assert.ok(!/^(FAIL|SKIP)/m.test(out), out);
    assert.equal(code, 0, out);
    const passes = out.match(/^PASS/gm)?.length ?? 0;
    assert.ok(passes >= 90, `only ${passes} rules ran:\n${out}`);
    for (const rule of [
      /PASS {2}POST requests\.xml \(realtime \w+\): shape \(postRequestResponse\)/,
      /PASS {2}GET tokens\/\{token\}\.xml resolves to a service_request_id — \S+ after \d+\.\d s/,
      /PASS {2}the new batch request \(json\): description as posted — unchanged, non-ASCII included/,
      /PASS {2}the new realtime request \(xml\): requested_datetime is now, in a true time zone — \S+\+01:00/,
      /PASS {2}requests: datetimes are W3C with a time zone/,
      /PASS {2}extensions in requests\.json — \d+ rows with extended_attributes/,
      /PASS {2}POST servicerequestupdates\.xml, then read the update back — update \S+ on request \S+ listed/,
      /PASS {2}no personal data \(e-mail, phone number\) in public fields — \d+ texts/,
      /PASS {2}no mojibake/,
      /PASS {2}POST requests\.json without service_code is 400: shape \(errors\)/,
    ])
      assert.match(out, rule);
    // Rerun now that requests exist, with --post and --json: still clean, and the single-request rules ran.
    const again = await runCommand([`${server.url}/open311/v2`, '--api-key', key, '--post', '--json']);
    assert.equal(again.code, 0, again.out);
    const report = JSON.parse(again.out) as { failed: number; skipped: number; passed: number; results: Array<{ rule: string; outcome: string }> };
    assert.deepEqual([report.failed, report.skipped], [0, 0], again.out);
    assert.ok(
      report.results.some((r) => r.rule === 'GET requests/{id}.xml is a one-element list with that id' && r.outcome === 'PASS'),
      again.out,
    );
  });

  it('names the broken rules of a server that bends the spec, with an excerpt', async () => {
    // A typical off-spec server: fractional seconds, numeric ids, 404 on an empty list, JSON on .xml.
    const bad = http.createServer((req, res) => {
      const url = req.url ?? '';
      if (url.startsWith('/discovery')) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ changeset: '2011-02-03 14:18', contact: 'x', key_service: 'y', endpoints: [] }));
      } else if (url.startsWith('/services.')) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify([{ service_code: 1, service_name: 'A', description: '', metadata: 'false', type: 'realtime', keywords: 'a, b', group: 'g' }]));
      } else if (url.startsWith('/requests.') && url.includes('start_date')) {
        res.statusCode = 404;
        res.end('no requests');
      } else if (url.startsWith('/requests.')) {
        res.setHeader('content-type', 'text/xml');
        res.end(
          '<?xml version="1.0" encoding="utf-8"?><service_requests><request><service_request_id>1</service_request_id><status>open</status><service_code>A</service_code><requested_datetime>2026-01-01T10:00:00.000Z</requested_datetime></request></service_requests>',
        );
      } else {
        res.statusCode = 500;
        res.end('oops');
      }
    });
    await new Promise<void>((r) => bad.listen(0, '127.0.0.1', () => r()));
    try {
      const { code, out } = await runCommand([`http://127.0.0.1:${(bad.address() as AddressInfo).port}/`]);
      assert.equal(code, 1);
      assert.match(out, /FAIL {2}GET discovery\.xml: content type/);
      assert.match(out, /FAIL {2}GET discovery\.json: shape \(discovery\) — \/changeset: must match pattern/);
      assert.match(out, /FAIL {2}GET services\.json: shape \(services\) — \/0\/service_code: must be string/);
      assert.match(out, /FAIL {2}GET requests\.xml: shape \(requests\)/);
      assert.match(out, /excerpt: .*2026-01-01T10:00:00\.000Z/);
      assert.match(out, /FAIL {2}GET requests\.json with no match is 200 and empty: HTTP status — expected 200, got 404/);
    } finally {
      await new Promise<void>((r) => bad.close(() => r()));
    }
  });

  it('refuses a missing base URL as a usage error', async () => {
    await assert.rejects(runCommand([]), /base URL/);
  });
});
