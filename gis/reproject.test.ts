import assert from 'node:assert/strict';
import { reproject, projector, positionProblem, geometryCoordinateProblem, polygonProblems } from '.';

const near = (actual: number[], expected: number[], tolerance: number) =>
  assert.ok(
    Math.abs(actual[0] - expected[0]) <= tolerance && Math.abs(actual[1] - expected[1]) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );

describe('gis: reprojection and coordinate checks', () => {
  it('projects the origin of each Polish zone onto its central meridian', () => {
    // On the central meridian a transverse Mercator easting equals the false easting.
    near(projector(4326, 2180)([19, 52]), [500000, projector(4326, 2180)([19, 52])[1]], 1e-6);
    near(projector(4326, 2178)([21, 52.2]).slice(0, 1).concat(0), [7500000, 0], 1e-6);
    near(projector(4326, 2176)([15, 52]).slice(0, 1).concat(0), [5500000, 0], 1e-6);
    near(projector(4326, 2179)([24, 50]).slice(0, 1).concat(0), [8500000, 0], 1e-6);
  });

  it('round-trips every supported system to within a millimetre', () => {
    const samples: Array<[number, [number, number]]> = [
      [2180, [21.0122, 52.2297]],
      [2176, [15.2, 51.1]],
      [2177, [18.6, 54.35]],
      [2178, [21.0122, 52.2297]],
      [2179, [23.16, 53.13]],
      [3857, [21.0122, 52.2297]],
      [2263, [-73.9857, 40.7484]],
    ];
    for (const [srid, lonlat] of samples) {
      const xy = projector(4326, srid)(lonlat);
      near(projector(srid, 4326)(xy), lonlat, 1e-8);
    }
  });

  it('puts the Empire State Building where New York State Plane (US feet) has it', () => {
    // NYC open data gives the building about x=988,200 ft, y=211,900 ft in EPSG:2263.
    near(projector(4326, 2263)([-73.98566, 40.74844]), [988200, 211900], 300);
  });

  it('reprojects whole geometries and drops z', () => {
    const g = reproject(
      {
        type: 'Polygon',
        coordinates: [
          [
            [7500000, 5789000, 3],
            [7501000, 5789000],
            [7501000, 5790000],
            [7500000, 5789000],
          ],
        ],
      },
      2178,
    );
    assert.equal(g.coordinates[0][0].length, 2);
    near(g.coordinates[0][0], [21, 52.24], 0.01);
  });

  it('says when metres are declared as degrees, or degrees as metres', () => {
    assert.match(positionProblem([637000, 486000], 4326)!, /out of range for EPSG:4326.*metres declared as degrees/);
    assert.match(positionProblem([21.01, 52.23], 2180)!, /does not fit EPSG:2180/);
    assert.match(positionProblem([21.01, 52.23], 2263)!, /does not fit EPSG:2263/);
    assert.equal(positionProblem([21.01, 52.23], 4326), undefined);
    assert.equal(positionProblem([7505710.7, 5790409.6], 2178), undefined);
    assert.match(
      geometryCoordinateProblem(
        {
          type: 'Polygon',
          coordinates: [
            [
              [21, 52],
              [500000, 52],
              [21, 53],
              [21, 52],
            ],
          ],
        },
        4326,
      )!,
      /\[500000, 52\]/,
    );
  });

  it('explains why a geometry cannot be a boundary', () => {
    assert.deepEqual(polygonProblems({ type: 'Point', coordinates: [21, 52] }), ['is a Point; expected a Polygon or MultiPolygon']);
    assert.match(
      polygonProblems({
        type: 'Polygon',
        coordinates: [
          [
            [21, 52],
            [22, 52],
            [22, 53],
            [21, 53],
          ],
        ],
      })[0],
      /ring 1 is not closed/,
    );
    assert.match(
      polygonProblems({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [21, 52],
              [22, 52],
              [21, 52],
            ],
          ],
        ],
      })[0],
      /polygon 1, ring 1 has 3 positions/,
    );
    assert.deepEqual(polygonProblems(null), ['has no geometry']);
    assert.deepEqual(
      polygonProblems({
        type: 'Polygon',
        coordinates: [
          [
            [21, 52],
            [22, 52],
            [22, 53],
            [21, 52],
          ],
        ],
      }),
      [],
    );
  });
});
