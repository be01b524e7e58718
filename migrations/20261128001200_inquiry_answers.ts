/**
 * The second line answers (issue #5 item 4): who answered an inquiry, the point it is about (for
 * the unit's map), and the way back to the first line when it reached the wrong unit (status
 * `returned` with a reason; an agent reassigns it).
 */
import type { Knex } from 'knex';
import { geometry, gist } from './lib/support';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inquiries', (t) => {
    t.bigInteger('answered_by').references('staff.id').onDelete('SET NULL').comment('Staff member of the unit (or admin) who recorded the answer');
    geometry(t, 'geom', 'Point').comment('Point the question is about, when the agent put a pin; null otherwise');
    t.text('return_reason').comment('Why the unit sent it back to the first line (latest return), e.g. not our street');
    t.timestamp('returned_at', { useTz: true }).comment('When the unit last sent it back to the first line');
    t.bigInteger('returned_by').references('staff.id').onDelete('SET NULL').comment('Staff member who sent it back');
  });
  await gist(knex, 'inquiries', 'geom');
  await knex.raw(`ALTER TABLE inquiries DROP CONSTRAINT inquiries_status_check`);
  await knex.raw(`ALTER TABLE inquiries ADD CONSTRAINT inquiries_status_check CHECK (status IN ('open','answered','returned','closed'))`);
  await knex.raw(
    `COMMENT ON COLUMN inquiries.status IS 'open (the unit must answer), answered, returned (wrong unit: back at the first line for reassignment) or closed'`,
  );
  // The first line looks for returned ones across units: a small partial index keeps that cheap.
  await knex.raw(`CREATE INDEX inquiries_returned ON inquiries (jurisdiction_id, returned_at) WHERE status = 'returned'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX IF EXISTS inquiries_returned`);
  // Returned inquiries go back to their unit as open ones: the old constraint knows no other way.
  await knex('inquiries').where({ status: 'returned' }).update({ status: 'open' });
  await knex.raw(`ALTER TABLE inquiries DROP CONSTRAINT inquiries_status_check`);
  await knex.raw(`ALTER TABLE inquiries ADD CONSTRAINT inquiries_status_check CHECK (status IN ('open','answered','closed'))`);
  await knex.raw(`COMMENT ON COLUMN inquiries.status IS 'open, answered or closed'`);
  await knex.schema.alterTable('inquiries', (t) => {
    t.dropColumn('returned_by');
    t.dropColumn('returned_at');
    t.dropColumn('return_reason');
    t.dropColumn('geom');
    t.dropColumn('answered_by');
  });
}
