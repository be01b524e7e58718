import assert from 'node:assert/strict';
import { codeFromName, fold } from './fold';

describe('kernel/fold', () => {
  it('folds Polish text the way k_fold does, in → out', () => {
    const fixtures: Array<[string, string]> = [
      ['Łódź', 'lodz'],
      ['ul. Marszałkowska', 'ul. marszalkowska'],
      ['ŻÓŁTA GĘŚLĄ JAŹŃ', 'zolta gesla jazn'],
      ['Źródlana', 'zrodlana'],
      ['Ćwiartki 3/5', 'cwiartki 3/5'],
      ['Praga-Południe', 'praga-poludnie'],
      ['Śródmieście', 'srodmiescie'],
      ['Hoża', 'hoza'],
      ['Zo\u0301\u0142w', 'zolw'], // decomposed ó
      ['Café Müller', 'cafe muller'],
      ['', ''],
    ];
    for (const [input, output] of fixtures) assert.equal(fold(input), output, input);
  });

  it('makes codes from names', () => {
    assert.equal(codeFromName('Praga Południe'), 'praga-poludnie');
    assert.equal(codeFromName('  Stare Miasto (centrum) '), 'stare-miasto-centrum');
    assert.equal(codeFromName('Łąki'), 'laki');
  });
});
