/**
 * Contracts for the JSON surfaces (issue #13 item 3): a route is data, its schemas are TypeBox, so the
 * JSON Schema ajv checks at run time and the TypeScript type the handler and the web client see come
 * from one source. docs/contracts.md has the longer story.
 *
 * How to use it:
 *
 *   // api/<surface>/contract.ts: schemas and contracts only (imports nothing but TypeBox and this file),
 *   // so web clients can `import type` from it.
 *   export const Candidates = Type.Object({ candidates: Type.Array(Candidate) });
 *   export const autocomplete = contract({
 *     method: 'GET', path: '/autocomplete', roles: 'anonymous',          // or 'session', or ['agent', 'admin']
 *     input: { query: Type.Object({ q: Type.String({ maxLength: 200 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }) },
 *     output: { 200: Candidates },                                       // the one 2xx key is the success status
 *   });
 *   export type AutocompleteAnswer = Answer<typeof autocomplete>;        // for the web client
 *
 *   // api/<surface>/routes.ts: bind handlers (parse -> look up -> act -> render) and mount.
 *   mountRoutes(router, [
 *     implement(C.autocomplete, async ({ query }) => ({ candidates: await autocomplete(db, query.q, query.limit ?? 10) })),
 *   ], deps);
 *
 * What `mountRoutes` does per route, in order: the route's own `before` middleware (body parser, rate
 * limit); the role check (`'anonymous'`: anyone; `'session'`: any logged-in staff, even on a one-time
 * password (requireOwnSession); a role list: requireStaff(...roles), which also checks CSRF on
 * writes); then ajv on params, query and body. Query and path values arrive as strings: they are
 * trimmed, empty ones dropped (as if absent), and coerced to the schema's type (`"10"` -> 10,
 * `"true"` -> true). Bodies are JSON and are not coerced. Defaults in schemas are filled in. Every
 * problem is a 400 from the one catalogue (api/errors.ts) naming the field (`{field: 'limit', description}`);
 * a schema may carry `error: '...'` to word its message. Then the handler gets the typed input and
 * its result is sent as JSON with the success status and the route's `cache` header.
 *
 * Outputs are not validated at run time; tests call `checkOutput(contract, status, body)` (or
 * `assertOutput`) on real answers, see api/<surface>/contract.db.test.ts.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import type { Request, RequestHandler, Response, Router } from 'express';
import type { Role } from '../accounts/staff';
import { loadSession, requireOwnSession, requireStaff, sessionOf, type Session } from '../auth/session';
import { Errors, type ErrorDetail } from '../errors';

/** The JSON error answer of every contract surface (the app's renderer): `{errors: [{code, field, description}]}`. */
export const ErrorBody = Type.Object({
  errors: Type.Array(Type.Object({ code: Type.Integer(), field: Type.Optional(Type.String()), description: Type.String() }), { minItems: 1 }),
});

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Who may call: anyone, any logged-in staff member (even before the one-time password is changed), or these roles. */
export type Roles = 'anonymous' | 'session' | readonly Role[];

export interface Contract<
  P extends TObject = TObject,
  Q extends TObject = TObject,
  B extends TSchema = TSchema,
  O extends Record<number, TSchema> = Record<number, TSchema>,
> {
  method: Method;
  /** Express path relative to the surface's mount point, e.g. `/inquiries/:id`. */
  path: string;
  roles: Roles;
  input: { params?: P; query?: Q; body?: B };
  /** Answer schema per status; exactly one 2xx key (the success status), error statuses optional. */
  output: O;
  /** Cache-Control of a successful answer. */
  cache?: string;
  summary?: string;
}

/** Identity, for inference: `contract({...})` keeps the literal schema types. */
export const contract = <P extends TObject, Q extends TObject, B extends TSchema, O extends Record<number, TSchema>>(
  c: Contract<P, Q, B, O>,
): Contract<P, Q, B, O> => c;

