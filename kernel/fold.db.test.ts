/**
 * One folding rule in two languages: kernel/fold.ts must give what SQL k_fold gives (lower(unaccent(x))),
 * or a word the browser folds misses the index the database folded. Checked on Polish names of every
 * kind (streets, districts, towns, surnames, landmarks) with each of ą ć ę ł ń ó ś ź ż in both cases.
 */
import assert from 'node:assert/strict';
import type { Database } from '../api/db/engine';
import { openTestDatabase } from '../test/db';
import { fold } from './fold';

const NAMES = [
  // streets
  'ul. Marszałkowska',
  'Aleje Jerozolimskie',
  'Świętokrzyska',
  'Żelazna',
  'Hoża',
  'Złota',
  'Grzybowska',
  'Nowogrodzka',
  'Ząbkowska',
  'Księcia Józefa Poniatowskiego',
  'Plac Trzech Krzyży',
  'Źródłowa',
  'Ćmielowska',
  'Wał Miedzeszyński',
  'Rondo Dmowskiego',
  'Łazienkowska',
  'Jagiellońska',
  'Wierzbięcice',
  'Ślężna',
  'Bolesława Chrobrego',
  // districts and towns
  'Śródmieście',
  'Praga-Południe',
  'Żoliborz',
  'Wola',
  'Białołęka',
  'Ursynów',
  'Wilanów',
  'Targówek',
  'Łódź',
  'Gdańsk',
  'Poznań',
  'Kraków',
  'Wrocław',
  'Bielsko-Biała',
  'Zielona Góra',
  'Częstochowa',
  'Końskie',
  'Nadwiślin',
  // surnames
  'Wąsowski',
  'Gęślicki',
  'Żółkiewski',
  'Łukasiewicz',
  'Kościuszko',
  'Źrebiec',
  'Ćwikliński',
  'Paciorkiewicz-Kuć',
  'Dąbrowska',
  'Sienkiewicz',
  'Mickiewicz',
  'Słowacki',
  'Szymańska',
  // upper case and mixed
  'ZAŻÓŁĆ GĘŚLĄ JAŹŃ',
  'ŁĄCZNA',
  'ŚWIĘTEGO WOJCIECHA',
  'ŻWIRKI I WIGURY',
  'Ósmego Października 12A',
  'ul. Ćwiartki 3/5 m. 4',
  'Szpital Bielański (SOR)',
  'Pałac Kultury i Nauki',
];

describe('kernel/fold equals SQL k_fold (database)', () => {
  let db: Database;
  before(async () => {
    db = await openTestDatabase('kernel-fold');
  });
  after(async () => {
    await db?.close();
  });

  it(`folds ${NAMES.length} Polish names the same in TypeScript and SQL`, async () => {
    assert.ok(NAMES.length >= 40);
    for (const letter of 'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ') assert.ok(NAMES.join(' ').includes(letter), `the list has ${letter}`);
    const { rows } = await db.knex.raw(`SELECT n, k_fold(n) AS folded FROM unnest(?::text[]) WITH ORDINALITY AS t(n, i) ORDER BY i`, [NAMES]);
    const different = (rows as Array<{ n: string; folded: string }>)
      .filter((r) => r.folded !== fold(r.n))
      .map((r) => `${r.n}: SQL ${r.folded}, TS ${fold(r.n)}`);
    assert.deepEqual(different, []);
    assert.equal(rows.length, NAMES.length);
  });
});
