/** Polish first, English beside it: every text of the console by key. */
export type Locale = 'pl' | 'en';

const TEXTS: Record<string, [pl: string, en: string]> = {
  'login.title': ['Logowanie do konsoli', 'Console login'],
  'login.email': ['E-mail', 'E-mail'],
  'login.password': ['Hasło', 'Password'],
  'login.submit': ['Zaloguj', 'Log in'],
  'login.failed': ['Nieprawidłowy e-mail lub hasło', 'Wrong e-mail or password'],
  'top.logout': ['Wyloguj', 'Log out'],
  'contact.new': ['Nowy kontakt', 'New contact'],
  'contact.channel': ['Kanał', 'Channel'],
  'contact.open': ['Kontakt otwarty', 'Contact open'],
  'contact.none': ['Brak otwartego kontaktu', 'No open contact'],
  'ch.phone': ['telefon', 'phone'],
  'ch.in_person': ['osobiście', 'in person'],
  'ch.fax': ['faks', 'fax'],
  'ch.email': ['e-mail', 'e-mail'],
  'ch.sms': ['SMS', 'SMS'],
  'ch.chat': ['czat', 'chat'],
  'caller.title': ['Dzwoniący (opcjonalnie)', 'Caller (optional)'],
  'caller.phone': ['Telefon', 'Phone'],
  'caller.email': ['E-mail', 'E-mail'],
  'caller.first': ['Imię', 'First name'],
  'caller.last': ['Nazwisko', 'Last name'],
  'caller.notify': ['Powiadomienia', 'Notifications'],
  'caller.lookup': ['Szukaj historii', 'Look up history'],
  'caller.none': ['Brak wcześniejszych kontaktów', 'No earlier contacts'],
  'caller.requests': ['Zgłoszenia', 'Requests'],
  'caller.contacts': ['Kontakty', 'Contacts'],
  'caller.inquiries': ['Pytania', 'Inquiries'],
  'caller.answer': ['Odpowiedź jednostki ({at})', 'Answer of the unit ({at})'],
  'elsewhere.text': ['Konsola jest dla pierwszej linii (agenci, administratorzy).', 'The console is for the first line (agents, admins).'],
  'elsewhere.unit': ['Pytania przekazane do Twojej jednostki są na stronie drugiej linii: przejdź do /unit', 'Questions forwarded to your unit are on the second-line page: go to /unit'],
  'notify.none': ['brak', 'none'],
  'tab.report': ['Zgłoszenie', 'Report'],
  'tab.kb': ['Baza wiedzy', 'Knowledge base'],
  'tab.forward': ['Przekaż pytanie', 'Forward a question'],
  'search.label': ['Adres, skrzyżowanie, nr zgłoszenia lub współrzędne', 'Address, intersection, request no. or coordinates'],
  'search.none': ['Nic nie znaleziono', 'Nothing found'],
  'place.address': ['Adres', 'Address'],
  'place.district': ['Dzielnica', 'District'],
  'place.unit': ['Jednostka', 'Unit'],
  'place.pickService': ['zależy od kategorii', 'depends on the category'],
  'place.nearby': ['Już zgłoszone w pobliżu', 'Already reported nearby'],
  'place.noCandidates': ['Brak podobnych zgłoszeń w pobliżu', 'No similar requests nearby'],
  'place.attach': ['Dołącz dzwoniącego', 'Attach caller'],
  'place.open': ['Szczegóły', 'Details'],
  'service.label': ['Kategoria zgłoszenia', 'Request category'],
  'form.description': ['Opis', 'Description'],
  'form.submit': ['Wyślij zgłoszenie', 'Submit report'],
  'form.needPin': ['Najpierw wskaż miejsce (wyszukaj adres lub kliknij mapę)', 'Locate the place first (search an address or click the map)'],
  'form.choose': ['— wybierz —', '— choose —'],
  'confirm.filed': ['Przyjęto zgłoszenie nr', 'Report filed, number'],
  'confirm.attached': ['Dołączono dzwoniącego do zgłoszenia nr', 'Caller attached to request number'],
  'confirm.due': ['Termin realizacji', 'Promised date'],
  'confirm.noDue': ['bez terminu ustawowego', 'no set deadline'],
  'confirm.readout': ['Proszę odczytać: ', 'Read out: '],
  'confirm.next': ['Następny kontakt', 'Next contact'],
  'kb.search': ['Szukaj w bazie wiedzy', 'Search the knowledge base'],
  'kb.answered': ['Udzielono odpowiedzi z bazy wiedzy', 'Answered from the knowledge base'],
  'kb.logged': ['Zapisano kontakt: odpowiedź z bazy wiedzy', 'Contact logged: answered from the knowledge base'],
  'fw.question': ['Pytanie mieszkańca', 'Resident question'],
  'fw.topic': ['Temat', 'Topic'],
  'fw.district': ['Dzielnica', 'District'],
  'fw.service': ['Kategoria', 'Category'],
  'fw.unit': ['Jednostka (puste: według reguł)', 'Unit (empty: by the rules)'],
  'fw.reply': ['Odpowiedź do mieszkańca', 'Answer to the resident'],
  'fw.letter': ['list', 'letter'],
  'fw.submit': ['Przekaż do drugiej linii', 'Forward to the second line'],
  'fw.done': ['Przekazano pytanie nr', 'Question forwarded, number'],
  'fw.unitIs': ['do jednostki', 'to unit'],
  'flt.status': ['Status', 'Status'],
  'flt.age': ['Wiek', 'Age'],
  'flt.district': ['Dzielnica', 'District'],
  'flt.service': ['Kategoria', 'Category'],
  'flt.any': ['wszystkie', 'all'],
  'flt.open': ['otwarte', 'open'],
  'flt.closed': ['zamknięte', 'closed'],
  'detail.close': ['Zamknij', 'Close'],
  'detail.status': ['Status', 'Status'],
  'detail.reporters': ['Zgłaszający', 'Reporters'],
  'detail.history': ['Historia', 'History'],
  'detail.duplicates': ['Duplikaty', 'Duplicates'],
  'detail.duplicateOf': ['Duplikat zgłoszenia', 'Duplicate of'],
  'detail.note': ['Notatka', 'Note'],
  'detail.public': ['publiczna', 'public'],
  'detail.addNote': ['Dodaj notatkę', 'Add note'],
  'detail.setStatus': ['Zmień status', 'Change status'],
  'detail.mergeInto': ['Scal z zgłoszeniem nr', 'Merge into request no.'],
  'detail.merge': ['Scal', 'Merge'],
  'detail.unmerge': ['Rozdziel', 'Un-merge'],
  'detail.due': ['Termin', 'Due'],
  'detail.unit': ['Jednostka', 'Unit'],
  'detail.district': ['Dzielnica', 'District'],
  'detail.address': ['Adres', 'Address'],
  'error.generic': ['Błąd', 'Error'],
};

let current: Locale = 'pl';
export const locale = () => current;
export function setLocale(l: Locale): void {
  current = l;
  document.documentElement.lang = l;
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-i18n]'))) {
    const key = el.dataset.i18n!;
    if (TEXTS[key]) el.textContent = t(key);
  }
}
export function t(key: string): string {
  const entry = TEXTS[key];
  return entry ? entry[current === 'pl' ? 0 : 1] : key;
}
/** Picks the Polish or English of a pair of fields. */
export const pick = (pl: string | null | undefined, en: string | null | undefined) => (current === 'en' && en ? en : pl ?? en ?? '');
export const fmtDate = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(current === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: 'Europe/Warsaw', dateStyle: 'medium', timeStyle: 'short' }) : '';
