/**
 * SLA pauses and the deadline watch (issue #4): the time a request spent paused (waiting for the
 * resident, referred to an external body) is accumulated so deadlines can be explained, and open
 * requests are indexed by deadline so "near or past the deadline" is an index range scan.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('requests', (t) => {
    t.integer('sla_paused_seconds').notNullable().defaultTo(0).comment('Total time the SLA clock stood paused, in seconds (deadlines already moved by it)');
  });
  await knex.raw(`CREATE INDEX requests_open_expected ON requests (jurisdiction_id, expected_at) WHERE status = 'open' AND expected_at IS NOT NULL`);
  await knex.raw(
    `CREATE INDEX requests_open_response_due ON requests (jurisdiction_id, response_due_at) WHERE status = 'open' AND responded_at IS NULL AND response_due_at IS NOT NULL`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS requests_open_response_due');
  await knex.raw('DROP INDEX IF EXISTS requests_open_expected');
  await knex.schema.alterTable('requests', (t) => {
    t.dropColumn('sla_paused_seconds');
  });
}