type StaticOr<S, D> = S extends TSchema ? Static<S> : D;
type SuccessKey<O> = { [K in keyof O]: K extends 200 | 201 | 202 | 204 ? K : never }[keyof O];

/** The validated input of a contract, as its handler receives it. */
export interface Input<C extends Contract> {
  params: StaticOr<NonNullable<C['input']['params']>, Record<string, never>>;
  query: StaticOr<NonNullable<C['input']['query']>, Record<string, never>>;
  body: StaticOr<NonNullable<C['input']['body']>, undefined>;
}
/** The success answer of a contract (what the web client receives). */
export type Answer<C extends Contract> = Static<C['output'][SuccessKey<C['output']>]>;
/** The body a contract takes (what the web client sends). */
export type Body<C extends Contract> = Input<C>['body'];
/** The query a contract takes, as typed values (the client sends them as strings). */
export type Query<C extends Contract> = Input<C>['query'];

/** What a handler may return for an answer type: a Date where the wire has its ISO string (res.json turns one into the other). */
export type Renderable<T> = T extends string
  ? string | Date
  : T extends readonly (infer E)[]
    ? readonly Renderable<E>[]
    : T extends object
      ? { [K in keyof T]: Renderable<T[K]> }
      : T;

export interface HandlerContext<D> {
  req: Request;
  res: Response;
  deps: D;
  /** The session when the route needs one (roles other than 'anonymous'); undefined otherwise. */
  session: Session | undefined;
}

export interface Route<D = unknown, C extends Contract = Contract> {
  contract: C;
  /** Middleware run before the role check (body parser, rate limit). */
  before?: RequestHandler[];
  handler: (input: Input<C>, ctx: HandlerContext<D>) => Promise<Renderable<Answer<C>>> | Renderable<Answer<C>>;
}

/** A contract bound to its handler; `before` for middleware such as `jsonBody('8kb')`. */
export function implement<C extends Contract, D = unknown>(c: C, handler: Route<D, C>['handler'], before?: RequestHandler[]): Route<D, C> {
  return { contract: c, handler, before };
}

// Query strings and path parameters are strings: coerce them. JSON bodies carry their own types: do not.
const coercing = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: 'array', useDefaults: true, verbose: true }));
const exact = addFormats(new Ajv({ allErrors: true, strict: false, useDefaults: true, verbose: true }));
const outputs = addFormats(new Ajv({ allErrors: true, strict: false }));

const compiled = new Map<Ajv, WeakMap<object, ValidateFunction>>();
function compile(ajv: Ajv, schema: TSchema): ValidateFunction {
  if (!compiled.has(ajv)) compiled.set(ajv, new WeakMap());
  const cache = compiled.get(ajv)!;
  let v = cache.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    cache.set(schema, v);
  }
  return v;
}

/** ajv's errors as catalogue details: the field named (`limit`, `body.answer`), the message worded for people. */
export function toDetails(errors: ErrorObject[] | null | undefined, where: 'params' | 'query' | 'body'): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let path = e.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .join('.');
    if (e.keyword === 'required')
      path = path ? `${path}.${(e.params as { missingProperty: string }).missingProperty}` : (e.params as { missingProperty: string }).missingProperty;
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      path = path ? `${path}.${extra}` : extra;
    }
    const field = path || where;
    if (seen.has(field)) continue; // one message per field (anyOf branches would repeat it)
    seen.add(field);
    const worded = (e.parentSchema as { error?: string } | undefined)?.error;
    let description: string;
    if (e.keyword === 'required') description = `${field} is required`;
    else if (e.keyword === 'additionalProperties') description = `${field} is not a known field`;
    else if (worded) description = worded;
    else description = `${field} ${e.message ?? 'is not valid'}`;
    out.push({ field, description });
  }
  return out.length ? out : [{ field: where, description: `${where} is not valid` }];
}

