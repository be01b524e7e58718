/**
 * Requests Node refuses before Express sees them (a header block over 16 KB, a malformed request
 * line, a request that never finishes arriving) get Node's bare status line and no reason. The usual
 * cause here is an Open311 GET with thousands of `service_request_id` values in the URL: say so, in
 * Polish and English, instead of leaving the client to guess. An Open311 client gets the answer in
 * its surface's error format (XML, or JSON for a `.json` path), as every other Open311 error.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { CONTENT_TYPES, toXml } from '../open311/render';

const HEADER_TOO_LARGE =
  'Request header fields too large: the URL and headers together exceed 16 KB. ' +
  'For Open311 ask for at most 1000 service_request_id values per call, or page through the list (page, page_size). / ' +
  'Nagłówki żądania są za duże (ponad 16 KB): podaj co najwyżej 1000 identyfikatorów service_request_id w jednym wywołaniu albo użyj stronicowania.';

/**
 * The path of the refused request: from its response object when Node had read the headers (a
 * timeout), else from the request line at the start of the bytes Node refused. Node hands over only
 * the chunk it failed on, so a request line that came in an earlier chunk is not known: the answer
 * is then plain text.
 */
function pathOf(err: { rawPacket?: Buffer }, socket: Duplex): string | undefined {
  const url = (socket as unknown as { _httpMessage?: { req?: { url?: string } } })._httpMessage?.req?.url;
  if (url) return url;
  const line = /^[A-Z]+ (\/[^ \r\n]*)/.exec(err.rawPacket?.subarray(0, 4096).toString('latin1') ?? '');
  return line?.[1];
}

/** `text` in Open311's error format when the path is an Open311 one (by its suffix, `.xml` otherwise). */
function bodyFor(path: string | undefined, status: number, text: string): { type: string; body: string } {
  if (!path?.startsWith('/open311/')) return { type: 'text/plain; charset=utf-8', body: `${text}\n` };
  const doc = [{ code: status, description: text }];
  const json = /\.json$/i.test(path.split('?')[0]);
  return json ? { type: CONTENT_TYPES.json, body: JSON.stringify(doc) } : { type: CONTENT_TYPES.xml, body: toXml('errors', doc) };
}

function answer(socket: Duplex, status: number, reason: string, text: string, path: string | undefined): void {
  const { type, body } = bodyFor(path, status, text);
  const bytes = Buffer.from(body, 'utf8');
  socket.end(
    Buffer.concat([
      Buffer.from(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${type}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`, 'latin1'),
      bytes,
    ]),
  );
}

function explainClientErrors(server: http.Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    // A socket that is gone or already answered cannot take a reply.
    const started = (socket as unknown as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (!socket.writable || started || (err as { code?: string }).code === 'ECONNRESET') return void socket.destroy();
    const path = pathOf(err, socket);
    if (err.code === 'HPE_HEADER_OVERFLOW') return answer(socket, 431, 'Request Header Fields Too Large', HEADER_TOO_LARGE, path);
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      return answer(socket, 408, 'Request Timeout', 'The request did not arrive in time. / Żądanie nie dotarło w wyznaczonym czasie.', path);
    }
    const hint = err.code === 'HPE_INVALID_URL' ? ' Percent-encode the URL (UTF-8). / Zakoduj adres URL (%XX, UTF-8).' : '';
    answer(socket, 400, 'Bad Request', `Malformed HTTP request (${err.code ?? 'parse error'}).${hint} / Niepoprawne żądanie HTTP.`, path);
  });
}

/** The HTTP server of an app, with the explanations above: production and the tests start it the same way. */
export function createHttpServer(app: http.RequestListener): http.Server {
  const server = http.createServer(app);
  explainClientErrors(server);
  // Once listening, an 'error' on the server (accept failing with EMFILE when file descriptors run
  // out) has no listener and would end the process: log it and keep serving the open connections.
  // Before that, listen errors (EADDRINUSE) stay with whoever called listen().
  server.once('listening', () => {
    server.on('error', (err) => process.stderr.write(`kontakt: HTTP server error (still serving): ${(err as Error).message}\n`));
  });
  return server;
}
