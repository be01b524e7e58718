/** `kontakt city import <dir>`: import a city pack (docs/city-pack.md). Problems go to stderr, one per line. */
import type { Command } from '../command';
import { UsageError } from '../command';
import { parse } from '../args';
import { withDatabase } from '../database';
import { importCityPack, CityImportError, ImportReport } from '../../city/import';
import { formatProblem, problemHeader } from '../../city/problems';
import { SUPPORTED_SRIDS } from '../../../gis';

function summary(report: ImportReport): string {
  const lines = Object.entries(report.counts).map(
    ([what, c]) =>
      `  ${what.padEnd(18)} ${String(c.inserted).padStart(8)} new ${String(c.updated).padStart(8)} changed ${String(c.unchanged).padStart(8)} unchanged${c.closed ? ` ${String(c.closed).padStart(6)} closed` : ''}`,
  );
  return [
    `${report.dryRun ? 'Dry run (nothing written): ' : ''}${report.jurisdictionId}: ${report.changed ? (report.dryRun ? 'would change' : 'changed') : 'nothing to change'}`,
    ...lines,
    ...report.repaired.map((p) => `repaired: ${formatProblem(p)}`),
    ...report.warnings.map((p) => `warning: ${formatProblem(p)}`),
    '',
  ].join('\n');
}

export const cityImportCommand: Command = {
  words: ['city', 'import'],
  summary: 'import a city pack (city.json, districts, units, services, routing, addresses) in one transaction',
  usage: `kontakt city import <dir> [--srid N] [--exclude KEY=VALUE ...] [--dry-run]\n  --srid N        CRS of files that declare none (EPSG code: ${SUPPORTED_SRIDS.join(', ')})\n  --exclude K=V   leave out district features whose property K equals V (repeatable)\n  --dry-run       check everything and report what would change, write nothing`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      { srid: { type: 'string' }, exclude: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' } },
      true,
    );
    if (positionals.length !== 1) throw new UsageError('give exactly one pack folder');
    let srid: number | undefined;
    if (values.srid !== undefined) {
      srid = Number(values.srid.replace(/^EPSG:/i, ''));
      if (!SUPPORTED_SRIDS.includes(srid)) throw new UsageError(`--srid ${values.srid} is not supported; use one of ${SUPPORTED_SRIDS.join(', ')}`);
    }
    const exclude = (values.exclude ?? []).map((e) => {
      const at = e.indexOf('=');
      if (at <= 0) throw new UsageError(`--exclude ${e}: expected KEY=VALUE, e.g. name=Warszawa`);
      return { key: e.slice(0, at), value: e.slice(at + 1) };
    });
    try {
      const report = await withDatabase(ctx.config(), (db) =>
        importCityPack(db, positionals[0], { srid, exclude, dryRun: values['dry-run'], log: (line) => ctx.stderr(`${line}\n`) }),
      );
      ctx.stdout(summary(report));
      return 0;
    } catch (err) {
      if (!(err instanceof CityImportError)) throw err;
      ctx.stderr(
        `kontakt city import: ${problemHeader(err.count, err.problems.length - err.problems.filter((p) => 'omitted' in p).length).replace('the city pack has ', '')} in ${positionals[0]}; nothing was imported:\n`,
      );
      for (const p of err.problems) ctx.stderr(`${formatProblem(p)}\n`);
      return 1;
    }
  },
};
