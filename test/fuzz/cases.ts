/**
 * From the route table to fuzz cases: for every route, each path parameter, each known query
 * parameter and body field in turn replaced by hostile values (the rest kept plausible, so the
 * handler gets past its first check), then hostile headers and hostile bodies.
 */
import type { RouteInfo } from './routes';
import { BODY_FIELDS, HOSTILE_BODIES, HOSTILE_HEADERS, HOSTILE_PATH_VALUES, HOSTILE_VALUES, HostileValue, QUERY_PARAMS } from './catalogue';

export interface FuzzCase {
  label: string;
  method: string;
  /** Path and query, verbatim (may hold deliberately broken %-escapes). */
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send with the logged-in staff session (cookie + CSRF token). */
  staff: boolean;
}

export interface FuzzContext {
  /** Plausible values of path parameters, by name (unknown names get `x`). */
  validParams: Record<string, string>;
  /** Plausible form fields for Open311 POSTs (the api_key among them). */
  validForm: Record<string, string>;
  /** Plausible JSON body fields per surface. */
  validJson: Record<string, Record<string, unknown>>;
  /** Open311 key, sent in the query of every Open311 case. */
  apiKey: string;
}

/** Routes that take a form (Open311's reader) rather than JSON. */
const takesForm = (r: RouteInfo) => r.surface === 'open311' || r.path === '/api/public/reports' || r.path.endsWith('/unsubscribe');
const STAFF_SURFACES = new Set(['console', 'unit', 'auth']);
/** Routes the logged-in run leaves out: they would end or replace the session the run needs. */
const SESSION_ENDING = new Set(['POST /api/auth/logout', 'POST /api/auth/login', 'POST /api/auth/password']);
/** Hostile values per query parameter / body field: a rotating window, so every value is used across a surface. */
const VALUES_PER_QUERY = 3;
const VALUES_PER_FIELD = 1;

function fill(route: RouteInfo, ctx: FuzzContext, override?: { name: string; raw: string }): string {
  return route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) =>
    override && override.name === name ? override.raw : encodeURIComponent(ctx.validParams[name] ?? 'x'),
  );
}

/** `name=value` for a query string or form; the structured values spell themselves with the name. */
function pair(name: string, v: HostileValue): string {
  const n = encodeURIComponent(name);
  return v.raw.includes('@') ? `${n}=${v.raw.replace(/@/g, n)}` : `${n}=${v.raw}`;
}

const windowOf = (i: number, size: number) => Array.from({ length: size }, (_, j) => HOSTILE_VALUES[(i * size + j) % HOSTILE_VALUES.length]);

function formBody(ctx: FuzzContext, replace?: { name: string; value: HostileValue }): Buffer {
  const pairs = Object.entries(ctx.validForm)
    .filter(([k]) => k !== replace?.name)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  if (replace) pairs.push(pair(replace.name, replace.value));
  return Buffer.from(pairs.join('&'), 'latin1');
}

function jsonBody(ctx: FuzzContext, surface: string, replace?: { name: string; value: unknown }): Buffer {
  const body: Record<string, unknown> = { ...(ctx.validJson[surface] ?? {}) };
  if (replace) Object.defineProperty(body, replace.name, { value: replace.value, enumerable: true, writable: true, configurable: true });
  return Buffer.from(JSON.stringify(body), 'utf8');
}

export function casesFor(route: RouteInfo, ctx: FuzzContext): FuzzCase[] {
  const out: FuzzCase[] = [];
  const hasBody = route.method !== 'GET';
  const form = takesForm(route);
  const keyQuery = route.surface === 'open311' ? `api_key=${encodeURIComponent(ctx.apiKey)}` : '';
  const withQuery = (path: string, q: string) => (q || keyQuery ? `${path}?${[keyQuery, q].filter(Boolean).join('&')}` : path);
  const plainBody = () => (hasBody ? (form ? formBody(ctx) : jsonBody(ctx, route.surface)) : undefined);
  const bodyHeaders: Record<string, string> = hasBody ? { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' } : {};
  const staffRuns = STAFF_SURFACES.has(route.surface) ? (SESSION_ENDING.has(`${route.method} ${route.path}`) ? [false] : [false, true]) : [false];
  const id = `${route.method} ${route.path}`;
  // Routes of one surface share their parameter names: shift the window per route so that together they use every value.
  const offset = [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % HOSTILE_VALUES.length;

  // Each kind of case runs once. On the staff surfaces the headers go without a session (they
  // replace the cookie anyway) and everything else with one, so the handlers behind the login see it.
  for (const staff of staffRuns) {
    const who = staff ? 'staff' : 'anonymous';
    const last = staff === staffRuns[staffRuns.length - 1];
    if (!staff) {
      for (const h of HOSTILE_HEADERS.filter((x) => hasBody || !x.writes)) {
        out.push({
          label: `${id} [${who}] header ${h.label}`,
          method: route.method,
          url: withQuery(fill(route, ctx), ''),
          headers: { ...bodyHeaders, ...h.headers },
          body: plainBody(),
          staff,
        });
      }
    }
    if (!last) continue;
    for (const name of route.params) {
      for (const raw of HOSTILE_PATH_VALUES) {
        out.push({
          label: `${id} [${who}] :${name}=${raw.slice(0, 30)}`,
          method: route.method,
          url: withQuery(fill(route, ctx, { name, raw }), ''),
          headers: { ...bodyHeaders },
          body: plainBody(),
          staff,
        });
      }
    }
    if (hasBody) {
      for (const b of HOSTILE_BODIES.filter((x) => x.for === 'any' || x.for === (form ? 'form' : 'json'))) {
        out.push({
          label: `${id} [${who}] body ${b.label}`,
          method: route.method,
          url: withQuery(fill(route, ctx), ''),
          headers: { ...b.headers },
          body: b.body,
          staff,
        });
      }
    }
    (QUERY_PARAMS[route.surface] ?? []).forEach((name, i) => {
      for (const v of windowOf(i + offset, VALUES_PER_QUERY)) {
        out.push({
          label: `${id} [${who}] ?${name}=${v.label}`,
          method: route.method,
          url: withQuery(fill(route, ctx), pair(name, v)),
          headers: { ...bodyHeaders },
          body: plainBody(),
          staff,
        });
      }
    });
    if (hasBody) {
      (BODY_FIELDS[route.surface] ?? []).forEach((name, i) => {
        for (const v of windowOf(i + offset, VALUES_PER_FIELD)) {
          const body = form ? formBody(ctx, { name, value: v }) : jsonBody(ctx, route.surface, { name, value: v.json });
          out.push({
            label: `${id} [${who}] body.${name}=${v.label}`,
            method: route.method,
            url: withQuery(fill(route, ctx), ''),
            headers: { ...bodyHeaders },
            body,
            staff,
          });
        }
      });
    }
  }
  return out;
}
