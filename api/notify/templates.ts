/**
 * The words of the notices, Polish and English, plain text. A notice carries only what the
 * recipient may know: the request's public facts (number, service, status, public notes, promised
 * date, the place when the service is public) or their own inquiry. Never another reporter, never
 * the description (it is the first reporter's own words and may hold their contact details).
 *
 * Headers are built from our own data, but a city name or an inquiry topic is typed by people:
 * every header value goes through `headerSafe` (no CR/LF, so no header injection).
 */
import { publicText } from '../privacy/public-text';

export type Locale = 'pl' | 'en';
export type NoticeKind =
  | 'request_received'
  | 'reporter_attached'
  | 'status_changed'
  | 'public_note'
  | 'merged'
  | 'unmerged'
  | 'inquiry_forwarded'
  | 'inquiry_reassigned'
  | 'inquiry_answered'
  | 'email_confirmation';

/** Everything a template may use; loaded by the dispatcher from the notice's event or inquiry. */
export interface NoticeFacts {
  kind: NoticeKind;
  locale: Locale;
  city: { name: string; nameEn: string | null; timeZone: string };
  publicUrl: string;
  request?: {
    publicId: string;
    serviceName: { pl: string; en: string };
    /** Only for services shown publicly at their exact point. */
    address: string | null;
    expectedAt: Date | null;
  };
  event?: { detailedStatus: string | null; note: string | null; into: string | null; from: string | null };
  inquiry?: { publicId: string; topic: string; question: string; answer: string | null; dueAt: Date; unitName: string };
  /** Link that stops notices about this request; absent for inquiries (two messages, then done). */
  unsubscribeUrl?: string;
  /** email_confirmation: the signed link to the confirm page, and how many days it works. */
  confirm?: { url: string; days: number };
}

export interface RenderedNotice {
  subject: string;
  text: string;
}

/** Status words, as residents read them (the portal's labels where it has them). */
export const STATUS_WORDS: Record<string, Record<Locale, string>> = {
  new: { pl: 'nowe', en: 'new' },
  acknowledged: { pl: 'przyjęte', en: 'acknowledged' },
  in_progress: { pl: 'w realizacji', en: 'in progress' },
  planned: { pl: 'zaplanowane', en: 'planned' },
  waiting_for_resident: { pl: 'czeka na informacje od zgłaszającego', en: 'waiting for information from the reporter' },
  referred_external: { pl: 'przekazane do innej instytucji', en: 'referred to another institution' },
  fixed: { pl: 'naprawione', en: 'fixed' },
  duplicate: { pl: 'duplikat', en: 'duplicate' },
  not_responsible: { pl: 'poza kompetencjami miasta', en: 'not the responsibility of the city' },
  no_further_action: { pl: 'zakończone bez dalszych działań', en: 'closed without further action' },
  cancelled: { pl: 'anulowane', en: 'cancelled' },
  reopened: { pl: 'ponownie otwarte', en: 'reopened' },
};

