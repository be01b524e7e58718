/**
 * Reading Open311 parameters from the raw request, ourselves (open311.md §5): Express 5 leaves
 * `attribute[code]` as literal keys and would silently replace invalid UTF-8, so query strings and
 * bodies are split into ordered (name, value) pairs here, decoded strictly as UTF-8.
 */
import type { Request } from 'express';
import Busboy from 'busboy';
import { Errors, isAppError } from '../errors';

export type Pairs = Array<[string, string]>;

export interface UploadedFile {
  field: string;
  filename: string;
  /** What the client claimed; never trusted (the bytes decide, see api/media/sniff.ts). */
  declaredType: string;
  data: Buffer;
}

export interface Form {
  pairs: Pairs;
  files: UploadedFile[];
}

/** Largest url-encoded body: 4,000 characters of description plus attributes fit easily. */
export const MAX_FORM_BYTES = 256 * 1024;
/** More parameters than any Open311 call needs; beyond it the request is rejected. */
const MAX_PAIRS = 500;
const MAX_FILES = 10;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const hexValue = (b: number) => (b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 0x37 : b >= 0x61 && b <= 0x66 ? b - 0x57 : -1);

/**
 * One name or value of a form, from its bytes: `+` is a space, `%XX` a byte, every other byte is
 * itself (a client may send raw UTF-8, `description=żółć`, with or without `charset=utf-8`). The
 * bytes are then decoded as UTF-8 once, strictly: a raw 0xFF or `%FF` is a 400 naming the field.
 */
function percentDecode(raw: Uint8Array, field: string): string {
  const bytes = new Uint8Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    const hi = c === 0x25 && i + 2 < raw.length ? hexValue(raw[i + 1]) : -1;
    const lo = hi >= 0 ? hexValue(raw[i + 2]) : -1;
    if (c === 0x2b) bytes[n++] = 0x20;
    else if (lo >= 0) {
      bytes[n++] = hi * 16 + lo;
      i += 2;
    } else bytes[n++] = c;
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes.subarray(0, n));
  } catch {
    throw Errors.badRequest(field, `${field} is not valid UTF-8`);
  }
  // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
  if (text.includes('\u0000')) throw Errors.badRequest(field, `${field} contains a NUL character`);
  return text;
}

/**
 * Splits `a=1&b=2` into ordered pairs; every name and value is strictly UTF-8. A body is given as
 * its bytes (never through a Latin-1 string, which turned raw `żółć` into `Å¼Ã³Å\x82Ä\x87`); a
 * string (the query part of a URL) is taken as its UTF-8 bytes.
 */
export function parsePairs(input: string | Uint8Array): Pairs {
  const data = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const pairs: Pairs = [];
  let start = 0;
  while (start <= data.length) {
    let end = data.indexOf(0x26, start);
    if (end < 0) end = data.length;
    if (end > start) {
      const part = data.subarray(start, end);
      const eq = part.indexOf(0x3d);
      const name = percentDecode(eq < 0 ? part : part.subarray(0, eq), 'parameter name');
      pairs.push([name, percentDecode(eq < 0 ? new Uint8Array(0) : part.subarray(eq + 1), name)]);
      if (pairs.length > MAX_PAIRS) throw Errors.badRequest(undefined, `more than ${MAX_PAIRS} parameters`);
    }
    start = end + 1;
  }
  return pairs;
}

export function queryPairs(req: Request): Pairs {
  const url = req.originalUrl;
  const q = url.indexOf('?');
  return q < 0 ? [] : parsePairs(url.slice(q + 1));
}

/**
 * Reads the whole body but keeps at most `limit` bytes: the rest is drained, so the client gets
 * our 413 answer instead of a reset connection.
 */
export function readBody(req: Request, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
  });
}

/** Reads a POST form: url-encoded or multipart, with size limits on fields and files. */
export async function readForm(req: Request, maxUploadBytes: number): Promise<Form> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  // The form is read as it arrives: a compressed one would be parsed as garbage.
  const encoding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding !== 'identity' && encoding !== '') {
    await readBody(req, 0);
    throw Errors.unsupportedMediaType(
      'Content-Encoding',
      `Content-Encoding ${JSON.stringify(encoding.slice(0, 40))} is not accepted: send the form uncompressed`,
    );
  }
  if (type.startsWith('multipart/form-data')) return readMultipart(req, maxUploadBytes);
  if (type && !type.startsWith('application/x-www-form-urlencoded')) {
    await readBody(req, 0);
    throw Errors.badRequest(undefined, 'the body must be application/x-www-form-urlencoded or multipart/form-data');
  }
  const { body, tooLarge } = await readBody(req, MAX_FORM_BYTES);
  if (tooLarge) throw Errors.tooLarge(undefined, MAX_FORM_BYTES);
  return { pairs: parsePairs(body), files: [] };
}

