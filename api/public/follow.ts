/**
 * "Me too" (issue #6 §2): a resident near an existing report of the same kind follows it instead of
 * filing a new one. The pipeline's `attachTo` makes them a reporter of that request (reporter count
 * up, no new request); Open311 has no such call, so this small public endpoint hands it to
 * `submitReport` itself. Contact details are optional and need consent; nothing personal is returned.
 */
import type { Database } from '../db/engine';
import { Errors, ErrorDetail } from '../errors';
import { submitReport } from '../pipeline/intake';
import type { PublicStore } from './store';

export interface FollowInput {
  requestId: string;
  email?: string;
  phone?: string;
  notify: 'none' | 'email' | 'sms';
  locale: 'pl' | 'en';
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9 ()-]{7,20}$/;

export function parseFollow(requestId: string, body: Record<string, unknown>): FollowInput {
  const problems: ErrorDetail[] = [];
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '') || undefined;
  const email = text('email');
  const phone = text('phone');
  if (email && !EMAIL.test(email)) problems.push({ field: 'email', description: 'is not an e-mail address' });
  if (phone && !PHONE.test(phone)) problems.push({ field: 'phone', description: 'is not a phone number' });
  // GDPR: contact details are kept only with the resident's explicit consent.
  if ((email || phone) && body.consent !== true) problems.push({ field: 'consent', description: 'consent is required to keep an e-mail or phone number' });
  if (!/^[0-9A-Z-]{4,40}$/i.test(requestId)) problems.push({ field: 'id', description: 'is not a request number' });
  if (problems.length) throw Errors.many(problems);
  return { requestId: requestId.toUpperCase(), email, phone, notify: email ? 'email' : phone ? 'sms' : 'none', locale: body.locale === 'en' ? 'en' : 'pl' };
}

export async function followRequest(db: Database, store: PublicStore, input: FollowInput): Promise<{ id: string; reporters: number }> {
  const target = await store.request(input.requestId);
  if (!target || target.private || target.lon === null || target.lat === null) throw Errors.notFound('request', input.requestId);
  if (target.status !== 'open') throw Errors.conflict('id', 'this request is closed; please file a new report');
  const result = await submitReport(db, {
    serviceCode: target.service.code,
    location: { kind: 'wgs84', lat: target.lat, long: target.lon },
    channel: 'web',
    attachTo: target.mergedInto ?? target.id,
    reporter: input.email || input.phone ? { email: input.email, phone: input.phone, notify: input.notify } : undefined,
    locale: input.locale,
  });
  const now = await store.request(result.publicId);
  return { id: result.publicId, reporters: now?.reporters ?? target.reporters + 1 };
}
