/**
 * Streams the address register of a city pack (addresses.csv or addresses.geojson) in batches,
 * reprojected to EPSG:4326. Only one batch is in memory at a time, so a register of millions of
 * points imports in constant memory (issue #2: "a 2 GB file must not be loaded whole").
 */
import fs from 'node:fs';
import path from 'node:path';
import { crsOfGeoJSON, positionProblem, projector, readCsv, readGeoJSONFeatures, CsvError, GeoJSONReadError, UnknownCrsError } from '../../gis';
import type { ProblemList } from './problems';

export interface AddressRow {
  sourceId: string;
  street: string;
  number: string;
  postcode: string | null;
  place: string | null;
  lon: number;
  lat: number;
}

export const ADDRESS_COLUMNS = ['id', 'street', 'number', 'postcode', 'x', 'y'] as const;
const OPTIONAL_COLUMNS = new Set(['postcode', 'place']);
const KNOWN_COLUMNS = new Set<string>([...ADDRESS_COLUMNS, 'place']);

export const addressFile = (dir: string) => ['addresses.csv', 'addresses.geojson'].find((n) => fs.existsSync(path.join(dir, n)));

// 1e-7 degrees is about 1 cm: enough for an address point, and it keeps re-imports byte-identical.
const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

interface RowSink {
  row(line: string, values: { id?: unknown; street?: unknown; number?: unknown; postcode?: unknown; place?: unknown; x: unknown; y: unknown }): void;
}

function makeSink(file: string, srid: number, problems: ProblemList, out: AddressRow[], seenInBatch: Map<string, string>): RowSink {
  const project = projector(srid, 4326);
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
  return {
    row(location, v) {
      const sourceId = text(v.id);
      const street = text(v.street);
      const number = text(v.number);
      const x = typeof v.x === 'number' ? v.x : Number(text(v.x).replace(',', '.'));
      const y = typeof v.y === 'number' ? v.y : Number(text(v.y).replace(',', '.'));
      const missing = [!sourceId && 'id', !street && 'street', !number && 'number'].filter(Boolean);
      if (missing.length) return problems.add(file, location, `${missing.join(', ')} missing`);
      if (text(v.x) === '' || text(v.y) === '' || !Number.isFinite(x) || !Number.isFinite(y))
        return problems.add(file, location, `coordinates ${JSON.stringify(text(v.x))}, ${JSON.stringify(text(v.y))} are not numbers`);
      const rangeProblem = positionProblem([x, y], srid);
      if (rangeProblem) return problems.add(file, location, rangeProblem);
      const earlier = seenInBatch.get(sourceId);
      if (earlier) return problems.add(file, location, `id ${JSON.stringify(sourceId)} appears twice (also ${earlier})`);
      seenInBatch.set(sourceId, location);
      const [lon, lat] = srid === 4326 ? [x, y] : project([x, y]);
      out.push({ sourceId, street, number, postcode: text(v.postcode) || null, place: text(v.place) || null, lon: round7(lon), lat: round7(lat) });
    },
  };
}

/**
 * Checks the CSV header without reading further; returns whether it is usable. Wrong headers are
 * found before anything is written, so the import fails fast on them.
 */
export async function checkAddressHeader(dir: string, problems: ProblemList): Promise<boolean> {
  const file = addressFile(dir);
  if (file !== 'addresses.csv') return true;
  const full = path.join(dir, file);
  if (fs.statSync(full).size === 0) {
    problems.add(file, undefined, 'the file is empty');
    return false;
  }
  try {
    for await (const record of readCsv(full)) return headerProblems(file, record.fields, problems);
  } catch (err) {
    if (err instanceof CsvError) problems.add(file, `line ${err.line}`, err.message.replace(/^line \d+: /, ''));
    else problems.add(file, undefined, `cannot be read: ${(err as Error).message}`);
    return false;
  }
  problems.add(file, undefined, 'the file is empty');
  return false;
}

