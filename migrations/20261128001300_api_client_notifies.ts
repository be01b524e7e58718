/**
 * Whether Kontakt itself notifies the reporters an API client files for. Our own portal files
 * through Open311 under its client and leaves the resident no other way to hear back, so for it
 * we e-mail the reporter who gave an address with consent. Third-party apps (FixMyStreet and the
 * like) keep their own users informed; notices from us as well would be twice the mail, so the
 * default is off and an operator turns it on per client (kontakt apikey create --notify-reporters).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_clients', (t) => {
    t.boolean('notifies_reporters')
      .notNullable()
      .defaultTo(false)
      .comment('Kontakt e-mails the reporters this client files for (the portal); off for apps that notify their own users');
  });
  // The portal client created before this column existed (api/public/portal-key.ts also sets it).
  await knex('api_clients').where({ name: 'Kontakt public portal' }).update({ notifies_reporters: true });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_clients', (t) => {
    t.dropColumn('notifies_reporters');
  });
}
