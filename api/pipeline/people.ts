/** Normalised contact details of reporters, for caller lookup (people.email_norm / phone_norm). */

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
