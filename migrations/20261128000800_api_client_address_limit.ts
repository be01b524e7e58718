/**
 * A per-address limit for API clients whose key is public (issue #6: the portal's key is written
 * into the public page, so the per-key limit alone would let one address use the whole city's
 * share). Server-to-server clients leave it null: their one address is the client.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_clients', (t) => {
    t.integer('per_address_limit_per_minute').comment('POSTs allowed per minute from one client address with this key; null: no per-address limit');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_clients', (t) => {
    t.dropColumn('per_address_limit_per_minute');
  });
}
