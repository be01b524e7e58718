/**
 * The portal files reports through our own Open311 API (issue #6 §3) under a dedicated API client,
 * so the API is exercised by our own front end every day.
 *
 * How the page gets its key: the server creates the client "Kontakt public portal" the first time
 * the page is served and keeps the key in a file under the data directory (keys are stored in the
 * database only as hashes, so the file is the one place it can be read back). The key is written
 * into the page. Trade-off, stated plainly: a key in a public page is public; it identifies the
 * channel, it is not a secret. Abuse is bounded by the client's own per-key rate limit (set high,
 * since every resident shares it) and by a per-address limit that applies to this key alone. Revoking the
 * client (kontakt apikey ...) makes the server create a fresh one on the next start.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { createApiClient, findApiClientByKey } from '../accounts/api-clients';

export const PORTAL_CLIENT_NAME = 'Kontakt public portal';
/** Every resident on the web shares this key... */
export const PORTAL_RATE_LIMIT_PER_MINUTE = 600;
/** ...but one address may file only a few reports a minute with it. */
export const PORTAL_PER_ADDRESS_LIMIT_PER_MINUTE = 6;

export function portalKeyFile(dataDir: string, schema: string): string {
  return path.join(dataDir, `portal-api-key.${schema}.txt`);
}

/** The portal's API key, created on first use; one call per process start touches the database. */
export function portalKeyProvider(knex: Knex, dataDir: string, schema: string): () => Promise<string> {
  let pending: Promise<string> | undefined;
  const load = async () => {
    const file = portalKeyFile(dataDir, schema);
    const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
    const client = existing ? await findApiClientByKey(knex, existing) : undefined;
    if (client) {
      // Residents who file on the portal hear back from us: nobody else would tell them.
      if (!client.notifiesReporters) await knex('api_clients').where({ id: client.id }).update({ notifies_reporters: true });
      return existing;
    }
    const { key } = await createApiClient(knex, {
      name: PORTAL_CLIENT_NAME,
      rateLimitPerMinute: PORTAL_RATE_LIMIT_PER_MINUTE,
      perAddressLimitPerMinute: PORTAL_PER_ADDRESS_LIMIT_PER_MINUTE,
      notifiesReporters: true,
    });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, key + '\n', { mode: 0o600 });
    return key;
  };
  return () => {
    pending ??= load().catch((err) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}
