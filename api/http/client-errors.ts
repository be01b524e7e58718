/**
 * Requests Node refuses before Express sees them (a header block over 16 KB, a malformed request
 * line) get Node's bare status line and no reason. The usual cause here is an Open311 GET with
 * thousands of `service_request_id` values in the URL: say so, in Polish and English, instead of
 * leaving the client to guess. Everything else keeps Node's default handling.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';

const HEADER_TOO_LARGE =
  'Request header fields too large: the URL and headers together exceed 16 KB. ' +
  'For Open311 ask for at most 1000 service_request_id values per call, or page through the list (page, page_size). / ' +
  'Nagłówki żądania są za duże (ponad 16 KB): podaj co najwyżej 1000 identyfikatorów service_request_id w jednym wywołaniu albo użyj stronicowania.';

function answer(socket: Duplex, status: number, reason: string, text: string): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString('utf8')}`,
  );
}

function explainClientErrors(server: http.Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A socket that is gone or already answered cannot take a reply.
    if (!socket.writable || (err as { code?: string }).code === 'ECONNRESET') return void socket.destroy();
    if (err.code === 'HPE_HEADER_OVERFLOW') return answer(socket, 431, 'Request Header Fields Too Large', HEADER_TOO_LARGE);
    answer(socket, 400, 'Bad Request', `Malformed HTTP request (${err.code ?? 'parse error'}). / Niepoprawne żądanie HTTP.`);
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
