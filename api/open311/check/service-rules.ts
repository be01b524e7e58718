/**
 * Rules on what every client reads first: discovery (optional: SKIP when not offered), the service
 * list in XML (required) and JSON (optional), the service definitions in every offered format, and
 * errors (404 for unknown things, 403 without a key, 400 for a missing field) in the surface's format.
 */
import { NOT_OFFERED, Probe, Row, isRow, rowsOf } from './probe';

export interface Service {
  service_code: string;
  metadata: boolean;
  type: string;
  attributes: Row[];
}

export async function checkDiscovery(p: Probe): Promise<void> {
  for (const f of ['xml', 'json']) {
    const got = await p.get(`/discovery.${f}`);
    if (!got) return;
    if (NOT_OFFERED.includes(got.status)) p.skip(`GET discovery.${f}`, `not offered (HTTP ${got.status}); discovery is optional`);
    else p.expect(`GET discovery.${f}`, got, 'discovery', 200);
  }
}

export async function checkServices(p: Probe): Promise<Service[]> {
  const xml = rowsOf(p.expect('GET services.xml', await p.get('/services.xml'), 'services', 200));
  const gotJson = await p.get('/services.json');
  let json: Row[] = [];
  if (gotJson && NOT_OFFERED.includes(gotJson.status)) {
    p.skip('GET services.json', `JSON not offered (HTTP ${gotJson.status}); it is optional, JSON rules are skipped`);
  } else if (gotJson) {
    p.formats = ['xml', 'json'];
    json = rowsOf(p.expect('GET services.json', gotJson, 'services', 200));
    if (xml.length && json.length) {
      const a = xml.map((s) => s.service_code).join(',');
      const b = json.map((s) => s.service_code).join(',');
      p.rule(
        'services.xml and services.json list the same codes',
        a === b,
        a === b ? `${json.length} services` : `xml: ${a.slice(0, 200)} / json: ${b.slice(0, 200)}`,
      );
    }
  }
  const services = (xml.length ? xml : json).map((s) => ({
    service_code: String(s.service_code ?? ''),
    metadata: s.metadata === true || s.metadata === 'true',
    type: String(s.type ?? ''),
    attributes: [] as Row[],
  }));
  if (!services.length) p.fail('the server lists at least one service', 'no service could be read from services.xml or services.json');
  for (const s of services.filter((x) => x.metadata && x.service_code).slice(0, 8)) {
    for (const f of p.formats) {
      const path = `/services/${encodeURIComponent(s.service_code)}.${f}`;
      const def = p.expect(`GET services/${s.service_code}.${f}`, await p.get(path), 'serviceDefinition', 200);
      if (!s.attributes.length && isRow(def)) s.attributes = rowsOf(def.attributes);
    }
  }
  return services;
}

export async function checkErrors(p: Probe, services: Service[]): Promise<void> {
  for (const f of p.formats) {
    p.expect(`GET services/<unknown>.${f} is 404`, await p.get(`/services/kontakt-check-no-such-service.${f}`), 'errors', 404);
    p.expect(`GET requests/<unknown>.${f} is 404`, await p.get(`/requests/kontakt-check-no-such-id.${f}`), 'errors', 404);
  }
  const csv = await p.get('/services.csv');
  if (csv) p.rule('an unknown format (.csv) is 404', csv.status === 404, `HTTP ${csv.status}`);
  const target = services[0];
  if (!target) return;
  for (const f of p.formats) {
    const got = await p.post(`/requests.${f}`, { service_code: target.service_code, lat: '0', long: '0' });
    p.expect(`POST requests.${f} without api_key is 403`, got, 'errors', 403);
  }
  if (!p.options.apiKey) {
    p.skip('POST requests.xml without service_code is 400', 'needs --api-key');
    return;
  }
  for (const f of p.formats) {
    const got = await p.post(`/requests.${f}`, { api_key: p.options.apiKey, lat: '0', long: '0', description: 'kontakt open311 check: must be refused' });
    p.expect(`POST requests.${f} without service_code is 400`, got, 'errors', 400);
  }
}
