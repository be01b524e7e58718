/**
 * Bounding boxes and points in WGS 84 degrees as they arrive in query strings: parsed once, with
 * range checks, for every surface (Open311 `bbox`, the public map, the console's layers). Pure, no
 * Node and no DOM, so web/ can use it too.
 *
 * Numbers are plain decimals with an optional exponent (`21.01`, `-0.5`, `1e-7`, blanks around
 * them allowed); `0x10`, `Infinity`, an empty part (`1,,3,4`, which `Number` reads as 0) are not.
 *
 * @example
 * parseBbox('20.9,52.1,21.1,52.3')                   // => { ok: true, bbox: [20.9, 52.1, 21.1, 52.3] }
 * parseBbox('20.9,52.1,21.1')                        // => { ok: false, reason: 'format' }
 * parseBbox('-200,52.1,21.1,52.3')                   // => { ok: false, reason: 'range' }
 * parseBbox('-200,-89,200,89', { clampLat: 85 })     // => { ok: true, bbox: [-180, -85, 180, 85] } (a map view wider than the world)
 * parseBbox('21.1,52.1,20.9,52.3')                   // => { ok: false, reason: 'order' }
 * parseCoordinate('52.23', 'lat')                    // => { ok: true, value: 52.23 }
 * parseCoordinate('95', 'lat')                       // => { ok: false, reason: 'range' }
 */

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];
export type BboxFailure = 'format' | 'range' | 'order';

export interface BboxOptions {
  /**
   * Clamp instead of refusing: longitudes to ±180 and latitudes to ±clampLat (85 for a web
   * mercator map, whose view can reach past the world's edge). Default: out of range is refused.
   */
  clampLat?: number;
}

const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** A decimal number or NaN (never the surprises of `Number`: '' => 0, '0x10' => 16). `decimal(' 1.5 ')` => 1.5, `decimal('')` => NaN. */
export function decimal(text: unknown): number {
  return typeof text === 'string' && DECIMAL.test(text) ? Number(text) : typeof text === 'number' ? text : NaN;
}

/** `minLon,minLat,maxLon,maxLat` in degrees; min strictly below max. */
export function parseBbox(text: unknown, options: BboxOptions = {}): { ok: true; bbox: Bbox } | { ok: false; reason: BboxFailure } {
  const parts = typeof text === 'string' ? text.split(',').map(decimal) : [];
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return { ok: false, reason: 'format' };
  let [w, s, e, n] = parts;
  if (options.clampLat !== undefined) {
    const lat = options.clampLat;
    [w, s, e, n] = [Math.max(-180, w), Math.max(-lat, s), Math.min(180, e), Math.min(lat, n)];
  } else if (w < -180 || e > 180 || s < -90 || n > 90 || w > 180 || e < -180 || s > 90 || n < -90) return { ok: false, reason: 'range' };
  if (w >= e || s >= n) return { ok: false, reason: 'order' };
  return { ok: true, bbox: [w, s, e, n] };
}

/** One latitude (-90..90) or longitude (-180..180) in degrees. */
export function parseCoordinate(text: unknown, axis: 'lat' | 'long'): { ok: true; value: number } | { ok: false; reason: 'format' | 'range' } {
  const value = decimal(text);
  if (!Number.isFinite(value)) return { ok: false, reason: 'format' };
  const limit = axis === 'lat' ? 90 : 180;
  return value < -limit || value > limit ? { ok: false, reason: 'range' } : { ok: true, value };
}
