/**
 * From any thrown thing to the catalogue's AppError (issue #11 items 6 and 7), for every surface's
 * renderer: the app's JSON renderer, Open311's, and the pages'. What a client got wrong is a 4xx
 * naming the header, body or parameter; a database outage is a 503 with Retry-After; only what is
 * left (our own bugs) is a 500, and the renderer logs it.
 */
import { AppError, Errors, isAppError } from '../errors';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/unavailable';

interface HttpishError {
  type?: string;
  status?: number;
  statusCode?: number;
  limit?: number;
  charset?: string;
  encoding?: string;
  code?: string;
}

/** Messages for body-parser's error types (express.json); `null` means "use the status below". */
function fromBodyParser(e: HttpishError, status: number): AppError | undefined {
  switch (e.type) {
    case 'entity.too.large':
      return Errors.tooLarge('body', e.limit ?? 0);
    case 'entity.parse.failed':
      return Errors.badRequest('body', 'the request body is not valid JSON');
    case 'charset.unsupported':
      return Errors.unsupportedMediaType('Content-Type', `unsupported charset ${JSON.stringify(String(e.charset ?? '').slice(0, 40))}: send the body as UTF-8`);
    case 'encoding.unsupported':
      return Errors.unsupportedMediaType(
        'Content-Encoding',
        `unsupported Content-Encoding ${JSON.stringify(String(e.encoding ?? '').slice(0, 40))}: use gzip, deflate, br or none`,
      );
    case 'request.aborted':
      return Errors.badRequest('body', 'the request body ended before its Content-Length');
    case 'request.size.invalid':
      return Errors.badRequest('Content-Length', 'the request body does not match its Content-Length');
    case 'stream.encoding.set':
    case 'stream.not.readable':
      return undefined;
  }
  // zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR, ...) reach us as a 400 without a type.
  if (typeof e.code === 'string' && /^(Z_|ERR__|ERR_ZSTD)/.test(e.code)) {
    return Errors.badRequest('Content-Encoding', 'the request body could not be decompressed');
  }
  if (status === 413) return Errors.tooLarge('body', e.limit ?? 0);
  if (status === 415) return Errors.unsupportedMediaType('Content-Type', 'unsupported request body');
  return undefined;
}

/**
 * The AppError to answer with, or undefined for a genuine internal error (log it, answer 500).
 * Router errors count too: Express answers a malformed %-escape in a path parameter with a 400
 * URIError (`/media/%ff`), which would otherwise end as a 500 in a renderer that only knows AppError.
 */
export function toAppError(err: unknown): AppError | undefined {
  if (isAppError(err)) return err;
  if (!err || typeof err !== 'object') return undefined;
  const e = err as HttpishError;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 0;
  if (status >= 400 && status < 500) {
    const known = fromBodyParser(e, status);
    if (known) return known;
    if (err instanceof URIError) return Errors.badRequest('path', 'the URL has a malformed %-escape');
    return Errors.badRequest(undefined, 'the request could not be read (malformed URL, header or body)');
  }
  if (isDatabaseUnavailable(err)) return Errors.unavailable(RETRY_AFTER_SECONDS);
  return undefined;
}
