import assert from 'node:assert/strict';
import { parseAddress } from './parse';

describe('parseAddress', () => {
  it('drops Polish prefixes and finds the house number on either side', () => {
    assert.deepEqual(parseAddress('ul. Marszałkowska 12A'), { street: 'Marszałkowska', prefix: 'ul.', number: '12A' });
    assert.deepEqual(parseAddress('12a Marszałkowska'), { street: 'Marszałkowska', prefix: undefined, number: '12A' });
    assert.deepEqual(parseAddress('Aleje Jerozolimskie 5/7'), { street: 'Jerozolimskie', prefix: 'al.', number: '5/7' });
    assert.deepEqual(parseAddress('pl.Zbawiciela 1, Warszawa'), { street: 'Zbawiciela', prefix: 'pl.', number: '1' });
    assert.deepEqual(parseAddress('os. Przyjaźń 3 m. 4'), { street: 'Przyjaźń', prefix: 'os.', number: '3' });
    assert.deepEqual(parseAddress('Złota 12 a'), { street: 'Złota', prefix: undefined, number: '12A' });
    assert.deepEqual(parseAddress('ulica Trzeciego Maja'), { street: 'Trzeciego Maja', prefix: 'ul.', number: undefined });
  });
  it('recognises intersections', () => {
    assert.deepEqual(parseAddress('Marszałkowska / Złota'), { street: 'Marszałkowska', prefix: undefined, cross: 'Złota' });
    assert.deepEqual(parseAddress('róg ul. Marszałkowskiej i Złotej'), { street: 'Marszałkowskiej', prefix: 'ul.', cross: 'Złotej' });
  });
});
