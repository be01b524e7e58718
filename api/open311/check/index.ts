/**
 * `kontakt open311 check`: walks any Open311 GeoReport v2 server as a city would before buying it,
 * and checks every answer against open311-spec (JSON Schemas and the XML shape rules derived from
 * them). XML is required and checked first; JSON, discovery, extensions and servicerequestupdates
 * are optional: SKIP when a server does not offer them, checked in full when it does. Given a key,
 * it files test requests when the server holds none (or with --post), polls batch tokens, reads
 * its requests and an update back, and scans every public answer for personal data and mojibake.
 * Each rule is one line: PASS, FAIL or SKIP with its reason (and the offending excerpt).
 */
import { checkContent } from './content-rules';
import { CheckOptions, Fetch, Probe, RuleResult } from './probe';
import { checkDates, checkExtensions, checkOneRequest, fileRequests, listRequests, testReporter } from './request-rules';
import { checkDiscovery, checkErrors, checkServices } from './service-rules';
import { checkUpdates } from './update-rules';

export type { CheckOptions, Outcome, RuleResult } from './probe';

export async function runOpen311Check(options: CheckOptions, fetchFn: Fetch = fetch): Promise<RuleResult[]> {
  const p = new Probe(options, fetchFn);
  await checkDiscovery(p);
  if (p.results.some((r) => r.rule.startsWith('reachable'))) return p.results; // one failure says it all
  const services = await checkServices(p);
  await checkErrors(p, services);
  const listed = await listRequests(p);
  await checkOneRequest(p, listed);
  const reporter = testReporter();
  const filed = await fileRequests(p, services, listed, reporter);
  // Re-read the lists once we filed, so the rows we made are checked as every client sees them.
  const rows = filed.length ? await listRequests(p, ' (after filing)') : listed;
  const extended = await checkExtensions(p, rows);
  checkDates(p, [...rows, ...extended]);
  const updates = await checkUpdates(p, filed);
  checkContent(p, { requests: [...rows, ...extended], updates, other: services }, reporter);
  return p.results;
}

export function summary(results: RuleResult[]): { passed: number; failed: number; skipped: number } {
  const n = (o: string) => results.filter((r) => r.outcome === o).length;
  return { passed: n('PASS'), failed: n('FAIL'), skipped: n('SKIP') };
}

export function formatReport(results: RuleResult[]): string {
  const lines = results.map((r) => `${r.outcome}  ${r.rule} — ${r.detail}${r.outcome === 'FAIL' && r.excerpt ? `\n      excerpt: ${r.excerpt}` : ''}`);
  const { passed, failed, skipped } = summary(results);
  return `${lines.join('\n')}\n\n${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}

export function formatJson(baseUrl: string, results: RuleResult[]): string {
  return `${JSON.stringify({ baseUrl, ...summary(results), results }, null, 2)}\n`;
}
