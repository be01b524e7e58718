/**
 * The one EXIF value a published photo needs: its orientation. Phones store pictures as the
 * sensor saw them and say "rotate 90°" in EXIF tag 0x0112; without it a portrait photo of a
 * pothole shows sideways. stripJpeg drops the whole EXIF block (GPS, camera serials, times) and
 * puts back a fresh block that holds this single tag and nothing else.
 */

const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/** Orientation 2..8 from the payload of an APP1 "Exif\0\0" segment (after the length), or undefined. */
export function readOrientation(payload: Buffer): number | undefined {
  if (payload.length < 14 || payload.subarray(0, 6).toString('latin1') !== 'Exif\0\0') return undefined;
  const tiff = payload.subarray(6);
  const order = tiff.subarray(0, 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return undefined;
  const little = order === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return undefined;
  const ifd0 = u32(4);
  if (ifd0 + 2 > tiff.length) return undefined;
  const count = u16(ifd0);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (u16(entry) !== ORIENTATION_TAG) continue;
    if (u16(entry + 2) !== SHORT || u32(entry + 4) !== 1) return undefined;
    const value = u16(entry + 8);
    // 1 is "as stored": nothing to keep. Anything outside 1..8 is not an orientation.
    return value >= 2 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** A complete APP1 segment (marker included) whose EXIF holds only IFD0 with the orientation. */
export function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(ORIENTATION_TAG, 10);
  tiff.writeUInt16BE(SHORT, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18); // value left-justified in the 4-byte field
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255]);
  return Buffer.concat([header, payload]);
}
