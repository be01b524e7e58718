/**
 * `importCityPack`: turns a city pack (docs/city-pack.md) into the city model, in one transaction
 * (issue #2, item 4). Phase one reads and checks every file without the database and collects
 * every problem; phase two writes inside `knex.transaction`, streaming the addresses. Any problem
 * in either phase throws a CityImportError and rolls everything back; `dryRun` rolls back a
 * successful run too, so it reports what an import would change without changing anything.
 */
import fs from 'node:fs';
import type { Database } from '../db/engine';
import { loadPack, LoadedPack } from './load-pack';
import { CityImportError, ImportProblem, ProblemList } from './problems';
import { addressFile, readAddressBatches } from './read-addresses';
import { writeBoundary, writeJurisdiction } from './write-jurisdiction';
import { overlapWarning, writeDistricts } from './write-districts';
import { writeRouting, writeServices, writeUnits } from './write-directory';
import { deleteStaleAddresses, StreetDirectory, writeAddressBatch } from './write-addresses';
import { emptyCount, Counts } from './write-support';
import { writeLandmarks } from './write-landmarks';

export { CityImportError } from './problems';
export type { ImportProblem } from './problems';

export interface ImportOptions {
  /** CRS of files that declare none (shapefile without .prj, CSV x/y); default EPSG:4326 for GeoJSON and CSV. */
  srid?: number;
  /** Leave out district features whose property `key` equals `value` (adds to city.json districts.exclude). */
  exclude?: Array<{ key: string; value: string }>;
  /** Validate and report without writing anything. */
  dryRun?: boolean;
  /** The moment new district versions start and old ones end; default: now. */
  now?: Date;
  log?: (line: string) => void;
  /** Addresses per INSERT; default 5,000. */
  batchSize?: number;
}

export interface ImportReport {
  jurisdictionId: string;
  dryRun: boolean;
  /** Whether anything was (or, in a dry run, would be) written. */
  changed: boolean;
  counts: Record<string, { inserted: number; updated: number; unchanged: number; closed?: number }>;
  /** Geometries that were invalid and repaired (ST_MakeValid). */
  repaired: ImportProblem[];
  warnings: ImportProblem[];
}

class DryRunRollback extends Error {}

const changedAny = (counts: Counts) => Object.values(counts).some((c) => c.inserted + c.updated + (c.closed ?? 0) > 0);

