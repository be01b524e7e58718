/**
 * Is this error "the database cannot be reached" (issue #11 item 7)? Then the client's request was
 * fine and the right answer is 503 with Retry-After, not a 500 that reads like our bug. The one
 * place that knows what an outage looks like on each engine:
 *
 *  - server engine (node-postgres through knex): a refused, reset or timed-out socket
 *    (ECONNREFUSED, ECONNRESET, ...), "Connection terminated" when the server goes away mid-query,
 *    SQLSTATE class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, starting up),
 *    53300 (too many connections), and knex's pool giving up waiting for a connection;
 *  - embedded engine (PGlite, in-process): there is no socket to lose; the instance can only be
 *    closed (shutdown in progress) or aborted (the WASM runtime died), and every later query fails.
 *
 * Knex prefixes driver messages with the SQL, and Node may wrap connect failures in an
 * AggregateError (one per address tried), so the code, the cause and the inner errors are all read.
 */

/** Seconds a client should wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const MESSAGES = [
  /Connection terminated/i,
  /Client has encountered a connection error and is not queryable/i,
  /Timeout acquiring a connection/i,
  /Unable to acquire a connection/i,
  /PGlite is closed/i,
  /Aborted\(/,
];

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (e.name === 'KnexTimeoutError') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (MESSAGES.some((m) => m.test(message))) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
