import assert from 'node:assert/strict';
import { exifGpsSegment, gpsFromJpeg, withExif } from './exif';

// SOI, a JFIF APP0 segment, then SOS: enough structure for the reader to walk.
const PLAIN = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xda, 0, 2, 0xff, 0xd9]);

describe('EXIF GPS reader', () => {
  it('reads the position a phone wrote into the photo', () => {
    const gps = gpsFromJpeg(withExif(PLAIN, exifGpsSegment(52.2297, 21.0122)));
    assert.ok(gps);
    assert.ok(Math.abs(gps.lat - 52.2297) < 1e-5 && Math.abs(gps.lon - 21.0122) < 1e-5);
  });
  it('keeps the hemisphere', () => {
    const gps = gpsFromJpeg(withExif(PLAIN, exifGpsSegment(-33.8568, -151.2153)))!;
    assert.ok(gps.lat < -33.85 && gps.lon < -151.21);
  });
  it('answers null for photos without a position and for garbage', () => {
    assert.equal(gpsFromJpeg(PLAIN), null);
    assert.equal(gpsFromJpeg(Uint8Array.from([1, 2, 3])), null);
    const broken = withExif(PLAIN, exifGpsSegment(52.2, 21)).slice(0, 40);
    assert.equal(gpsFromJpeg(broken), null);
  });
});
