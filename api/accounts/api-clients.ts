/**
 * API clients (Open311 keys). Keys are shown once at creation and stored only as hashes.
 *
 * Scopes (issue #11 item 2; migration 20261205000100):
 *   read         no writes at all. Every Open311 GET is public and needs no key, so this is for a
 *                client that should be known by name (its calls logged) but must never change data.
 *   report       file requests (POST requests), and post updates only to the requests this client
 *                filed itself: a comment for the city, or "fixed" while it is their only reporter.
 *   back-office  change the status of any request of its jurisdiction (the city's own systems,
 *                a contractor's works management); always bound to one jurisdiction.
 *
 * A new key gets `report` unless scopes are asked for. Why that and not `read`: least privilege
 * means the least that does the job a key is issued for, and the job of an Open311 key is filing;
 * a `read` key would grant nothing an anonymous caller does not already have, so handing it out by
 * default would only make every operator pass `--scope report` to get a working key. What made
 * keys dangerous was acting on OTHER people's requests; `report` cannot, and `back-office`, which
 * can, is never given unless named.
 */
import type { Knex } from 'knex';
import { hashApiKey, newApiKey } from '../auth/secrets';
import { Errors } from '../errors';

export const SCOPES = ['read', 'report', 'back-office'] as const;
export type Scope = (typeof SCOPES)[number];
export const DEFAULT_SCOPES: readonly Scope[] = ['report'];

export interface ApiClient {
  id: number;
  name: string;
  jurisdictionId: string | null;
  rateLimitPerMinute: number;
  /** Set for clients used by many addresses at once (the portal): a limit per client address on top. */
  perAddressLimitPerMinute: number | null;
  /** Kontakt notifies the reporters this client files for (the portal); apps notify their own users. */
  notifiesReporters: boolean;
  scopes: Scope[];
  /** Kontakt's own keyless identity ('portal'), else null. */
  internal: string | null;
  active: boolean;
}

/** One row of `kontakt apikey list`: never the key, only its first characters. */
export interface ApiClientListing extends ApiClient {
  keyHint: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface CreateApiClient {
  name: string;
  jurisdictionId?: string;
  rateLimitPerMinute?: number;
  perAddressLimitPerMinute?: number;
  notifiesReporters?: boolean;
  scopes?: readonly string[];
}

const COLUMNS = [
  'id',
  'name',
  'jurisdiction_id',
  'rate_limit_per_minute',
  'per_address_limit_per_minute',
  'notifies_reporters',
  'scopes',
  'internal',
  'active',
];

/** Checks a scope list (from the CLI or code): known names, no empties, back-office bound to a jurisdiction. */
export function checkScopes(scopes: readonly string[], jurisdictionId: string | null | undefined): Scope[] {
  const list = [...new Set(scopes.map((s) => s.trim().toLowerCase()).filter(Boolean))];
  if (!list.length) throw Errors.badRequest('scope', `at least one scope is required: ${SCOPES.join(', ')}`);
  const unknown = list.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length)
    throw Errors.badRequest('scope', `unknown scope ${unknown.map((s) => JSON.stringify(s.slice(0, 40))).join(', ')}: use ${SCOPES.join(', ')}`);
  // A back office acts for one city; a key that could close requests of every city on the server is not what anyone means.
  if (list.includes('back-office') && !jurisdictionId)
    throw Errors.badRequest('jurisdiction', 'a back-office key must name its jurisdiction (--jurisdiction ID)');
  return list as Scope[];
}

export async function createApiClient(knex: Knex, input: CreateApiClient): Promise<{ client: ApiClient; key: string }> {
  const name = input.name.trim();
  if (!name) throw Errors.badRequest('name', 'a client name is required');
  const scopes = checkScopes(input.scopes ?? DEFAULT_SCOPES, input.jurisdictionId);
  if (input.jurisdictionId) {
    const j = await knex('jurisdictions').where({ id: input.jurisdictionId }).first('id');
    if (!j) throw Errors.notFound('jurisdiction_id', input.jurisdictionId);
  }
  const key = newApiKey();
  const [row] = await knex('api_clients')
    .insert({
      name,
      jurisdiction_id: input.jurisdictionId ?? null,
      key_hash: hashApiKey(key),
      key_hint: key.slice(0, 7),
      rate_limit_per_minute: input.rateLimitPerMinute ?? 60,
      per_address_limit_per_minute: input.perAddressLimitPerMinute ?? null,
      notifies_reporters: input.notifiesReporters ?? false,
      scopes,
    })
    .returning(COLUMNS);
  await knex('audit_log').insert({
    actor_kind: 'cli',
    action: 'apikey.create',
    entity: 'api_clients',
    entity_id: String(row.id),
    jurisdiction_id: row.jurisdiction_id,
    data: { name, scopes },
  });
  return { client: toClient(row), key };
}

