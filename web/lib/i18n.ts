/**
 * Texts of the public pages in Polish (first) and English. One dictionary; `t(key, params)` fills
 * `{name}` placeholders. The choice is kept in localStorage and set on <html lang>.
 */
export type Lang = 'pl' | 'en';

const TEXTS = {
  appTitle: { pl: 'Kontakt', en: 'Kontakt' },
  language: { pl: 'English', en: 'Polski' },
  languageLabel: { pl: 'Switch to English', en: 'Przełącz na polski' },
  report: { pl: 'Zgłoś problem', en: 'Report a problem' },
  filters: { pl: 'Filtry', en: 'Filters' },
  close: { pl: 'Zamknij', en: 'Close' },
  back: { pl: 'Wstecz', en: 'Back' },
  next: { pl: 'Dalej', en: 'Next' },
  map: { pl: 'Mapa zgłoszeń', en: 'Map of reports' },
  allGroups: { pl: 'Wszystkie kategorie', en: 'All categories' },
  group: { pl: 'Kategoria', en: 'Category' },
  status: { pl: 'Status', en: 'Status' },
  anyStatus: { pl: 'Każdy', en: 'Any' },
  open: { pl: 'Otwarte', en: 'Open' },
  closed: { pl: 'Zamknięte', en: 'Closed' },
  period: { pl: 'Okres', en: 'Period' },
  anyTime: { pl: 'Cały czas', en: 'All time' },
  last7: { pl: 'Ostatnie 7 dni', en: 'Last 7 days' },
  last30: { pl: 'Ostatnie 30 dni', en: 'Last 30 days' },
  last365: { pl: 'Ostatni rok', en: 'Last year' },
  from: { pl: 'Od', en: 'From' },
  to: { pl: 'Do', en: 'To' },
  district: { pl: 'Dzielnica', en: 'District' },
  allDistricts: { pl: 'Wszystkie dzielnice', en: 'All districts' },
  apply: { pl: 'Pokaż', en: 'Show' },
  clusterLabel: { pl: '{n} zgłoszeń — powiększ', en: '{n} reports — zoom in' },
  zoomInMore: { pl: 'Za dużo punktów — powiększ mapę', en: 'Too many points — zoom in' },
  loading: { pl: 'Wczytywanie…', en: 'Loading…' },
  error: { pl: 'Coś poszło nie tak: {msg}', en: 'Something went wrong: {msg}' },
  notFound: { pl: 'Nie znaleziono zgłoszenia.', en: 'Report not found.' },
  number: { pl: 'Numer zgłoszenia', en: 'Report number' },
  reported: { pl: 'Zgłoszono', en: 'Reported' },
  promised: { pl: 'Planowany termin', en: 'Promised by' },
  reporters: { pl: 'Liczba zgłaszających', en: 'Number of reporters' },
  unit: { pl: 'Odpowiada', en: 'Responsible' },
  address: { pl: 'Adres', en: 'Address' },
  approximate: { pl: 'Lokalizacja przybliżona (ok. {m} m) — ochrona prywatności', en: 'Approximate location (about {m} m) — privacy protection' },
  privateReport: { pl: 'To zgłoszenie nie jest publikowane. Widać tylko jego status.', en: 'This report is not published. Only its status is shown.' },
  history: { pl: 'Historia', en: 'History' },
  photos: { pl: 'Zdjęcia', en: 'Photos' },
  photoAlt: { pl: 'Zdjęcie {n} do zgłoszenia', en: 'Photo {n} of the report' },
  share: { pl: 'Link do zgłoszenia', en: 'Link to this report' },
  copied: { pl: 'Skopiowano link', en: 'Link copied' },
  mergedInto: { pl: 'Połączone ze zgłoszeniem {id}', en: 'Merged into report {id}' },
  thanks: { pl: 'Dziękujemy! Zgłoszenie przyjęte.', en: 'Thank you! Your report was received.' },
  followed: { pl: 'Dołączono Cię do zgłoszenia. Zgłaszających: {n}.', en: 'You now follow this report. Reporters: {n}.' },
  followByEmail: { pl: 'Obserwuj przez e-mail', en: 'Follow by e-mail' },
  follow: { pl: 'Obserwuj', en: 'Follow' },
  // report flow
  whereTitle: { pl: 'Gdzie jest problem?', en: 'Where is the problem?' },
  whereHelp: { pl: 'Dotknij mapy, użyj lokalizacji lub wyszukaj adres.', en: 'Tap the map, use your location or search an address.' },
  locateMe: { pl: 'Moja lokalizacja', en: 'Locate me' },
  locating: { pl: 'Ustalanie położenia…', en: 'Finding you…' },
  noLocation: { pl: 'Nie udało się ustalić położenia.', en: 'Could not find your position.' },
  searchAddress: { pl: 'Szukaj adresu', en: 'Search an address' },
  outside: { pl: 'Ten punkt jest poza obszarem miasta.', en: 'This point is outside the city.' },
  whatTitle: { pl: 'Czego dotyczy?', en: 'What is it about?' },
  searchService: { pl: 'Szukaj kategorii (np. dziura)', en: 'Search a category (e.g. pothole)' },
  noServices: { pl: 'Brak pasujących kategorii.', en: 'No matching categories.' },
  sameTitle: { pl: 'Czy to jedno z tych zgłoszeń?', en: 'Is it one of these?' },
  sameHelp: {
    pl: 'Ktoś mógł już to zgłosić w pobliżu. Dołącz do zgłoszenia zamiast tworzyć nowe.',
    en: 'Someone may have reported it nearby already. Follow it instead of filing a new one.',
  },
  meToo: { pl: 'To ten sam problem — dołącz', en: 'Same problem — me too' },
  newProblem: { pl: 'Nie, to nowy problem', en: 'No, it is a new problem' },
  metresAway: { pl: '{m} m stąd', en: '{m} m away' },
  detailsTitle: { pl: 'Opis', en: 'Details' },
  description: { pl: 'Opis problemu', en: 'Describe the problem' },
  addPhotos: { pl: 'Dodaj zdjęcia', en: 'Add photos' },
  photoPlace: { pl: 'Zdjęcie ma zapisane miejsce wykonania ({place}).', en: 'The photo records where it was taken ({place}).' },
  usePhotoPlace: { pl: 'Użyj miejsca ze zdjęcia', en: 'Use the photo location' },
  contactTitle: { pl: 'Kontakt (nieobowiązkowo)', en: 'Contact (optional)' },
  email: { pl: 'E-mail', en: 'E-mail' },
  phone: { pl: 'Telefon', en: 'Phone' },
  consent: {
    pl: 'Zgadzam się na przetwarzanie moich danych kontaktowych w celu obsługi zgłoszenia. Nie będą publikowane. Na nowy adres e-mail wyślemy najpierw link do jego potwierdzenia.',
    en: 'I agree that my contact details are used to handle this report. They are never published. A new e-mail address first gets a link to confirm it.',
  },
  consentNeeded: { pl: 'Zaznacz zgodę, aby podać e-mail lub telefon.', en: 'Tick the consent to give an e-mail or phone.' },
  required: { pl: 'wymagane', en: 'required' },
  choose: { pl: '— wybierz —', en: '— choose —' },
  send: { pl: 'Wyślij zgłoszenie', en: 'Send report' },
  sending: { pl: 'Wysyłanie…', en: 'Sending…' },
  selected: { pl: 'Wybrano', en: 'Selected' },
  detailedStatus_new: { pl: 'nowe', en: 'new' },
  detailedStatus_acknowledged: { pl: 'przyjęte', en: 'acknowledged' },
  detailedStatus_in_progress: { pl: 'w realizacji', en: 'in progress' },
  detailedStatus_planned: { pl: 'zaplanowane', en: 'planned' },
  detailedStatus_fixed: { pl: 'naprawione', en: 'fixed' },
  detailedStatus_duplicate: { pl: 'duplikat', en: 'duplicate' },
  detailedStatus_waiting_for_resident: { pl: 'czeka na informacje od zgłaszającego', en: 'waiting for information from the reporter' },
  detailedStatus_referred_external: { pl: 'przekazane do innej instytucji', en: 'referred to another institution' },
  detailedStatus_not_responsible: { pl: 'poza kompetencjami miasta', en: 'not the responsibility of the city' },
  detailedStatus_no_further_action: { pl: 'zakończone bez dalszych działań', en: 'closed without further action' },
  detailedStatus_cancelled: { pl: 'anulowane', en: 'cancelled' },
  detailedStatus_reopened: { pl: 'ponownie otwarte', en: 'reopened' },
  event_created: { pl: 'Zgłoszenie przyjęte', en: 'Report received' },
  event_status: { pl: 'Zmiana statusu', en: 'Status changed' },
  event_note: { pl: 'Informacja', en: 'Note' },
  event_reporter_added: { pl: 'Kolejna osoba zgłosiła problem', en: 'Another resident reported it' },
  event_merged: { pl: 'Połączono zgłoszenia', en: 'Reports merged' },
} as const;

export type TextKey = keyof typeof TEXTS;

let current: Lang = 'pl';

export function initLang(): Lang {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem('kontakt.lang');
  } catch {
    /* storage may be blocked */
  }
  current = saved === 'en' || saved === 'pl' ? saved : document.documentElement.lang === 'en' ? 'en' : 'pl';
  document.documentElement.lang = current;
  return current;
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem('kontakt.lang', next);
  } catch {
    /* ignore */
  }
}

export function t(key: TextKey, params: Record<string, string | number> = {}): string {
  const text: string = TEXTS[key][current];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** A text for a key that may not exist (statuses, event kinds from the server). */
export function tMaybe(key: string, fallback: string): string {
  return key in TEXTS ? t(key as TextKey) : fallback;
}

export function pick(names: { pl: string; en: string }): string {
  return names[current] || names.pl;
}

export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(current === 'pl' ? 'pl-PL' : 'en-GB', withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
}
