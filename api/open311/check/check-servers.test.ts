/**
 * The validator against servers of our own (fixtures/servers.ts): a conformant XML-only server
 * without discovery passes, with the optional parts SKIP; each one-fault server fails, and on the
 * rule that names its fault. Every server starts empty, so the check has to file requests first.
 */
import assert from 'node:assert/strict';
import { open311CheckCommand } from '../../cli/commands/open311';
import { runOpen311Check, RuleResult } from '.';
import { API_KEY, FAULTS, Fault, startFixtureServer } from './fixtures/servers';

async function check(fault: Fault | undefined, withKey = true): Promise<RuleResult[]> {
  const server = await startFixtureServer(fault);
  try {
    const results = await runOpen311Check({ baseUrl: server.url, apiKey: withKey ? API_KEY : undefined, lat: 52.23, long: 21.01, timeoutMs: 600, pollMs: 50 });
    // The check never resolves an entity a server declares: nothing fetched the entity's URL.
    assert.ok(!server.paths.includes('/leak'), 'the external entity was fetched');
    return results;
  } finally {
    await server.close();
  }
}

const lines = (results: RuleResult[]) => results.map((r) => `${r.outcome}  ${r.rule} — ${r.detail}`).join('\n');

/** For each fault: the rule (and reason) that must FAIL. */
const EXPECTED: Record<Fault, RegExp> = {
  'date-format': /FAIL {2}requests: datetimes are W3C with a time zone.* — request \d+: requested_datetime "\d{4}-\d\d-\d\d \d\d:\d\d:\d\d" is not/,
  'missing-field': /FAIL {2}GET requests\/\{new realtime id\}\.xml: shape \(requests\) — .*must have required property 'status'/,
  'json-only': /FAIL {2}GET services\.xml: shape \(services\) — \/: not well-formed XML/,
  mojibake: /FAIL {2}no mojibake .* — found "Å¼"/,
  'personal-data': /FAIL {2}no personal data \(e-mail, phone number\) in public fields — request \d+ description holds an e-mail address/,
  'phone-in-description': /FAIL {2}no personal data \(e-mail, phone number\) in public fields — request 100 description holds a phone number \(60…67\)/,
  'token-never-resolves': /FAIL {2}GET tokens\/\{token\}\.xml resolves to a service_request_id — token t\d+ still pending after 0\.\d s \(timeout 0\.6 s\)/,
  'non-iso-zone': /FAIL {2}requests: datetimes are W3C .* — request \d+: requested_datetime "[^"]+ CET" is not YYYY-MM-DDThh:mm:ss with Z or ±hh:mm/,
  'wrong-clock-zone': /FAIL {2}the new realtime request \(xml\): requested_datetime is now, in a true time zone — \S+Z \(120 min from our clock\)/,
  'content-type': /FAIL {2}GET services\.xml: content type — expected text\/xml, got "text\/html; charset=utf-8"/,
  'error-format':
    /FAIL {2}GET services\/<unknown>\.xml is 404: shape \(errors\) — \/: not well-formed XML|FAIL {2}GET services\/<unknown>\.xml is 404: content type/,
  'update-not-readable':
    /FAIL {2}POST servicerequestupdates\.xml, then read the update back — update u\d+ on request \d+ not listed after 0\.\d s \(timeout 0\.6 s\)/,
  'no-400-on-missing-field': /FAIL {2}POST requests\.xml without service_code is 400: HTTP status — expected 400, got 200/,
  'external-entity': /FAIL {2}GET services\.xml: shape \(services\) — \/: DOCTYPE\/ENTITY declarations are not allowed/,
};

describe('kontakt open311 check against servers of our own', function () {
  it('passes a conformant XML-only server without discovery: optional parts SKIP, never FAIL', async () => {
    const results = await check(undefined);
    const out = lines(results);
    assert.ok(!/^FAIL/m.test(out), out);
    for (const skipped of [
      /SKIP {2}GET discovery\.xml — not offered \(HTTP 404\)/,
      /SKIP {2}GET services\.json — JSON not offered/,
      /SKIP {2}extensions in requests\.xml — not offered/,
    ])
      assert.match(out, skipped);
    // It read the definition in XML and posted the attribute it found there; the token resolved.
    assert.match(out, /PASS {2}POST requests\.xml \(realtime pothole\): shape \(postRequestResponse\)/);
    assert.match(out, /PASS {2}GET tokens\/\{token\}\.xml resolves to a service_request_id — \d+ after 0\.\d s/);
    assert.match(out, /PASS {2}the new batch request \(xml\): description as posted — unchanged, non-ASCII included/);
    assert.match(out, /PASS {2}POST servicerequestupdates\.xml, then read the update back — update u\d+ on request \d+ listed/);
    assert.match(out, /PASS {2}no personal data .* — \d+ texts/);
  });

  for (const fault of Object.keys(FAULTS) as Fault[]) {
    it(`catches ${fault}: ${FAULTS[fault]}`, async () => {
      const out = lines(await check(fault, fault !== 'phone-in-description'));
      assert.match(out, EXPECTED[fault], out);
    });
  }

  it('CLI: exit 0 on the conformant server, 1 on a faulty one; --json reports the counts', async () => {
    const run = async (fault?: Fault) => {
      const server = await startFixtureServer(fault);
      let out = '';
      try {
        const code = await open311CheckCommand.run([server.url, '--api-key', API_KEY, '--lat', '52.23', '--long', '21.01', '--timeout', '0.5', '--json'], {
          config: () => {
            throw new Error('not needed');
          },
          stdout: (t) => (out += t),
          stderr: (t) => (out += t),
        });
        return { code, report: JSON.parse(out) as { failed: number; skipped: number; results: Array<{ outcome: string }> } };
      } finally {
        await server.close();
      }
    };
    const good = await run();
    assert.equal(good.code, 0);
    assert.equal(good.report.failed, 0);
    assert.ok(good.report.skipped >= 3);
    const bad = await run('token-never-resolves');
    assert.equal(bad.code, 1);
    assert.ok(bad.report.failed >= 1);
  });
});
