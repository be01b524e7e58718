import assert from 'node:assert/strict';
import { isAppError } from '../errors';
import { parseMapQuery } from './filters';

describe('map query parsing', () => {
  it('reads bbox, zoom and every filter', () => {
    const q = parseMapQuery({ bbox: '20.8,52.1,21.3,52.4', zoom: '11.5', group: 'roads,green', status: 'open', district: ['mokotow'], start_date: '2026-11-01', end_date: '2026-11-28' });
    assert.deepEqual(q.bbox, [20.8, 52.1, 21.3, 52.4]);
    assert.equal(q.zoom, 11.5);
    assert.deepEqual(q.filter.groups, ['roads', 'green']);
    assert.deepEqual(q.filter.districts, ['mokotow']);
    assert.equal(q.filter.status, 'open');
    assert.equal(q.filter.from?.toISOString(), '2026-11-01T00:00:00.000Z');
    assert.equal(q.filter.to?.toISOString(), '2026-11-29T00:00:00.000Z');
  });
  it('names every bad parameter at once', () => {
    try {
      parseMapQuery({ bbox: '1,2,3', zoom: 'x', status: 'maybe', start_date: 'yesterday' });
      assert.fail('should throw');
    } catch (err) {
      assert.ok(isAppError(err));
      assert.equal(err.status, 400);
      assert.deepEqual(err.details.map((d) => d.field), ['bbox', 'zoom', 'status', 'start_date']);
    }
  });
});
