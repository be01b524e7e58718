/** Polish first, English beside it: every text of the unit page by key. */
import { staffI18n, type Locale, type Texts } from '../lib/staff-i18n';

export type { Locale };

const TEXTS: Texts = {
  'login.title': ['Logowanie — druga linia', 'Log in — second line'],
  'refused.role': [
    'Ta strona jest dla pracowników jednostek. Pierwsza linia pracuje w konsoli:',
    'This page is for the staff of city units. The first line works in the console:',
  ],
  'refused.link': ['przejdź do konsoli', 'go to the console'],
  'list.title': ['Pytania przekazane do jednostki', 'Questions forwarded to the unit'],
  'list.unit': ['Jednostka', 'Unit'],
  'list.allUnits': ['wszystkie', 'all'],
  'list.prev': ['Poprzednie', 'Previous'],
  'list.next': ['Następne', 'Next'],
  'list.empty': ['Brak pytań.', 'No questions.'],
  'list.page': ['Strona {page} z {pages}', 'Page {page} of {pages}'],
  'list.overdue': ['Po terminie: {n}', 'Overdue: {n}'],
  'tab.open': ['Do odpowiedzi', 'To answer'],
  'tab.answered': ['Odpowiedziane', 'Answered'],
  'tab.returned': ['Zwrócone', 'Returned'],
  'tab.all': ['Wszystkie', 'All'],
  'sla.on_time': ['w terminie', 'on time'],
  'sla.due_soon': ['termin mija wkrótce', 'due soon'],
  'sla.overdue': ['po terminie', 'overdue'],
  'sla.answered_on_time': ['odpowiedziano w terminie', 'answered on time'],
  'sla.answered_late': ['odpowiedziano po terminie', 'answered late'],
  'sla.hoursLeft': ['zostało {h} h roboczych', '{h} working hours left'],
  'status.open': ['do odpowiedzi', 'to answer'],
  'status.answered': ['odpowiedziane', 'answered'],
  'status.returned': ['zwrócone do pierwszej linii', 'returned to the first line'],
  'status.closed': ['zamknięte', 'closed'],
  'detail.back': ['← Wróć do listy', '← Back to the list'],
  'detail.due': ['Termin odpowiedzi', 'Answer due'],
  'detail.forwarded': ['Przekazał(a)', 'Forwarded by'],
  'detail.forwardedAt': ['Przekazano', 'Forwarded'],
  'detail.topic': ['Temat', 'Topic'],
  'detail.service': ['Kategoria', 'Category'],
  'detail.district': ['Dzielnica', 'District'],
  'detail.unit': ['Jednostka', 'Unit'],
  'detail.channel': ['Pytanie przyszło', 'Asked by'],
  'detail.reply': ['Odpowiedź do mieszkańca', 'Answer to the resident'],
  'detail.resident': ['Mieszkaniec', 'Resident'],
  'detail.point': ['Miejsce', 'Place'],
  'detail.anonymous': ['bez danych (odpowiedź odczyta pierwsza linia)', 'no details (the first line reads the answer out)'],
  'detail.returnReason': ['Powód zwrotu', 'Reason for return'],
  'reply.email': ['e-mailem', 'by e-mail'],
  'reply.sms': ['SMS-em', 'by SMS'],
  'reply.phone': ['telefonicznie', 'by phone'],
  'reply.letter': ['listem', 'by letter'],
  'reply.none': ['bez odpowiedzi zwrotnej', 'no reply'],
  'ch.phone': ['telefon', 'phone'],
  'ch.in_person': ['osobiście', 'in person'],
  'ch.fax': ['faks', 'fax'],
  'ch.email': ['e-mail', 'e-mail'],
  'ch.sms': ['SMS', 'SMS'],
  'ch.chat': ['czat', 'chat'],
  'answer.label': ['Odpowiedź dla mieszkańca', 'Answer for the resident'],
  'answer.hint': [
    'Odpowiedź trafi do mieszkańca wybranym kanałem; nie można jej potem zmienić.',
    'The answer goes to the resident by the chosen channel; it cannot be changed afterwards.',
  ],
  'answer.submit': ['Wyślij odpowiedź', 'Send the answer'],
  'answer.done': ['Odpowiedziano', 'Answered'],
  'answer.sent': ['Odpowiedź zapisana: {id}', 'Answer recorded: {id}'],
  'answer.by': ['odpowiedział(a) {who}, {at}', 'answered by {who}, {at}'],
  'return.title': ['To nie nasza sprawa — zwróć do pierwszej linii', 'Not ours — return to the first line'],
  'return.reason': ['Powód (np. właściwa jednostka)', 'Reason (e.g. the right unit)'],
  'return.submit': ['Zwróć do pierwszej linii', 'Return to the first line'],
  'return.sent': ['Zwrócono do pierwszej linii: {id}', 'Returned to the first line: {id}'],
  // Detailed statuses of requests (api/requests/statuses.ts), for the unit's request queue (issue #14).
  'ds.new': ['nowe', 'new'],
  'ds.acknowledged': ['przyjęte', 'acknowledged'],
  'ds.in_progress': ['w realizacji', 'in progress'],
  'ds.planned': ['zaplanowane', 'planned'],
  'ds.waiting_for_resident': ['czeka na mieszkańca', 'waiting for the resident'],
  'ds.referred_external': ['przekazane poza miasto', 'referred outside the city'],
  'ds.fixed': ['naprawione', 'fixed'],
  'ds.duplicate': ['duplikat', 'duplicate'],
  'ds.not_responsible': ['poza kompetencjami miasta', "not the city's responsibility"],
  'ds.no_further_action': ['nie da się naprawić / bez dalszych działań', 'cannot be fixed / no further action'],
  'ds.cancelled': ['anulowane', 'cancelled'],
  'ds.reopened': ['wznowione', 'reopened'],
};

const i18n = staffI18n(TEXTS);
export const { t, locale, pick, fmtDate } = i18n;

/** Switches the language and remembers it for the next visit. */
export function setLocale(l: Locale): void {
  i18n.setLocale(l);
  try {
    localStorage.setItem('kontakt.locale', l);
  } catch {
    /* storage may be blocked */
  }
}
