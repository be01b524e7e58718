/**
 * The agent console (issue #5): staff login sessions, the contacts log (every call, e-mail or visit,
 * whether or not it produced a request), the knowledge base of answers, and inquiries forwarded to
 * the second line. Personal data stays in `people`; contacts and inquiries only point at it.
 */
import type { Knex } from 'knex';
import { timestamps } from './lib/support';

const CHANNELS = `('phone','in_person','fax','email','sms','chat','web','mobile','open311','import','other')`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_sessions', (t) => {
    t.comment('Login sessions of staff. Only a SHA-256 of the random session id is stored, so a leaked table cannot be replayed.');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('token_hash').notNullable().unique().comment('hex SHA-256 of the session id held in the cookie');
    t.text('csrf_token').notNullable().comment('Random token the page must echo in a header on every state-changing call');
    t.bigInteger('staff_id').notNullable().references('staff.id').onDelete('CASCADE').comment('Staff member logged in');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('Login time');
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('Last request made with the session');
    t.timestamp('expires_at', { useTz: true }).notNullable().comment('The session is refused after this time (sliding, see api/auth/session.ts)');
    t.text('ip').comment('Client address at login');
    t.text('user_agent').comment('Browser at login, to recognise sessions in a list');
  });
  await knex.raw(`CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id)`);
  await knex.raw(`CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at)`);

  await knex.schema.createTable('knowledge_articles', (t) => {
    t.comment('Knowledge base: answers the first line reads out to residents, in Polish and English, searchable by full text.');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.text('slug').notNullable().comment('Stable short name, unique within the jurisdiction (demo and imports update by it)');
    t.text('title_pl').notNullable().comment('Title (the question as residents ask it), Polish');
    t.text('title_en').notNullable().defaultTo('').comment('Title, English');
    t.text('body_pl').notNullable().comment('Answer, Polish (plain text; blank lines separate paragraphs)');
    t.text('body_en').notNullable().defaultTo('').comment('Answer, English');
    t.specificType('tags', 'text[]').notNullable().defaultTo('{}').comment('Free tags (topics, synonyms), searched with the text');
    t.specificType('service_codes', 'text[]').notNullable().defaultTo('{}').comment('Services the answer is about (filters and suggestions)');
    t.specificType('district_codes', 'text[]').notNullable().defaultTo('{}').comment('Districts the answer applies to; empty: the whole city');
    t.timestamp('valid_from', { useTz: true }).comment('Shown from this time; null: always');
    t.timestamp('valid_to', { useTz: true }).comment('Hidden from this time (exclusive); null: open-ended');
    t.boolean('active').notNullable().defaultTo(true).comment('Withdrawn articles stay for the contacts that cite them');
    t.bigInteger('updated_by').references('staff.id').onDelete('SET NULL').comment('Admin who last edited it');
    timestamps(t, knex);
    t.unique(['jurisdiction_id', 'slug']);
  });
  // No Polish dictionary ships with PGlite or the stock server: the 'simple' configuration over
  // k_fold() (lower case, no diacritics) plus prefix queries gives a stemming-free Polish search
  // that behaves the same on both engines. Weights: title A, tags B, body C.
  // array_to_string() is only STABLE, so the document is built by a wrapper declared IMMUTABLE
  // (tags are plain text, whose output never depends on settings).
  await knex.raw(`
    CREATE OR REPLACE FUNCTION k_kb_document(title_pl text, title_en text, tags text[], body_pl text, body_en text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT setweight(to_tsvector('simple'::regconfig, k_fold(coalesce(title_pl, '') || ' ' || coalesce(title_en, ''))), 'A') ||
                 setweight(to_tsvector('simple'::regconfig, k_fold(coalesce(array_to_string(tags, ' '), ''))), 'B') ||
                 setweight(to_tsvector('simple'::regconfig, k_fold(coalesce(body_pl, '') || ' ' || coalesce(body_en, ''))), 'C') $$`);
  await knex.raw(
    `COMMENT ON FUNCTION k_kb_document(text, text, text[], text, text) IS 'Full-text document of a knowledge-base article: folded titles (A), tags (B), bodies (C).'`,
  );
  await knex.raw(
    `ALTER TABLE knowledge_articles ADD COLUMN search tsvector GENERATED ALWAYS AS (k_kb_document(title_pl, title_en, tags, body_pl, body_en)) STORED`,
  );
  await knex.raw(
    `COMMENT ON COLUMN knowledge_articles.search IS 'Full-text vector of titles (A), tags (B) and bodies (C), folded by k_fold, simple configuration'`,
  );
  await knex.raw(`CREATE INDEX knowledge_articles_search ON knowledge_articles USING gin (search)`);

  await knex.schema.createTable('inquiries', (t) => {
    t.comment(
      'Questions the first line could not answer, forwarded to the responsible unit (second line) with their own SLA; the answer returns to the resident.',
    );
    t.bigIncrements('id').comment('Internal key');
    t.text('public_id').notNullable().unique().comment('Number read out to the resident, e.g. Z-7K3M-Q9X');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.bigInteger('person_id').references('people.id').onDelete('SET NULL').comment('Resident who asked; null when anonymous');
    t.bigInteger('service_id').references('services.id').onDelete('SET NULL').comment('Topic as a service, when one fits');
    t.bigInteger('district_id').references('districts.id').onDelete('SET NULL').comment('District concerned, when known');
    t.bigInteger('unit_id').notNullable().references('units.id').comment('Unit that must answer');
    t.bigInteger('routing_rule_id')
      .references('routing_rules.id')
      .onDelete('SET NULL')
      .comment('Routing rule that chose the unit; null when the agent chose it');
    t.text('topic').notNullable().comment('Short topic for reports, e.g. parking zone');
    t.text('question').notNullable().comment('The question as the agent wrote it down');
    t.text('channel').notNullable().comment('Channel the question came by');
    t.text('reply_channel').notNullable().defaultTo('none').comment('How the answer returns: email, sms, phone, letter or none');
    t.text('status').notNullable().defaultTo('open').comment('open, answered or closed');
    t.timestamp('due_at', { useTz: true }).notNullable().comment('Answer deadline from the inquiry SLA');
    t.text('answer').comment('Answer of the unit');
    t.timestamp('answered_at', { useTz: true }).comment('When the unit answered');
    t.bigInteger('forwarded_by').references('staff.id').onDelete('SET NULL').comment('Agent who forwarded it');
    timestamps(t, knex);
  });
  await knex.raw(`ALTER TABLE inquiries
    ADD CONSTRAINT inquiries_status_check CHECK (status IN ('open','answered','closed')),
    ADD CONSTRAINT inquiries_channel_check CHECK (channel IN ${CHANNELS}),
    ADD CONSTRAINT inquiries_reply_channel_check CHECK (reply_channel IN ('email','sms','phone','letter','none'))`);
  await knex.raw(`CREATE INDEX inquiries_unit_open ON inquiries (unit_id, status, due_at)`);

  await knex.schema.createTable('contacts', (t) => {
    t.comment('Contacts log: every call, visit or message handled by an agent, with its outcome, whether or not it produced a request.');
    t.bigIncrements('id').comment('Surrogate key');
    t.text('jurisdiction_id').notNullable().references('jurisdictions.id').onDelete('CASCADE').comment('Owning jurisdiction');
    t.bigInteger('staff_id').references('staff.id').onDelete('SET NULL').comment('Agent who handled it');
    t.text('channel').notNullable().defaultTo('phone').comment('phone, in_person, fax, email, sms or chat');
    t.bigInteger('person_id').references('people.id').onDelete('SET NULL').comment('Caller, when identified');
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('When the agent opened the contact: the clock starts');
    t.timestamp('ended_at', { useTz: true }).comment('When the agent closed it; null while open');
    t.text('outcome').comment('request_filed, attached, answered_kb, forwarded, abandoned or other; null while open');
    t.text('topic').comment('Topic for reports (article title, service name or typed)');
    t.bigInteger('article_id').references('knowledge_articles.id').onDelete('SET NULL').comment('Knowledge-base article the answer came from');
    t.bigInteger('request_id').references('requests.id').onDelete('SET NULL').comment('Request filed or attached to');
    t.bigInteger('inquiry_id').references('inquiries.id').onDelete('SET NULL').comment('Inquiry forwarded to the second line');
    t.text('note').comment('Internal note of the agent');
  });
  await knex.raw(`ALTER TABLE contacts
    ADD CONSTRAINT contacts_channel_check CHECK (channel IN ${CHANNELS}),
    ADD CONSTRAINT contacts_outcome_check CHECK (outcome IS NULL OR outcome IN ('request_filed','attached','answered_kb','forwarded','abandoned','other'))`);
  await knex.raw(`CREATE INDEX contacts_started ON contacts (jurisdiction_id, started_at)`);
  await knex.raw(`CREATE INDEX contacts_person ON contacts (person_id) WHERE person_id IS NOT NULL`);
  await knex.raw(`CREATE INDEX contacts_outcome ON contacts (jurisdiction_id, outcome, started_at)`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['contacts', 'inquiries', 'knowledge_articles', 'staff_sessions']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('DROP FUNCTION IF EXISTS k_kb_document(text, text, text[], text, text)');
}
