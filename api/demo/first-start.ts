/**
 * First start (issue #2, items 5 and 6): `npm start` on an empty database loads the demo city, so
 * every page has something to show, and prints how to log in. The demo API key exists only as a
 * hash afterwards, so this announcement is the one time it is shown.
 *
 * Only in demo mode (`kontakt serve --demo`, which `npm start` runs, or KONTAKT_DEMO=true; issue
 * #11): the demo's staff passwords are published, so a plain `kontakt serve` creates no accounts.
 */
import type { Config } from '../config';
import type { Database } from '../db/engine';
import type { Logger } from '../log';
import { loadDemo, DemoLoadResult, DemoLoadOptions } from './load';

/** Loads the demo when no jurisdiction exists; returns the announcement to print, else undefined. */
export async function loadDemoIfEmpty(db: Database, config: Config, log: Logger, options: DemoLoadOptions = {}): Promise<string | undefined> {
  if (await hasJurisdiction(db)) return undefined;
  log.info('demo mode (kontakt serve --demo / KONTAKT_DEMO=true) and an empty database: loading the demo city');
  let result: DemoLoadResult;
  try {
    result = await loadDemo(db, { ...options, log: (line) => log.info(line) });
  } catch (err) {
    // A broken demo must not keep a real installation from starting: say so and serve an empty
    // database (loadDemo has removed its half-written jurisdiction, so the next start retries).
    log.error({ err }, 'the demo city could not be loaded; starting with an empty database');
    return undefined;
  }
  log.info({ counts: result.counts, ms: result.ms }, 'demo city loaded');
  return demoAnnouncement(result, config.publicUrl);
}

export async function hasJurisdiction(db: Database): Promise<boolean> {
  return (await db.knex('jurisdictions').first('id')) !== undefined;
}

export function demoAnnouncement(result: DemoLoadResult, publicUrl: string): string {
  const width = Math.max(...result.logins.map((l) => l.email.length));
  const { counts } = result;
  return [
    '',
    '================================================================================',
    ` Kontakt: demo city Nadwiślin loaded (${result.jurisdictionId}), fictional data`,
    ` ${counts.districts} districts, ${counts.units} units, ${counts.services} services, ${counts.addresses} addresses, ${counts.requests} requests`,
    '',
    ` Public pages:   ${publicUrl}/`,
    ` Staff console:  ${publicUrl}/console`,
    ` Unit inbox:     ${publicUrl}/unit   (second line: questions forwarded to a unit)`,
    ` Open311 API:    ${publicUrl}/open311/v2/discovery.json`,
    '',
    ' Demo staff logins (e-mail / password):',
    ...result.logins.map((l) => `   ${l.role.padEnd(10)}  ${l.email.padEnd(width)}  ${l.password}`),
    '',
    ` Demo API key:   ${result.apiKey}`,
    '   (shown only now: it is stored as a hash; create another with `kontakt apikey create`)',
    '',
    ' The demo is for trying Kontakt out: its passwords are public. For a real city run',
    ' `kontakt serve` without --demo on an empty database (no demo accounts are made),',
    ' import your city (kontakt city import <dir>) and add staff with `kontakt user add`.',
    '================================================================================',
    '',
  ].join('\n');
}
