/**
 * The contact and its caller: one open contact at a time (opened on the first action, Alt+N for the
 * next), its clock, the channel, the caller's details and history (their requests, contacts and
 * questions, with the unit's answer to read out).
 */
import { api } from '../api';
import { fmtDate, pick, t, word } from '../i18n';
import { toast } from '../../lib/staff-toast';
import { el } from '../dom';
import { $, errorText, state, ui } from './context';
import { openDetail } from './detail';
import { selectTab } from './tabs';

let opening: Promise<number> | undefined;
/** The open contact, opened now if there is none (one at a time, even when keys come fast). */
export async function ensureContact(): Promise<number> {
  if (state.contact) return state.contact.id;
  opening ??= (async () => {
    try {
      const { contact } = await api.openContact(
        $<HTMLSelectElement>('channel').value,
        $<HTMLInputElement>('caller-phone').value || undefined,
        $<HTMLInputElement>('caller-email').value || undefined,
      );
      state.contact = { id: contact.id, startedAt: Date.now() };
      $('contact-status').textContent = `${t('contact.open')} #${contact.id} (${t(`ch.${contact.channel}`)})`;
      return contact.id;
    } finally {
      opening = undefined;
    }
  })();
  return opening;
}

export async function newContact(): Promise<void> {
  resetFlow();
  state.contact = undefined;
  for (const id of ['caller-phone', 'caller-email', 'caller-first', 'caller-last']) $<HTMLInputElement>(id).value = '';
  $<HTMLSelectElement>('caller-notify').value = 'none';
  $<HTMLSelectElement>('caller-language').value = state.settings?.jurisdiction.defaultLocale === 'en' ? 'en' : 'pl';
  $('caller-history').replaceChildren();
  // Switch first: the agent may already press the next key while the contact is being opened.
  selectTab('report');
  $('search').focus();
  await ensureContact();
}

export function resetFlow(): void {
  state.pin = undefined;
  state.resolution = undefined;
  state.service = undefined;
  $<HTMLInputElement>('search').value = '';
  $<HTMLInputElement>('service-search').value = '';
  $('place').hidden = true;
  $('report-form').hidden = true;
  $('confirmation').hidden = true;
  $('form-error').textContent = '';
  ui.map?.clearPin();
}

/** The contact was closed by the server (filed, answered, forwarded): the next action opens a new one. */
export function contactClosed(): void {
  state.contact = undefined;
  $('contact-status').textContent = t('contact.none');
}

/** The channel as the agent last set it (it may be corrected after the contact was opened). */
export const channel = () => $<HTMLSelectElement>('channel').value;

export function callerInput() {
  const phone = $<HTMLInputElement>('caller-phone').value.trim();
  const email = $<HTMLInputElement>('caller-email').value.trim();
  return {
    firstName: $<HTMLInputElement>('caller-first').value.trim() || undefined,
    lastName: $<HTMLInputElement>('caller-last').value.trim() || undefined,
    phone: phone || undefined,
    email: email || undefined,
    notify: $<HTMLSelectElement>('caller-notify').value,
    // The caller's language, not the agent's screen: what their notices are written in.
    locale: $<HTMLSelectElement>('caller-language').value,
  };
}

async function lookUpCaller(): Promise<void> {
  const { phone, email } = callerInput();
  if (!phone && !email) return;
  try {
    const h = await api.callers(phone, email);
    const box = $('caller-history');
    if (h.people.length === 0) {
      box.replaceChildren(el('p', { className: 'muted', textContent: t('caller.none') }));
      return;
    }
    const p = h.people[0];
    if (p.firstName && !$<HTMLInputElement>('caller-first').value) $<HTMLInputElement>('caller-first').value = p.firstName;
    if (p.lastName && !$<HTMLInputElement>('caller-last').value) $<HTMLInputElement>('caller-last').value = p.lastName;
    box.replaceChildren(
      el('p', {}, el('strong', { textContent: p.name ?? p.phone ?? p.email ?? '' })),
      el('h4', { textContent: t('caller.requests') }),
      el(
        'ul',
        {},
        ...h.requests.map((r) =>
          el(
            'li',
            {},
            el('a', {
              href: '#',
              textContent: r.publicId,
              onclick: (e: Event) => {
                e.preventDefault();
                void openDetail(r.publicId);
              },
            }),
            ` ${pick(r.serviceNamePl, r.serviceNameEn)}, ${r.address ?? ''} (${word('ds', r.detailedStatus)}, ${fmtDate(r.requestedAt)})`,
          ),
        ),
      ),
      el('h4', { textContent: t('caller.contacts') }),
      el(
        'ul',
        {},
        ...h.contacts.map((c) =>
          el('li', { textContent: `${fmtDate(c.startedAt)} ${word('ch', c.channel)}: ${c.outcome ? word('out', c.outcome) : '…'} ${c.topic ?? ''}` }),
        ),
      ),
      el('h4', { textContent: t('caller.inquiries') }),
      el(
        'ul',
        {},
        ...h.inquiries.map((i) =>
          el(
            'li',
            { className: 'inquiry' },
            `${i.publicId} ${i.topic} (${word('inq', i.status)}, ${fmtDate(i.dueAt)})`,
            // The unit's answer, for the agent to read out when the resident calls back.
            ...(i.answer
              ? [
                  el(
                    'blockquote',
                    { className: 'inquiry-answer' },
                    el('small', { textContent: t('caller.answer', { at: fmtDate(i.answeredAt) }) }),
                    el('br'),
                    i.answer,
                  ),
                ]
              : []),
          ),
        ),
      ),
    );
  } catch (err) {
    toast(errorText(err));
  }
}

export function setupContact(): void {
  setInterval(() => {
    const c = state.contact;
    if (!c) {
      $('clock').textContent = '';
      return;
    }
    const s = Math.floor((Date.now() - c.startedAt) / 1000);
    $('clock').textContent = `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  }, 1000);
  $('new-contact').addEventListener('click', () => void newContact());
  $('caller-lookup').addEventListener('click', () => void lookUpCaller());
}
