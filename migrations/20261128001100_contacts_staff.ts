/**
 * The agent's own shift (issue #5 "Done when", api/console/shift.ts): contacts of one agent since
 * the shift began, and the questions they forwarded. Without these the panel read the whole city's
 * contacts of the day (contacts_started is by jurisdiction and time) and every inquiry of the city.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX contacts_staff ON contacts (staff_id, started_at) WHERE staff_id IS NOT NULL`);
  await knex.raw(`COMMENT ON INDEX contacts_staff IS 'Contacts of one agent by time: the shift panel'`);
  await knex.raw(`CREATE INDEX inquiries_forwarded_by ON inquiries (forwarded_by, created_at) WHERE forwarded_by IS NOT NULL`);
  await knex.raw(`COMMENT ON INDEX inquiries_forwarded_by IS 'Questions one agent forwarded: the shift panel'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX IF EXISTS inquiries_forwarded_by`);
  await knex.raw(`DROP INDEX IF EXISTS contacts_staff`);
}
