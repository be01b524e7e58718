/**
 * The contract machinery without a database: input coercion and the 400 naming the field, typed
 * handler input, the success status, and checkOutput catching an answer that drifted.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Type } from '@sinclair/typebox';
import { checkOutput, contract, implement, mountRoutes } from './contract';
import { isAppError } from '../errors';

const echo = contract({
  method: 'GET',
  path: '/echo/:id',
  roles: 'anonymous',
  input: {
    params: Type.Object({ id: Type.Integer() }),
    query: Type.Object({
      q: Type.String({ maxLength: 5 }),
      limit: Type.Integer({ minimum: 1, maximum: 50, default: 10, error: 'limit must be 1 to 50' }),
      on: Type.Optional(Type.Boolean()),
    }),
  },
  output: { 201: Type.Object({ id: Type.Integer(), q: Type.String(), limit: Type.Integer(), on: Type.Optional(Type.Boolean()) }) },
  cache: 'no-store',
});
const staffOnly = contract({ method: 'GET', path: '/staff', roles: ['admin'], input: {}, output: { 200: Type.Object({}) } });

describe('route contracts (api/http/contract.ts)', () => {
  let base = '';
  let close = () => {};
  before(async () => {
    const app = express();
    const deps = { db: { knex: (() => ({})) as never } };
    app.use(
      mountRoutes(
        express.Router(),
        [implement(echo, ({ params, query }) => ({ id: params.id, q: query.q, limit: query.limit, on: query.on })), implement(staffOnly, () => ({}))],
        deps,
      ),
    );
    app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      if (!isAppError(err)) return res.status(500).json({ error: String(err) });
      res.status(err.status).json({ errors: err.details.map((d) => ({ code: err.status, ...d })) });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  after(() => close());
  const get = async (path: string) => {
    const res = await fetch(base + path);
    return { status: res.status, body: await res.json(), cache: res.headers.get('cache-control') };
  };

  it('coerces query and path strings, trims, drops empty values, fills defaults, answers the success status', async () => {
    const r = await get('/echo/7?q=%20ab%20&limit=&on=true');
    assert.equal(r.status, 201);
    assert.deepEqual(r.body, { id: 7, q: 'ab', limit: 10, on: true });
    assert.equal(r.cache, 'no-store');
    assert.deepEqual(checkOutput(echo, 201, r.body), []);
  });

  it('answers 400 naming each field at fault, with the schema own words when it has them', async () => {
    const r = await get('/echo/x?limit=500&q=toolong');
    assert.equal(r.status, 400);
    const byField = Object.fromEntries(r.body.errors.map((e: { field: string; description: string }) => [e.field, e.description]));
    assert.deepEqual(Object.keys(byField).sort(), ['id', 'limit', 'q']);
    assert.equal(byField.limit, 'limit must be 1 to 50');
    const missing = await get('/echo/1');
    assert.deepEqual(missing.body.errors, [{ code: 400, field: 'q', description: 'q is required' }]);
    assert.equal((await get('/echo/1?q=a&q=b')).status, 400, 'a repeated parameter is not a string');
  });

  it('checks the role before anything else: no session is 401', async () => {
    // The fake knex is never asked: no session cookie, so loadSession does not look one up.
    assert.equal((await get('/staff')).status, 401);
  });

  it('checkOutput names what drifted, and an undeclared status', () => {
    assert.match(checkOutput(echo, 201, { id: '7', q: 'a', limit: 1 })[0], /\/id must be integer/);
    assert.match(checkOutput(echo, 200, {})[0], /status 200 is not in the contract/);
  });
});
