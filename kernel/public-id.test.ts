import assert from 'node:assert/strict';
import { formatPublicId, isPublicId, newPublicId, normalisePublicId, PUBLIC_ID_ALPHABET } from './public-id';

describe('kernel/public-id', () => {
  it('issues 4-3-3 ids from the Crockford alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const id = newPublicId();
      assert.ok(isPublicId(id), id);
      assert.ok(
        [...id.replace(/-/g, '')].every((c) => PUBLIC_ID_ALPHABET.includes(c)),
        id,
      );
      seen.add(id);
    }
    assert.equal(seen.size, 500, 'random, no repeats in 500');
  });

  it('normalises what a caller reads out, in → out', () => {
    const fixtures: Array<[string, string]> = [
      ['0wrb dej 34b', '0WRB-DEJ-34B'],
      ['0WRBDEJ34B', '0WRB-DEJ-34B'],
      ['owrb-dej-34b', '0WRB-DEJ-34B'], // O is 0
      ['7K3M-Q9X-A2I', '7K3M-Q9X-A21'], // I is 1
      ['7k3m.q9x.a2l', '7K3M-Q9X-A21'], // L is 1
      ['  Złota 5 ', 'Złota 5'], // not an id: trimmed, unchanged
      ['Z-2026-0001', 'Z-2026-0001'],
    ];
    for (const [input, output] of fixtures) assert.equal(normalisePublicId(input), output, input);
  });

  it('validates the canonical form', () => {
    assert.equal(isPublicId('0WRB-DEJ-34B'), true);
    assert.equal(isPublicId('0wrb-dej-34b'), false);
    assert.equal(isPublicId('0WRB-DEJ-34U'), false, 'U is never issued');
    assert.equal(isPublicId('0WRBDEJ34B'), false);
    assert.equal(formatPublicId('0WRBDEJ34B'), '0WRB-DEJ-34B');
  });
});
