/**
 * What an API key may do (issue #11 item 2). Until now every valid key could file requests and
 * post status updates to ANY request, and the portal's key was printed in the public page, so
 * anyone could close any request and have the city e-mail its reporters about it.
 *
 * - `scopes`: `read` (no writes), `report` (file requests; comment on, and close when it is their
 *   only reporter, the requests this client filed), `back-office` (change the status of any request
 *   of its jurisdiction). See api/accounts/api-clients.ts for why a new key gets `report`.
 * - `internal`: Kontakt's own client identities that have no key at all (today only 'portal': the
 *   public portal files through its own endpoint under this identity, api/public/reports.ts).
 *   Such a row has key_hash NULL, so no key can ever authenticate as it.
 *
 * Existing keys get `report`: filing was what `kontakt apikey create` documented them for, and it is
 * the scope that can touch no one else's request. We deliberately do NOT guess `back-office` from
 * history (a key that has posted updates to other clients' requests could be the city's works
 * system, or a resident app forwarding its users' comments, or whoever found the portal's key):
 * an operator grants it explicitly with `kontakt apikey scope --id N --scope report,back-office`.
 *
 * The portal's client keeps its row (and so its requests' api_client_id) but loses its key: that
 * key was public, so it is treated as compromised. Older portal clients (a lost key file made the
 * server create a new one) are revoked for the same reason. The portal client is recognised as
 * the old code made it: its name plus a per-address limit, which `kontakt apikey create` cannot set.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_clients', (t) => {
    t.specificType('scopes', 'text[]')
      .notNullable()
      .defaultTo(knex.raw(`'{report}'::text[]`))
      .comment('What the key may do: read, report, back-office (api/accounts/api-clients.ts)');
    t.text('internal').comment("Kontakt's own keyless identity ('portal'); null for keys issued by kontakt apikey create");
  });
  await knex.raw(`ALTER TABLE api_clients ALTER COLUMN key_hash DROP NOT NULL`);
  await knex.raw(`ALTER TABLE api_clients
    ADD CONSTRAINT api_clients_scopes_check CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['read','report','back-office']::text[]),
    ADD CONSTRAINT api_clients_key_check CHECK (key_hash IS NOT NULL OR internal IS NOT NULL)`);
  await knex.raw(`CREATE UNIQUE INDEX api_clients_internal ON api_clients (internal) WHERE internal IS NOT NULL`);

  const portals = `name = 'Kontakt public portal' AND per_address_limit_per_minute IS NOT NULL`;
  const current = await knex.raw(`SELECT max(id) AS id FROM api_clients WHERE ${portals} AND active`);
  const id = current.rows[0]?.id;
  if (id != null) {
    await knex.raw(`UPDATE api_clients SET internal = 'portal', key_hash = NULL, key_hint = '', scopes = '{report}', updated_at = now() WHERE id = ?`, [id]);
  }
  await knex.raw(`UPDATE api_clients SET active = false, updated_at = now() WHERE ${portals} AND internal IS NULL AND active`);
}

export async function down(knex: Knex): Promise<void> {
  // A keyless identity gets an unusable random hash back, so the old NOT NULL holds and no key works.
  await knex.raw(`UPDATE api_clients SET key_hash = encode(sha256(gen_random_uuid()::text::bytea), 'hex') WHERE key_hash IS NULL`);
  await knex.raw(`DROP INDEX api_clients_internal`);
  await knex.raw(`ALTER TABLE api_clients DROP CONSTRAINT api_clients_key_check, DROP CONSTRAINT api_clients_scopes_check`);
  await knex.raw(`ALTER TABLE api_clients ALTER COLUMN key_hash SET NOT NULL`);
  await knex.schema.alterTable('api_clients', (t) => {
    t.dropColumn('internal');
    t.dropColumn('scopes');
  });
}
