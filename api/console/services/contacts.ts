/** Opening and closing a contact by hand (the agent's call log); closing after a report or a forward is in reports.ts and inquiries.ts. */
import type { Knex } from 'knex';
import { getArticle } from '../../knowledge/articles';
import { closeContact, openContact, type AgentChannel, type CloseContact, type Contact } from '../../knowledge/contacts';
import { findPeople } from '../../knowledge/people';

/** A contact for this agent, linked to the caller when the phone or e-mail is known already. */
export async function openContactFor(
  knex: Knex,
  o: { jurisdictionId: string; staffId: number; channel: AgentChannel; phone?: string; email?: string },
): Promise<Contact> {
  const person = o.phone || o.email ? (await findPeople(knex, o.jurisdictionId, { phone: o.phone, email: o.email }))[0] : undefined;
  return openContact(knex, { jurisdictionId: o.jurisdictionId, staffId: o.staffId, channel: o.channel, personId: person?.id ?? null });
}

/** Closes with the agent's outcome; an answer from an article without a topic is logged under the article's title. */
export async function closeContactWith(knex: Knex, jurisdictionId: string, contactId: number, close: CloseContact): Promise<Contact> {
  const topic = close.articleId && !close.topic ? (await getArticle(knex, jurisdictionId, close.articleId)).titlePl : close.topic;
  return closeContact(knex, jurisdictionId, contactId, { ...close, topic });
}
