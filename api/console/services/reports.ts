/**
 * "File a report and close the contact": the agent's one action, stored whole or not at all. If
 * the contact cannot be closed, the request (or the reporter attached to one) is rolled back too,
 * so the shift never shows a request without the call it came from.
 */
import type { Database } from '../../db/engine';
import { closeContact, getContact, type AgentChannel } from '../../knowledge/contacts';
import { findPeople } from '../../knowledge/people';
import { fileThroughPipeline, type ConsoleReport, type ConsoleReportResult } from '../pipeline';
import { inTransaction } from './transaction';

export interface ReportFromContact extends Omit<ConsoleReport, 'channel'> {
  /** The contact the report came from; it is closed as `request_filed` (or `attached`). */
  contactId?: number;
  /** The channel the agent chose; without it the contact's own channel, else phone. */
  channel?: AgentChannel;
}

export async function fileReportAndClose(db: Database, r: ReportFromContact): Promise<ConsoleReportResult> {
  return inTransaction(db, async (tdb) => {
    const contact = r.contactId ? await getContact(tdb.knex, r.jurisdictionId, r.contactId) : undefined;
    const { contactId: _contactId, ...report } = r;
    const result = await fileThroughPipeline(tdb, { ...report, channel: r.channel ?? contact?.channel ?? 'phone' });
    if (contact) {
      const personId = r.reporter ? (await findPeople(tdb.knex, r.jurisdictionId, { phone: r.reporter.phone, email: r.reporter.email }))[0]?.id : undefined;
      await closeContact(tdb.knex, r.jurisdictionId, contact.id, {
        outcome: r.attachTo ? 'attached' : 'request_filed',
        requestId: result.requestId,
        topic: result.serviceName,
        personId,
        channel: r.channel,
      });
    }
    return result;
  });
}