/** The active client owning this key, or undefined. One index lookup on the hash; keyless identities never match. */
export async function findApiClientByKey(knex: Knex, key: string): Promise<ApiClient | undefined> {
  if (!key || key.length > 200) return undefined;
  const row = await knex('api_clients')
    .where({ key_hash: hashApiKey(key), active: true })
    .first(COLUMNS);
  return row ? toClient(row) : undefined;
}

/**
 * Kontakt's own keyless identity (`internal`, e.g. 'portal'), created on first use from `defaults`.
 * It has no key_hash, so no key authenticates as it; code that acts for it looks it up here.
 */
export async function internalClient(knex: Knex, internal: string, defaults: Omit<CreateApiClient, 'jurisdictionId'>): Promise<ApiClient> {
  const found = await knex('api_clients').where({ internal }).first(COLUMNS);
  if (found) return toClient(found);
  // Two first requests may race: the unique index on `internal` keeps one row.
  await knex.raw(
    `INSERT INTO api_clients (name, key_hash, key_hint, rate_limit_per_minute, per_address_limit_per_minute, notifies_reporters, scopes, internal)
     VALUES (?, NULL, '', ?, ?, ?, ?, ?) ON CONFLICT (internal) WHERE internal IS NOT NULL DO NOTHING`,
    [
      defaults.name,
      defaults.rateLimitPerMinute ?? 60,
      defaults.perAddressLimitPerMinute ?? null,
      defaults.notifiesReporters ?? false,
      checkScopes(defaults.scopes ?? DEFAULT_SCOPES, null),
      internal,
    ],
  );
  return toClient(await knex('api_clients').where({ internal }).first(COLUMNS));
}

/** Every client, active or not, oldest first (for `kontakt apikey list`). */
export async function listApiClients(knex: Knex): Promise<ApiClientListing[]> {
  const rows = await knex('api_clients')
    .orderBy('id')
    .select([...COLUMNS, 'key_hint', 'created_at', 'last_used_at']);
  return rows.map((r) => ({ ...toClient(r), keyHint: r.key_hint, createdAt: r.created_at, lastUsedAt: r.last_used_at ?? null }));
}

async function changeClient(knex: Knex, id: number, action: string, change: Record<string, unknown>, data: Record<string, unknown>): Promise<ApiClient> {
  const [row] = await knex('api_clients')
    .where({ id })
    .update({ ...change, updated_at: knex.fn.now() })
    .returning(COLUMNS);
  if (!row) throw Errors.notFound('id', String(id));
  await knex('audit_log').insert({ actor_kind: 'cli', action, entity: 'api_clients', entity_id: String(id), jurisdiction_id: row.jurisdiction_id, data });
  return toClient(row);
}

/** Revoking keeps the row (the audit trail, and the requests it filed keep their client); the key stops working at once. */
export const revokeApiClient = (knex: Knex, id: number) => changeClient(knex, id, 'apikey.revoke', { active: false }, {});

/** Replaces the scopes of an existing key (e.g. grants back-office to the city's works system) without issuing a new key. */
export async function setApiClientScopes(knex: Knex, id: number, scopes: readonly string[]): Promise<ApiClient> {
  const row = await knex('api_clients').where({ id }).first('jurisdiction_id');
  if (!row) throw Errors.notFound('id', String(id));
  const checked = checkScopes(scopes, row.jurisdiction_id);
  return changeClient(knex, id, 'apikey.scope', { scopes: checked }, { scopes: checked });
}

// pg and PGlite both hand text[] over as an array; a driver that does not gets its literal parsed here.
const asScopes = (v: unknown): Scope[] =>
  (Array.isArray(v)
    ? v
    : String(v ?? '')
        .replace(/^\{|\}$/g, '')
        .split(',')
  ).filter((s): s is Scope => (SCOPES as readonly string[]).includes(s));

function toClient(row: Record<string, unknown>): ApiClient {
  return {
    id: Number(row.id),
    name: row.name as string,
    jurisdictionId: (row.jurisdiction_id as string | null) ?? null,
    rateLimitPerMinute: row.rate_limit_per_minute as number,
    perAddressLimitPerMinute: (row.per_address_limit_per_minute as number | null) ?? null,
    notifiesReporters: row.notifies_reporters === true,
    scopes: asScopes(row.scopes),
    internal: (row.internal as string | null) ?? null,
    active: row.active === true,
  };
}
