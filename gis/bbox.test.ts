import assert from 'node:assert/strict';
import { decimal, parseBbox, parseCoordinate } from './bbox';

describe('gis/bbox', () => {
  it('parses boxes, in → out', () => {
    const fixtures: Array<[unknown, object | undefined, unknown]> = [
      ['20.9,52.1,21.1,52.3', undefined, [20.9, 52.1, 21.1, 52.3]],
      [' 20.9 , 52.1 ,21.1, 52.3 ', undefined, [20.9, 52.1, 21.1, 52.3]],
      ['-1e-7,52.1,21.1,52.3', undefined, [-1e-7, 52.1, 21.1, 52.3]],
      ['-180,-90,180,90', undefined, [-180, -90, 180, 90]],
      ['-200,-89,200,89', { clampLat: 85 }, [-180, -85, 180, 85]],
      ['20.9,52.1,21.1', undefined, 'format'],
      ['20.9,52.1,21.1,52.3,1', undefined, 'format'],
      ['20.9,,21.1,52.3', undefined, 'format'],
      ['0x10,52.1,21.1,52.3', undefined, 'format'],
      ['Infinity,52.1,21.1,52.3', undefined, 'format'],
      [undefined, undefined, 'format'],
      [['1,2,3,4'], undefined, 'format'],
      ['-200,52.1,21.1,52.3', undefined, 'range'],
      ['20.9,52.1,21.1,95', undefined, 'range'],
      ['21.1,52.1,20.9,52.3', undefined, 'order'],
      ['20.9,52.3,21.1,52.3', undefined, 'order'],
      ['200,52.1,210,52.3', { clampLat: 85 }, 'order'],
    ];
    for (const [input, options, output] of fixtures) {
      const r = parseBbox(input, options);
      assert.deepEqual(r.ok ? r.bbox : r.reason, output, String(input));
    }
  });

  it('parses coordinates, in → out', () => {
    assert.deepEqual(parseCoordinate('52.23', 'lat'), { ok: true, value: 52.23 });
    assert.deepEqual(parseCoordinate(21.01, 'long'), { ok: true, value: 21.01 });
    assert.deepEqual(parseCoordinate('95', 'lat'), { ok: false, reason: 'range' });
    assert.deepEqual(parseCoordinate('95', 'long'), { ok: true, value: 95 });
    assert.deepEqual(parseCoordinate('-180.5', 'long'), { ok: false, reason: 'range' });
    assert.deepEqual(parseCoordinate('', 'lat'), { ok: false, reason: 'format' });
    assert.deepEqual(parseCoordinate('north', 'lat'), { ok: false, reason: 'format' });
    assert.deepEqual(parseCoordinate(undefined, 'lat'), { ok: false, reason: 'format' });
    assert.equal(decimal(' 1.5 '), 1.5);
    assert.ok(Number.isNaN(decimal('')));
    assert.ok(Number.isNaN(decimal('0x10')));
  });
});
