/**
 * The second line's page (issue #5 item 4): a unit's inbox of forwarded questions. List (overdue in
 * red, due soon, answered) -> open one -> the question, its context and place -> write the answer
 * and send it with Ctrl+Enter, or return it to the first line with a reason. Alt+L switches
 * Polish/English; Esc goes back to the list.
 */
import 'ol/ol.css';
import './style.css';
import type { StaffMember } from '../lib/staff-api';
import { logout, startWithLogin } from '../lib/staff-login';
import { api, type InquiryDetail, type InquiryItem, type UnitSettings } from './api';
import { fmtDate, locale, pick, setLocale, t, type Locale } from './i18n';
import { errorText as staffErrorText, toast } from '../lib/staff-toast';
import UnitMap from './UnitMap';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Array<Node | string>) => {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
};

const state = { status: 'open', page: 1, pages: 1, unit: '', current: undefined as InquiryDetail | undefined, settings: undefined as UnitSettings | undefined };
let miniMap: UnitMap | undefined;

const errorText = (err: unknown) => staffErrorText(err, t('error.generic'));

// ---------------------------------------------------------------- start

async function boot(staff: StaffMember): Promise<void> {
  if (staff.role !== 'unit_staff' && staff.role !== 'admin') {
    // An agent who lands here is sent to their own screen rather than shown a bare 403.
    $('refused').replaceChildren(el('span', { textContent: `${t('refused.role')} ` }), el('a', { href: '/console', textContent: t('refused.link') }));
    $('refused').hidden = false;
    $('who').textContent = staff.email;
    return;
  }
  const settings = await api.settings();
  state.settings = settings;
  $('unit-name').textContent = settings.unit ? pick(settings.unit.name, settings.unit.nameEn) : pick(settings.jurisdiction.name, settings.jurisdiction.nameEn);
  $('who').textContent = `${settings.staff.name ?? settings.staff.email}`;
  if (!settings.unit) {
    // Admins see every unit and may narrow the list to one.
    const select = $<HTMLSelectElement>('unit-filter');
    select.append(...settings.units.map((u) => el('option', { value: u.code, textContent: pick(u.name, u.nameEn) })));
    $('unit-filter-box').hidden = false;
  }
  $('app').hidden = false;
  await loadList();
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (/^Z-/i.test(wanted)) await openInquiry(wanted);
  document.body.dataset.ready = 'true';
}

// ---------------------------------------------------------------- list

const slaText = (i: InquiryItem) =>
  i.status === 'returned'
    ? t('status.returned')
    : i.sla.state === 'on_time' && i.sla.workingHoursLeft !== null
      ? `${t('sla.on_time')} · ${t('sla.hoursLeft', { h: i.sla.workingHoursLeft })}`
      : t(`sla.${i.sla.state}`);

async function loadList(): Promise<void> {
  const page = await api.inquiries({ status: state.status, page: state.page, unit: state.unit || undefined });
  for (const key of ['open', 'answered', 'returned', 'all'] as const) $(`count-${key}`).textContent = `(${page.counts[key]})`;
  $('overdue-note').textContent = page.counts.overdue ? t('list.overdue', { n: page.counts.overdue }) : '';
  state.pages = Math.max(1, Math.ceil(page.total / page.limit));
  $('page-info').textContent = t('list.page', { page: state.page, pages: state.pages });
  $<HTMLButtonElement>('prev-page').disabled = state.page <= 1;
  $<HTMLButtonElement>('next-page').disabled = state.page >= state.pages;
  const list = $('inquiry-list');
  if (page.inquiries.length === 0) {
    list.replaceChildren(el('li', { className: 'muted', textContent: t('list.empty') }));
    return;
  }
  list.replaceChildren(
    ...page.inquiries.map((i) => {
      const badge = el('span', { className: `sla sla-${i.status === 'returned' ? 'returned' : i.sla.state}`, textContent: slaText(i) });
      const button = el(
        'button',
        { type: 'button', className: 'inquiry' },
        el('strong', { textContent: i.publicId }),
        ' ',
        el('span', { className: 'topic', textContent: i.topic }),
        el('span', {
          className: 'meta',
          textContent: `${t('detail.due')}: ${fmtDate(i.dueAt)}${i.district ? ` · ${i.district.name}` : ''}${state.settings?.unit ? '' : ` · ${i.unit.code}`}`,
        }),
        badge,
      );
      button.setAttribute('aria-label', `${i.publicId}, ${i.topic}, ${slaText(i)}, ${t('detail.due')} ${fmtDate(i.dueAt)}`);
      button.addEventListener('click', () => void openInquiry(i.publicId));
      return el('li', { className: `sla-row-${i.status === 'returned' ? 'returned' : i.sla.state}` }, button);
    }),
  );
}

