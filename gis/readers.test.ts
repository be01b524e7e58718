import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCsv, readGeoJSONFeatures, readShapefile, shapefileSrid, CsvError, GeoJSONReadError, UnknownCrsError, GeoJSONEvent } from '.';
import { writeShapefile, PRJ_2180 } from '../api/city/fixtures/write-shapefile';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-gis-'));
const file = (name: string, content: string | Buffer) => {
  const full = path.join(tmp, name);
  fs.writeFileSync(full, content);
  return full;
};
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('gis: streaming readers', () => {
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reads CSV with quotes, doubled quotes, embedded line breaks and CRLF, across tiny chunks', async () => {
    const csv = file('a.csv', 'id,street,note\r\n1,"ul. ""Pod Wiatą""","line one\r\nline two"\r\n\r\n2,al. Róż,\r\n3,"a,b",x');
    for (const highWaterMark of [3, 7, 64 * 1024]) {
      const records = await all(readCsv(csv, { highWaterMark }));
      assert.deepEqual(
        records,
        [
          { line: 1, fields: ['id', 'street', 'note'] },
          { line: 2, fields: ['1', 'ul. "Pod Wiatą"', 'line one\r\nline two'] },
          { line: 5, fields: ['2', 'al. Róż', ''] },
          { line: 6, fields: ['3', 'a,b', 'x'] },
        ],
        `highWaterMark ${highWaterMark}`,
      );
    }
  });

  it('reads UTF-16LE tab-separated text with a byte-order mark (the 19115 exports)', async () => {
    const text = 'Numer\tDzielnica\tUlica\r\n1/14\tPraga-Południe\t"Grochowska ""Duża"""\r\n';
    const tsv = file('b.tsv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    for (const highWaterMark of [5, 1024]) {
      const records = await all(readCsv(tsv, { delimiter: '\t', highWaterMark }));
      assert.deepEqual(
        records.map((r) => r.fields),
        [
          ['Numer', 'Dzielnica', 'Ulica'],
          ['1/14', 'Praga-Południe', 'Grochowska "Duża"'],
        ],
      );
    }
  });

  it('stops at a runaway field instead of filling memory', async () => {
    const big = file('c.csv', 'id,street\n1,' + 'x'.repeat(100_000) + '\n');
    await assert.rejects(
      all(readCsv(big, { maxFieldLength: 1000 })),
      (e: Error) => e instanceof CsvError && e.line === 2 && /longer than 1000 characters/.test(e.message),
    );
    const open = file('d.csv', 'id,street\n1,"never closed\n');
    await assert.rejects(all(readCsv(open)), /quoted field is not closed/);
  });

  it('streams GeoJSON features one by one, with the crs member and tricky strings', async () => {
    const doc = JSON.stringify(
      {
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'EPSG:2180' } },
        name: 'x}],{"',
        features: [
          { type: 'Feature', properties: { name: 'a "quoted" {brace} [bracket] \\ back' }, geometry: { type: 'Point', coordinates: [1, 2] } },
          { type: 'Feature', properties: { name: 'Żoliborz' }, geometry: null },
        ],
        bbox: [0, 0, 1, 1],
      },
      null,
      1,
    );
    for (const highWaterMark of [1, 13, 64 * 1024]) {
      const events = await all(readGeoJSONFeatures(file('e.geojson', doc), { highWaterMark }));
      const members = events.filter((e): e is Extract<GeoJSONEvent, { kind: 'member' }> => e.kind === 'member');
      const features = events.filter((e): e is Extract<GeoJSONEvent, { kind: 'feature' }> => e.kind === 'feature');
      assert.deepEqual(
        members.map((m) => m.key),
        ['type', 'crs', 'name', 'bbox'],
      );
      assert.deepEqual(members[1].value, { type: 'name', properties: { name: 'EPSG:2180' } });
      assert.equal(members[2].value, 'x}],{"');
      assert.deepEqual(
        features.map((f) => [f.index, f.feature.properties?.name]),
        [
          [1, 'a "quoted" {brace} [bracket] \\ back'],
          [2, 'Żoliborz'],
        ],
      );
    }
  });

  it('says where a GeoJSON file is broken', async () => {
    const fail = (content: string, pattern: RegExp) =>
      assert.rejects(all(readGeoJSONFeatures(file('f.geojson', content))), (e: Error) => e instanceof GeoJSONReadError && pattern.test(e.message));
    await fail('', /the file is empty/);
    await fail('{"type":"FeatureCollection","features":[{"type":"Feature"},{"type":"Feat', /ends inside feature 2/);
    await fail('{"type":"FeatureCollection","features":[{"type":"Feature",}]}', /feature 1: is not valid JSON/);
    await fail('{"type":"MultiPolygon","coordinates":[]}', /"type" is "MultiPolygon"; expected "FeatureCollection"/);
    await fail('[1,2]', /not a GeoJSON object/);
    await fail('{"type":"FeatureCollection","features":[1]}', /feature 1: is not a JSON object/);
  });

  it('reads a shapefile and its .prj; without a .prj it needs --srid', async () => {
    const base = path.join(tmp, 'districts');
    const square = (x: number, y: number) => ({
      type: 'Polygon' as const,
      coordinates: [
        [
          [x, y],
          [x + 1000, y],
          [x + 1000, y + 1000],
          [x, y + 1000],
          [x, y],
        ],
      ],
    });
    writeShapefile(
      base,
      [
        { properties: { code: 'a', name: 'Śródmieście' }, geometry: square(637000, 486000) },
        { properties: { code: 'b', name: 'Wola' }, geometry: square(635000, 486000) },
      ],
      PRJ_2180,
    );
    assert.equal(shapefileSrid(`${base}.shp`), 2180);
    const features = await all(readShapefile(`${base}.shp`));
    assert.deepEqual(
      features.map((f) => [f.index, f.feature.properties?.name, f.feature.geometry.type]),
      [
        [1, 'Śródmieście', 'Polygon'],
        [2, 'Wola', 'Polygon'],
      ],
    );
    assert.deepEqual((features[0].feature.geometry as { coordinates: number[][][] }).coordinates[0].length, 5);
    fs.rmSync(`${base}.prj`);
    assert.throws(
      () => shapefileSrid(`${base}.shp`),
      (e: Error) => e instanceof UnknownCrsError && /districts.prj is missing.*--srid/.test(e.message),
    );
    assert.equal(shapefileSrid(`${base}.shp`, 2180), 2180);
  });
});
