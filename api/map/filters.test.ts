import assert from 'node:assert/strict';
import { isAppError } from '../errors';
import { parseMapQuery } from './filters';

describe('map query parsing', () => {
  it('reads bbox, zoom and every filter', () => {
    const q = parseMapQuery({
      bbox: '20.8,52.1,21.3,52.4',
      zoom: '11.5',
      group: 'roads,green',
      status: 'open',
      district: ['mokotow'],
      start_date: '2026-11-01',
      end_date: '2026-11-28',
    });
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
      assert.deepEqual(
        err.details.map((d) => d.field),
        ['bbox', 'zoom', 'status', 'start_date'],
      );
    }
  });
  it('refuses impossible and out-of-range dates, naming the parameter (issue #11)', () => {
    const fields = (q: Record<string, string>) => {
      try {
        parseMapQuery({ bbox: '20.8,52.1,21.3,52.4', zoom: '11', ...q });
        return [];
      } catch (err) {
        assert.ok(isAppError(err));
        assert.equal(err.status, 400);
        return err.details.map((d) => d.field);
      }
    };
    assert.deepEqual(fields({ start_date: '+275760-09-13T00:00:00Z' }), ['start_date']);
    assert.deepEqual(fields({ end_date: '-000001-01-01' }), ['end_date']);
    assert.deepEqual(fields({ start_date: '2026-02-30' }), ['start_date'], 'not read as 2 March');
    assert.deepEqual(fields({ end_date: '2026-02-31T10:00:00+01:00' }), ['end_date']);
    assert.deepEqual(fields({ start_date: '1899-12-31' }), ['start_date']);
    assert.deepEqual(fields({ start_date: '2026-11-01T09:00:00+01:00', end_date: '2028-02-29' }), []);
  });
});
