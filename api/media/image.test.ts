import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { cleanImage, detectImageType, stripJpeg, stripPng } from './image';
import { orientationSegment, readOrientation } from './orientation';

const seg = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 255]), payload]);

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
  return Buffer.concat([len, Buffer.from(type, 'latin1'), data, crc]);
};

describe('media images', () => {
  it('detects JPEG and PNG from the bytes and nothing else', () => {
    assert.equal(detectImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])), 'image/jpeg');
    assert.equal(detectImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), 'image/png');
    assert.equal(detectImageType(Buffer.from('GIF89a......')), undefined);
    assert.equal(detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
  });

  it('removes EXIF, XMP and comments from a JPEG and keeps JFIF, ICC and the scan', () => {
    const jfif = seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
    const exif = seg(0xe1, Buffer.from('Exif\0\0GPS 52.25 21.02 serial X123', 'latin1'));
    const xmp = seg(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>author</x:xmpmeta>', 'latin1'));
    const icc = seg(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01profile', 'latin1'));
    const com = seg(0xfe, Buffer.from('taken by Jan', 'latin1'));
    const dqt = seg(0xdb, Buffer.alloc(65, 1));
    const scan = Buffer.concat([seg(0xda, Buffer.alloc(10, 2)), Buffer.from([9, 9, 0xff, 0x00, 9, 0xff, 0xd9])]);
    const out = stripJpeg(Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, exif, xmp, icc, com, dqt, scan]));
    assert.deepEqual(out, Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, icc, dqt, scan]));
  });

  it('keeps only the orientation of a phone photo: GPS and camera serial go, "rotate 90°" stays', () => {
    // Little-endian EXIF as phones write it: IFD0 with Make (ASCII, offset), Orientation = 6 and a GPS pointer.
    const tiff = Buffer.alloc(8 + 2 + 3 * 12 + 4 + 16);
    tiff.write('II', 0, 'latin1');
    tiff.writeUInt16LE(42, 2);
    tiff.writeUInt32LE(8, 4);
    tiff.writeUInt16LE(3, 8);
    const entry = (k: number, tag: number, type: number, count: number, value: number) => {
      const at = 10 + k * 12;
      tiff.writeUInt16LE(tag, at);
      tiff.writeUInt16LE(type, at + 2);
      tiff.writeUInt32LE(count, at + 4);
      if (type === 3 && count === 1) tiff.writeUInt16LE(value, at + 8);
      else tiff.writeUInt32LE(value, at + 8);
    };
    entry(0, 0x010f, 2, 16, 50); // Make -> string at 50
    entry(1, 0x0112, 3, 1, 6);
    entry(2, 0x8825, 4, 1, 0); // GPS IFD pointer (content irrelevant: it must be gone)
    tiff.write('SerialX123-GPS\0', 50, 'latin1');
    const exif = seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]));
    assert.equal(readOrientation(exif.subarray(4)), 6);
    const jfif = seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
    const scan = Buffer.concat([seg(0xda, Buffer.alloc(10, 2)), Buffer.from([9, 0xff, 0xd9])]);
    const out = stripJpeg(Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, exif, scan]));
    assert.deepEqual(out, Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, orientationSegment(6), scan]));
    assert.ok(!out.includes(Buffer.from('SerialX123')), 'the camera serial is gone');
    assert.equal(readOrientation(orientationSegment(6).subarray(4)), 6, 'the new block reads back');
    // "As stored" (1), no orientation, or a broken block: no EXIF at all in the result.
    tiff.writeUInt16LE(1, 10 + 12 + 8);
    const upright = stripJpeg(Buffer.concat([Buffer.from([0xff, 0xd8]), seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff])), scan]));
    assert.deepEqual(upright, Buffer.concat([Buffer.from([0xff, 0xd8]), scan]));
    assert.equal(readOrientation(Buffer.from('Exif\0\0II*\0\xff\xff\0\0', 'latin1')), undefined);
  });

  it('removes text, time and EXIF chunks from a PNG and keeps the pixels', () => {
    const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const ihdr = chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    const idat = chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0])));
    const iend = chunk('IEND', Buffer.alloc(0));
    const png = Buffer.concat([
      sig,
      ihdr,
      chunk('tEXt', Buffer.from('Author\0Jan Kowalski')),
      chunk('eXIf', Buffer.from('MM\0*GPS')),
      chunk('tIME', Buffer.alloc(7)),
      idat,
      iend,
    ]);
    assert.deepEqual(stripPng(png), Buffer.concat([sig, ihdr, idat, iend]));
  });

  it('refuses truncated or fake images instead of storing them', () => {
    assert.equal(cleanImage(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 1, 2])), undefined);
    assert.equal(cleanImage(Buffer.from('not an image')), undefined);
    assert.equal(cleanImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 5, 0x74, 0x45])), undefined);
  });
});
