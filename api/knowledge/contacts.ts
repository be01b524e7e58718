/**
 * Contacts log (issue #5 items 1 and 4). Opening a contact starts the clock; closing it records the
 * outcome: a request filed, the caller attached to one, an answer from the knowledge base (counted
 * with its topic, and no request is created), or an inquiry forwarded to the second line.
 */
import type { Knex } from 'knex';
import type { Channel } from '../pipeline/types';
import { Errors } from '../errors';

/** Channels an agent takes contacts on (the rest are machine channels). */
export const AGENT_CHANNELS = ['phone', 'in_person', 'fax', 'email', 'sms', 'chat'] as const satisfies readonly Channel[];
export type AgentChannel = (typeof AGENT_CHANNELS)[number];

export const OUTCOMES = ['request_filed', 'attached', 'answered_kb', 'forwarded', 'abandoned', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Contact {
  id: number;
  jurisdictionId: string;
  staffId: number | null;
  channel: AgentChannel;
  personId: number | null;
  startedAt: Date;
  endedAt: Date | null;
  outcome: Outcome | null;
  topic: string | null;
  articleId: number | null;
  requestId: number | null;
  inquiryId: number | null;
  note: string | null;
}

function toContact(row: Record<string, unknown>): Contact {
  return {
    id: row.id as number,
    jurisdictionId: row.jurisdiction_id as string,
    staffId: (row.staff_id as number) ?? null,
    channel: row.channel as AgentChannel,
    personId: (row.person_id as number) ?? null,
    startedAt: row.started_at as Date,
    endedAt: (row.ended_at as Date) ?? null,
    outcome: (row.outcome as Outcome) ?? null,
    topic: (row.topic as string) ?? null,
    articleId: (row.article_id as number) ?? null,
    requestId: (row.request_id as number) ?? null,
    inquiryId: (row.inquiry_id as number) ?? null,
    note: (row.note as string) ?? null,
  };
}

export function parseChannel(value: unknown): AgentChannel {
  if (value === undefined || value === null || value === '') return 'phone';
  if (typeof value !== 'string' || !(AGENT_CHANNELS as readonly string[]).includes(value)) {
    throw Errors.badRequest('channel', `channel must be one of ${AGENT_CHANNELS.join(', ')}`);
  }
  return value as AgentChannel;
}

export async function openContact(
  knex: Knex,
  input: { jurisdictionId: string; staffId: number; channel?: AgentChannel; personId?: number | null; now?: Date },
): Promise<Contact> {
  const [row] = await knex('contacts')
    .insert({
      jurisdiction_id: input.jurisdictionId,
      staff_id: input.staffId,
      channel: input.channel ?? 'phone',
      person_id: input.personId ?? null,
      started_at: input.now ?? new Date(),
    })
    .returning('*');
  return toContact(row);
}

export async function getContact(knex: Knex, jurisdictionId: string, id: number): Promise<Contact> {
  const row = await knex('contacts').where({ id, jurisdiction_id: jurisdictionId }).first();
  if (!row) throw Errors.notFound('contact', String(id));
  return toContact(row);
}

export interface CloseContact {
  outcome: Outcome;
  topic?: string | null;
  articleId?: number | null;
  requestId?: number | null;
  inquiryId?: number | null;
  personId?: number | null;
  note?: string | null;
  /** The agent corrected the channel while handling the contact. */
  channel?: AgentChannel;
  now?: Date;
}

/**
 * Records the outcome and stops the clock. A contact already closed may be closed again (the agent
 * corrects the outcome); the end time is kept from the first close.
 */
export async function closeContact(knex: Knex, jurisdictionId: string, id: number, close: CloseContact): Promise<Contact> {
  if (!(OUTCOMES as readonly string[]).includes(close.outcome)) throw Errors.badRequest('outcome', `outcome must be one of ${OUTCOMES.join(', ')}`);
  if (close.outcome === 'answered_kb' && !close.articleId && !close.topic)
    throw Errors.badRequest('topic', 'an answer from the knowledge base needs the article or a topic');
  const patch: Record<string, unknown> = {
    outcome: close.outcome,
    ended_at: knex.raw('coalesce(ended_at, ?)', [close.now ?? new Date()]),
  };
  for (const [key, column] of [
    ['channel', 'channel'],
    ['topic', 'topic'],
    ['articleId', 'article_id'],
    ['requestId', 'request_id'],
    ['inquiryId', 'inquiry_id'],
    ['personId', 'person_id'],
    ['note', 'note'],
  ] as const) {
    if (close[key] !== undefined && close[key] !== null) patch[column] = close[key];
  }
  const [row] = await knex('contacts').where({ id, jurisdiction_id: jurisdictionId }).update(patch).returning('*');
  if (!row) throw Errors.notFound('contact', String(id));
  return toContact(row);
}

/** Contacts of one caller, newest first, with what came of them (staff-only data). */
export async function contactsOfPerson(
  knex: Knex,
  personIds: number[],
  limit = 20,
): Promise<Array<Contact & { requestPublicId: string | null; inquiryPublicId: string | null }>> {
  if (personIds.length === 0) return [];
  const rows = await knex('contacts as c')
    .leftJoin('requests as r', 'r.id', 'c.request_id')
    .leftJoin('inquiries as i', 'i.id', 'c.inquiry_id')
    .whereIn('c.person_id', personIds)
    .orderBy('c.started_at', 'desc')
    .limit(limit)
    .select('c.*', 'r.public_id as request_public_id', 'i.public_id as inquiry_public_id');
  return rows.map((row: Record<string, unknown>) => ({
    ...toContact(row),
    requestPublicId: (row.request_public_id as string) ?? null,
    inquiryPublicId: (row.inquiry_public_id as string) ?? null,
  }));
}

/** Counts of closed contacts by outcome, channel and topic in a period: the first-line report. */
export async function contactSummary(
  knex: Knex,
  jurisdictionId: string,
  from: Date,
  to: Date,
): Promise<Array<{ outcome: Outcome; channel: AgentChannel; topic: string | null; contacts: number; withRequest: number }>> {
  const r = await knex.raw(
    `SELECT outcome, channel, topic, count(*)::int AS contacts, count(request_id)::int AS with_request
       FROM contacts
      WHERE jurisdiction_id = ? AND started_at >= ? AND started_at < ? AND outcome IS NOT NULL
      GROUP BY outcome, channel, topic
      ORDER BY contacts DESC, outcome, topic`,
    [jurisdictionId, from, to],
  );
  return r.rows.map((x: Record<string, unknown>) => ({
    outcome: x.outcome,
    channel: x.channel,
    topic: x.topic ?? null,
    contacts: x.contacts,
    withRequest: x.with_request,
  }));
}
