import assert from 'node:assert/strict';
import { splitStreetName } from './street-name';
import { jsonPath } from './validate-json';
import { codeFromName } from './load-pack';
import { CityImportError, ProblemList } from './problems';

describe('city pack helpers', () => {
  it('splits the street type off a street name, written short or in full', () => {
    assert.deepEqual(splitStreetName('ul. Marszałkowska'), { prefix: 'ul.', name: 'Marszałkowska' });
    assert.deepEqual(splitStreetName('Aleje  Jerozolimskie'), { prefix: 'al.', name: 'Jerozolimskie' });
    assert.deepEqual(splitStreetName('plac Zamkowy'), { prefix: 'pl.', name: 'Zamkowy' });
    assert.deepEqual(splitStreetName('os. Przyjaźń'), { prefix: 'os.', name: 'Przyjaźń' });
    assert.deepEqual(splitStreetName('Rondo ONZ'), { prefix: 'rondo', name: 'ONZ' });
    assert.deepEqual(splitStreetName('Stare Miasto'), { prefix: '', name: 'Stare Miasto' });
    // A street called just "Plac" keeps its name.
    assert.deepEqual(splitStreetName('Plac'), { prefix: '', name: 'Plac' });
  });

  it('makes district codes from names', () => {
    assert.equal(codeFromName('Praga Południe'), 'praga-poludnie');
    assert.equal(codeFromName('Żoliborz'), 'zoliborz');
    assert.equal(codeFromName('Śródmieście'), 'srodmiescie');
    assert.equal(codeFromName('Włochy'), 'wlochy');
  });

  it('turns JSON pointers from ajv into paths a person can follow', () => {
    assert.equal(jsonPath('/2/attributes/0/code'), '$[2].attributes[0].code');
    assert.equal(jsonPath(''), '$');
    assert.equal(jsonPath('/settings/a~1b'), '$.settings["a/b"]');
  });

  it('keeps a readable list when one file has thousands of problems', () => {
    const problems = new ProblemList(3);
    for (let line = 2; line < 1002; line++) problems.add('addresses.csv', `line ${line}`, 'bad');
    problems.add('units.json', '$[0].code', 'bad');
    const list = problems.list();
    assert.equal(list.length, 5);
    assert.deepEqual(list[4], { file: 'addresses.csv', reason: '997 more problem(s) not shown', omitted: 997 });
    // The header counts the problems found (1,001), not the lines listed (5).
    const err = new CityImportError(list);
    assert.equal(err.count, 1001);
    assert.match(err.message, /^the city pack has 1001 problem\(s\), 4 shown;/);
    assert.ok(problems.has('units.json') && !problems.has('services.json'));
  });
});
