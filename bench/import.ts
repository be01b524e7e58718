/**
 * City-pack import of a large address register (issue #2, "Performance"): generates a pack with
 * ADDRESSES points (default 1,000,000 on the server engine, 200,000 embedded) deterministically
 * into a temp folder, imports it, imports it again (nothing changes), and prints rows/s and memory.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bin/run-ts.js bench/import.ts
 *   ADDRESSES=100000 node bin/run-ts.js bench/import.ts           # embedded
 *
 * Measured 2026-11-28 on the shared 2026 CI-class box while other jobs ran (load average 10-20):
 *   server,   1,000,000 addresses (58 MB): first import 137-164 s (6,100-7,300/s), unchanged re-import
 *             21-41 s (24,000-47,000/s), peak RSS 202-229 MB (constant: batches of 5,000).
 *   embedded,   200,000 addresses (11 MB): first import 191 s (1,050/s), unchanged 65 s (3,100/s);
 *             RSS 1.5 GB is the in-memory PGlite database itself, not the reader.
 * Where the time goes: see the EXPLAIN note in api/city/write-addresses.ts (index maintenance and the
 * jurisdiction foreign-key check per row); reading and reprojecting the CSV is ~10 % (2.2 s per 200k).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDatabase, printTable, seeded, time } from './lib';
import { importCityPack } from '../api/city/import';

const engine = process.env.DATABASE_URL ? 'server' : 'embedded';
const COUNT = Number(process.env.ADDRESSES ?? (engine === 'server' ? 1_000_000 : 200_000));
const PREFIXES = ['ul.', 'ul.', 'ul.', 'ul.', 'al.', 'pl.', 'os.', 'rondo'];
const SYLLABLES = [
  'Ma',
  'rsz',
  'ał',
  'kow',
  'ska',
  'Gro',
  'cho',
  'wska',
  'Ró',
  'ży',
  'Wi',
  'lcza',
  'Kró',
  'lew',
  'Pu',
  'ław',
  'ska',
  'Ze',
  'nit',
  'Ło',
  'dzka',
];

function writePack(dir: string, count: number): void {
  const random = seeded(2026);
  fs.writeFileSync(path.join(dir, 'city.json'), JSON.stringify({ id: 'bench.pl', name: 'Benchowo', local_srid: 2180 }));
  // A 4 x 4 grid of districts over Warsaw's extent.
  const features = [];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const [w, s] = [20.85 + i * 0.09, 52.1 + j * 0.06];
      features.push({
        type: 'Feature',
        properties: { code: `d${i}${j}`, name: `Dzielnica ${i}${j}` },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [w, s],
              [w + 0.09, s],
              [w + 0.09, s + 0.06],
              [w, s + 0.06],
              [w, s],
            ],
          ],
        },
      });
    }
  }
  fs.writeFileSync(path.join(dir, 'districts.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
  const streets = Array.from({ length: Math.max(50, Math.round(count / 300)) }, (_, k) => {
    const name = Array.from({ length: 2 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
    return `${PREFIXES[k % PREFIXES.length]} ${name} ${k}`;
  });
  const out = fs.openSync(path.join(dir, 'addresses.csv'), 'w');
  let buffer = 'id,street,number,postcode,x,y\n';
  for (let n = 1; n <= count; n++) {
    const street = streets[Math.floor(random() * streets.length)];
    const lon = (20.86 + random() * 0.34).toFixed(6);
    const lat = (52.11 + random() * 0.22).toFixed(6);
    buffer += `A-${n},${street},${1 + Math.floor(random() * 200)}${random() < 0.1 ? 'A' : ''},0${Math.floor(random() * 5)}-${String(Math.floor(random() * 1000)).padStart(3, '0')},${lon},${lat}\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(out, buffer);
      buffer = '';
    }
  }
  fs.writeSync(out, buffer);
  fs.closeSync(out);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-bench-import-'));
  const db = await benchDatabase('import');
  try {
    const generated = await time(async () => writePack(dir, COUNT));
    const bytes = fs.statSync(path.join(dir, 'addresses.csv')).size;
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
    const first = await time(() => importCityPack(db, dir, {}));
    const again = await time(() => importCityPack(db, dir, {}));
    clearInterval(sampler);
    const rows = (await db.knex.raw(`SELECT count(*)::int AS n FROM addresses`)).rows[0].n;
    if (rows !== COUNT || first.value.counts.addresses.inserted !== COUNT || again.value.changed)
      throw new Error(`unexpected result: ${rows} rows, ${JSON.stringify(again.value.counts.addresses)}`);
    printTable(`City-pack import of ${COUNT.toLocaleString('en')} addresses (${(bytes / 1e6).toFixed(0)} MB CSV), ${engine} engine`, [
      { run: 'first import', seconds: first.ms / 1000, 'addresses/s': (COUNT / first.ms) * 1000, streets: first.value.counts.streets.inserted },
      { run: 'same pack again (unchanged)', seconds: again.ms / 1000, 'addresses/s': (COUNT / again.ms) * 1000, streets: again.value.counts.streets.unchanged },
    ]);
    process.stdout.write(`pack generated in ${(generated.ms / 1000).toFixed(1)} s; peak RSS during the imports ${(peakRss / 1e6).toFixed(0)} MB\n`);
    const plan = await db.knex.raw(`EXPLAIN INSERT INTO addresses AS a (jurisdiction_id, source_id, street_id, street, house_number, postcode, place, geom)
      SELECT 'bench.pl', r.id, r.sid, r.st, r.n, r.pc, r.pl, ST_SetSRID(ST_MakePoint(r.x, r.y), 4326)
      FROM json_to_recordset('[]'::json) AS r(id text, sid bigint, st text, n text, pc text, pl text, x float8, y float8)
      ON CONFLICT (jurisdiction_id, source_id) DO UPDATE SET street = EXCLUDED.street
      WHERE (a.street) IS DISTINCT FROM (EXCLUDED.street)`);
    process.stdout.write(`\nEXPLAIN of one address batch:\n${plan.rows.map((r: Record<string, string>) => `  ${r['QUERY PLAN']}`).join('\n')}\n`);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
