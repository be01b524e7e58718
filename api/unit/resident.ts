/**
 * How much of the resident the second line sees (data minimisation, GDPR art. 5(1)(c)). The unit
 * needs to answer, not to know the caller: it gets the name (to address the answer) and only the
 * one contact detail the chosen reply channel uses — the e-mail for `email`, the phone for `sms`
 * and `phone`. Nothing for `none` (the answer is read out by the first line when the resident
 * calls back). `letter` gets the name only: Kontakt keeps no postal addresses yet, so the letter
 * goes out through the city's correspondence office by the inquiry number.
 * The caller's other data (history, other requests, other contacts) stays in the console.
 */
import type { ReplyChannel } from '../knowledge/inquiries';

export interface ResidentForUnit {
  name: string | null;
  email?: string;
  phone?: string;
}

export function residentForUnit(
  replyChannel: ReplyChannel,
  person: { first_name: string | null; last_name: string | null; email: string | null; phone: string | null } | null,
): ResidentForUnit | null {
  if (!person || replyChannel === 'none') return null;
  const name = [person.first_name, person.last_name].filter(Boolean).join(' ') || null;
  if (replyChannel === 'email') return { name, email: person.email ?? undefined };
  if (replyChannel === 'sms' || replyChannel === 'phone') return { name, phone: person.phone ?? undefined };
  return { name };
}
