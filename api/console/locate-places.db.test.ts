/**
 * The search box finds landmarks and unit offices (issue #5 item 2) on the demo city's pack:
 * by name, alias, with a typo, without diacritics; units by name and code; ranked with the streets;
 * never another city's.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestDatabase } from '../../test/db';
import type { Database } from '../db/engine';
import { importCityPack } from '../city/import';
import { writeDemoPack, DEMO_JURISDICTION_ID } from '../demo/generate';
import { locate, type LocateCandidate } from './locate';
import { searchPlaces } from './locate-places';

describe('console search box: landmarks and units (database)', function () {
  this.timeout(120_000);
  let db: Database;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-locate-places-'));
  const J = DEMO_JURISDICTION_ID;
  const find = (q: string) => locate(db, J, q);
  const first = async (q: string): Promise<LocateCandidate> => {
    const found = await find(q);
    assert.ok(found.length, `nothing found for ${q}`);
    return found[0];
  };

  before(async function () {
    this.timeout(300_000);
    db = await openTestDatabase('locate-places');
    writeDemoPack(path.join(tmp, 'demo'), { addresses: 4000 });
    await importCityPack(db, path.join(tmp, 'demo'));
    // Another city with a landmark of the same name, which must never show in Nadwiślin's search.
    const other = path.join(tmp, 'other');
    fs.cpSync(path.join(__dirname, '..', 'city', 'fixtures', 'small-city'), other, { recursive: true });
    fs.writeFileSync(
      path.join(other, 'landmarks.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: 'szpital', name: 'Szpital Miejski', kind: 'hospital', aliases: ['Kopernik'] },
            geometry: { type: 'Point', coordinates: [21.01, 52.21] },
          },
        ],
      }),
    );
    await importCityPack(db, other);
  });
  after(async () => {
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const landmark = async (code: string) =>
    (await db.knex.raw(`SELECT name_pl, address, ST_Y(geom) AS lat, ST_X(geom) AS long FROM landmarks WHERE jurisdiction_id = ? AND code = ?`, [J, code]))
      .rows[0];

  it('finds a landmark by its exact name, with its kind and address in the label and its point', async () => {
    const c = await first('Szpital Miejski im. Ludwika Rydygiera');
    const row = await landmark('szpital-miejski');
    assert.equal(c.kind, 'landmark');
    assert.equal(c.code, 'szpital-miejski');
    assert.equal(c.landmarkKind, 'hospital');
    assert.equal(c.label, `Szpital Miejski im. Ludwika Rydygiera (szpital) — ${row.address}`);
    assert.equal(c.labelEn, `City Hospital (hospital) — ${row.address}`);
    assert.deepEqual([c.lat, c.long], [row.lat, row.long]);
    assert.ok(c.addressId, 'the register address point of the landmark');
  });

  it('finds a landmark by an alias, by a prefix, with a typo, without diacritics and in English', async () => {
    for (const [q, code] of [
      ['Szpital Miejski', 'szpital-miejski'],
      ['Rydygier', 'szpital-miejski'],
      ['PKP', 'dworzec-pkp'],
      ['jedynka', 'sp-1'],
      ['Dworzec Kol', 'dworzec-pkp'],
      ['szpital mjeski', 'szpital-miejski'],
      ['Rydigier', 'szpital-miejski'],
      ['Ratsz Miejski', 'ratusz'],
      ['kosciol farny', 'fara'],
      ['szpital dzieciecy', 'szpital-dzieciecy'],
      ['LEGI NAD WISLA', 'park-nadwislanski'],
      ['Town Hall', 'ratusz'],
      ['Vistula Boulevard', 'bulwar-wislany'],
    ]) {
      const c = await first(q);
      assert.deepEqual([q, c.kind, c.code], [q, 'landmark', code]);
    }
  });

  it('finds the city park (an area) at a point inside it', async () => {
    const c = await first('Park Kochanowskiego');
    assert.equal(c.code, 'park-miejski');
    const inside = (
      await db.knex.raw(
        `SELECT ST_Contains(area, ST_SetSRID(ST_MakePoint(?, ?), 4326)) AS inside FROM landmarks WHERE jurisdiction_id = ? AND code = 'park-miejski'`,
        [c.long, c.lat, J],
      )
    ).rows[0].inside;
    assert.equal(inside, true);
  });

  it('finds a unit office by name (with or without diacritics), by English name and by code', async () => {
    const zdm = (await db.knex.raw(`SELECT address, ST_Y(geom) AS lat, ST_X(geom) AS long FROM units WHERE jurisdiction_id = ? AND code = 'ZDM'`, [J])).rows[0];
    const byName = await first('Zarząd Dróg Miejskich');
    assert.deepEqual(
      [byName.kind, byName.code, byName.label, byName.lat, byName.long],
      ['unit', 'ZDM', `Zarząd Dróg Miejskich (jednostka) — ${zdm.address}`, zdm.lat, zdm.long],
    );
    assert.equal(byName.labelEn, `Municipal Roads Authority (unit) — ${zdm.address}`);
    assert.deepEqual([(await first('zarzad drog miejskich')).code, (await first('Municipal Roads Authority')).code], ['ZDM', 'ZDM']);
    for (const [q, code] of [
      ['zdm-wsch', 'ZDM-WSCH'],
      ['MPWiK', 'MPWIK'],
      ['Straż Miejska', 'SM'],
      ['Urząd Dzielnicy Kępa', 'UD-KEPA'],
    ]) {
      const c = await first(q);
      assert.deepEqual([q, c.kind, c.code], [q, 'unit', code]);
    }
  });

  it('ranks with the streets: a street and number is an address first, a landmark name beats the street it is named after', async () => {
    // The bridge "Most Solidarności" is named after the avenue al. Solidarności.
    const number = (await db.knex.raw(`SELECT house_number FROM addresses WHERE jurisdiction_id = ? AND street = 'al. Solidarności' ORDER BY id LIMIT 1`, [J]))
      .rows[0].house_number;
    const withNumber = await find(`Solidarności ${number}`);
    assert.deepEqual([withNumber[0].kind, withNumber[0].label], ['address', `al. Solidarności ${number}`]);
    const street = await find('Solidarności');
    assert.deepEqual([street[0].kind, street[0].label], ['street', 'al. Solidarności'], JSON.stringify(street.slice(0, 3)));
    assert.ok(
      street.some((c) => c.code === 'most-solidarnosci'),
      'the bridge is offered below the street',
    );
    const bridge = await find('Most Solidarności');
    assert.equal(bridge[0].code, 'most-solidarnosci');
    assert.ok(
      bridge.some((c) => c.kind === 'street' && c.label === 'al. Solidarności'),
      'the avenue is offered below the bridge',
    );
    // A landmark's address typed as an address: the address point, not the landmark.
    const hospital = await landmark('szpital-miejski');
    assert.equal((await first(hospital.address)).kind, 'address');
  });

  it('never offers another city’s landmarks, or places of inactive landmarks and units without an office', async () => {
    assert.ok(!(await find('Szpital Miejski')).some((c) => Math.abs(c.lat - 52.21) < 0.01), 'not the hospital of testowo.pl');
    const other = await locate(db, 'testowo.pl', 'Szpital Miejski');
    assert.deepEqual(
      other.filter((c) => c.kind === 'landmark').map((c) => c.code),
      ['szpital'],
    );
    assert.ok(!other.some((c) => c.code === 'lo-1'));
    assert.ok(!(await locate(db, 'testowo.pl', 'Zarząd Dróg Miejskich')).some((c) => c.kind === 'unit'), 'testowo units have no office');
    await db.knex('landmarks').where({ jurisdiction_id: J, code: 'stadion' }).update({ active: false });
    try {
      assert.ok(!(await find('Stadion Miejski')).some((c) => c.code === 'stadion'));
    } finally {
      await db.knex('landmarks').where({ jurisdiction_id: J, code: 'stadion' }).update({ active: true });
    }
  });
  it('keeps the search words in step with every write, and finds one school among 300 alike', async () => {
    const words = async (code: string) =>
      (
        await db.knex.raw(
          `SELECT array_agg(w.word ORDER BY w.word) AS words FROM landmark_words w JOIN landmarks l ON l.id = w.landmark_id WHERE l.jurisdiction_id = ? AND l.code = ?`,
          [J, code],
        )
      ).rows[0].words;
    // 300 schools whose names share most words: the one asked for must survive the narrowing.
    const schools = Array.from({ length: 300 }, (_, i) => ({
      jurisdiction_id: J,
      code: `many-sp-${i + 1}`,
      name_pl: `Szkoła Podstawowa nr ${i + 1} im. ${['Kopernika', 'Curie', 'Chopina'][i % 3]}`,
      kind: 'school',
      aliases: [`SP ${i + 1}`],
      geom: db.knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [21.0, 52.2]),
    }));
    await db.knex('landmarks').insert(schools);
    assert.deepEqual(await words('many-sp-127'), ['127', 'im', 'kopernika', 'nr', 'podstawowa', 'sp', 'szkola']);
    const c = (await searchPlaces(db, J, 'szkola podstawowa nr 127', 5))[0];
    assert.equal(c.code, 'many-sp-127');
    assert.equal((await searchPlaces(db, J, 'Szkoa Podstawowa 130 Kopernka', 5))[0].code, 'many-sp-130', 'typos in two words');
    // An edit changes the words; a withdrawn landmark has none and is not found.
    await db
      .knex('landmarks')
      .where({ jurisdiction_id: J, code: 'many-sp-127' })
      .update({ aliases: ['Gimnazjum Sportowe'] });
    assert.ok((await words('many-sp-127')).includes('gimnazjum'));
    assert.equal((await searchPlaces(db, J, 'gimnazjum sportowe', 5))[0].code, 'many-sp-127');
    await db.knex('landmarks').where({ jurisdiction_id: J, code: 'many-sp-127' }).update({ active: false });
    assert.equal(await words('many-sp-127'), null);
    assert.ok(!(await searchPlaces(db, J, 'gimnazjum sportowe', 5)).some((p) => p.code === 'many-sp-127'));
    await db.knex('landmarks').where({ jurisdiction_id: J }).whereLike('code', 'many-sp-%').del();
  });
});
