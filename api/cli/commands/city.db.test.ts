import assert from 'node:assert/strict';
import { captureIo } from '../../../test/cli-env';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../main';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/engine';

const FIXTURE = path.join(__dirname, '..', '..', 'city', 'fixtures', 'small-city');

describe('kontakt city import', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-cli-city-'));
  const schema = `t_cli_city_${crypto.randomBytes(3).toString('hex')}`;
  // The command opens the database the server would use: here a fresh schema (server) or data folder (embedded).
  const config = () => loadConfig({ DATABASE_URL: process.env.DATABASE_URL, KONTAKT_DATA_DIR: dataDir, KONTAKT_DB_SCHEMA: schema });

  after(async () => {
    if (process.env.DATABASE_URL) {
      const db = await openDatabase({ engine: 'server', databaseUrl: process.env.DATABASE_URL, schema: 'public', poolMax: 1 });
      await db.knex.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses bad options before touching the database', async () => {
    const noDb = () => {
      throw new Error('the database must not be opened');
    };
    let c = captureIo();
    assert.equal(await main(['city', 'import', FIXTURE, '--srid', '31467'], { ...c.io, config: noDb }), 2);
    assert.match(c.err.join(''), /--srid 31467 is not supported; use one of 4326, 3857, 2180/);
    c = captureIo();
    assert.equal(await main(['city', 'import', FIXTURE, '--exclude', 'Warszawa'], { ...c.io, config: noDb }), 2);
    assert.match(c.err.join(''), /expected KEY=VALUE/);
    c = captureIo();
    assert.equal(await main(['city', 'import'], { ...c.io, config: noDb }), 2);
    assert.match(c.err.join(''), /give exactly one pack folder/);
  });

  it('prints each problem on its own line and exits 1; then imports a good pack with a summary', async function () {
    // Each run opens the database like the real command; on the embedded engine that is a cold PGlite start.
    this.timeout(300_000);
    const bad = path.join(dataDir, 'bad-pack');
    fs.cpSync(FIXTURE, bad, { recursive: true });
    const services = JSON.parse(fs.readFileSync(path.join(bad, 'services.json'), 'utf8'));
    fs.writeFileSync(path.join(bad, 'services.json'), JSON.stringify([...services, services[0]]));
    fs.writeFileSync(path.join(bad, 'addresses.csv'), 'id;street;number\n');
    let c = captureIo();
    assert.equal(await main(['city', 'import', bad], { ...c.io, config }), 1);
    const lines = c.err.join('').split('\n');
    assert.ok(lines.includes('services.json ($[3].code): duplicate service code "pothole" (first at $[0])'), lines.join('\n'));
    assert.ok(
      lines.some((l) => /^addresses\.csv \(line 1\): wrong header/.test(l)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => /2 problem\(s\) in .*bad-pack; nothing was imported/.test(l)),
      lines.join('\n'),
    );
    assert.equal(c.out.join(''), '');

    c = captureIo();
    assert.equal(await main(['city', 'import', FIXTURE, '--exclude', 'name=Nowy Dwór', '--dry-run'], { ...c.io, config }), 0);
    const out = c.out.join('');
    assert.match(out, /^Dry run \(nothing written\): testowo\.pl: would change/);
    assert.match(out, /districts\s+2 new\s+0 changed\s+0 unchanged/);
    assert.match(out, /addresses\s+20 new/);
  });
});
