import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Reads a text file chunk by chunk as strings, detecting a UTF-8 or UTF-16LE byte-order mark
 * (the Warsaw 19115 exports are UTF-16LE). Multi-byte characters split across chunks are joined
 * by the decoder, so callers never see half a character. Memory stays at one chunk.
 *
 * @example
 * for await (const text of readTextChunks('addresses.csv')) process(text);
 */
export async function* readTextChunks(file: string, options: { highWaterMark?: number } = {}): AsyncGenerator<string> {
  const stream = fs.createReadStream(file, { highWaterMark: options.highWaterMark ?? 256 * 1024 });
  let decoder: StringDecoder | undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let bytes = chunk;
      if (!decoder) {
        if (bytes[0] === 0xff && bytes[1] === 0xfe) {
          decoder = new StringDecoder('utf16le');
          bytes = bytes.subarray(2);
        } else {
          decoder = new StringDecoder('utf8');
          if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
        }
      }
      const text = decoder.write(bytes);
      if (text) yield text;
    }
    const rest = decoder?.end();
    if (rest) yield rest;
  } finally {
    stream.destroy();
  }
}
