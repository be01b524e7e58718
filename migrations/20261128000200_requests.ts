/**
 * Requests and the people around them (issue #2): requests with their history, reporters (several
 * per request, each with a channel and a notification preference), media; API clients, staff and
 * the audit log. Personal data lives only in `people`, never in `requests`, so that public reads
 * of requests cannot leak it by accident.
 */
import type { Knex } from 'knex';
import { geometry, gist, timestamps } from './lib/support';

const CHANNELS = `('phone','in_person','fax','email','sms','chat','web','mobile','open311','import','other')`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('people', (t) => {
    t.comment('Residents who contacted the city. The only table with personal data of residents; never exposed publicly.');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.text('first_name').comment('First name as given');
    t.text('last_name').comment('Last name as given');
    t.text('email').comment('E-mail as given');
    t.text('email_norm').comment('Lower-cased e-mail, for caller lookup');
    t.text('phone').comment('Phone as given');
    t.text('phone_norm').comment('Digits only, with country code (48...), for caller lookup');
    timestamps(t, knex);
  });
  await knex.raw(`CREATE INDEX people_email ON people (jurisdiction_id, email_norm) WHERE email_norm IS NOT NULL`);
  await knex.raw(`CREATE INDEX people_phone ON people (jurisdiction_id, phone_norm) WHERE phone_norm IS NOT NULL`);

  await knex.schema.createTable('api_clients', (t) => {
    t.comment('Open311 API clients. Keys are stored only as SHA-256 hashes of high-entropy random secrets.');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('jurisdiction_id').references('jurisdictions.id').onDelete('CASCADE').comment('Restricts the key to one jurisdiction; null: any');
    t.text('name').notNullable().comment('Who the key belongs to');
    t.text('key_hash').notNullable().unique().comment('hex SHA-256 of the key');
    t.text('key_hint').notNullable().comment('First characters of the key, to recognise it in lists');
    t.integer('rate_limit_per_minute').notNullable().defaultTo(60).comment('POSTs allowed per minute (429 beyond)');
    t.boolean('active').notNullable().defaultTo(true).comment('Revoked keys are kept inactive for the audit trail');
    t.timestamp('last_used_at', { useTz: true }).comment('Last successful use');
    timestamps(t, knex);
  });

  await knex.schema.createTable('staff', (t) => {
    t.comment('Staff accounts: agents, unit staff, crews, analysts and administrators.');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('jurisdiction_id').references('jurisdictions.id').onDelete('CASCADE').comment('Jurisdiction served; null: all');
    t.text('email').notNullable().comment('Login e-mail, stored lower-case');
    t.text('name').comment('Display name');
    t.text('password_hash').notNullable().comment('scrypt$N$r$p$salt$hash');
    t.boolean('must_change_password').notNullable().defaultTo(true).comment('True while the one-time password is in use');
    t.text('role').notNullable().comment('admin, agent, unit_staff, crew or analyst');
    t.bigInteger('unit_id').references('units.id').onDelete('SET NULL').comment('Unit of unit staff and crews');
    t.boolean('active').notNullable().defaultTo(true).comment('Disabled accounts cannot log in');
    t.timestamp('last_login_at', { useTz: true }).comment('Last successful login');
    timestamps(t, knex);
  });
  await knex.raw(`CREATE UNIQUE INDEX staff_email ON staff (lower(email))`);
  await knex.raw(`ALTER TABLE staff ADD CONSTRAINT staff_role_check CHECK (role IN ('admin','agent','unit_staff','crew','analyst'))`);

  await knex.schema.createTable('requests', (t) => {
    t.comment('Service requests (reports). No personal data here: reporters are in request_reporters/people.');
    t.bigIncrements('id').comment('Internal key; never shown publicly');
    t.text('public_id').notNullable().unique().comment('Open311 service_request_id: random, not guessable, readable over the phone');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.bigInteger('service_id').notNullable().references('services.id').comment('Service (request type)');
    t.text('status').notNullable().defaultTo('open').comment('Open311 status: open or closed');
    t.text('detailed_status')
      .notNullable()
      .defaultTo('new')
      .comment(
        'Detailed status (new, acknowledged, in_progress, planned, waiting_for_resident, referred_external, fixed, duplicate, not_responsible, no_further_action, cancelled, reopened)',
      );
    t.text('status_notes').comment('Public note explaining the last status change');
    t.text('description').notNullable().defaultTo('').comment('Description as given (up to 4000 characters)');
    t.text('public_description').comment('Description with e-mails and phone numbers scrubbed, shown publicly');
    t.jsonb('attributes').notNullable().defaultTo('{}').comment('Open311 attribute values: {"code": "value" | ["v1","v2"]}');
    geometry(t, 'geom', 'Point').comment('Location, EPSG:4326; null only for imported records without one');
    geometry(t, 'public_geom', 'Point').comment('Location shown publicly: the exact point, or a fuzzed one for sensitive services');
    t.text('address').comment('Human-readable address (reverse-geocoded or as given)');
    t.bigInteger('address_id').references('addresses.id').onDelete('SET NULL').comment('Nearest address point of the register');
    t.text('postcode').comment('Postal code of the address');
    t.bigInteger('district_id').references('districts.id').onDelete('SET NULL').comment('District version the point fell in at report time');
    t.bigInteger('unit_id').references('units.id').onDelete('SET NULL').comment('Responsible unit');
    t.bigInteger('routing_rule_id').references('routing_rules.id').onDelete('SET NULL').comment('Routing rule that chose the unit');
    t.jsonb('resolution').notNullable().defaultTo('{}').comment('Resolution reasons (location, address, district, unit, duplicates, SLA), shown to agents');
    t.text('channel').notNullable().defaultTo('open311').comment('Channel of the first report');
    t.integer('priority').notNullable().defaultTo(0).comment('Priority; raised by demand (reporter count)');
    t.timestamp('requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('Open311 requested_datetime');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('Open311 updated_datetime: any public change');
    t.timestamp('closed_at', { useTz: true }).comment('When it was closed');
    t.timestamp('expected_at', { useTz: true }).comment('Open311 expected_datetime: the resolution deadline from the SLA');
    t.timestamp('response_due_at', { useTz: true }).comment('First-response deadline from the SLA');
    t.timestamp('responded_at', { useTz: true }).comment('When the unit first responded');
    t.timestamp('sla_paused_at', { useTz: true }).comment('Set while the SLA clock is paused (waiting for resident, referred externally)');
    t.bigInteger('duplicate_of_id').references('requests.id').onDelete('SET NULL').comment('Surviving request this one was merged into (chains are flattened)');
    t.integer('reporter_count').notNullable().defaultTo(1).comment('Number of reporters including merged ones: a demand signal');
    t.text('token').unique().comment('Open311 token for batch services');
    t.bigInteger('api_client_id').references('api_clients.id').onDelete('SET NULL').comment('API client that created it');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When the row was stored');
  });
  await knex.raw(`ALTER TABLE requests
    ADD CONSTRAINT requests_status_check CHECK (status IN ('open','closed')),
    ADD CONSTRAINT requests_channel_check CHECK (channel IN ${CHANNELS}),
    ADD CONSTRAINT requests_description_check CHECK (char_length(description) <= 4000)`);
  await gist(knex, 'requests', 'geom');
  await gist(knex, 'requests', 'public_geom');
  await knex.raw(`CREATE INDEX requests_requested ON requests (jurisdiction_id, requested_at DESC)`);
  await knex.raw(`CREATE INDEX requests_updated ON requests (jurisdiction_id, updated_at)`);
  await knex.raw(`CREATE INDEX requests_service ON requests (service_id, requested_at DESC)`);
  // Duplicate search only looks at open, unmerged requests: a partial GIST index keeps it small.
  await knex.raw(`CREATE INDEX requests_open_geom ON requests USING gist (geom) WHERE status = 'open' AND duplicate_of_id IS NULL`);
  await knex.raw(`CREATE INDEX requests_duplicate_of ON requests (duplicate_of_id) WHERE duplicate_of_id IS NOT NULL`);
  await knex.raw(`CREATE INDEX requests_unit_open ON requests (unit_id, status)`);

  await knex.schema.createTable('request_events', (t) => {
    t.comment('Every change of a request: who, when, what, and whether the public may see it.');
    t.bigIncrements('id').comment('Surrogate key');
    t.bigInteger('request_id').notNullable().references('requests.id').onDelete('CASCADE').comment('Request changed');
    t.text('jurisdiction_id').notNullable().comment('Copied from the request');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When it happened');
    t.text('actor_kind').notNullable().comment('system, staff, api_client or resident');
    t.bigInteger('actor_id').comment('staff.id or api_clients.id; null for system and residents');
    t.text('kind').notNullable().comment('created, status, note, merged, unmerged, reporter_added, assigned, sla, media ...');
    t.boolean('public').notNullable().defaultTo(false).comment('Shown on public pages and Open311 updates');
    t.text('status').comment('Open311 status after the event, for status events');
    t.text('detailed_status').comment('Detailed status after the event');
    t.text('note').comment('Text of a note or status explanation');
    t.jsonb('data').notNullable().defaultTo('{}').comment('Structured details (old/new values, merged ids)');
  });
  await knex.raw(`CREATE INDEX request_events_request ON request_events (request_id, at)`);
  await knex.raw(`CREATE INDEX request_events_public_feed ON request_events (jurisdiction_id, at) WHERE public`);

  await knex.schema.createTable('request_reporters', (t) => {
    t.comment('Reporters of a request: the first one and every one merged or attached later ("me too").');
    t.bigIncrements('id').comment('Surrogate key');
    t.bigInteger('request_id').notNullable().references('requests.id').onDelete('CASCADE').comment('Request reported (the surviving one after merges)');
    t.text('jurisdiction_id').notNullable().comment('Copied from the request');
    t.bigInteger('person_id').references('people.id').onDelete('SET NULL').comment('Who reported; null when anonymous');
    t.bigInteger('original_request_id')
      .references('requests.id')
      .onDelete('SET NULL')
      .comment('Request this reporter first filed, when it was merged into another');
    t.text('channel').notNullable().comment('Channel this reporter used');
    t.text('notify').notNullable().defaultTo('none').comment('Notification preference: none, email or sms');
    t.text('device_id').comment('Open311 device_id');
    t.text('account_id').comment('Open311 account_id');
    t.bigInteger('api_client_id').references('api_clients.id').onDelete('SET NULL').comment('API client that reported for this person');
    t.timestamp('reported_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When this reporter reported');
  });
  await knex.raw(`ALTER TABLE request_reporters
    ADD CONSTRAINT request_reporters_channel_check CHECK (channel IN ${CHANNELS}),
    ADD CONSTRAINT request_reporters_notify_check CHECK (notify IN ('none','email','sms'))`);
  await knex.raw(`CREATE INDEX request_reporters_request ON request_reporters (request_id)`);
  await knex.raw(`CREATE INDEX request_reporters_person ON request_reporters (person_id)`);

  await knex.schema.createTable('media', (t) => {
    t.comment('Photos and other files attached to requests.');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('public_id').notNullable().unique().comment('Random id used in media URLs');
    t.bigInteger('request_id').references('requests.id').onDelete('CASCADE').comment('Request the file belongs to');
    t.text('jurisdiction_id').notNullable().comment('Copied from the request');
    t.text('content_type').notNullable().comment('Detected type (from the bytes, not the client header)');
    t.integer('bytes').notNullable().comment('Size in bytes after metadata stripping');
    t.text('sha256').notNullable().comment('Hash of the stored bytes');
    t.text('storage_path').comment('Path under the data directory; null when only an external URL is known');
    t.text('external_url').comment('Open311 media_url given by a client');
    t.boolean('public').notNullable().defaultTo(true).comment('Shown publicly (after EXIF stripping)');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When it was stored');
  });
  await knex.raw(`CREATE INDEX media_request ON media (request_id)`);

  await knex.schema.createTable('idempotency_keys', (t) => {
    t.comment('Idempotency-Key values of POSTs, so a retried POST returns the first answer instead of a twin.');
    t.bigInteger('api_client_id').notNullable().references('api_clients.id').onDelete('CASCADE').comment('Client that sent the key');
    t.text('key').notNullable().comment('The Idempotency-Key header');
    t.text('body_hash').notNullable().comment('Hash of the request body: a reused key with another body is an error');
    t.integer('status').comment('HTTP status of the first answer; null while it is being processed');
    t.jsonb('response').comment('The first answer, replayed on retries');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('Keys expire after 24 hours');
    t.primary(['api_client_id', 'key']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.comment('Security-relevant actions: logins, key and account changes, imports, merges.');
    t.bigIncrements('id').comment('Surrogate key');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When it happened');
    t.text('jurisdiction_id').comment('Jurisdiction concerned, when one');
    t.text('actor_kind').notNullable().comment('cli, staff, api_client or system');
    t.bigInteger('actor_id').comment('staff.id or api_clients.id');
    t.text('action').notNullable().comment('What was done, e.g. apikey.create, city.import, staff.login');
    t.text('entity').comment('Table or kind of thing acted on');
    t.text('entity_id').comment('Its id');
    t.jsonb('data').notNullable().defaultTo('{}').comment('Details (never passwords or keys)');
    t.text('ip').comment('Client address for HTTP actions');
  });
  await knex.raw(`CREATE INDEX audit_log_at ON audit_log (at)`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['audit_log', 'idempotency_keys', 'media', 'request_reporters', 'request_events', 'requests', 'staff', 'api_clients', 'people']) {
    await knex.schema.dropTableIfExists(table);
  }
}
