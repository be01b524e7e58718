/**
 * The map grid, in pure functions: which pre-aggregated level serves a zoom, how big its cells are,
 * and EPSG:4326 <-> EPSG:3857 for the few numbers that cross the boundary (no proj4 needed for
 * spherical Mercator). Must agree with `map_cells_add` in migrations/20261128000600_map_cells.ts.
 */
import { clampToCalendar } from '../../kernel/dates';
export const LEVEL_MIN = 8;
export const LEVEL_MAX = 16;
/** From this zoom on, the map shows individual requests instead of clusters. */
export const POINTS_FROM_ZOOM = 17;
/** Cells are this many screen pixels wide at their own zoom. */
export const CELL_PIXELS = 64;

const EARTH_RADIUS = 6378137;
const METRES_PER_PIXEL_Z0 = 156543.03392804097;

/** Level of map_cells to read for a (possibly fractional) zoom: below 8 the city is one cell anyway. */
export function levelForZoom(zoom: number): number {
  return Math.min(LEVEL_MAX, Math.max(LEVEL_MIN, Math.floor(zoom)));
}

/** Cell width in EPSG:3857 metres at a level. @example cellSize(16) // 152.87 */
export function cellSize(level: number): number {
  return (CELL_PIXELS * METRES_PER_PIXEL_Z0) / 2 ** level;
}

export function toMercator(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
  return [(lon * Math.PI * EARTH_RADIUS) / 180, EARTH_RADIUS * Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360))];
}

export function toLonLat(x: number, y: number): [number, number] {
  return [(x / EARTH_RADIUS) * (180 / Math.PI), (2 * Math.atan(Math.exp(y / EARTH_RADIUS)) - Math.PI / 2) * (180 / Math.PI)];
}

export interface CellRange {
  level: number;
  size: number;
  minCx: number;
  minCy: number;
  maxCx: number;
  maxCy: number;
}

/** Cells of a level that cover a lon/lat box. */
export function cellRange(bbox: [number, number, number, number], level: number): CellRange {
  const size = cellSize(level);
  const [x0, y0] = toMercator(bbox[0], bbox[1]);
  const [x1, y1] = toMercator(bbox[2], bbox[3]);
  return { level, size, minCx: Math.floor(x0 / size), minCy: Math.floor(y0 / size), maxCx: Math.floor(x1 / size), maxCy: Math.floor(y1 / size) };
}

/**
 * Splits a date range into whole UTC months (answered from map_cells) and the partial edges
 * (answered from requests). `to` is exclusive.
 */
export function splitMonths(from: Date | undefined, to: Date | undefined): { months?: [Date, Date]; edges: Array<[Date | undefined, Date | undefined]> } {
  if (!from && !to) return { edges: [] };
  const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  // Clamped: the month after December 9999 is past what a query window may reach (kernel/dates.ts).
  const nextMonth = (d: Date) => clampToCalendar(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
  const firstFull = from ? (monthStart(from).getTime() === from.getTime() ? from : nextMonth(from)) : undefined;
  const endFull = to ? monthStart(to) : undefined; // exclusive
  if (firstFull && endFull && firstFull >= endFull) return { edges: [[from, to]] };
  const edges: Array<[Date | undefined, Date | undefined]> = [];
  if (from && firstFull && firstFull.getTime() !== from.getTime()) edges.push([from, firstFull]);
  if (to && endFull && endFull.getTime() !== to.getTime()) edges.push([endFull, to]);
  // Open ends: months from the beginning of time, or up to the end of time.
  const lo = firstFull ?? new Date(Date.UTC(1970, 0, 1));
  const hi = endFull ?? new Date(Date.UTC(9999, 0, 1));
  return { months: [lo, hi], edges };
}
