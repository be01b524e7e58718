/**
 * Callers as people rows (staff-only personal data). Lookup keys follow the `people` columns:
 * `email_norm` lower-cased, `phone_norm` digits only with the country code (a bare 9-digit Polish
 * number gets 48), so "+48 601-234-567", "601 234 567" and "0048601234567" are one caller.
 */
import type { Knex } from 'knex';
import { normaliseEmail, normalisePhone } from '../pipeline/people';

export interface PersonInput {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
}

/** The person with this phone or e-mail (most recent first), or a new one; null with no data at all. */
export async function findOrCreatePerson(knex: Knex, jurisdictionId: string, p: PersonInput): Promise<number | null> {
  const phoneNorm = normalisePhone(p.phone);
  const emailNorm = normaliseEmail(p.email);
  if (!phoneNorm && !emailNorm && !p.firstName && !p.lastName) return null;
  if (phoneNorm || emailNorm) {
    const existing = await knex('people')
      .where({ jurisdiction_id: jurisdictionId })
      .andWhere((w) => {
        if (phoneNorm) w.orWhere({ phone_norm: phoneNorm });
        if (emailNorm) w.orWhere({ email_norm: emailNorm });
      })
      .orderBy('updated_at', 'desc')
      .first('id');
    if (existing) return existing.id;
  }
  const [row] = await knex('people')
    .insert({
      jurisdiction_id: jurisdictionId,
      first_name: p.firstName?.trim() || null,
      last_name: p.lastName?.trim() || null,
      email: p.email?.trim() || null,
      email_norm: emailNorm,
      phone: p.phone?.trim() || null,
      phone_norm: phoneNorm,
    })
    .returning('id');
  return row.id;
}

/** People matching a phone number or an e-mail (exact on the normalised keys). */
export async function findPeople(knex: Knex, jurisdictionId: string, q: { phone?: string; email?: string }) {
  const phoneNorm = normalisePhone(q.phone);
  const emailNorm = normaliseEmail(q.email);
  if (!phoneNorm && !emailNorm) return [];
  return knex('people')
    .where({ jurisdiction_id: jurisdictionId })
    .andWhere((w) => {
      if (phoneNorm) w.orWhere({ phone_norm: phoneNorm });
      if (emailNorm) w.orWhere({ email_norm: emailNorm });
    })
    .orderBy('updated_at', 'desc')
    .limit(20)
    .select('id', 'first_name', 'last_name', 'email', 'phone');
}
