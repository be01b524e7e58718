/**
 * Uploaded images: the type comes from the bytes (magic numbers), never from the client's header,
 * and metadata that can identify a person or a place (EXIF with GPS and camera serials, XMP,
 * comments, PNG text chunks) is removed before anything is published. Only JPEG and PNG are kept:
 * both can be cleaned losslessly by dropping segments/chunks, without decoding pixels.
 */

import { orientationSegment, readOrientation } from './orientation';

export type ImageType = 'image/jpeg' | 'image/png';

export const EXTENSIONS: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png' };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function detectImageType(data: Buffer): ImageType | undefined {
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length > 8 && data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  return undefined;
}

export class BrokenImageError extends Error {}

/**
 * JPEG: keep SOI, APP0 (JFIF), APP2 ICC profiles, APP14 (Adobe colour transform) and every
 * non-APP segment; drop APP1 (EXIF, XMP), other APPn and COM. Everything from SOS on is copied.
 * The EXIF orientation alone survives, in a fresh EXIF block of one tag (./orientation.ts), so a
 * phone's portrait photo still shows upright while its GPS position and camera serial are gone.
 */
export function stripJpeg(data: Buffer): Buffer {
  const out: Buffer[] = [data.subarray(0, 2)];
  let orientation: number | undefined;
  let i = 2;
  while (i < data.length) {
    if (data[i] !== 0xff) throw new BrokenImageError('JPEG segment marker expected');
    const marker = data[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      out.push(data.subarray(i, i + 2));
      return Buffer.concat(out);
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(data.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > data.length) throw new BrokenImageError('JPEG ends inside a segment header');
    const length = data.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > data.length) throw new BrokenImageError('JPEG segment length out of range');
    const segment = data.subarray(i, i + 2 + length);
    if (marker === 0xe1) orientation ??= readOrientation(segment.subarray(4));
    if (marker === 0xda) {
      // Start of scan: the compressed data follows; copy the rest verbatim. The orientation block
      // goes right after SOI and JFIF, where readers look for EXIF.
      if (orientation) out.splice(out[1]?.[1] === 0xe0 ? 2 : 1, 0, orientationSegment(orientation));
      out.push(data.subarray(i));
      return Buffer.concat(out);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const keepApp = marker === 0xe0 || marker === 0xee || (marker === 0xe2 && segment.subarray(4, 15).toString('latin1') === 'ICC_PROFILE');
    if ((!isApp || keepApp) && marker !== 0xfe) out.push(segment);
    i += 2 + length;
  }
  throw new BrokenImageError('JPEG has no image data');
}

/** PNG chunks that carry pixels or colour, kept; text, time and EXIF chunks are dropped. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs', 'hIST', 'acTL', 'fcTL', 'fdAT']);

export function stripPng(data: Buffer): Buffer {
  const out: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  let sawHeader = false;
  while (i + 12 <= data.length) {
    const length = data.readUInt32BE(i);
    const type = data.subarray(i + 4, i + 8).toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type) || i + 12 + length > data.length) throw new BrokenImageError('PNG chunk out of range');
    if (!sawHeader && type !== 'IHDR') throw new BrokenImageError('PNG does not start with IHDR');
    sawHeader = true;
    if (PNG_KEEP.has(type)) out.push(data.subarray(i, i + 12 + length));
    i += 12 + length;
    if (type === 'IEND') return Buffer.concat(out);
  }
  throw new BrokenImageError('PNG has no IEND chunk');
}

/** The cleaned bytes of an image, or undefined when the bytes are not a JPEG or PNG we can read. */
export function cleanImage(data: Buffer): { type: ImageType; data: Buffer } | undefined {
  const type = detectImageType(data);
  if (!type) return undefined;
  try {
    return { type, data: type === 'image/jpeg' ? stripJpeg(data) : stripPng(data) };
  } catch (err) {
    if (err instanceof BrokenImageError) return undefined;
    throw err;
  }
}