function readMultipart(req: Request, maxUploadBytes: number): Promise<Form> {
  return new Promise((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({
        headers: req.headers,
        limits: { fileSize: maxUploadBytes, files: MAX_FILES, fields: MAX_PAIRS, fieldSize: MAX_FORM_BYTES },
        defParamCharset: 'utf8',
      });
    } catch {
      reject(Errors.badRequest(undefined, 'the multipart body has no boundary'));
      return;
    }
    const pairs: Pairs = [];
    const files: UploadedFile[] = [];
    let problem: unknown;
    let part = 0;
    /**
     * Every callback below runs inside a stream event: a throw there is uncaught and ends the
     * process (issue #11: a part without a name did exactly that). So each one is guarded, and the
     * first problem is kept and answered once the body has been read to its end.
     */
    const guard =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A): void => {
        try {
          fn(...args);
        } catch (err) {
          problem ??= err;
        }
      };
    // busboy gives `undefined` (or '') for a part without a usable name: no `name`, `name=""`, or only the RFC 2231 `name*=`, which it does not read.
    const unnamed = (name: unknown, n: number) =>
      typeof name === 'string' && name !== ''
        ? undefined
        : Errors.badRequest(`part ${n}`, `part ${n} has no name (Content-Disposition: form-data; name="...")`);
    bb.on(
      'field',
      guard((name: string, value: string, info: Busboy.FieldInfo) => {
        const n = ++part;
        const noName = unnamed(name, n);
        // busboy replaces invalid UTF-8 by U+FFFD; a replacement character means the input was broken.
        if (noName) problem ??= noName;
        else if (info.valueTruncated) problem ??= Errors.tooLarge(name, MAX_FORM_BYTES);
        else if (name.includes('\uFFFD') || value.includes('\uFFFD')) problem ??= Errors.badRequest(name, `${name} is not valid UTF-8`);
        else if (name.includes('\u0000') || value.includes('\u0000')) problem ??= Errors.badRequest(name, `${name} contains a NUL character`);
        else pairs.push([name, value]);
      }),
    );
    bb.on(
      'file',
      guard((field: string, stream: NodeJS.ReadableStream, info: Busboy.FileInfo) => {
        const n = ++part;
        const chunks: Buffer[] = [];
        // A file stream destroyed by a truncated body emits 'error': without a listener that, too, ends the process.
        stream.on(
          'error',
          guard(() => (problem ??= Errors.badRequest(`part ${n}`, `part ${n} (a file) ends before its boundary: the multipart body is truncated`))),
        );
        const noName = unnamed(field, n);
        if (noName) {
          problem ??= noName;
          stream.resume();
          return;
        }
        stream.on(
          'data',
          guard((c: Buffer) => chunks.push(c)),
        );
        stream.on(
          'limit',
          guard(() => {
            problem ??= Errors.tooLarge(field, maxUploadBytes);
          }),
        );
        stream.on(
          'close',
          guard(() => {
            if (!(stream as unknown as { truncated?: boolean }).truncated) {
              files.push({ field, filename: info.filename ?? '', declaredType: info.mimeType, data: Buffer.concat(chunks) });
            }
          }),
        );
      }),
    );
    bb.on(
      'filesLimit',
      guard(() => (problem ??= Errors.badRequest(undefined, `at most ${MAX_FILES} files per request`))),
    );
    bb.on(
      'fieldsLimit',
      guard(() => (problem ??= Errors.badRequest(undefined, `more than ${MAX_PAIRS} parameters`))),
    );
    bb.on('error', (err: unknown) => {
      req.unpipe(bb);
      req.resume();
      reject(
        isAppError(problem)
          ? problem
          : Errors.badRequest(undefined, `the multipart body is malformed (${String((err as Error)?.message ?? err).slice(0, 80)})`),
      );
    });
    bb.on('close', () => (problem ? reject(problem) : resolve({ pairs, files })));
    req.on('error', reject);
    req.pipe(bb);
  });
}

/**
 * Parameters by name. An empty value counts as absent (SPEC "Optional Arguments": "a null
 * parameter should be treated as equivalent to a non-declared parameter").
 */
export class Params {
  constructor(readonly pairs: Pairs) {}

  get(name: string): string | undefined {
    for (const [k, v] of this.pairs) if (k === name && v.trim() !== '') return v.trim();
    return undefined;
  }

  /** Every non-empty value of a repeated or comma-separated parameter. */
  list(name: string): string[] {
    return this.pairs
      .filter(([k]) => k === name)
      .flatMap(([, v]) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  }

  /** Raw values of a parameter, empty ones included (media_url may repeat). */
  all(name: string): string[] {
    return this.pairs.filter(([k]) => k === name).map(([, v]) => v);
  }
}

/**
 * `attribute[code]=v`, repeated `attribute[code]=v` or `attribute[code][]=v` (multivaluelist),
 * codes with spaces or punctuation; empty values are kept (FixMyStreet sends every attribute,
 * empty ones too) and dropped later by the validator when the attribute is optional.
 */
export function parseAttributes(pairs: Pairs): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    if (!name.startsWith('attribute[')) continue;
    // `attribute[c][]` and a repeated `attribute[c]` both collect into one list.
    let inner = name.slice('attribute['.length);
    if (inner.endsWith('][]')) inner = inner.slice(0, -3);
    else if (inner.endsWith(']')) inner = inner.slice(0, -1);
    else continue;
    const code = inner.trim();
    if (!code) continue;
    (out[code] ??= []).push(value);
  }
  return out;
}
