/**
 * Staff accounts as a real city needs them (issue #11, item 9).
 *
 * `staff_login_failures` counts failed logins per e-mail address, whatever the client address, so
 * guessing one account's password from many addresses is capped too (api/auth/lockout.ts). It is
 * keyed by a hash of the lower-cased e-mail, not the account: unknown addresses are counted and
 * locked exactly like known ones, so the lock answer cannot tell anyone whether an account exists,
 * and the table holds no readable address of someone who merely mistyped theirs. In the database
 * rather than in memory, so the cap holds across restarts and across several server processes.
 *
 * `staff.password_changed_at` records when the password was last set by its owner (audit, and a
 * later "change your password every N days" policy if a city wants one).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_login_failures', (t) => {
    t.comment('Failed staff logins per e-mail address (known or not), for the per-account lockout.');
    t.text('email_hash').primary().comment('hex SHA-256 of the lower-cased, trimmed e-mail tried');
    t.integer('failures').notNullable().defaultTo(0).comment('Failed logins since window_start');
    t.timestamp('window_start', { useTz: true }).notNullable().comment('First failure of the current counting window');
    t.timestamp('locked_until', { useTz: true }).comment('Every login for the address is refused until then; null: not locked');
  });
  await knex.raw(`CREATE INDEX staff_login_failures_window ON staff_login_failures (window_start)`);
  await knex.schema.alterTable('staff', (t) => {
    t.timestamp('password_changed_at', { useTz: true }).comment('When the owner last set the password; null: still the one given at creation');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('staff', (t) => {
    t.dropColumn('password_changed_at');
  });
  await knex.schema.dropTable('staff_login_failures');
}
