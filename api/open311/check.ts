/**
 * `kontakt open311 check`: walks any Open311 GeoReport v2 server — discovery, services,
 * definitions, requests, errors, in both formats, optionally a test POST — and checks every answer
 * against open311-spec (JSON Schemas and the XML shape rules derived from them). Each rule gives
 * PASS or FAIL with the offending excerpt. It only reads XML we fetched, never resolving entities.
 */
import { DocumentName, Problem, validateJson, validateXml } from '../../open311-spec';

export interface CheckOptions {
  baseUrl: string;
  jurisdictionId?: string;
  apiKey?: string;
  post?: boolean;
  lat?: number;
  long?: number;
}

export interface RuleResult {
  rule: string;
  ok: boolean;
  detail: string;
  excerpt?: string;
}

type Fetch = typeof fetch;

interface Got {
  url: string;
  status: number;
  type: string;
  text: string;
}

export async function runOpen311Check(options: CheckOptions, fetchFn: Fetch = fetch): Promise<RuleResult[]> {
  const results: RuleResult[] = [];
  const base = options.baseUrl.replace(/\/+$/, '');
  const withJ = (path: string, extra: Record<string, string> = {}) => {
    const q = new URLSearchParams({ ...(options.jurisdictionId ? { jurisdiction_id: options.jurisdictionId } : {}), ...extra });
    return `${base}${path}${q.size ? `?${q}` : ''}`;
  };
  const get = async (url: string, init?: RequestInit): Promise<Got | undefined> => {
    try {
      const res = await fetchFn(url, { redirect: 'manual', ...init });
      return { url, status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
    } catch (err) {
      results.push({ rule: `reachable ${url}`, ok: false, detail: (err as Error).message });
      return undefined;
    }
  };
  const excerptAt = (text: string, problems: Problem[]) => {
    const p = problems[0];
    const last = p?.at
      .split('/')
      .filter(Boolean)
      .pop()
      ?.replace(/\[\d+\]$/, '');
    const i = last ? text.indexOf(last) : -1;
    return (
      text
        .slice(Math.max(0, i - 80), Math.max(0, i) + 220)
        .replace(/\s+/g, ' ')
        .trim() || text.slice(0, 300)
    );
  };
  /** Status, content type and shape of one answer; returns the parsed JSON form when it conforms. */
  const expect = (rule: string, got: Got | undefined, kind: DocumentName, status: number): unknown => {
    if (!got) return undefined;
    const isJson = /\.json(\?|$)/.test(got.url);
    if (got.status !== status) {
      results.push({ rule: `${rule}: HTTP status`, ok: false, detail: `expected ${status}, got ${got.status}`, excerpt: got.text.slice(0, 300) });
      return undefined;
    }
    const typeOk = isJson ? /^application\/json/i.test(got.type) : /^(text|application)\/xml/i.test(got.type);
    results.push({
      rule: `${rule}: content type`,
      ok: typeOk,
      detail: typeOk ? got.type : `expected ${isJson ? 'application/json' : 'text/xml'}, got ${JSON.stringify(got.type)}`,
    });
    let problems: Problem[];
    let json: unknown;
    if (isJson) {
      try {
        json = JSON.parse(got.text);
        problems = validateJson(kind, json);
      } catch (err) {
        problems = [{ at: '/', message: `not JSON: ${(err as Error).message}` }];
      }
    } else ({ problems, json } = validateXml(kind, got.text));
    results.push({
      rule: `${rule}: shape (${kind})`,
      ok: problems.length === 0,
      detail: problems.length
        ? problems
            .slice(0, 3)
            .map((p) => `${p.at}: ${p.message}`)
            .join('; ')
        : `HTTP ${got.status}, valid`,
      excerpt: problems.length ? excerptAt(got.text, problems) : undefined,
    });
    return problems.length ? undefined : json;
  };

  const first = await get(withJ('/discovery.xml'));
  if (!first) return results; // unreachable: one failure says it all
  expect('GET discovery.xml', first, 'discovery', 200);
  expect('GET discovery.json', await get(withJ('/discovery.json')), 'discovery', 200);
  const servicesXml = expect('GET services.xml', await get(withJ('/services.xml')), 'services', 200) as
    Array<{ service_code: string; metadata: boolean; type: string }> | undefined;
  const servicesJson = expect('GET services.json', await get(withJ('/services.json')), 'services', 200) as typeof servicesXml;
  if (servicesXml && servicesJson) {
    const a = servicesXml.map((s) => s.service_code).join(',');
    const b = servicesJson.map((s) => s.service_code).join(',');
    results.push({
      rule: 'services.xml and services.json list the same codes',
      ok: a === b,
      detail: a === b ? `${servicesJson.length} services` : `xml: ${a.slice(0, 200)} / json: ${b.slice(0, 200)}`,
    });
  }
  const services = servicesJson ?? servicesXml ?? [];
  const definitions = new Map<string, Array<{ code: string; datatype: string; required: boolean; variable: boolean; values: Array<{ key: string }> }>>();
  for (const s of services.filter((x) => x.metadata).slice(0, 5)) {
    expect(`GET services/${s.service_code}.xml`, await get(withJ(`/services/${encodeURIComponent(s.service_code)}.xml`)), 'serviceDefinition', 200);
    const def = expect(
      `GET services/${s.service_code}.json`,
      await get(withJ(`/services/${encodeURIComponent(s.service_code)}.json`)),
      'serviceDefinition',
      200,
    ) as { attributes: never[] } | undefined;
    if (def) definitions.set(s.service_code, def.attributes);
  }
  const unknownCode = 'kontakt-check-no-such-service';
  for (const f of ['xml', 'json']) expect(`GET services/<unknown>.${f} is 404`, await get(withJ(`/services/${unknownCode}.${f}`)), 'errors', 404);

  const requestsXml = expect('GET requests.xml', await get(withJ('/requests.xml')), 'requests', 200) as
    Array<{ service_request_id: string; lat: number | null; long: number | null }> | undefined;
  const requestsJson = expect('GET requests.json', await get(withJ('/requests.json')), 'requests', 200) as typeof requestsXml;
  const requests = requestsJson ?? requestsXml ?? [];
  for (const f of ['xml', 'json']) {
    const empty = expect(
      `GET requests.${f} with no match is 200 and empty`,
      await get(withJ(`/requests.${f}`, { start_date: '2001-01-01T00:00:00Z', end_date: '2001-01-02T00:00:00Z' })),
      'requests',
      200,
    ) as unknown[] | undefined;
    if (empty) results.push({ rule: `GET requests.${f} with no match: empty list`, ok: empty.length === 0, detail: `${empty.length} requests from 2001` });
  }
  if (requests[0]) {
    const id = requests[0].service_request_id;
    for (const f of ['xml', 'json']) {
      const one = expect(`GET requests/{id}.${f}`, await get(withJ(`/requests/${encodeURIComponent(id)}.${f}`)), 'requests', 200) as unknown[] | undefined;
      if (one) results.push({ rule: `GET requests/{id}.${f} is a one-element list`, ok: one.length === 1, detail: `${one.length} elements` });
    }
  }
  for (const f of ['xml', 'json']) expect(`GET requests/<unknown>.${f} is 404`, await get(withJ(`/requests/kontakt-check-no-such-id.${f}`)), 'errors', 404);
  const csv = await get(withJ('/services.csv'));
  if (csv) results.push({ rule: 'an unknown format (.csv) is 404', ok: csv.status === 404, detail: `HTTP ${csv.status}` });

  const postForm = (form: Record<string, string>) => ({
    method: 'POST',
    body: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  });
  const target = services.find((s) => s.type === 'realtime') ?? services.find((s) => s.type !== 'blackbox') ?? services[0];
  if (target) {
    for (const f of ['xml', 'json']) {
      expect(
        `POST requests.${f} without api_key is 403`,
        await get(withJ(`/requests.${f}`), postForm({ service_code: target.service_code, lat: '0', long: '0' })),
        'errors',
        403,
      );
    }
  }
  if (options.post) {
    const point =
      options.lat !== undefined && options.long !== undefined
        ? { lat: options.lat, long: options.long }
        : requests.find((r) => r.lat !== null && r.long !== null);
    if (!options.apiKey) results.push({ rule: 'POST requests (--post)', ok: false, detail: '--post needs --api-key' });
    else if (!target || !point) results.push({ rule: 'POST requests (--post)', ok: false, detail: 'no service or no point to post at: give --lat and --long' });
    else {
      const form: Record<string, string> = {
        api_key: options.apiKey,
        service_code: target.service_code,
        lat: String(point.lat),
        long: String(point.long),
        description: 'Test request sent by kontakt open311 check; please ignore.',
      };
      if (options.jurisdictionId) form.jurisdiction_id = options.jurisdictionId;
      for (const a of definitions.get(target.service_code) ?? []) {
        if (!a.variable || !a.required) continue;
        form[`attribute[${a.code}]`] =
          a.values[0]?.key ?? (a.datatype === 'number' ? '1' : a.datatype === 'datetime' ? new Date().toISOString().slice(0, 19) + 'Z' : 'test');
      }
      const created = expect('POST requests.xml', await get(`${base}/requests.xml`, postForm(form)), 'postRequestResponse', 200) as
        Array<{ service_request_id?: string; token?: string }> | undefined;
      const answer = created?.[0];
      if (answer?.token) expect('GET tokens/{token}.xml', await get(withJ(`/tokens/${encodeURIComponent(answer.token)}.xml`)), 'token', 200);
      if (answer?.service_request_id)
        expect('GET requests/{new id}.json', await get(withJ(`/requests/${encodeURIComponent(answer.service_request_id)}.json`)), 'requests', 200);
    }
  }
  return results;
}

export function formatReport(results: RuleResult[]): string {
  const lines = results.map((r) => `${r.ok ? 'PASS' : 'FAIL'}  ${r.rule} — ${r.detail}${!r.ok && r.excerpt ? `\n      excerpt: ${r.excerpt}` : ''}`);
  const failed = results.filter((r) => !r.ok).length;
  return `${lines.join('\n')}\n\n${results.length - failed} passed, ${failed} failed\n`;
}
