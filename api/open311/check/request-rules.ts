/**
 * Rules on requests: the lists in every offered format, one request by id, and the rows' dates.
 * When the server holds no request (or --post is given) and a key is given, the check files one
 * request per service type (realtime, batch) with the attributes its definition requires, polls a
 * batch token until it resolves, and reads the request back: so dates, time zones and content are
 * checked on real rows, and what we sent (non-ASCII text included) must come back unchanged.
 */
import crypto from 'node:crypto';
import { Format, Probe, Row, isRow, rowsOf, w3c } from './probe';
import type { Service } from './service-rules';

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
/** How far a new request's requested_datetime may be from our clock: a wrong zone is ≥ 30 min off. */
const CLOCK_SLACK_MS = 10 * 60_000;

/** Personal data the check sends in the private fields of its test requests; none may come back. */
export function testReporter(): Record<string, string> {
  const tag = crypto.randomBytes(3).toString('hex');
  return { email: `kontakt-check-${tag}@example.org`, first_name: 'Kontaktcheck', last_name: `Tester${tag}`, phone: '+48 601 234 567' };
}

export interface Filed {
  id: string;
  service: Service;
  description: string;
}

export async function listRequests(p: Probe, when = ''): Promise<Row[]> {
  const rows: Row[] = [];
  for (const f of p.formats) rows.push(...rowsOf(p.expect(`GET requests.${f}${when}`, await p.get(`/requests.${f}`), 'requests', 200)));
  if (when) return rows;
  for (const f of p.formats) {
    const rule = `GET requests.${f} with no match is 200 and empty`;
    const got = await p.get(`/requests.${f}`, { start_date: '2001-01-01T00:00:00Z', end_date: '2001-01-02T00:00:00Z' });
    const empty = p.expect(rule, got, 'requests', 200);
    if (Array.isArray(empty)) p.rule(`GET requests.${f} with no match: empty list`, empty.length === 0, `${empty.length} requests from 2001`);
  }
  return rows;
}

async function readOne(p: Probe, f: Format, id: string, rule: string): Promise<Row | undefined> {
  const one = p.expect(rule, await p.get(`/requests/${encodeURIComponent(id)}.${f}`), 'requests', 200);
  if (!Array.isArray(one)) return undefined;
  const row = rowsOf(one).find((r) => String(r.service_request_id) === id);
  p.rule(`${rule} is a one-element list with that id`, one.length === 1 && !!row, `${one.length} elements${row ? '' : `, none with id ${id}`}`);
  return row;
}

export async function checkOneRequest(p: Probe, rows: Row[]): Promise<void> {
  const id = rows.find((r) => r.service_request_id !== undefined && r.service_request_id !== null)?.service_request_id;
  if (id === undefined) return;
  for (const f of p.formats) await readOne(p, f, String(id), `GET requests/{id}.${f}`);
}

function attributeAnswers(service: Service): Record<string, string> {
  const form: Record<string, string> = {};
  for (const a of service.attributes) {
    if (!(a.variable === true || a.variable === 'true') || !(a.required === true || a.required === 'true')) continue;
    const first = rowsOf(a.values)[0];
    form[`attribute[${String(a.code)}]`] = first ? String(first.key) : a.datatype === 'number' ? '1' : a.datatype === 'datetime' ? w3c(new Date()) : 'test';
  }
  return form;
}

/** Files test requests when there is nothing to check or --post asks; returns those read back. */
export async function fileRequests(p: Probe, services: Service[], rows: Row[], reporter: Record<string, string>): Promise<Filed[]> {
  const rule = 'POST requests.xml (a test request, so rules run on real rows)';
  const { apiKey, post } = p.options;
  if (!post && rows.length) return [];
  if (!apiKey) {
    if (post) p.fail(rule, '--post needs --api-key');
    else p.skip(rule, 'the server lists no request and no --api-key was given to file one: date, time zone and content rules see no rows');
    return [];
  }
  const given = p.options.lat !== undefined && p.options.long !== undefined ? { lat: p.options.lat, long: p.options.long } : undefined;
  const seen = rows.find((r) => typeof r.lat === 'number' && typeof r.long === 'number');
  const point = given ?? (seen ? { lat: seen.lat as number, long: seen.long as number } : undefined);
  const targets = ['realtime', 'batch'].map((t) => services.find((s) => s.type === t)).filter((s): s is Service => !!s);
  if (!targets.length && services[0]) targets.push(services[0]);
  if (!point || !targets.length) {
    p.skip(rule, !point ? 'no point to file at: give --lat and --long' : 'no service to file in');
    return [];
  }
  const filed: Filed[] = [];
  for (const service of targets) {
    const description = `Test request sent by kontakt open311 check (${service.type}): zażółć gęślą jaźń; please ignore.`;
    const form = {
      api_key: apiKey,
      service_code: service.service_code,
      lat: String(point.lat),
      long: String(point.long),
      description,
      ...reporter,
      ...attributeAnswers(service),
    };
    const name = `POST requests.xml (${service.type || 'service'} ${service.service_code})`;
    const answer = rowsOf(p.expect(name, await p.post('/requests.xml', form), 'postRequestResponse', 200))[0];
    if (!answer) continue;
    let id = answer.service_request_id ? String(answer.service_request_id) : undefined;
    if (!id && answer.token) id = await pollToken(p, String(answer.token));
    else if (!id) {
      const hint = service.type === 'blackbox' ? 'a blackbox service may answer neither, but then a client cannot follow it' : '';
      p.rule(`${name} answers a service_request_id or a token`, service.type === 'blackbox', `neither was given${hint ? `; ${hint}` : ''}`);
      continue;
    }
    if (!id) continue;
    filed.push({ id, service, description });
    await readBack(p, { id, service, description });
  }
  return filed;
}

