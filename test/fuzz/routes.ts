/**
 * Every route of the app, read from Express 5's own router stack (issue #11 "Done when": the fuzz
 * suite is driven by the route tables). A route added to any surface later is found here without
 * touching the fuzz suite; `SURFACE_MINIMUM` makes sure the walk cannot silently find nothing.
 */
import type { Express } from 'express';

export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express path with `:params`, mount paths included, e.g. `/api/console/requests/:id/notes`. */
  path: string;
  surface: Surface;
  /** Names of the path parameters, in order. */
  params: string[];
}

export type Surface = 'open311' | 'public' | 'geo' | 'console' | 'unit' | 'auth' | 'media' | 'pages' | 'health';

/** The least each surface has today; fewer means the walk broke (or routes were dropped without updating this). */
export const SURFACE_MINIMUM: Record<Surface, number> = {
  open311: 9,
  public: 7,
  geo: 3,
  console: 24,
  unit: 5,
  auth: 3,
  media: 1,
  pages: 6,
  health: 2,
};

export function surfaceOf(path: string): Surface {
  if (path.startsWith('/open311/')) return 'open311';
  if (path.startsWith('/api/geo/')) return 'geo';
  if (path.startsWith('/api/console/')) return 'console';
  if (path.startsWith('/api/unit/')) return 'unit';
  if (path.startsWith('/api/auth/')) return 'auth';
  if (path.startsWith('/api/public/')) return 'public';
  if (path.startsWith('/media/')) return 'media';
  if (path === '/healthz' || path === '/readyz') return 'health';
  // The public map's pages (/, /r/:id, its unsubscribe page) count as pages like /console and /unit.
  return 'pages';
}

interface LayerLike {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: string | string[];
}

const join = (a: string, b: string) => `${a}/${b}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

function walk(stack: LayerLike[], prefix: string, out: RouteInfo[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        const path = join(prefix, p);
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (!on || method === '_all') continue;
          const params = [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
          out.push({ method: method.toUpperCase() as RouteInfo['method'], path, surface: surfaceOf(path), params });
        }
      }
    } else if (layer.handle?.stack) {
      const mount = Array.isArray(layer.rawPath) ? layer.rawPath[0] : (layer.rawPath ?? '');
      walk(layer.handle.stack, join(prefix, mount), out);
    }
  }
}

/** Every (method, path) the app serves, deduplicated, in mount order. */
export function enumerateRoutes(app: Express): RouteInfo[] {
  const out: RouteInfo[] = [];
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  walk(router.stack, '', out);
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