/** A header value with no line breaks and no control characters, at most `max` characters. */
export function headerSafe(value: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  return value
    .replace(/[\r\n\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

export function statusWords(detailed: string | null, locale: Locale): string {
  return (detailed && STATUS_WORDS[detailed]?.[locale]) || detailed || '';
}

function when(d: Date | null, f: NoticeFacts): string | null {
  if (!d) return null;
  return new Date(d).toLocaleString(f.locale === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: f.city.timeZone, dateStyle: 'long', timeStyle: 'short' });
}

const trackUrl = (f: NoticeFacts, publicId: string) => `${f.publicUrl}/r/${encodeURIComponent(publicId)}`;

function footer(f: NoticeFacts): string[] {
  const city = f.locale === 'en' ? f.city.nameEn || f.city.name : f.city.name;
  const lines = ['', '-- ', `${city} · Kontakt`];
  if (f.locale === 'pl') {
    if (f.unsubscribeUrl) lines.push(`Nie chcesz dostawać wiadomości o tym zgłoszeniu? Wyłącz je tutaj: ${f.unsubscribeUrl}`);
    lines.push('Ta wiadomość została wysłana automatycznie, prosimy na nią nie odpowiadać.');
  } else {
    if (f.unsubscribeUrl) lines.push(`No more messages about this request? Turn them off here: ${f.unsubscribeUrl}`);
    lines.push('This message was sent automatically; please do not reply to it.');
  }
  return lines;
}

function what(f: NoticeFacts): string {
  const r = f.request!;
  const name = f.locale === 'en' ? r.serviceName.en || r.serviceName.pl : r.serviceName.pl;
  return r.address ? `${name}, ${r.address}` : name;
}

/** Subject and body of one notice. */
export function renderNotice(f: NoticeFacts): RenderedNotice {
  const pl = f.locale === 'pl';
  const city = headerSafe(pl ? f.city.name : f.city.nameEn || f.city.name, 80);
  const hello = pl ? 'Dzień dobry,' : 'Hello,';
  const r = f.request;
  const e = f.event;
  const q = f.inquiry;
  let subject: string;
  let body: string[];
  switch (f.kind) {
    case 'request_received': {
      const due = when(r!.expectedAt, f);
      subject = pl ? `Zgłoszenie ${r!.publicId} przyjęte` : `Request ${r!.publicId} received`;
      body = pl
        ? [
            hello,
            '',
            `przyjęliśmy Państwa zgłoszenie nr ${r!.publicId} (${what(f)}).`,
            ...(due ? [`Planowany termin załatwienia: ${due}.`] : []),
            '',
            'Status i historię zgłoszenia można śledzić tutaj:',
            trackUrl(f, r!.publicId),
          ]
        : [
            hello,
            '',
            `we have received your request no. ${r!.publicId} (${what(f)}).`,
            ...(due ? [`We plan to resolve it by ${due}.`] : []),
            '',
            'Follow its status and history here:',
            trackUrl(f, r!.publicId),
          ];
      break;
    }
    case 'reporter_attached':
      subject = pl ? `Dopisaliśmy Państwa do zgłoszenia ${r!.publicId}` : `You have been added to request ${r!.publicId}`;
      body = pl
        ? [
            hello,
            '',
            `ten problem był już zgłoszony, więc dopisaliśmy Państwa do zgłoszenia nr ${r!.publicId} (${what(f)}).`,
            'Napiszemy, gdy coś się w nim zmieni.',
            '',
            'Status i historia zgłoszenia:',
            trackUrl(f, r!.publicId),
          ]
        : [
            hello,
            '',
            `this problem had already been reported, so we have added you to request no. ${r!.publicId} (${what(f)}).`,
            'We will write when something changes.',
            '',
            'Status and history of the request:',
            trackUrl(f, r!.publicId),
          ];
      break;
    case 'status_changed': {
      const words = statusWords(e!.detailedStatus, f.locale);
      const note = publicText(e!.note) || null;
      subject = pl ? `Zgłoszenie ${r!.publicId}: ${words}` : `Request ${r!.publicId}: ${words}`;
      body = pl
        ? [
            hello,
            '',
            `zgłoszenie nr ${r!.publicId} (${what(f)}) ma nowy status: ${words}.`,
            ...(note ? ['', note] : []),
            '',
            'Szczegóły:',
            trackUrl(f, r!.publicId),
          ]
        : [
            hello,
            '',
            `request no. ${r!.publicId} (${what(f)}) has a new status: ${words}.`,
            ...(note ? ['', note] : []),
            '',
            'Details:',
            trackUrl(f, r!.publicId),
          ];
      break;
    }
    case 'public_note':
      subject = pl ? `Zgłoszenie ${r!.publicId}: nowa informacja` : `Request ${r!.publicId}: an update`;
      body = pl
        ? [
            hello,
            '',
            `w zgłoszeniu nr ${r!.publicId} (${what(f)}) pojawiła się nowa informacja:`,
            '',
            publicText(e!.note) ?? '',
            '',
            'Szczegóły:',
            trackUrl(f, r!.publicId),
          ]
        : [
            hello,
            '',
            `there is an update on request no. ${r!.publicId} (${what(f)}):`,
            '',
            publicText(e!.note) ?? '',
            '',
            'Details:',
            trackUrl(f, r!.publicId),
          ];
      break;
    case 'merged': {
      const into = e!.into ?? r!.publicId;
      subject = pl ? `Zgłoszenie ${r!.publicId} ma teraz numer ${into}` : `Request ${r!.publicId} is now ${into}`;
      body = pl
        ? [
            hello,
            '',
            `Państwa zgłoszenie nr ${r!.publicId} dotyczy tego samego problemu co zgłoszenie nr ${into}, więc je połączyliśmy.`,
            `Sprawę prowadzimy dalej pod numerem ${into}; napiszemy, gdy coś się zmieni.`,
            '',
            trackUrl(f, into),
          ]
        : [
            hello,
            '',
            `your request no. ${r!.publicId} is about the same problem as request no. ${into}, so we have merged them.`,
            `We continue under number ${into} and will write when something changes.`,
            '',
            trackUrl(f, into),
          ];
      break;
    }
    case 'unmerged': {
      const words = statusWords(e!.detailedStatus, f.locale);
      subject = pl ? `Zgłoszenie ${r!.publicId} prowadzimy znów osobno` : `Request ${r!.publicId} is handled on its own again`;
      body = pl
        ? [
            hello,
            '',
            `zgłoszenie nr ${r!.publicId} (${what(f)}) zostało oddzielone od zgłoszenia ${e!.from ?? ''} i znów prowadzimy je osobno. Status: ${words}.`,
            '',
            trackUrl(f, r!.publicId),
          ]
        : [
            hello,
            '',
            `request no. ${r!.publicId} (${what(f)}) has been separated from request ${e!.from ?? ''} and is handled on its own again. Status: ${words}.`,
            '',
            trackUrl(f, r!.publicId),
          ];
      break;
    }
    case 'inquiry_forwarded': {
      const due = when(q!.dueAt, f);
      subject = pl ? `Pytanie ${q!.publicId} przekazane: ${headerSafe(q!.topic, 80)}` : `Question ${q!.publicId} forwarded: ${headerSafe(q!.topic, 80)}`;
      body = pl
        ? [
            hello,
            '',
            `Państwa pytanie przekazaliśmy do: ${q!.unitName}. Numer sprawy: ${q!.publicId}.`,
            `Odpowiedź wyślemy na ten adres do ${due}.`,
            '',
            'Pytanie:',
            q!.question,
          ]
        : [
            hello,
            '',
            `we have forwarded your question to: ${q!.unitName}. Its number is ${q!.publicId}.`,
            `We will send the answer to this address by ${due}.`,
            '',
            'Your question:',
            q!.question,
          ];
      break;
    }
    case 'inquiry_reassigned': {
      const due = when(q!.dueAt, f);
      subject = pl ? `Pytanie ${q!.publicId} przekazane dalej: ${headerSafe(q!.topic, 80)}` : `Question ${q!.publicId} passed on: ${headerSafe(q!.topic, 80)}`;
      body = pl
        ? [
            hello,
            '',
            `Państwa pytanie nr ${q!.publicId} przekazaliśmy do jednostki, która się nim zajmie: ${q!.unitName}.`,
            `Termin odpowiedzi się nie zmienia: ${due}.`,
            '',
            'Pytanie:',
            q!.question,
          ]
        : [
            hello,
            '',
            `we have passed your question no. ${q!.publicId} on to the unit that will answer it: ${q!.unitName}.`,
            `The answer is still due by ${due}.`,
            '',
            'Your question:',
            q!.question,
          ];
      break;
    }
    case 'inquiry_answered':
      subject = pl ? `Odpowiedź na pytanie ${q!.publicId}: ${headerSafe(q!.topic, 80)}` : `Answer to question ${q!.publicId}: ${headerSafe(q!.topic, 80)}`;
      body = pl
        ? [hello, '', `odpowiedź na Państwa pytanie nr ${q!.publicId} (${q!.unitName}):`, '', q!.answer ?? '', '', 'Pytanie:', q!.question]
        : [hello, '', `here is the answer to your question no. ${q!.publicId} (${q!.unitName}):`, '', q!.answer ?? '', '', 'Your question:', q!.question];
      break;
    case 'email_confirmation':
      // A fixed text: nothing anyone typed (no description, no request number to look up), so
      // the one message a stranger's address may get carries nobody's words.
      subject = pl ? 'Potwierdź adres e-mail' : 'Please confirm your e-mail address';
      body = pl
        ? [
            hello,
            '',
            `ten adres e-mail podano w zgłoszeniu do miasta ${city} z prośbą o informacje o sprawie.`,
            'Jeśli to Państwo, prosimy potwierdzić adres, a wyślemy informacje o zgłoszeniu:',
            f.confirm!.url,
            `(link działa przez ${f.confirm!.days} dni; na stronie trzeba nacisnąć przycisk „Potwierdzam”).`,
            '',
            'Jeśli to nie Państwo, wystarczy zignorować tę wiadomość: bez potwierdzenia nie wyślemy na ten adres żadnych powiadomień.',
          ]
        : [
            hello,
            '',
            `this e-mail address was given in a report to ${city}, asking to be kept informed.`,
            'If that was you, please confirm the address and we will send you news of the report:',
            f.confirm!.url,
            `(the link works for ${f.confirm!.days} days; press the "Confirm" button on the page).`,
            '',
            'If it was not you, simply ignore this message: without a confirmation we send no notices to this address.',
          ];
      break;
    default: {
      const never: never = f.kind;
      throw new Error(`no template for notice kind ${String(never)}`);
    }
  }
  return { subject: headerSafe(`${city}: ${subject}`, 250), text: [...body, ...footer(f)].join('\n') + '\n' };
}
