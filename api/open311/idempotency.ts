/**
 * Idempotency-Key on POSTs: the first call with a key stores its answer; a retry with the same key
 * and the same body gets that answer again instead of creating a twin. The same key with another
 * body is refused (400), and a retry while the first call still runs gets 409. Keys live 24 hours.
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { AppError, Errors } from '../errors';
import type { Form } from './form';

const TTL_MS = 24 * 3600 * 1000;

/** Hash of the request as the client sent it: ordered pairs plus the bytes of every file. */
export function formHash(path: string, form: Form): string {
  const h = crypto.createHash('sha256').update(path).update('\0');
  for (const [k, v] of form.pairs) h.update(k).update('=').update(v).update('\0');
  for (const f of form.files) h.update(f.field).update(crypto.createHash('sha256').update(f.data).digest());
  return h.digest('hex');
}

export interface Replay<T> {
  replayed: boolean;
  value: T;
}

export async function withIdempotency<T>(knex: Knex, clientId: number, key: string | undefined, bodyHash: string, run: () => Promise<T>): Promise<Replay<T>> {
  if (!key) return { replayed: false, value: await run() };
  if (key.length > 200) throw Errors.badRequest('Idempotency-Key', 'Idempotency-Key is longer than 200 characters');
  await knex('idempotency_keys').where({ api_client_id: clientId, key }).andWhere('created_at', '<', new Date(Date.now() - TTL_MS)).delete();
  const inserted = await knex.raw(
    `INSERT INTO idempotency_keys (api_client_id, key, body_hash) VALUES (?, ?, ?) ON CONFLICT (api_client_id, key) DO NOTHING RETURNING key`,
    [clientId, key, bodyHash],
  );
  if (inserted.rows.length === 0) {
    const first = await knex('idempotency_keys').where({ api_client_id: clientId, key }).first('body_hash', 'status', 'response');
    if (!first) throw Errors.conflict('Idempotency-Key', 'the first call with this Idempotency-Key is still being processed; retry shortly');
    if (first.body_hash !== bodyHash) throw Errors.badRequest('Idempotency-Key', 'this Idempotency-Key was already used with a different request body');
    if (first.status === null) throw Errors.conflict('Idempotency-Key', 'the first call with this Idempotency-Key is still being processed; retry shortly');
    return { replayed: true, value: first.response as T };
  }
  try {
    const value = await run();
    await knex('idempotency_keys').where({ api_client_id: clientId, key }).update({ status: 200, response: JSON.stringify(value) });
    return { replayed: false, value };
  } catch (err) {
    // A refused call created nothing: forget the key so the corrected retry can use it again.
    await knex('idempotency_keys').where({ api_client_id: clientId, key }).delete();
    throw err instanceof AppError ? err : err;
  }
}
