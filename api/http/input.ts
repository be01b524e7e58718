/**
 * Input no handler should ever see (issue #11 item 6), refused once for every surface instead of
 * in each handler:
 *
 *  - a path whose %-escapes do not decode (`/media/%ff`, `/r/%E0%A4%A`): Express would throw a
 *    URIError while matching parameters;
 *  - NUL (U+0000) in a path segment, a query value or name, or anywhere in a JSON body (a string or
 *    a key): PostgreSQL `text` cannot hold it and fails the query with a 500;
 *  - `__proto__` as a JSON key: harmless while we only read bodies, but no client needs it and a
 *    later `Object.assign` on a body would turn it into a prototype change.
 *
 * Open311 reads its own query and form (api/open311/form.ts, strict UTF-8, NUL refused); its
 * path still passes through here, and errors are rendered in its format by the app's renderer.
 */
import express, { RequestHandler } from 'express';
import { Errors, ErrorDetail } from '../errors';

const NUL = '\u0000';

/** Where in a parsed value a NUL or a forbidden key sits, as `field.sub[2]`; undefined when clean. */
function findHostile(value: unknown, where: string, depth = 0): ErrorDetail | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? { field: where, description: `${where} contains a NUL character` } : undefined;
  if (!value || typeof value !== 'object' || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findHostile(value[i], `${where}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const field = where ? `${where}.${key}` : key;
    if (key.includes(NUL)) return { field: where || 'body', description: `a field name contains a NUL character` };
    if (key === '__proto__') return { field: where || 'body', description: 'the key __proto__ is not allowed' };
    const found = findHostile((value as Record<string, unknown>)[key], field, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** App-level guard for the path and the query string of every request. */
export function refuseHostileInput(): RequestHandler {
  return (req, _res, next) => {
    const segments = req.path.split('/');
    for (let i = 1; i < segments.length; i++) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segments[i]);
      } catch {
        return next(Errors.badRequest('path', `path segment ${i} (${JSON.stringify(segments[i].slice(0, 40))}) has a malformed %-escape`));
      }
      if (decoded.includes(NUL)) return next(Errors.badRequest('path', `path segment ${i} contains a NUL character`));
    }
    let query: unknown;
    try {
      query = req.query;
    } catch {
      return next(Errors.badRequest('query', 'the query string could not be read'));
    }
    // Query names count as fields too: `?a%00=1` names the field by position, not by its bytes.
    const found = findHostile(query, '');
    if (found) return next(Errors.badRequest(found.field || 'query', found.field ? found.description : 'a query parameter name contains a NUL character'));
    next();
  };
}

/** Checks a parsed JSON body (after express.json) for NUL and `__proto__`, naming the field. */
export const refuseHostileBody: RequestHandler = (req, _res, next) => {
  const found = findHostile(req.body, '');
  if (found) return next(Errors.badRequest(found.field || 'body', found.description));
  next();
};

/**
 * express.json with the checks above: what every JSON surface mounts instead of express.json.
 * Body-parser's own errors (bad charset, Content-Encoding, syntax, size) become 4xx in
 * api/http/errors.ts.
 */
export function jsonBody(limit: string): RequestHandler[] {
  return [express.json({ limit }), refuseHostileBody];
}