export async function importCityPack(db: Database, dir: string, options: ImportOptions = {}): Promise<ImportReport> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? new Date();
  const problems = new ProblemList();
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new CityImportError([{ file: dir, reason: 'is not a folder; a city pack is a folder of files (docs/city-pack.md)' }]);
  const pack = await loadPack(dir, { srid: options.srid, exclude: options.exclude, log }, problems);
  if (!pack) {
    // Read the address rows too, so one run lists the problems of every file.
    if (!problems.has('addresses.csv') && !problems.has('addresses.geojson')) {
      for await (const _batch of readAddressBatches(dir, { srid: options.srid }, problems)) {
        /* rows are only checked */
      }
    }
    throw new CityImportError(problems.list());
  }
  const report: ImportReport = {
    jurisdictionId: pack.city.id,
    dryRun: Boolean(options.dryRun),
    changed: false,
    counts: {},
    repaired: [],
    warnings: [...pack.warnings],
  };
  try {
    await db.knex.transaction(async (trx) => {
      await write(trx, pack, options, now, report, problems, log);
      if (problems.size) throw new CityImportError(problems.list());
      report.changed = changedAny(report.counts as Counts);
      if (report.changed) {
        await trx('audit_log').insert({
          jurisdiction_id: pack.city.id,
          actor_kind: 'cli',
          action: 'city.import',
          entity: 'jurisdictions',
          entity_id: pack.city.id,
          data: JSON.stringify({ counts: report.counts, repaired: report.repaired.length }),
        });
      }
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  log(`${report.dryRun ? 'dry run: nothing written; ' : ''}${report.changed ? 'changes' : 'no changes'} for ${report.jurisdictionId}`);
  return report;
}

async function write(
  trx: Parameters<Parameters<Database['knex']['transaction']>[0]>[0],
  pack: LoadedPack,
  options: ImportOptions,
  now: Date,
  report: ImportReport,
  problems: ProblemList,
  log: (line: string) => void,
): Promise<void> {
  const id = pack.city.id;
  const counts = report.counts as Counts;
  counts.jurisdiction = emptyCount();
  await writeJurisdiction(trx, pack.city, counts.jurisdiction);

  counts.districts = emptyCount(true);
  const districts = await writeDistricts(trx, id, pack.districtsFile, pack.districts, now, counts.districts);
  report.repaired.push(...districts.repaired);
  for (const p of districts.problems) problems.add(p.file, p.location, p.reason);
  const boundary = await writeBoundary(trx, id, districts.changed, pack.boundary?.geometries);
  if (boundary.changed && !districts.changed) counts.jurisdiction.updated++;
  if (boundary.changed)
    log(
      `boundary: ${boundary.source === 'file' ? `from ${pack.boundary!.file}` : `built from the districts${boundary.holesClosed ? `, ${boundary.holesClosed} small hole(s) closed` : ''}`}`,
    );
  if (problems.size === 0) {
    const overlap = await overlapWarning(trx, id, pack.districtsFile, Boolean(pack.city.districts?.priority_property));
    if (overlap) {
      report.warnings.push(overlap);
      log(`warning: ${overlap.reason}`);
    }
  }
  log(`districts: ${describe(counts.districts)}${report.repaired.length ? `; repaired ${report.repaired.length}` : ''}`);

  if (pack.units) {
    counts.units = emptyCount(true);
    await writeUnits(trx, id, pack.units, counts.units);
    log(`units: ${describe(counts.units)}`);
  }
  if (pack.services) {
    counts.services = emptyCount(true);
    counts.service_attributes = emptyCount(true);
    await writeServices(trx, id, pack.services, counts.services, counts.service_attributes);
    log(`services: ${describe(counts.services)}; attributes: ${describe(counts.service_attributes)}`);
  }
  if (pack.routing) {
    counts.routing_rules = emptyCount(true);
    for (const p of await writeRouting(trx, id, pack.routing, now, counts.routing_rules)) problems.add(p.file, p.location, p.reason);
    log(`routing rules: ${describe(counts.routing_rules)}`);
  }

  counts.streets = emptyCount();
  const streets = new StreetDirectory(trx, id, counts.streets);
  await streets.load();
  if (pack.streets) await streets.writeLines(pack.streets);
  counts.addresses = emptyCount();
  let rows = 0;
  // The next batch is parsed while the database writes the current one (reading is ~10 % of the time).
  const batches = readAddressBatches(pack.dir, { srid: options.srid, batchSize: options.batchSize }, problems);
  let next = batches.next();
  try {
    for (;;) {
      const { done, value: batch } = await next;
      if (done) break;
      next = batches.next();
      // Once a row is bad the import will roll back: keep reading to list every problem, stop writing.
      if (problems.size === 0) await writeAddressBatch(trx, id, streets, batch, counts.addresses);
      rows += batch.length;
      if (rows % 100000 < batch.length) log(`addresses: ${rows} read`);
    }
  } finally {
    // When writing failed, the batch being read ahead is dropped (and its error, if any, with it).
    next.catch(() => undefined);
    await batches.return(undefined);
  }
  if (problems.size === 0 && addressFile(pack.dir)) {
    const c = counts.addresses;
    const stored = (await trx.raw(`SELECT count(*)::int AS n FROM addresses WHERE jurisdiction_id = ?`, [id])).rows[0].n as number;
    if (stored > c.inserted + c.updated + c.unchanged) {
      c.closed = await deleteStaleAddresses(trx, id, readAddressBatches(pack.dir, { srid: options.srid, batchSize: options.batchSize }, new ProblemList()));
    }
  }
  streets.finish();
  log(`streets: ${describe(counts.streets)}; addresses: ${describe(counts.addresses)}`);

  // After the addresses: a landmark may name an address point of the register.
  if (pack.landmarks && problems.size === 0) {
    counts.landmarks = emptyCount(true);
    for (const p of await writeLandmarks(trx, id, pack.landmarks, counts.landmarks)) problems.add(p.file, p.location, p.reason);
    log(`landmarks: ${describe(counts.landmarks)}`);
  }
}

const describe = (c: { inserted: number; updated: number; unchanged: number; closed?: number }) =>
  `${c.inserted} new, ${c.updated} changed, ${c.unchanged} unchanged${c.closed ? `, ${c.closed} closed` : ''}`;
