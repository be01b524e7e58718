/**
 * The console search box over many landmarks (a big city imports thousands of places people name:
 * schools, clinics, stops, churches). Inserts N synthetic landmarks with Polish-looking names into
 * the fixture city, then times searchPlaces for exact names, folded names, prefixes and one-letter
 * typos, and prints the EXPLAIN of one typo query.
 *
 *   DATABASE_URL=postgres://... node bin/run-ts.js bench/landmarks.ts
 *   BENCH_LANDMARKS=5000 BENCH_LANDMARK_SAMPLES=100
 *
 * Measured (server, quiet 2-core machine, 2026-11-28), 120/120 typo/exact/folded queries right:
 * - scoring every name (before migration 20261128001400): 500 landmarks p50 21-36 ms; 5,000
 *   landmarks p50 150-220 ms, p95 175-300 ms;
 * - tried and dropped: a trigram prefilter on all names joined (search_folded). Names like
 *   "Szkoła Podstawowa nr 12 im. ..." share most trigrams, so at a threshold low enough for typos
 *   nearly every row stayed a candidate (130-150 ms);
 * - words against words (landmark_words, GIN without the pending list): 500 landmarks p50
 *   17-23 ms; 5,000 landmarks p50 22-31 ms, p95 29-43 ms (server), p50 37-56 ms, p95 50-80 ms
 *   (embedded).
 */
import { benchDatabase, drive, printTable, seeded } from './lib';
import { createFixtureCity } from '../api/pipeline/fixtures';
import { searchPlaces, placesQuery } from '../api/console/locate-places';
import { fold } from '../kernel/fold';

const N = Number(process.env.BENCH_LANDMARKS ?? 5000);
const SAMPLES = Number(process.env.BENCH_LANDMARK_SAMPLES ?? 100);

const KINDS = ['school', 'clinic', 'church', 'market', 'park', 'office', 'museum', 'other'];
const FIRST = ['Szkoła Podstawowa nr', 'Przychodnia', 'Kościół św.', 'Targowisko', 'Park', 'Urząd', 'Muzeum', 'Dom Kultury', 'Biblioteka', 'Pływalnia'];
const SECOND = [
  'Kopernika',
  'Marii Skłodowskiej',
  'Jana Pawła',
  'Wojciecha',
  'Stanisława',
  'Mickiewicza',
  'Słowackiego',
  'Żeromskiego',
  'Konopnickiej',
  'Chopina',
  'Moniuszki',
  'Kościuszki',
  'Piłsudskiego',
  'Sienkiewicza',
  'Prusa',
  'Reymonta',
  'Orzeszkowej',
  'Norwida',
  'Fredry',
  'Kochanowskiego',
];

function typo(text: string, r: () => number): string {
  const i = 1 + Math.floor(r() * (text.length - 2));
  return text.slice(0, i) + text.slice(i + 1); // a dropped letter
}

async function main(): Promise<void> {
  const db = await benchDatabase('landmarks');
  const city = await createFixtureCity(db);
  const r = seeded(7);
  const names: string[] = [];
  const rows = Array.from({ length: N }, (_, i) => {
    const name = `${FIRST[i % FIRST.length]} ${SECOND[Math.floor(r() * SECOND.length)]} ${i}`;
    names.push(name);
    return {
      jurisdiction_id: city.jurisdictionId,
      code: `L${i}`,
      name_pl: name,
      name_en: name,
      kind: KINDS[i % KINDS.length],
      aliases: [`${SECOND[i % SECOND.length]} ${i}`],
      geom: db.knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [21 + r() * 0.04, 52.2 + r() * 0.04]),
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.knex('landmarks').insert(rows.slice(i, i + 500));
  await db.knex.raw('ANALYZE landmarks');
  const pickName = () => names[Math.floor(r() * names.length)];
  const cases: Array<[string, () => string]> = [
    ['exact name', pickName],
    ['folded name', () => fold(pickName())],
    ['prefix (12 letters)', () => pickName().slice(0, 12)],
    ['one letter dropped', () => typo(pickName(), r)],
  ];
  const table = [];
  let firstRight = 0;
  for (const [what, make] of cases) {
    const s = await drive(SAMPLES, 1, async () => {
      const q = make();
      const found = await searchPlaces(db, city.jurisdictionId, q, 8);
      if (what !== 'prefix (12 letters)' && found[0] && names.includes(found[0].label.replace(/ \(.*$/, ''))) firstRight++;
    });
    table.push({ what, n: s.n, p50_ms: s.p50, p95_ms: s.p95, max_ms: s.max });
  }
  console.log(`${firstRight}/${SAMPLES * 3} exact/folded/typo queries had a landmark first`);
  printTable(`searchPlaces over ${N} landmarks (${db.engine})`, table);
  const { sql, bindings } = placesQuery(city.jurisdictionId, typo(names[42], r), 8);
  const plan = (await db.knex.raw(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, bindings)).rows.map((x: Record<string, string>) => Object.values(x)[0]);
  console.log(`EXPLAIN ANALYZE, one typo:\n  ${plan.join('\n  ')}`);
  await db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
