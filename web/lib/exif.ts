/**
 * Reads the GPS position from a JPEG's EXIF block, in the browser, before upload: the report form
 * offers where a photo was taken as the location (issue #6 §2). Our own small reader (TIFF
 * structure, IFD0 -> GPS IFD, tags 1-4); it only reads, the server strips EXIF before publication.
 *
 * @example gpsFromJpeg(new Uint8Array(await file.arrayBuffer())) // { lat: 52.2297, lon: 21.0122 }
 */
export interface GpsPosition {
  lat: number;
  lon: number;
}

const GPS_IFD_POINTER = 0x8825;

export function gpsFromJpeg(bytes: Uint8Array): GpsPosition | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker === 0xda || marker === 0xd9) return null; // image data starts: no EXIF before it
    const length = view.getUint16(at + 2);
    if (marker === 0xe1 && length >= 8 && String.fromCharCode(...bytes.subarray(at + 4, at + 8)) === 'Exif') {
      return readTiff(view, at + 10, Math.min(bytes.length, at + 2 + length));
    }
    at += 2 + length;
  }
  return null;
}

function readTiff(view: DataView, tiff: number, end: number): GpsPosition | null {
  try {
    const little = view.getUint16(tiff) === 0x4949; // "II"
    const u16 = (o: number) => view.getUint16(tiff + o, little);
    const u32 = (o: number) => view.getUint32(tiff + o, little);
    if (u16(2) !== 42) return null;
    const entries = (ifd: number) => {
      const out = new Map<number, { type: number; count: number; valueAt: number }>();
      const n = u16(ifd);
      for (let i = 0; i < n; i++) {
        const e = ifd + 2 + i * 12;
        const type = u16(e + 2);
        const count = u32(e + 4);
        const size = ({ 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 } as Record<number, number>)[type] ?? 1;
        out.set(u16(e), { type, count, valueAt: size * count > 4 ? u32(e + 8) : e + 8 });
      }
      return out;
    };
    const gpsPointer = entries(u32(4)).get(GPS_IFD_POINTER);
    if (!gpsPointer) return null;
    const gps = entries(u32(gpsPointer.valueAt));
    const ref = (tag: number) => {
      const e = gps.get(tag);
      return e ? String.fromCharCode(view.getUint8(tiff + e.valueAt)) : '';
    };
    const dms = (tag: number) => {
      const e = gps.get(tag);
      if (!e || e.type !== 5 || e.count < 3 || tiff + e.valueAt + 24 > end) return NaN;
      const r = (k: number) => u32(e.valueAt + k * 8) / (u32(e.valueAt + k * 8 + 4) || NaN);
      return r(0) + r(1) / 60 + r(2) / 3600;
    };
    let lat = dms(2);
    let lon = dms(4);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
    if (ref(1) === 'S') lat = -lat;
    if (ref(3) === 'W') lon = -lon;
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) return null;
    return { lat, lon };
  } catch {
    return null; // a truncated or odd block: no position, never an error for the resident
  }
}

/**
 * Builds a JPEG APP1 EXIF segment holding only a GPS position (tests, demo photos). Big-endian.
 */
export function exifGpsSegment(lat: number, lon: number): Uint8Array {
  const rational = (v: number) => {
    const d = Math.floor(v);
    const m = Math.floor((v - d) * 60);
    const s = Math.round(((v - d) * 60 - m) * 60 * 10000);
    return [d, 1, m, 1, s, 10000];
  };
  const tiff: number[] = [];
  const u16 = (v: number) => tiff.push((v >> 8) & 255, v & 255);
  const u32 = (v: number) => tiff.push((v >>> 24) & 255, (v >> 16) & 255, (v >> 8) & 255, v & 255);
  // header (8) | IFD0 at 8: 1 entry (2 + 12 + 4 = 18) | GPS IFD at 26: 4 entries (2 + 48 + 4 = 54) | rationals at 80
  tiff.push(0x4d, 0x4d);
  u16(42);
  u32(8);
  u16(1);
  u16(GPS_IFD_POINTER);
  u16(4);
  u32(1);
  u32(26);
  u32(0);
  u16(4);
  u16(1);
  u16(2);
  u32(2);
  tiff.push(lat < 0 ? 0x53 : 0x4e, 0, 0, 0);
  u16(2);
  u16(5);
  u32(3);
  u32(80);
  u16(3);
  u16(2);
  u32(2);
  tiff.push(lon < 0 ? 0x57 : 0x45, 0, 0, 0);
  u16(4);
  u16(5);
  u32(3);
  u32(104);
  u32(0);
  for (const v of [...rational(Math.abs(lat)), ...rational(Math.abs(lon))]) u32(v);
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const length = body.length + 2;
  return Uint8Array.from([0xff, 0xe1, (length >> 8) & 255, length & 255, ...body]);
}

/** Inserts an EXIF segment right after a JPEG's start-of-image marker. */
export function withExif(jpeg: Uint8Array, segment: Uint8Array): Uint8Array {
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return out;
}
