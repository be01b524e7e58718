/** API clients (Open311 keys). Keys are shown once at creation and stored only as hashes. */
import type { Knex } from 'knex';
import { hashApiKey, newApiKey } from '../auth/secrets';
import { Errors } from '../errors';

export interface ApiClient {
  id: number;
  name: string;
  jurisdictionId: string | null;
  rateLimitPerMinute: number;
  /** Set for clients whose key is public (the portal): a limit per client address on top. */
  perAddressLimitPerMinute: number | null;
  /** Kontakt notifies the reporters this client files for (the portal); apps notify their own users. */
  notifiesReporters: boolean;
  active: boolean;
}

export interface CreateApiClient {
  name: string;
  jurisdictionId?: string;
  rateLimitPerMinute?: number;
  perAddressLimitPerMinute?: number;
  notifiesReporters?: boolean;
}

export async function createApiClient(knex: Knex, input: CreateApiClient): Promise<{ client: ApiClient; key: string }> {
  const name = input.name.trim();
  if (!name) throw Errors.badRequest('name', 'a client name is required');
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
    })
    .returning(['id', 'name', 'jurisdiction_id', 'rate_limit_per_minute', 'per_address_limit_per_minute', 'notifies_reporters', 'active']);
  await knex('audit_log').insert({ actor_kind: 'cli', action: 'apikey.create', entity: 'api_clients', entity_id: String(row.id), jurisdiction_id: row.jurisdiction_id, data: { name } });
  return { client: toClient(row), key };
}

/** The active client owning this key, or undefined. One index lookup on the hash. */
export async function findApiClientByKey(knex: Knex, key: string): Promise<ApiClient | undefined> {
  if (!key || key.length > 200) return undefined;
  const row = await knex('api_clients').where({ key_hash: hashApiKey(key), active: true }).first();
  return row ? toClient(row) : undefined;
}

function toClient(row: { id: number; name: string; jurisdiction_id: string | null; rate_limit_per_minute: number; per_address_limit_per_minute: number | null; notifies_reporters: boolean; active: boolean }): ApiClient {
  return {
    id: row.id,
    name: row.name,
    jurisdictionId: row.jurisdiction_id,
    rateLimitPerMinute: row.rate_limit_per_minute,
    perAddressLimitPerMinute: row.per_address_limit_per_minute,
    notifiesReporters: row.notifies_reporters === true,
    active: row.active,
  };
}
