import assert from 'node:assert/strict';
import { cellRange, cellSize, levelForZoom, splitMonths, toLonLat, toMercator } from './grid';

describe('map grid', () => {
  it('maps zooms onto the stored levels', () => {
    assert.equal(levelForZoom(3), 8);
    assert.equal(levelForZoom(11.7), 11);
    assert.equal(levelForZoom(19), 16);
  });
  it('halves the cell at every level', () => {
    assert.ok(Math.abs(cellSize(15) / cellSize(16) - 2) < 1e-9);
    assert.ok(Math.abs(cellSize(16) - 152.874) < 0.01);
  });
  it('round-trips Warsaw through spherical Mercator', () => {
    const [x, y] = toMercator(21.0122, 52.2297);
    const [lon, lat] = toLonLat(x, y);
    assert.ok(Math.abs(lon - 21.0122) < 1e-9 && Math.abs(lat - 52.2297) < 1e-9);
    assert.ok(Math.abs(x - 2339068) < 5 && Math.abs(y - 6841765) < 5);
  });
  it('covers a box with the cells it touches', () => {
    const r = cellRange([20.85, 52.1, 21.27, 52.37], 10);
    assert.ok(r.maxCx >= r.minCx && r.maxCy >= r.minCy);
    assert.ok((r.maxCx - r.minCx + 1) * (r.maxCy - r.minCy + 1) <= 49);
  });
  it('splits a date range into whole months and partial edges', () => {
    const d = (s: string) => new Date(s);
    assert.deepEqual(splitMonths(undefined, undefined), { edges: [] });
    const a = splitMonths(d('2026-01-15T00:00:00Z'), d('2026-04-10T00:00:00Z'));
    assert.deepEqual(a.months, [d('2026-02-01T00:00:00Z'), d('2026-04-01T00:00:00Z')]);
    assert.deepEqual(a.edges, [
      [d('2026-01-15T00:00:00Z'), d('2026-02-01T00:00:00Z')],
      [d('2026-04-01T00:00:00Z'), d('2026-04-10T00:00:00Z')],
    ]);
    const b = splitMonths(d('2026-11-21T00:00:00Z'), d('2026-11-28T00:00:00Z'));
    assert.equal(b.months, undefined);
    assert.deepEqual(b.edges, [[d('2026-11-21T00:00:00Z'), d('2026-11-28T00:00:00Z')]]);
    const c = splitMonths(d('2026-03-01T00:00:00Z'), undefined);
    assert.deepEqual(c.months, [d('2026-03-01T00:00:00Z'), d('9999-01-01T00:00:00Z')]);
    assert.deepEqual(c.edges, []);
  });
});
