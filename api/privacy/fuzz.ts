/**
 * Where a request is shown publicly (issue #4, anchors §18.10):
 * - `public`: the exact point;
 * - `fuzzed`: the centre of the grid cell of `fuzz_radius_m` metres that holds the point. The same
 *   point always gives the same public point (so reloading a map reveals nothing), every point of a
 *   cell gives the same one (so averaging reports of one place reveals nothing), and if the exact
 *   point happens to be a cell centre it is moved by a quarter cell, so it is never the exact point;
 * - `private`: no public point at all.
 *
 * One SQL expression, used by the intake and by batch resolution alike. The grid is in degrees
 * scaled from metres at the point's latitude: cells are about `fuzz_radius_m` wide anywhere the
 * city is, and no reprojection is needed.
 */

/**
 * SQL expression for the public point. `geom`: a 4326 point expression; `privacy`, `radius`:
 * expressions for the service's privacy and fuzz_radius_m columns.
 */
export function publicGeomSql(geom: string, privacy: string, radius: string): string {
  const r = `greatest(${radius}, 10)`;
  const dy = `(${r} / 111320.0)`;
  const dx = `(${r} / (111320.0 * cos(radians(ST_Y(${geom})))))`;
  const cx = `((floor(ST_X(${geom}) / ${dx}) + 0.5) * ${dx})`;
  const cy = `((floor(ST_Y(${geom}) / ${dy}) + 0.5) * ${dy})`;
  const fuzzed = `ST_SetSRID(ST_MakePoint(
      CASE WHEN abs(${cx} - ST_X(${geom})) < 1e-9 AND abs(${cy} - ST_Y(${geom})) < 1e-9 THEN ${cx} + ${dx} / 4 ELSE ${cx} END,
      ${cy}), 4326)`;
  return `(CASE ${privacy} WHEN 'private' THEN NULL WHEN 'fuzzed' THEN ${fuzzed} ELSE ${geom} END)`;
}