function headerProblems(file: string, header: string[], problems: ProblemList): boolean {
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = ADDRESS_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c) && !names.includes(c));
  const unknown = names.filter((n) => !KNOWN_COLUMNS.has(n));
  const doubled = names.filter((n, i) => names.indexOf(n) !== i);
  if (missing.length || unknown.length || doubled.length) {
    const parts = [
      missing.length && `missing column(s) ${missing.join(', ')}`,
      unknown.length && `unknown column(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}`,
      doubled.length && `repeated column(s) ${doubled.join(', ')}`,
    ].filter(Boolean);
    problems.add(file, 'line 1', `wrong header: ${parts.join('; ')}. Expected: ${ADDRESS_COLUMNS.join(',')} (optional: place)`);
    return false;
  }
  return true;
}

/**
 * Yields valid address rows in batches of `batchSize`; each bad row becomes a problem and is left
 * out. The caller decides what problems mean (the importer rolls back).
 */
export async function* readAddressBatches(dir: string, options: { srid?: number; batchSize?: number }, problems: ProblemList): AsyncGenerator<AddressRow[]> {
  const file = addressFile(dir);
  if (!file) return;
  const full = path.join(dir, file);
  const batchSize = options.batchSize ?? 5000;
  let batch: AddressRow[] = [];
  let seen = new Map<string, string>();
  const next = () => {
    const done = batch;
    batch = [];
    seen = new Map();
    return done;
  };
  try {
    if (file === 'addresses.csv') {
      let columns: string[] | undefined;
      const srid = options.srid ?? 4326;
      let sink: RowSink | undefined;
      for await (const record of readCsv(full)) {
        if (!columns) {
          if (!headerProblems(file, record.fields, problems)) return;
          columns = record.fields.map((h) => h.trim().toLowerCase());
          sink = makeSink(file, srid, problems, batch, seen);
          continue;
        }
        const location = `line ${record.line}`;
        if (record.fields.length !== columns.length) {
          problems.add(file, location, `has ${record.fields.length} fields; the header has ${columns.length}`);
          continue;
        }
        const values: Record<string, string> = {};
        columns.forEach((c, i) => (values[c] = record.fields[i]));
        sink!.row(location, values as never);
        if (batch.length >= batchSize) {
          yield next();
          sink = makeSink(file, srid, problems, batch, seen);
        }
      }
      if (!columns) problems.add(file, undefined, 'the file is empty');
    } else {
      if (fs.statSync(full).size === 0) return problems.add(file, undefined, 'the file is empty');
      let srid = options.srid ?? 4326;
      let sink = makeSink(file, srid, problems, batch, seen);
      let count = 0;
      for await (const event of readGeoJSONFeatures(full)) {
        if (event.kind === 'member' && event.key === 'crs') {
          if (count > 0) throw new UnknownCrsError('the "crs" member comes after the features; put it before "features"');
          const declared = crsOfGeoJSON(event.value);
          srid = declared ?? srid;
          sink = makeSink(file, srid, problems, batch, seen);
        }
        if (event.kind !== 'feature') continue;
        count++;
        const location = `feature ${event.index}`;
        const g = event.feature?.geometry;
        if (!g || g.type !== 'Point' || !Array.isArray(g.coordinates)) {
          problems.add(file, location, `is a ${g ? g.type : 'feature without geometry'}; expected a Point`);
          continue;
        }
        const p = (event.feature.properties ?? {}) as Record<string, unknown>;
        sink.row(location, { id: p.id, street: p.street, number: p.number, postcode: p.postcode, place: p.place, x: g.coordinates[0], y: g.coordinates[1] });
        if (batch.length >= batchSize) {
          yield next();
          sink = makeSink(file, srid, problems, batch, seen);
        }
      }
    }
  } catch (err) {
    if (err instanceof CsvError) problems.add(file, `line ${err.line}`, err.message.replace(/^line \d+: /, ''));
    else if (err instanceof GeoJSONReadError) problems.add(file, err.location, err.message.replace(`${err.location}: `, ''));
    else if (err instanceof UnknownCrsError) problems.add(file, undefined, err.message);
    else throw err;
    return;
  }
  if (batch.length) yield next();
}
