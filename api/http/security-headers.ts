/**
 * Response headers every surface shares: the Content-Security-Policy and its companions (helmet),
 * and compression. Mounted once in createApp, before the surfaces, so no route can forget them.
 *
 * Two kinds of response differ only in who may frame them:
 * - the public map (`GET /` and `GET /r/<id>`): our own pages and the origins of
 *   KONTAKT_EMBED_ORIGINS (a city's website showing the map in an <iframe>);
 * - everything else (staff pages /console and /unit, the unsubscribe page, every API): nobody, so
 *   a staff screen can never sit under another site's invisible buttons (clickjacking).
 * Scripts come only from our own origin (no inline script, no eval): the pages pass their data in
 * `<script type="application/json">` blocks, which are never executed. Inline styles are allowed:
 * OpenLayers positions its overlays with `style` attributes at run time, and a style cannot run code.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import type { Config } from '../config';

/** `GET /` and `GET /r/<id>` are the pages a city may embed; `/r/<id>/unsubscribe` is not. */
export const isEmbeddablePage = (path: string): boolean => path === '/' || /^\/r\/[^/]+\/?$/.test(path);

/**
 * The origin a tile URL template loads from, as a CSP source: `https://tile.openstreetmap.org`,
 * or `https://*.tile.example.org` for `https://{a-c}.tile.example.org/...`. A template whose host
 * is otherwise made of placeholders can only be allowed by its scheme.
 */
export function tileSource(template: string | undefined): string | undefined {
  if (!template) return undefined;
  const m = /^(https?):\/\/([^/?#]+)/i.exec(template);
  if (!m) return undefined;
  const [, scheme, host] = m;
  if (!host.includes('{')) return `${scheme}://${host}`.toLowerCase();
  const sub = /^\{[^}]*\}\.([^{}]+)$/.exec(host);
  return sub ? `${scheme}://*.${sub[1]}`.toLowerCase() : `${scheme}:`;
}

export function securityHeaders(config: Pick<Config, 'publicUrl' | 'tileUrl' | 'embedOrigins'>): RequestHandler {
  const https = config.publicUrl.startsWith('https://');
  const tiles = tileSource(config.tileUrl);
  const external = tiles ? [tiles] : [];
  const publicFrames = ["'self'", ...config.embedOrigins].join(' ');
  const frameAncestors = (req: Request) => (isEmbeddablePage(req.path) ? publicFrames : "'none'");
  const policy = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        // data: for the console's pin icon (an inline SVG), blob: for photo previews.
        'img-src': ["'self'", 'data:', 'blob:', ...external],
        'connect-src': ["'self'", ...external],
        'font-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': [(req) => frameAncestors(req as Request)],
        // Over plain http (a laptop, a test) upgrading would break every request of the page.
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    // HSTS over http would be ignored by browsers, and wrong behind a proxy that is not TLS yet.
    // No includeSubDomains: the city's other hosts are not ours to pin to https.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    // Set below, per request.
    referrerPolicy: false,
    xFrameOptions: false,
    crossOriginResourcePolicy: false,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    // Links under /r/ carry request numbers and secrets (unsubscribe, the resident's own link):
    // a page reached from there learns nothing of them.
    res.setHeader('Referrer-Policy', req.path.startsWith('/r/') ? 'no-referrer' : 'strict-origin-when-cross-origin');
    // X-Frame-Options for browsers without frame-ancestors; it cannot name other origins, so an
    // embeddable page with configured origins relies on the CSP alone.
    if (!isEmbeddablePage(req.path)) res.setHeader('X-Frame-Options', 'DENY');
    else if (config.embedOrigins.length === 0) res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    // Photos are linked from Open311 answers and shown by other sites' apps; everything else is ours.
    res.setHeader('Cross-Origin-Resource-Policy', req.path.startsWith('/media/') ? 'cross-origin' : 'same-origin');
    policy(req, res, next);
  };
}

/**
 * gzip for what compresses (HTML, JS, CSS, JSON, XML), never for photos (JPEG, PNG and WebP are
 * compressed already) nor for event streams, whose chunks must reach the client as written.
 */
export function compressResponses(): RequestHandler {
  return compression({
    filter: (req, res) => {
      if (req.path.startsWith('/media/')) return false;
      if (/^text\/event-stream/i.test(String(res.getHeader('Content-Type') ?? ''))) return false;
      return compression.filter(req, res);
    },
  });
}