async function pollToken(p: Probe, token: string): Promise<string | undefined> {
  const path = `/tokens/${encodeURIComponent(token)}.xml`;
  p.expect('GET tokens/{token}.xml', await p.get(path), 'token', 200);
  const { value, waitedMs } = await p.poll(async () => {
    const got = await p.get(path);
    const row = got?.status === 200 ? rowsOf(p.parse(got, 'token').json)[0] : undefined;
    return row?.service_request_id ? String(row.service_request_id) : undefined;
  });
  const s = (waitedMs / 1000).toFixed(1);
  p.rule(
    'GET tokens/{token}.xml resolves to a service_request_id',
    value !== undefined,
    value ? `${value} after ${s} s` : `token ${token} still pending after ${s} s (timeout ${p.timeoutMs / 1000} s)`,
  );
  return value;
}

async function readBack(p: Probe, filed: Filed): Promise<void> {
  const postedAt = Date.now();
  for (const f of p.formats) {
    const type = filed.service.type || filed.service.service_code;
    const row = await readOne(p, f, filed.id, `GET requests/{new ${type} id}.${f}`);
    if (!row) continue;
    const what = `the new ${type} request (${f})`;
    p.rule(`${what}: service_code as posted`, row.service_code === filed.service.service_code, `${String(row.service_code)}`);
    if (row.description === null || row.description === '') p.skip(`${what}: description as posted`, 'the server does not publish descriptions');
    else
      p.rule(
        `${what}: description as posted`,
        row.description === filed.description,
        row.description === filed.description
          ? 'unchanged, non-ASCII included'
          : `sent ${JSON.stringify(filed.description)}, got ${JSON.stringify(row.description)}`,
      );
    const at = typeof row.requested_datetime === 'string' ? Date.parse(row.requested_datetime) : NaN;
    const off = Math.round((at - postedAt) / 60_000);
    p.rule(
      `${what}: requested_datetime is now, in a true time zone`,
      Number.isFinite(at) && Math.abs(at - postedAt) <= CLOCK_SLACK_MS,
      Number.isFinite(at) ? `${String(row.requested_datetime)} (${off} min from our clock)` : `unreadable: ${JSON.stringify(row.requested_datetime)}`,
    );
  }
}

/** W3C datetimes with a time zone on every row, and never updated before requested. */
export function checkDates(p: Probe, rows: Row[]): void {
  const rule = 'requests: datetimes are W3C with a time zone, updated ≥ requested';
  if (!rows.length) {
    p.skip(rule, 'no request rows to check');
    return;
  }
  for (const r of rows) {
    for (const k of ['requested_datetime', 'updated_datetime', 'expected_datetime']) {
      const v = r[k];
      if (v === null || v === undefined || (v === '' && k === 'expected_datetime')) continue;
      if (typeof v !== 'string' || !DATETIME.test(v) || !Number.isFinite(Date.parse(v))) {
        p.fail(rule, `request ${String(r.service_request_id)}: ${k} ${JSON.stringify(v)} is not YYYY-MM-DDThh:mm:ss with Z or ±hh:mm`);
        return;
      }
    }
    const req = Date.parse(String(r.requested_datetime));
    const upd = Date.parse(String(r.updated_datetime));
    if (upd < req) {
      p.fail(
        rule,
        `request ${String(r.service_request_id)}: updated_datetime ${String(r.updated_datetime)} before requested_datetime ${String(r.requested_datetime)}`,
      );
      return;
    }
  }
  p.pass(rule, `${rows.length} rows`);
}

/** extensions=true is optional: SKIP when the answer carries no extended_attributes. */
export async function checkExtensions(p: Probe, rows: Row[]): Promise<Row[]> {
  if (!rows.length) {
    p.skip('GET requests?extensions=true', 'no request rows to check');
    return [];
  }
  const out: Row[] = [];
  for (const f of p.formats) {
    const got = rowsOf(p.expect(`GET requests.${f}?extensions=true`, await p.get(`/requests.${f}`, { extensions: 'true' }), 'requests', 200));
    out.push(...got);
    if (!got.some((r) => isRow(r.extended_attributes))) p.skip(`extensions in requests.${f}`, 'not offered: no extended_attributes in the answer');
    else p.pass(`extensions in requests.${f}`, `${got.filter((r) => isRow(r.extended_attributes)).length} rows with extended_attributes`);
  }
  return out;
}
