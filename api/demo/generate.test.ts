/**
 * The demo city generator without a database: determinism, the minimum sizes issue #2 asks for,
 * a valid pack for the importer's own readers and schemas, and a district map that tiles the city.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { generateDemoPack, writeDemoPack, DemoPack } from './generate';
import { winterSeasons } from './catalogue';
import { generateDemoRequests } from './requests';
import { loadPack } from '../city/load-pack';
import { ProblemList } from '../city/problems';

describe('demo city generator', function () {
  this.timeout(60_000);
  let pack: DemoPack;
  before(() => {
    pack = generateDemoPack();
  });

  it('writes the same bytes for the same seed and another city for another seed', () => {
    const again = generateDemoPack({ seed: 1 });
    for (const [name, content] of Object.entries(pack.files)) assert.equal(again.files[name], content, name);
    const other = generateDemoPack({ seed: 2 });
    assert.notEqual(other.files['districts.geojson'], pack.files['districts.geojson']);
    assert.notEqual(other.files['addresses.csv'], pack.files['addresses.csv']);
  });

  it('meets the sizes of issue #2 with the default options', () => {
    const districts = JSON.parse(pack.files['districts.geojson']).features;
    const units = JSON.parse(pack.files['units.json']);
    const services = JSON.parse(pack.files['services.json']);
    const routing = JSON.parse(pack.files['routing.json']);
    const addressLines = pack.files['addresses.csv'].trim().split('\n').slice(1);
    assert.ok(districts.length >= 12, `${districts.length} districts`);
    assert.ok(units.length >= 15, `${units.length} units`);
    assert.ok(services.length >= 25, `${services.length} services`);
    assert.ok(addressLines.length >= 10_000, `${addressLines.length} addresses`);
    assert.equal(addressLines.length, 12_000);
    const groups = new Set(services.map((s: { group: { code: string } }) => s.group.code));
    for (const g of ['roads', 'greenery', 'cleanliness', 'lighting', 'water', 'transport', 'safety', 'animals', 'information']) assert.ok(groups.has(g), g);
    const kinds = new Set(
      routing.map(
        (r: Record<string, unknown>) => `${r.service ? 'service' : r.group ? 'group' : 'any'}/${r.area ? 'area' : r.district ? 'district' : 'anywhere'}`,
      ),
    );
    for (const k of ['any/anywhere', 'group/anywhere', 'group/district', 'service/district', 'service/anywhere', 'group/area', 'service/area'])
      assert.ok(kinds.has(k), k);
    assert.ok(
      routing.some((r: { valid_to?: string }) => r.valid_to),
      'a rule limited in time',
    );
  });

  it('names every service in Polish and English and uses every attribute type, policy, privacy and service type', () => {
    const services = JSON.parse(pack.files['services.json']);
    for (const s of services) {
      assert.ok(s.name.pl.trim() && s.name.en.trim(), s.code);
      assert.ok(s.group.pl && s.group.en, s.code);
      for (const a of s.attributes) {
        assert.ok(a.description.pl && a.description.en, `${s.code}.${a.code}`);
        for (const v of a.values ?? []) assert.ok(v.name.pl && v.name.en, `${s.code}.${a.code}.${v.key}`);
      }
    }
    const seen = (f: (s: any) => string[]) => new Set(services.flatMap(f));
    assert.deepEqual([...seen((s) => s.attributes.map((a: { datatype: string }) => a.datatype))].sort(), [
      'datetime',
      'multivaluelist',
      'number',
      'singlevaluelist',
      'string',
      'text',
    ]);
    assert.deepEqual([...seen((s) => [s.type])].sort(), ['batch', 'blackbox', 'realtime']);
    assert.deepEqual([...seen((s) => [s.duplicates.policy])].sort(), ['merge', 'off', 'suggest']);
    assert.deepEqual([...seen((s) => [s.privacy.mode])].sort(), ['fuzzed', 'private', 'public']);
    assert.ok(seen((s) => [s.kind]).has('information'));
    assert.deepEqual([...seen((s) => [s.sla.response.unit, s.sla.resolution.unit])].sort(), ['days', 'hours', 'working_days', 'working_hours']);
    const radii = services.filter((s: any) => s.duplicates.policy !== 'off').map((s: any) => s.duplicates.radius_m);
    assert.ok(Math.min(...radii) >= 50 && Math.max(...radii) <= 500);
    assert.equal(services.find((s: any) => s.code === 'noise').privacy.mode, 'fuzzed');
  });

  it('writes Polish street addresses: prefixes, numbers like 12A and 5/7, postcodes, streets with centre lines', () => {
    const streets = JSON.parse(pack.files['streets.geojson']).features;
    const labels = new Set(streets.map((f: any) => `${f.properties.prefix} ${f.properties.name}`));
    assert.equal(labels.size, streets.length, 'street names are unique');
    const rows = pack.files['addresses.csv']
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    assert.ok(
      rows.every((r) => r.length === 6),
      'no stray commas',
    );
    for (const prefix of ['ul.', 'al.', 'pl.', 'os.'])
      assert.ok(
        rows.some((r) => r[1].startsWith(`${prefix} `)),
        prefix,
      );
    assert.ok(
      rows.every((r) => labels.has(r[1])),
      'every address is on a street of streets.geojson',
    );
    assert.ok(
      rows.some((r) => /^\d+[A-Z]$/.test(r[2])),
      '12A',
    );
    assert.ok(
      rows.some((r) => /^\d+\/\d+$/.test(r[2])),
      '5/7',
    );
    assert.ok(
      rows.every((r) => /^\d+([A-Z]|\/\d+)?$/.test(r[2])),
      'house numbers',
    );
    assert.ok(
      rows.every((r) => /^\d\d-\d{3}$/.test(r[3])),
      'postcodes',
    );
    assert.equal(new Set(rows.map((r) => r[0])).size, rows.length, 'unique address ids');
    const perStreet = new Map<string, string[]>();
    for (const r of rows) perStreet.set(r[1], [...(perStreet.get(r[1]) ?? []), r[2]]);
    for (const [street, numbers] of perStreet) assert.equal(new Set(numbers).size, numbers.length, `house numbers repeat on ${street}`);
  });

  it('tiles the city with valid districts that do not overlap and cover every address point', () => {
    const districts: Array<Feature<Polygon>> = JSON.parse(pack.files['districts.geojson']).features;
    for (const d of districts) {
      assert.ok(turf.booleanValid(d), `${d.properties!.name} is valid`);
      assert.equal(turf.kinks(d).features.length, 0, `${d.properties!.name} does not cross itself`);
    }
    const areas = districts.map((d) => turf.area(d));
    for (let i = 0; i < districts.length; i++) {
      for (let j = i + 1; j < districts.length; j++) {
        const overlap = turf.intersect(turf.featureCollection([districts[i], districts[j]]));
        const m2 = overlap ? turf.area(overlap) : 0;
        assert.ok(m2 < 1, `${districts[i].properties!.name} and ${districts[j].properties!.name} overlap by ${m2} m²`);
      }
    }
    // No gaps: the union is one polygon without holes whose area is the sum of the districts.
    const union = turf.union(turf.featureCollection(districts))!;
    assert.equal(union.geometry.type, 'Polygon');
    assert.equal((union.geometry as Polygon).coordinates.length, 1, 'no holes between districts');
    const sum = areas.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(turf.area(union) - sum) / sum < 1e-6);
    assert.ok(sum > 50e6 && sum < 500e6, `a city-sized area: ${Math.round(sum / 1e6)} km²`);
    const rows = pack.files['addresses.csv']
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    for (const r of rows) {
      const point = turf.point([Number(r[4]), Number(r[5])]);
      const inside = districts.filter((d) => turf.booleanPointInPolygon(point, d));
      assert.equal(inside.length, 1, `${r[1]} ${r[2]} lies in ${inside.length} districts`);
    }
  });

  it('passes the city importer’s own readers and JSON Schemas without a problem', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-demo-pack-'));
    try {
      writeDemoPack(dir, { addresses: 2000 });
      const problems = new ProblemList();
      const loaded = await loadPack(dir, {}, problems);
      assert.deepEqual(problems.list(), []);
      assert.equal(loaded!.districts.length, 12);
      assert.ok(
        loaded!.routing!.some((r) => r.areaGeometry),
        'routing areas are read',
      );
      assert.equal(loaded!.landmarks!.length, 25, 'landmarks are read');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts 25 landmarks and every unit office inside the city, on register addresses; bridges between the banks', () => {
    const landmarks = JSON.parse(pack.files['landmarks.geojson']).features;
    const units = JSON.parse(pack.files['units.json']);
    const districts: Array<Feature<Polygon>> = JSON.parse(pack.files['districts.geojson']).features;
    const addressIds = new Set(
      pack.files['addresses.csv']
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    );
    const districtOf = (p: [number, number]) => districts.find((d) => turf.booleanPointInPolygon(p, d))?.properties?.bank;
    assert.equal(landmarks.length, 25);
    assert.equal(new Set(landmarks.map((l: any) => l.properties.code)).size, 25);
    for (const l of landmarks) {
      assert.ok(l.properties.name && l.properties.name_en && l.properties.kind, l.properties.code);
      const point = l.geometry.type === 'Point' ? l.geometry.coordinates : turf.pointOnFeature(l).geometry.coordinates;
      assert.ok(districtOf(point), `${l.properties.code} is inside the city`);
      if (l.properties.address_id) assert.ok(addressIds.has(l.properties.address_id), `${l.properties.code}: ${l.properties.address_id}`);
    }
    assert.deepEqual(
      landmarks.filter((l: any) => l.properties.kind === 'bridge').map((l: any) => l.properties.code),
      ['most-solidarnosci', 'most-wolnosci'],
    );
    assert.ok(
      landmarks.some((l: any) => l.geometry.type === 'Polygon'),
      'the city park is an area',
    );
    for (const u of units) assert.ok(u.location && u.address && districtOf([u.location.long, u.location.lat]), `${u.code} has an office in the city`);
  });
});

describe('demo winter contracts', () => {
  it('are dated around the load time: last winter for the history, the current or next one for new reports', () => {
    assert.deepEqual(winterSeasons(new Date('2026-11-28T10:00:00Z')), [2025, 2026]);
    assert.deepEqual(winterSeasons(new Date('2027-02-10T10:00:00Z')), [2025, 2026]);
    assert.deepEqual(winterSeasons(new Date('2027-06-01T10:00:00Z')), [2026, 2027]);
    const rules = generateDemoPack({ now: new Date('2031-01-15T12:00:00Z') }).routing.filter((r) => r.unit === 'ZIMA');
    assert.deepEqual(
      rules.map((r) => [r.code, r.valid_from, r.valid_to]),
      [
        ['snow-winter-2029', '2029-11-01', '2030-04-01'],
        ['snow-winter-2030', '2030-11-01', '2031-04-01'],
      ],
    );
  });
});

describe('demo requests', function () {
  this.timeout(60_000);
  const now = new Date('2026-11-28T08:00:00Z');
  const pack = generateDemoPack({ addresses: 3000 });
  const history = generateDemoRequests(pack, { count: 4000, seed: 1, now });
  const { requests } = history;

  it('are the same for the same seed', () => {
    const again = generateDemoRequests(pack, { count: 4000, seed: 1, now });
    assert.equal(JSON.stringify(again), JSON.stringify(history));
  });

  it('spread over the past 12 months with seasons: snow in winter, grass in summer', () => {
    assert.equal(requests.length, 4000);
    const year = 365 * 24 * 3600_000;
    assert.ok(requests.every((r) => r.requestedAt.getTime() <= now.getTime() && r.requestedAt.getTime() >= now.getTime() - year));
    const months = new Set(requests.map((r) => r.requestedAt.toISOString().slice(0, 7)));
    assert.ok(months.size >= 12, `${months.size} months`);
    const monthOf = (code: string) => requests.filter((r) => r.serviceCode === code).map((r) => r.requestedAt.getUTCMonth());
    assert.ok(monthOf('snow').length > 50 && monthOf('snow').every((m) => [10, 11, 0, 1, 2].includes(m)));
    assert.ok(monthOf('grass').length > 50 && monthOf('grass').every((m) => m >= 3 && m <= 8));
    assert.equal(new Set(requests.map((r) => r.serviceCode)).size, pack.services.length, 'every service has requests');
  });

  it('have realistic statuses, channels, reporters and history', () => {
    const count = (f: (r: (typeof requests)[number]) => boolean) => requests.filter(f).length;
    const open = count((r) => r.status === 'open');
    assert.ok(open > 100 && open < 2000, `${open} open`);
    for (const r of requests) {
      if (r.status === 'closed') assert.ok(r.closedAt && r.closedAt > r.requestedAt && r.closedAt <= now);
      else assert.equal(r.closedAt, null);
      assert.equal(r.events[0].kind, 'created');
      assert.ok(
        r.events.every((e, i) => i === 0 || e.at >= r.events[i - 1].at),
        'events in time order',
      );
      const last = r.events.filter((e) => e.kind === 'status').pop();
      if (last) assert.equal(last.detailedStatus, r.detailedStatus);
    }
    for (const s of ['fixed', 'no_further_action', 'not_responsible', 'duplicate', 'acknowledged', 'in_progress', 'referred_external'])
      assert.ok(count((r) => r.detailedStatus === s) > 0, s);
    const channels = new Map<string, number>();
    for (const r of requests) channels.set(r.channel, (channels.get(r.channel) ?? 0) + 1);
    const ranked = [...channels].sort((a, b) => b[1] - a[1]);
    assert.equal(ranked[0][0], 'phone');
    assert.ok(channels.size >= 6);
    assert.ok(count((r) => r.reporters.length >= 3) > 50, 'hot spots gather several reporters');
    assert.ok(count((r) => r.events.some((e) => e.public && e.note)) > 1000, 'public notes');
    assert.ok(history.people.length > 1000);
  });

  it('merge duplicates into an earlier open request of the same service nearby', () => {
    const duplicates = requests.filter((r) => r.duplicateOf !== null);
    assert.ok(duplicates.length > 20);
    for (const d of duplicates) {
      const survivor = requests[d.duplicateOf!];
      assert.equal(d.detailedStatus, 'duplicate');
      assert.equal(survivor.serviceCode, d.serviceCode);
      assert.ok(survivor.requestedAt <= d.requestedAt);
      assert.ok(turf.distance(survivor.point, d.point, { units: 'meters' }) < 500);
      assert.ok(
        survivor.reporters.some((p) => p.originalRequest === requests.indexOf(d)),
        'the reporter moved to the survivor',
      );
    }
  });
});