function selectTab(status: string): void {
  state.status = status;
  state.page = 1;
  for (const tab of Array.from(document.querySelectorAll<HTMLButtonElement>('[role=tab]')))
    tab.setAttribute('aria-selected', String(tab.dataset.status === status));
  void loadList().catch((err) => toast(errorText(err)));
}

for (const tab of Array.from(document.querySelectorAll<HTMLButtonElement>('[role=tab]'))) {
  tab.addEventListener('click', () => selectTab(tab.dataset.status!));
  tab.addEventListener('keydown', (e) => {
    // Arrow keys move between tabs (ARIA tabs pattern).
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('[role=tab]'));
    const next = tabs[(tabs.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    selectTab(next.dataset.status!);
  });
}
$('prev-page').addEventListener('click', () => {
  state.page = Math.max(1, state.page - 1);
  void loadList();
});
$('next-page').addEventListener('click', () => {
  state.page = Math.min(state.pages, state.page + 1);
  void loadList();
});
$('unit-filter').addEventListener('change', () => {
  state.unit = $<HTMLSelectElement>('unit-filter').value;
  state.page = 1;
  void loadList();
});

// ---------------------------------------------------------------- detail

function fact(label: string, value: string | Node): HTMLElement[] {
  return [el('dt', { textContent: label }), el('dd', {}, value)];
}

async function openInquiry(id: string): Promise<void> {
  try {
    const { inquiry } = await api.inquiry(id);
    showInquiry(inquiry);
    history.replaceState(null, '', `#${inquiry.publicId}`);
  } catch (err) {
    toast(errorText(err));
  }
}

function showInquiry(i: InquiryDetail): void {
  const same = state.current?.publicId === i.publicId; // a re-render (language switch) keeps the draft
  state.current = i;
  document.body.classList.add('detail-open');
  $('detail').hidden = false;
  $('detail-title').textContent = `${i.publicId} — ${i.topic}`;
  const sla = $('detail-sla');
  sla.className = `sla sla-${i.status === 'returned' ? 'returned' : i.sla.state}`;
  sla.textContent = `${t(`status.${i.status}`)} · ${slaText(i)}`;
  $('detail-question').textContent = i.question;
  const resident = i.resident ? [i.resident.name, i.resident.email, i.resident.phone].filter(Boolean).join(' · ') || '—' : t('detail.anonymous');
  $('detail-facts').replaceChildren(
    ...fact(t('detail.due'), fmtDate(i.dueAt)),
    ...fact(t('detail.forwardedAt'), `${fmtDate(i.createdAt)}${i.forwardedBy ? ` · ${i.forwardedBy}` : ''}`),
    ...(i.service ? fact(t('detail.service'), pick(i.service.namePl, i.service.nameEn)) : []),
    ...(i.district ? fact(t('detail.district'), i.district.name) : []),
    ...(state.settings?.unit ? [] : fact(t('detail.unit'), i.unit.name)),
    ...fact(t('detail.channel'), t(`ch.${i.channel}`)),
    ...fact(t('detail.reply'), t(`reply.${i.replyChannel}`)),
    ...fact(t('detail.resident'), resident),
    ...(i.point ? fact(t('detail.point'), `${i.point.lat.toFixed(5)}, ${i.point.long.toFixed(5)}`) : []),
    ...(i.returnReason ? fact(t('detail.returnReason'), `${i.returnReason}${i.returnedBy ? ` (${i.returnedBy}, ${fmtDate(i.returnedAt)})` : ''}`) : []),
  );
  $('detail-map').hidden = !i.point;
  if (i.point) {
    miniMap ??= new UnitMap($('detail-map'), state.settings?.tileUrl ?? null);
    miniMap.show(i.point.lat, i.point.long);
  }
  const open = i.status === 'open';
  $('answer-form').hidden = !open;
  $('return-box').hidden = !open;
  $('answer-error').textContent = '';
  $('return-error').textContent = '';
  const box = $('answer-box');
  box.hidden = !i.answer;
  if (i.answer) {
    box.replaceChildren(
      el('h3', { textContent: t('answer.done') }),
      el('p', { className: 'answer-text', textContent: i.answer }),
      el('p', { className: 'muted', textContent: t('answer.by', { who: i.answeredBy ?? '—', at: fmtDate(i.answeredAt) }) }),
    );
  }
  if (open && same) return;
  if (open) {
    $<HTMLTextAreaElement>('answer-text').value = '';
    $('answer-count').textContent = '0';
    $('answer-text').focus();
  } else {
    $('detail-title').setAttribute('tabindex', '-1');
    $('detail-title').focus();
  }
}

function closeDetail(): void {
  state.current = undefined;
  document.body.classList.remove('detail-open');
  $('detail').hidden = true;
  history.replaceState(null, '', location.pathname);
  ($('inquiry-list').querySelector('button') as HTMLElement | null)?.focus();
}
$('back').addEventListener('click', closeDetail);

$('answer-text').addEventListener('input', () => {
  $('answer-count').textContent = String($<HTMLTextAreaElement>('answer-text').value.length);
});
$('answer-text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    $<HTMLFormElement>('answer-form').requestSubmit();
  }
});

