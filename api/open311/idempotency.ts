/**
 * Idempotency-Key on POSTs: a retry with the same key and the same body gets the first answer again
 * instead of creating a twin; the same key with another body is refused (400). Keys live 24 hours.
 *
 * The key's row is written WITH the request, in the one statement that stores the report (the
 * intake's `alongside` option, api/pipeline/intake.ts), never before or after it (issue #11, item 5):
 *  - a crash leaves either both (a retry gets the original answer) or neither (a retry creates the
 *    request, once); there is no "being processed" row that could outlive a crash and answer 409;
 *  - two concurrent calls with one key both run, but the second one's statement meets the first
 *    one's key (PostgreSQL makes it wait until the first commits) and fails as a whole, so its
 *    request is never stored: it answers with the first one's answer. Never a twin;
 *  - a refused call (4xx) stores nothing, so the corrected retry can use the key.
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { Errors } from '../errors';
import type { IntakeOptions, submitReport } from '../pipeline/intake';
import type { Form } from './form';
import { answerOf, type PostAnswer } from './submit';

const TTL_MS = 24 * 3600 * 1000;
/**
 * Rows with no answer were written by the code before this one (the key first, the answer after
 * the request). One older than this was left by a crash: it no longer blocks its key.
 */
const LEGACY_PENDING_MS = 60_000;

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

/** The key's row for a given answer, as one INSERT to run inside the statement that does the work. */
export type Keep<T> = (answer: T) => { sql: string; bindings: unknown[] };

interface KeyRow {
  body_hash: string;
  status: number | null;
  response: unknown;
  created_at: Date;
}

/** The PRIMARY KEY (api_client_id, key) of idempotency_keys was taken by a concurrent call. */
function keyTaken(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === 'idempotency_keys_pkey' || /idempotency_keys_pkey/.test(e.message ?? ''));
}

export async function withIdempotency<T>(
  knex: Knex,
  clientId: number,
  key: string | undefined,
  bodyHash: string,
  run: (keep: Keep<T> | undefined) => Promise<T>,
): Promise<Replay<T>> {
  if (!key) return { replayed: false, value: await run(undefined) };
  if (key.length > 200) throw Errors.badRequest('Idempotency-Key', 'Idempotency-Key is longer than 200 characters');
  const where = { api_client_id: clientId, key };
  await knex('idempotency_keys')
    .where(where)
    .andWhere('created_at', '<', new Date(Date.now() - TTL_MS))
    .delete();
  const lookup = () => knex('idempotency_keys').where(where).first<KeyRow | undefined>('body_hash', 'status', 'response', 'created_at');
  const replay = (first: KeyRow): Replay<T> => {
    if (first.body_hash !== bodyHash) throw Errors.badRequest('Idempotency-Key', 'this Idempotency-Key was already used with a different request body');
    if (first.status === null) throw Errors.conflict('Idempotency-Key', 'the first call with this Idempotency-Key is still being processed; retry shortly');
    return { replayed: true, value: (typeof first.response === 'string' ? JSON.parse(first.response) : first.response) as T };
  };
  const first = await lookup();
  if (first && !(first.status === null && Date.now() - new Date(first.created_at).getTime() > LEGACY_PENDING_MS)) return replay(first);
  if (first) await knex('idempotency_keys').where(where).whereNull('status').delete();

  const keep: Keep<T> = (answer) => ({
    sql: `INSERT INTO idempotency_keys (api_client_id, key, body_hash, status, response) VALUES (?::bigint, ?::text, ?::text, 200, ?::jsonb)`,
    bindings: [clientId, key, bodyHash, JSON.stringify(answer)],
  });
  try {
    return { replayed: false, value: await run(keep) };
  } catch (err) {
    if (!keyTaken(err)) throw err;
    // A concurrent call with this key stored its request first; ours was not stored. Its answer is ours.
    const winner = await lookup();
    if (winner) return replay(winner);
    throw Errors.conflict('Idempotency-Key', 'another call with this Idempotency-Key was being processed; retry shortly');
  }
}

/** The intake, keeping the key's row (with its Open311 answer) in the statement that stores the report. */
export function intakeKeeping(intake: typeof submitReport, keep: Keep<PostAnswer>): typeof submitReport {
  return (db, input, now, options?: IntakeOptions) => intake(db, input, now, { ...options, alongside: (report) => keep(answerOf(report.serviceType, report)) });
}
