/** Normalised contact details of reporters, for caller lookup (people.email_norm / phone_norm). */
import { sql, type Sql } from '../db/sql';

export function normaliseEmail(email: string | undefined): string | null {
  const e = email?.trim().toLowerCase();
  return e ? e : null;
}

/** Digits with the country code: "+48 601-234-567", "0048601234567" and "601 234 567" -> "48601234567". */
export function normalisePhone(phone: string | undefined): string | null {
  if (!phone) return null;
  let d = phone.replace(/[^\d+]/g, '');
  if (d.startsWith('+')) d = d.slice(1);
  else if (d.startsWith('00')) d = d.slice(2);
  else if (d.length === 9) d = `48${d}`;
  d = d.replace(/\D/g, '');
  return d.length >= 6 ? d : null;
}

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * SQL + bindings of a CTE that records an e-mail address an agent typed as confirmed by staff
 * (issue #11 item 10: the caller gave it to the city on the line; public channels leave it
 * unconfirmed, which needs no row: see migration 20261205000500). Written in the same statement
 * as the reporter, so the notice triggers of that statement already see it. No-op without an
 * agent, an address, or e-mail notices.
 */
export function staffConfirmedAddressCte(jurisdictionId: string, email: string | undefined, staffId: number | undefined, notify: string | undefined): Sql {
  const norm = staffId && notify === 'email' ? normaliseEmail(email) : null;
  return sql`staff_addr AS (INSERT INTO email_addresses AS ea (jurisdiction_id, email_norm, confirmed_at, confirmed_how, confirmed_by)
            SELECT ${jurisdictionId}::text, ${norm}::text, now(), 'staff', ${staffId ?? null}::bigint WHERE ${norm}::text IS NOT NULL
            ON CONFLICT (jurisdiction_id, email_norm) DO UPDATE SET confirmed_at = now(), confirmed_how = 'staff', confirmed_by = EXCLUDED.confirmed_by
             WHERE ea.confirmed_at IS NULL RETURNING ea.id)`;
}
