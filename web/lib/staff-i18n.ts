/**
 * The language machinery of the staff pages (console, unit inbox): each page keeps its own
 * dictionary of Polish and English texts by key, and gets the same functions over it. The public
 * portal has its own typed dictionary in web/lib/i18n.ts.
 */
export type Locale = 'pl' | 'en';
export type Texts = Record<string, [pl: string, en: string]>;

/** Texts every staff page has: the login form (shared markup, api/http/staff-shell.ts), logout, errors. */
const COMMON: Texts = {
  'login.email': ['E-mail', 'E-mail'],
  'login.password': ['Hasło', 'Password'],
  'login.submit': ['Zaloguj', 'Log in'],
  'login.failed': ['Nieprawidłowy e-mail lub hasło', 'Wrong e-mail or password'],
  'login.locked': [
    'Zbyt wiele nieudanych logowań na ten adres e-mail. Spróbuj ponownie za {minutes} min.',
    'Too many failed logins for this e-mail address. Try again in {minutes} min.',
  ],
  'top.logout': ['Wyloguj', 'Log out'],
  'top.password': ['Zmień hasło', 'Change password'],
  'error.generic': ['Błąd', 'Error'],
};

export function staffI18n(pageTexts: Texts) {
  const texts: Texts = { ...COMMON, ...pageTexts };
  let current: Locale = 'pl';
  // Times are shown on the city's clock (its time zone comes with the settings), not the browser's.
  let zone = 'Europe/Warsaw';
  const inCurrent = (entry: [string, string]) => entry[current === 'pl' ? 0 : 1];

  /** The text of a key in the current language, `{name}` placeholders filled; the key itself when unknown. */
  function t(key: string, params: Record<string, string | number> = {}): string {
    const entry = texts[key];
    const text = entry ? inCurrent(entry) : key;
    return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  }

  return {
    t,
    locale: () => current,
    /** Switches the language and rewrites every element marked `data-i18n` with a known key. */
    setLocale(l: Locale): void {
      current = l;
      document.documentElement.lang = l;
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-i18n]'))) {
        const key = el.dataset.i18n!;
        if (texts[key]) el.textContent = t(key);
      }
    },
    /** The words for a stored code (`ds.fixed`, `ch.web`, ...), or the code itself when none is known. */
    word(prefix: string, code: string | null | undefined): string {
      if (!code) return '';
      const entry = texts[`${prefix}.${code}`];
      return entry ? inCurrent(entry) : code;
    },
    /** Picks the Polish or English of a pair of fields. */
    pick: (pl: string | null | undefined, en: string | null | undefined) => (current === 'en' && en ? en : (pl ?? en ?? '')),
    cityTimeZone: () => zone,
    setCityTimeZone(tz: string | null | undefined): void {
      if (tz) zone = tz;
    },
    fmtDate: (iso: string | null | undefined) =>
      iso ? new Date(iso).toLocaleString(current === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }) : '',
  };
}
