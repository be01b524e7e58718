/**
 * "Forward a question to the second line and close the contact": one transaction, so a contact that
 * cannot be closed leaves no inquiry behind (and no unit is told about a question nobody logged).
 */
import type { Database } from '../../db/engine';
import { closeContact, getContact, type AgentChannel } from '../../knowledge/contacts';
import { forwardInquiry, type ForwardInquiry, type Inquiry } from '../../knowledge/inquiries';
import { findOrCreatePerson } from '../../knowledge/people';
import { inTransaction } from './transaction';

export interface ForwardFromContact extends Omit<ForwardInquiry, 'channel'> {
  /** The contact the question came from; it is closed as `forwarded`. */
  contactId?: number;
  /** The channel the agent chose; without it the contact's own channel, else phone. */
  channel?: AgentChannel;
}

export async function forwardAndClose(db: Database, f: ForwardFromContact): Promise<Inquiry> {
  return inTransaction(db, async (tdb) => {
    const contact = f.contactId ? await getContact(tdb.knex, f.jurisdictionId, f.contactId) : undefined;
    const { contactId: _contactId, ...question } = f;
    // forwardInquiry opens its own transaction: inside this one it becomes a savepoint.
    const inquiry = await forwardInquiry(tdb.knex, { ...question, channel: f.channel ?? contact?.channel ?? 'phone' });
    if (contact) {
      const personId = inquiry.personId ?? (f.person ? await findOrCreatePerson(tdb.knex, f.jurisdictionId, f.person) : null);
      await closeContact(tdb.knex, f.jurisdictionId, contact.id, {
        outcome: 'forwarded',
        inquiryId: inquiry.id,
        topic: inquiry.topic,
        personId,
        channel: f.channel,
      });
    }
    return inquiry;
  });
}