$('answer-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const current = state.current;
  if (!current) return;
  try {
    const { inquiry } = await api.answer(current.publicId, $<HTMLTextAreaElement>('answer-text').value);
    toast(t('answer.sent', { id: inquiry.publicId }));
    showInquiry(inquiry);
    await loadList();
  } catch (err) {
    $('answer-error').textContent = errorText(err);
  }
});

$('return-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const current = state.current;
  if (!current) return;
  try {
    const { inquiry } = await api.giveBack(current.publicId, $<HTMLTextAreaElement>('return-reason').value);
    toast(t('return.sent', { id: inquiry.publicId }));
    $<HTMLTextAreaElement>('return-reason').value = '';
    ($('return-box') as HTMLDetailsElement).open = false;
    showInquiry(inquiry);
    await loadList();
  } catch (err) {
    $('return-error').textContent = errorText(err);
  }
});

// ---------------------------------------------------------------- language, keys

function switchLanguage(): void {
  setLocale(locale() === 'pl' ? 'en' : 'pl');
  $('lang').textContent = locale() === 'pl' ? 'EN' : 'PL';
  if (state.settings) void loadList();
  if (state.current) showInquiry(state.current);
}
$('lang').addEventListener('click', switchLanguage);
$('logout').addEventListener('click', () => void logout());
document.addEventListener('keydown', (e) => {
  if (e.altKey && (e.key === 'l' || e.key === 'L')) {
    e.preventDefault();
    switchLanguage();
  } else if (e.key === 'Escape' && state.current) {
    closeDetail();
  }
});

let saved: string | null = null;
try {
  saved = localStorage.getItem('kontakt.locale');
} catch {
  /* storage may be blocked */
}
setLocale((saved as Locale) === 'en' ? 'en' : 'pl');
$('lang').textContent = locale() === 'pl' ? 'EN' : 'PL';
void startWithLogin({ onLoggedIn: boot, failedText: () => t('login.failed'), lockedText: (minutes) => t('login.locked', { minutes }) }).catch((err) =>
  toast(errorText(err)),
);