/** Query and path values as the schemas expect them: trimmed, empty dropped (an empty field counts as absent). */
function tidy(values: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!values || typeof values !== 'object') return out;
  for (const [k, v] of Object.entries(values)) {
    const t = typeof v === 'string' ? v.trim() : v;
    if (t === '' || t === undefined) continue;
    out[k] = t;
  }
  return out;
}

/** Checks one part of the input; returns the (coerced, defaulted) value or throws the catalogue's 400. */
export function validateInput<T>(schema: TSchema, value: unknown, where: 'params' | 'query' | 'body'): T {
  const v = compile(where === 'body' ? exact : coercing, schema);
  if (!v(value)) throw Errors.many(toDetails(v.errors, where));
  return value as T;
}

function roleCheck(roles: Roles): RequestHandler | undefined {
  if (roles === 'anonymous') return undefined;
  if (roles === 'session') return requireOwnSession();
  return requireStaff(...roles);
}

const successStatus = (c: Contract): number => {
  const ok = Object.keys(c.output)
    .map(Number)
    .filter((s) => s >= 200 && s < 300);
  if (ok.length !== 1) throw new Error(`contract ${c.method} ${c.path}: output needs exactly one 2xx status, has ${ok.join(', ') || 'none'}`);
  return ok[0];
};

/**
 * Mounts every route on the router. Staff routes load the session themselves when the router has
 * not (`loadSession` on the router is cheaper when every route needs it).
 */
export function mountRoutes<D extends { db: { knex: import('knex').Knex } }>(router: Router, routes: Route<D, any>[], deps: D): Router {
  const session = loadSession(deps.db.knex);
  const ensureSession: RequestHandler = (req, res, next) => (res.locals.session ? next() : session(req, res, next));
  for (const r of routes) {
    const c: Contract = r.contract;
    const status = successStatus(c);
    const check = roleCheck(c.roles);
    const run: RequestHandler = async (req, res, next) => {
      try {
        // Every part is checked before answering, so one 400 lists every field at fault.
        const problems: ErrorDetail[] = [];
        const part = (schema: TSchema | undefined, value: unknown, where: 'params' | 'query' | 'body') => {
          if (!schema) return where === 'body' ? undefined : {};
          const v = compile(where === 'body' ? exact : coercing, schema);
          if (!v(value)) problems.push(...toDetails(v.errors, where));
          return value;
        };
        const input = {
          params: part(c.input.params, tidy(req.params), 'params'),
          query: part(c.input.query, tidy(req.query), 'query'),
          body: part(c.input.body, req.body ?? {}, 'body'),
        };
        if (problems.length) throw Errors.many(problems);
        const result = await r.handler(input as never, { req, res, deps, session: sessionOf(res) });
        if (res.headersSent) return;
        if (c.cache && !res.get('Cache-Control')) res.set('Cache-Control', c.cache);
        res.status(status).json(result);
      } catch (err) {
        next(err);
      }
    };
    const chain = [...(r.before ?? []), ...(check ? [ensureSession, check] : []), run];
    const m = c.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    router[m](c.path, ...chain);
  }
  return router;
}

/** Problems of an answer against the contract's schema for its status (empty when it matches). For tests. */
export function checkOutput(c: Contract, status: number, body: unknown): string[] {
  const schema = c.output[status];
  if (!schema) return [`${c.method} ${c.path}: status ${status} is not in the contract (has ${Object.keys(c.output).join(', ')})`];
  const v = compile(outputs, schema);
  if (v(body)) return [];
  return (v.errors ?? []).map((e) => `${c.method} ${c.path} ${status}: ${e.instancePath || '(root)'} ${e.message}`);
}

/** Throws when an answer does not match its contract; tests call it on every real response. */
export function assertOutput(c: Contract, status: number, body: unknown): void {
  const problems = checkOutput(c, status, body);
  if (problems.length) throw new Error(`answer does not match its contract:\n  ${problems.slice(0, 10).join('\n  ')}`);
}
