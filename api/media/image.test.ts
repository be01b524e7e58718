import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { cleanImage, detectImageType, stripJpeg, stripPng } from './image';

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

  it('removes text, time and EXIF chunks from a PNG and keeps the pixels', () => {
    const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const ihdr = chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    const idat = chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0])));
    const iend = chunk('IEND', Buffer.alloc(0));
    const png = Buffer.concat([sig, ihdr, chunk('tEXt', Buffer.from('Author\0Jan Kowalski')), chunk('eXIf', Buffer.from('MM\0*GPS')), chunk('tIME', Buffer.alloc(7)), idat, iend]);
    assert.deepEqual(stripPng(png), Buffer.concat([sig, ihdr, idat, iend]));
  });

  it('refuses truncated or fake images instead of storing them', () => {
    assert.equal(cleanImage(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 1, 2])), undefined);
    assert.equal(cleanImage(Buffer.from('not an image')), undefined);
    assert.equal(cleanImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 5, 0x74, 0x45])), undefined);
  });
});
