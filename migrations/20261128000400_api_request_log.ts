/**
 * Open311 request log per API client (issue #3 §9): one row per call made with an api_key, so a
 * city can see who sends what and how it went. No bodies and no personal data are kept.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('api_request_log', (t) => {
    t.comment('Calls made with an Open311 api_key: method, path, status and duration; no bodies or personal data.');
    t.bigIncrements('id').comment('Surrogate key');
    t.bigInteger('api_client_id').notNullable().references('api_clients.id').onDelete('CASCADE').comment('Client whose key was used');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When the call arrived');
    t.text('method').notNullable().comment('HTTP method');
    t.text('path').notNullable().comment('Path without the query string');
    t.integer('status').notNullable().comment('HTTP status answered');
    t.integer('duration_ms').notNullable().comment('Time to answer, milliseconds');
    t.text('service_request_id').comment('Request created or changed by the call, when one');
  });
  await knex.raw('CREATE INDEX api_request_log_client_at ON api_request_log (api_client_id, at DESC)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('api_request_log');
}
