/**
 * The agent console (issue #5): one screen, map first, keyboard fast.
 *
 * Flow: new contact (Alt+N) -> search box (/) -> pick a place (Enter) -> the panel shows address,
 * district, unit and requests already reported nearby -> attach the caller (Alt+A on the first
 * candidate) or pick a category (Alt+S, Enter) -> fill the generated form -> Ctrl+Enter -> read
 * out the number and the promised date. Alt+1/2/3 switch report / knowledge base / forward;
 * Esc closes lists and the request detail. Alt+L switches Polish/English.
 */
import 'ol/ol.css';
import './style.css';
import {
  api,
  setCsrf,
  type Article,
  type Attribute,
  type Candidate,
  type LocateCandidate,
  type RequestDetail,
  type Resolution,
  type Service,
  type Settings,
} from './api';
import { fmtDate, locale, pick, setCityTimeZone, setLocale, t, word, type Locale } from './i18n';
import { errorText as staffErrorText, toast } from '../lib/staff-toast';
import ConsoleMap from './ConsoleMap';
import { startWithLogin } from '../lib/staff-login';
import { setupKbEditor, type KbEditor } from './kb-editor';
import { setupShiftPanel, type ShiftPanel } from './shift';
import { setupReturnedList, type ReturnedList } from './returned';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {},
  ...children: Array<Node | string>
) => {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
};
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase();

/** Latencies measured in the page (typing -> list shown, pin -> candidates shown), read by the browser test. */
const timings = { autocomplete: [] as number[], candidates: [] as number[] };
(window as unknown as { consoleTimings: typeof timings }).consoleTimings = timings;

interface State {
  settings?: Settings;
  services: Service[];
  contact?: { id: number; startedAt: number };
  pin?: { lat: number; long: number };
  resolution?: Resolution;
  service?: Service;
  article?: Article;
}
const state: State = { services: [] };
let map: ConsoleMap;
let kbEditor: KbEditor | undefined;
let shiftPanel: ShiftPanel | undefined;
let returnedList: ReturnedList | undefined;

const errorText = (err: unknown) => staffErrorText(err, t('error.generic'));

// ---------------------------------------------------------------- login

async function start(): Promise<void> {
  setLocale((localStorage.getItem('kontakt.locale') as Locale) || 'pl');
  $('lang').textContent = locale() === 'pl' ? 'EN' : 'PL';
  // The session check and the login overlay are shared with the unit page (web/lib/staff-login.ts).
  await startWithLogin({
    onLoggedIn: async (staff) => {
      if (pointElsewhere(staff)) return;
      await boot();
    },
    failedText: () => t('login.failed'),
    lockedText: (minutes) => t('login.locked', { minutes }),
  }).catch((err) => toast(errorText(err)));
}

/** Unit staff (and other roles the console API refuses) get a pointer to their page, not a bare 403. */
function pointElsewhere(staff: { role: string; email: string }): boolean {
  if (staff.role === 'agent' || staff.role === 'admin') return false;
  $('login').hidden = false;
  $('login-form').replaceChildren(
    el('h1', { textContent: t('login.title') }),
    el('p', { id: 'elsewhere', role: 'alert', textContent: `${staff.email}: ${t('elsewhere.text')}` }),
    ...(staff.role === 'unit_staff' ? [el('p', {}, el('a', { href: '/unit', className: 'big', textContent: t('elsewhere.unit') }))] : []),
    el('button', { type: 'button', textContent: t('top.logout'), onclick: () => void api.logout().finally(() => location.reload()) }),
  );
  return true;
}

$('logout').addEventListener('click', async () => {
  await api.logout().catch(() => undefined);
  location.reload();
});

async function boot(): Promise<void> {
  const [settings, { services }] = await Promise.all([api.settings(), api.services()]);
  state.settings = settings;
  setCityTimeZone(settings.jurisdiction.timeZone);
  $<HTMLSelectElement>('caller-language').value = settings.jurisdiction.defaultLocale === 'en' ? 'en' : 'pl';
  state.services = services;
  setCsrf(settings.csrfToken);
  $('city-name').textContent = pick(settings.jurisdiction.name, settings.jurisdiction.nameEn);
  $('who').textContent = `${settings.staff.name ?? settings.staff.email} (${settings.staff.role})`;
  fillSelect(
    $('fw-district'),
    settings.districts.map((d) => [d.code, pick(d.name, d.nameEn)]),
  );
  fillSelect(
    $('flt-district'),
    settings.districts.map((d) => [d.code, pick(d.name, d.nameEn)]),
  );
  fillSelect(
    $('fw-unit'),
    settings.units.map((u) => [u.code, pick(u.name, u.nameEn)]),
  );
  fillSelect(
    $('fw-service'),
    services.map((s) => [s.code, pick(s.namePl, s.nameEn)]),
  );
  fillSelect(
    $('flt-service'),
    services.map((s) => [s.code, pick(s.namePl, s.nameEn)]),
  );
  map = new ConsoleMap({
    target: $('map'),
    extent: settings.extent,
    tileUrl: settings.tileUrl,
    onPin: (lat, long) => void pinAt(lat, long),
    onRequest: (id) => void openDetail(id),
    filters: () => ({
      status: $<HTMLSelectElement>('flt-status').value || undefined,
      age_days: $<HTMLSelectElement>('flt-age').value || undefined,
      district: $<HTMLSelectElement>('flt-district').value || undefined,
      service: $<HTMLSelectElement>('flt-service').value || undefined,
    }),
  });
  kbEditor = setupKbEditor({
    settings,
    services,
    onSaved: (a) => {
      showArticle(a);
      $('kb-search').dispatchEvent(new Event('input'));
    },
  });
  shiftPanel = setupShiftPanel({ openDetail: (id) => void openDetail(id), onError: (err) => toast(errorText(err)) });
  returnedList = setupReturnedList({ units: () => state.settings?.units ?? [], onDone: toast, onError: (err) => toast(errorText(err)) });
  document.body.dataset.ready = 'true';
  $('search').focus();
}

function fillSelect(select: HTMLElement, options: Array<[string, string]>): void {
  const first = select.querySelector('option');
  select.replaceChildren(...(first ? [first] : []), ...options.map(([value, label]) => el('option', { value, textContent: label })));
}

// ---------------------------------------------------------------- contact

let opening: Promise<number> | undefined;
/** The open contact, opened now if there is none (one at a time, even when keys come fast). */
async function ensureContact(): Promise<number> {
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

async function newContact(): Promise<void> {
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

function resetFlow(): void {
  state.pin = undefined;
  state.resolution = undefined;
  state.service = undefined;
  $<HTMLInputElement>('search').value = '';
  $<HTMLInputElement>('service-search').value = '';
  $('place').hidden = true;
  $('report-form').hidden = true;
  $('confirmation').hidden = true;
  $('form-error').textContent = '';
  map?.clearPin();
}

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

/** The channel as the agent last set it (it may be corrected after the contact was opened). */
const channel = () => $<HTMLSelectElement>('channel').value;

function callerInput() {
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

$('caller-lookup').addEventListener('click', async () => {
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
});

// ---------------------------------------------------------------- tabs

function selectTab(name: 'report' | 'kb' | 'forward' | 'shift'): void {
  for (const tab of ['report', 'kb', 'forward', 'shift']) {
    $(`tab-${tab}`).setAttribute('aria-selected', String(tab === name));
    $(`pane-${tab}`).hidden = tab !== name;
  }
  if (name === 'kb') $('kb-search').focus();
  if (name === 'forward') {
    $('fw-question').focus();
    void returnedList?.refresh();
  }
  if (name === 'report') $('search').focus();
  if (name === 'shift') {
    $('tab-shift').focus();
    void shiftPanel?.refresh();
  }
}
for (const tab of ['report', 'kb', 'forward', 'shift'] as const) $(`tab-${tab}`).addEventListener('click', () => selectTab(tab));

// ---------------------------------------------------------------- listbox helper

/** A combobox: input + listbox; arrows move, Enter picks (the first when none is highlighted). */
function combobox<T>(input: HTMLInputElement, list: HTMLElement, render: (item: T) => string, onPick: (item: T) => void) {
  let items: T[] = [];
  let active = -1;
  const paint = () => {
    Array.from(list.children).forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!items.length) return;
      active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      paint();
    } else if (e.key === 'Enter' && !e.ctrlKey) {
      e.preventDefault();
      if (items.length) {
        onPick(items[Math.max(active, 0)]);
        close();
      }
    } else if (e.key === 'Escape') {
      close();
    }
  });
  // Close shortly after the focus leaves (a click on an option lands first), unless it came back.
  let blurTimer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('blur', () => {
    blurTimer = setTimeout(close, 150);
  });
  input.addEventListener('focus', () => clearTimeout(blurTimer));
  return {
    show(next: T[], emptyText?: string) {
      items = next;
      active = -1;
      list.replaceChildren(
        ...next.map((item, i) =>
          el('li', {
            id: `${list.id}-${i}`,
            textContent: render(item),
            onmousedown: (e: Event) => {
              e.preventDefault();
              onPick(item);
              close();
            },
          }),
        ),
      );
      if (!next.length && emptyText) list.replaceChildren(el('li', { className: 'muted', textContent: emptyText }));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      list.querySelectorAll('li').forEach((li) => li.setAttribute('role', 'option'));
    },
    close,
  };
}

// ---------------------------------------------------------------- locate

let searchSeq = 0;
/** Landmarks and units carry a kind tag and their English label in English, so they stand out from addresses. */
const placeLabel = (c: LocateCandidate) => (locale() === 'en' && c.labelEn ? c.labelEn : c.label);
const searchBox = combobox<LocateCandidate>(
  $('search'),
  $('search-list'),
  (c) => (c.kind === 'landmark' || c.kind === 'unit' ? `[${t(`search.kind.${c.kind}`)}] ${placeLabel(c)}` : c.label + (c.reading ? ` [${c.reading}]` : '')),
  (c) => void pickPlace(c),
);
let searchTimer: ReturnType<typeof setTimeout> | undefined;
$('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  const typedAt = performance.now();
  searchTimer = setTimeout(async () => {
    const q = $<HTMLInputElement>('search').value.trim();
    const seq = ++searchSeq;
    if (q.length < 2) return searchBox.close();
    try {
      const { candidates } = await api.locate(q);
      if (seq !== searchSeq) return;
      searchBox.show(candidates, t('search.none'));
      timings.autocomplete.push(performance.now() - typedAt);
    } catch (err) {
      toast(errorText(err));
    }
  }, 60);
});
// Enter before the debounce fired: search now, then pick the first result.
$('search').addEventListener('keydown', async (e) => {
  if (e.key !== 'Enter' || !$('search-list').hidden) return;
  const q = $<HTMLInputElement>('search').value.trim();
  if (q.length < 2) return;
  clearTimeout(searchTimer);
  const { candidates } = await api.locate(q);
  if (candidates[0]) void pickPlace(candidates[0]);
});

async function pickPlace(c: LocateCandidate): Promise<void> {
  $<HTMLInputElement>('search').value = placeLabel(c);
  if (c.kind === 'request' && c.publicId) {
    if (Number.isFinite(c.lat)) map.placePin(c.lat, c.long);
    return openDetail(c.publicId);
  }
  if (!Number.isFinite(c.lat)) return;
  map.placePin(c.lat, c.long);
  await pinAt(c.lat, c.long);
  if (!state.service) $('service-search').focus();
}

async function pinAt(lat: number, long: number): Promise<void> {
  state.pin = { lat, long };
  void ensureContact().catch((err) => toast(errorText(err)));
  await refreshPlace();
}

let resolveSeq = 0;
async function refreshPlace(): Promise<void> {
  if (!state.pin) return;
  const seq = ++resolveSeq;
  const started = performance.now();
  try {
    const { resolution } = await api.resolve(state.pin.lat, state.pin.long, state.service?.code, locale());
    if (seq !== resolveSeq) return;
    state.resolution = resolution;
    renderPlace(resolution);
    timings.candidates.push(performance.now() - started);
  } catch (err) {
    $('place').hidden = false;
    $('place-address').textContent = errorText(err);
    $('place-district').textContent = '';
    $('place-unit').textContent = '';
    $('candidates').replaceChildren();
  }
}

function renderPlace(r: Resolution): void {
  $('place').hidden = false;
  const addr = r.address ? (r.address.label ?? r.address.street ?? '') + (r.address.distanceM > 30 ? ` (~${Math.round(r.address.distanceM)} m)` : '') : '—';
  $('place-address').textContent = addr;
  $('place-district').textContent = r.district?.name ?? '—';
  // The unit depends on the category: before one is chosen, say so rather than show the catch-all rule's unit.
  $('place-unit').textContent = state.service ? (r.unit?.name ?? '—') : t('place.pickService');
  const list = $('candidates');
  if (!r.candidates.length) {
    list.replaceChildren(el('li', { className: 'muted', textContent: t('place.noCandidates') }));
    return;
  }
  list.replaceChildren(
    ...r.candidates.map((c: Candidate, i) =>
      el(
        'li',
        {},
        el('div', {}, el('strong', { textContent: c.publicId }), ` ${c.serviceName} — ${c.reason}`),
        el('div', { className: 'muted', textContent: `${word('ds', c.status)}, ${c.reporterCount}× · ${c.description.slice(0, 90)}` }),
        el('button', {
          type: 'button',
          className: 'attach',
          textContent: t('place.attach') + (i === 0 ? ' (Alt+A)' : ''),
          onclick: () => void attachTo(c.publicId),
        }),
        el('button', { type: 'button', textContent: t('place.open'), onclick: () => void openDetail(c.publicId) }),
      ),
    ),
  );
}

async function attachTo(publicId: string): Promise<void> {
  try {
    const contactId = await ensureContact();
    const result = await api.fileReport({ contactId, channel: channel(), attachTo: publicId, location: state.pin, reporter: callerInput(), locale: locale() });
    confirm(result, true);
  } catch (err) {
    toast(errorText(err));
  }
}

// ---------------------------------------------------------------- service and form

const serviceBox = combobox<Service>(
  $('service-search'),
  $('service-list'),
  (s) => `${pick(s.namePl, s.nameEn)}${s.groupNamePl ? ` — ${pick(s.groupNamePl, s.groupNameEn)}` : ''}`,
  (s) => pickService(s),
);
$('service-search').addEventListener('input', () => {
  const q = fold($<HTMLInputElement>('service-search').value.trim());
  const words = q.split(/\s+/).filter(Boolean);
  const hits = state.services
    .map((s) => {
      const hay = fold([s.namePl, s.nameEn, s.groupNamePl ?? '', s.groupNameEn ?? '', ...(s.keywords ?? [])].join(' '));
      const name = fold(`${s.namePl} ${s.nameEn}`);
      const score = words.reduce((n, w) => n + (name.includes(w) ? 2 : hay.includes(w) ? 1 : -100), 0);
      return { s, score };
    })
    .filter((x) => words.length === 0 || x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 12)
    .map((x) => x.s);
  serviceBox.show(hits, t('search.none'));
});
$('service-search').addEventListener('focus', () => $('service-search').dispatchEvent(new Event('input')));

function pickService(s: Service): void {
  state.service = s;
  $<HTMLInputElement>('service-search').value = pick(s.namePl, s.nameEn);
  $('form-title').textContent = pick(s.namePl, s.nameEn);
  $('attributes').replaceChildren(...s.attributes.map(attributeField));
  $('report-form').hidden = false;
  $('confirmation').hidden = true;
  void refreshPlace();
  const first = $('attributes').querySelector<HTMLElement>('input, select, textarea') ?? $('description');
  first.focus();
}

/** One form control per Open311 attribute, labelled with its question. */
function attributeField(a: Attribute): HTMLElement {
  const label = pick(a.descriptionPl, a.descriptionEn) + (a.required ? ' *' : '');
  if (!a.variable) return el('p', { className: 'muted', textContent: pick(a.descriptionPl, a.descriptionEn) });
  const name = pick.bind(null);
  const valueName = (v: Attribute['values'][number]) => name(v.name_pl ?? v.name ?? v.key, v.name_en ?? v.name ?? v.key);
  let control: HTMLElement;
  switch (a.datatype) {
    case 'singlevaluelist':
      control = el(
        'select',
        { required: a.required, dataset: { attr: a.code } },
        el('option', { value: '', textContent: t('form.choose') }),
        ...a.values.map((v) => el('option', { value: v.key, textContent: valueName(v) })),
      );
      break;
    case 'multivaluelist':
      return el(
        'fieldset',
        { dataset: { attr: a.code, multi: '1' } },
        el('legend', { textContent: label }),
        ...a.values.map((v) => el('label', { className: 'inline' }, el('input', { type: 'checkbox', value: v.key }), ` ${valueName(v)}`)),
      );
    case 'number':
      control = el('input', { type: 'number', step: 'any', required: a.required, dataset: { attr: a.code } });
      break;
    case 'datetime':
      control = el('input', { type: 'datetime-local', required: a.required, dataset: { attr: a.code } });
      break;
    case 'text':
      control = el('textarea', { rows: 2, required: a.required, dataset: { attr: a.code } });
      break;
    default:
      control = el('input', { type: 'text', required: a.required, dataset: { attr: a.code } });
  }
  return el('label', {}, el('span', { textContent: label }), ' ', control);
}

function attributeValues(): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const c of Array.from($('attributes').querySelectorAll<HTMLInputElement>('[data-attr]'))) {
    if (c.dataset.multi) {
      const picked = Array.from(c.querySelectorAll<HTMLInputElement>('input:checked')).map((x) => x.value);
      if (picked.length) out[c.dataset.attr!] = picked;
    } else if (c.value !== '') {
      out[c.dataset.attr!] = c.type === 'datetime-local' ? new Date(c.value).toISOString() : c.value;
    }
  }
  return out;
}

async function submitReport(): Promise<void> {
  if (!state.service) return;
  if (!state.pin) {
    $('form-error').textContent = t('form.needPin');
    return;
  }
  const form = $<HTMLFormElement>('report-form');
  if (!form.reportValidity()) return;
  try {
    const contactId = await ensureContact();
    const result = await api.fileReport({
      contactId,
      channel: channel(),
      serviceCode: state.service.code,
      location: state.pin,
      attributes: attributeValues(),
      description: $<HTMLTextAreaElement>('description').value,
      reporter: callerInput(),
      locale: locale(),
    });
    confirm(result, false);
  } catch (err) {
    $('form-error').textContent = errorText(err);
  }
}
$('report-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void submitReport();
});

function confirm(
  result: {
    publicId: string;
    attached: boolean;
    merged: boolean;
    expectedAt: string | null;
    serviceNotice: string | null;
    district: { name: string } | null;
    unit: { name: string } | null;
  },
  attached: boolean,
): void {
  const due = result.expectedAt ? fmtDate(result.expectedAt) : t('confirm.noDue');
  const head = attached || result.merged ? t('confirm.attached') : t('confirm.filed');
  const box = $('confirmation');
  box.replaceChildren(
    el('p', { className: 'big' }, `${head} `, el('strong', { id: 'confirmation-number', textContent: result.publicId })),
    el('p', {}, `${t('confirm.due')}: `, el('strong', { id: 'confirmation-due', textContent: due })),
    el('p', { className: 'muted', textContent: [result.district?.name, result.unit?.name].filter(Boolean).join(' · ') }),
    el('p', { className: 'readout', textContent: `${t('confirm.readout')}${head} ${result.publicId.split('').join(' ')}. ${t('confirm.due')}: ${due}.` }),
    el('button', { type: 'button', className: 'primary', textContent: `${t('confirm.next')} (Alt+N)`, onclick: () => void newContact() }),
  );
  box.hidden = false;
  $('report-form').hidden = true;
  state.contact = undefined;
  $('contact-status').textContent = t('contact.none');
  map.refreshRequests();
  box.querySelector('button')!.focus();
}

// ---------------------------------------------------------------- knowledge base

let kbTimer: ReturnType<typeof setTimeout> | undefined;
$('kb-search').addEventListener('input', () => {
  clearTimeout(kbTimer);
  kbTimer = setTimeout(async () => {
    const q = $<HTMLInputElement>('kb-search').value.trim();
    try {
      const { articles } = await api.kb(q, state.resolution?.district?.code, kbEditor?.includeInactive());
      $('kb-results').replaceChildren(
        ...articles.map((a, i) =>
          el(
            'li',
            {},
            el('button', {
              type: 'button',
              className: 'link',
              textContent: pick(a.titlePl, a.titleEn) + (kbEditor?.badge(a) ?? ''),
              dataset: { index: String(i) },
              onclick: () => showArticle(a),
            }),
          ),
        ),
      );
    } catch (err) {
      toast(errorText(err));
    }
  }, 120);
});
$('kb-search').addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    $('kb-results').querySelector<HTMLButtonElement>('button')?.click();
  }
});

function showArticle(a: Article): void {
  state.article = a;
  const box = $('kb-article');
  box.replaceChildren(
    el('h3', { textContent: pick(a.titlePl, a.titleEn) }),
    ...pick(a.bodyPl, a.bodyEn)
      .split(/\n\s*\n/)
      .map((p) => el('p', { textContent: p })),
    el('button', { type: 'button', id: 'kb-answered', className: 'primary', textContent: t('kb.answered'), onclick: () => void answeredFromKb() }),
    ...(kbEditor?.articleActions(a) ?? []),
  );
  box.hidden = false;
  $('kb-answered').focus();
}

async function answeredFromKb(): Promise<void> {
  if (!state.article) return;
  try {
    const id = await ensureContact();
    await api.closeContact(id, { outcome: 'answered_kb', articleId: state.article.id, channel: channel() });
    state.contact = undefined;
    $('contact-status').textContent = t('contact.none');
    $('kb-status').textContent = `${t('kb.logged')}: ${pick(state.article.titlePl, state.article.titleEn)}`;
  } catch (err) {
    toast(errorText(err));
  }
}

// ---------------------------------------------------------------- forward to the second line

$('forward-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('fw-error').textContent = '';
  try {
    const contactId = await ensureContact();
    const caller = callerInput();
    const { inquiry } = await api.forward({
      contactId,
      channel: channel(),
      question: $<HTMLTextAreaElement>('fw-question').value,
      topic: $<HTMLInputElement>('fw-topic').value || undefined,
      districtCode: $<HTMLSelectElement>('fw-district').value || undefined,
      serviceCode: $<HTMLSelectElement>('fw-service').value || undefined,
      unitCode: $<HTMLSelectElement>('fw-unit').value || undefined,
      replyChannel: $<HTMLSelectElement>('fw-reply').value,
      lat: state.pin?.lat,
      long: state.pin?.long,
      person: { firstName: caller.firstName, lastName: caller.lastName, phone: caller.phone, email: caller.email },
    });
    const box = $('fw-result');
    box.replaceChildren(
      el('p', { className: 'big' }, `${t('fw.done')} `, el('strong', { id: 'fw-number', textContent: inquiry.publicId })),
      el('p', {}, `${t('fw.unitIs')}: `, el('strong', { id: 'fw-unit-name', textContent: inquiry.unit.name })),
      el('p', {}, `${t('confirm.due')}: `, el('strong', { textContent: fmtDate(inquiry.dueAt) })),
    );
    box.hidden = false;
    state.contact = undefined;
    $('contact-status').textContent = t('contact.none');
  } catch (err) {
    $('fw-error').textContent = errorText(err);
  }
});

// ---------------------------------------------------------------- request detail

async function openDetail(publicId: string): Promise<void> {
  try {
    const { request } = await api.request(publicId);
    renderDetail(request);
  } catch (err) {
    toast(errorText(err));
  }
}

function renderDetail(r: RequestDetail): void {
  const box = $('detail');
  const act = (fn: () => Promise<{ request: RequestDetail }>) => async () => {
    try {
      renderDetail((await fn()).request);
      map.refreshRequests();
    } catch (err) {
      toast(errorText(err));
    }
  };
  const noteText = el('textarea', { id: 'note-text', rows: 2 });
  const notePublic = el('input', { type: 'checkbox', id: 'note-public' });
  const statusSelect = el('select', { id: 'status-select' }, ...r.allowedStatuses.map((s) => el('option', { value: s, textContent: word('ds', s) })));
  const mergeInput = el('input', { id: 'merge-into', autocomplete: 'off' });
  box.replaceChildren(
    el(
      'header',
      {},
      el('h2', { textContent: `${r.publicId} · ${pick(r.service.namePl, r.service.nameEn)}` }),
      el('button', { type: 'button', textContent: `${t('detail.close')} (Esc)`, onclick: () => (box.hidden = true) }),
    ),
    el(
      'p',
      {},
      `${t('detail.status')}: `,
      el('strong', { id: 'detail-status', textContent: `${word('st', r.status)} / ${word('ds', r.detailedStatus)}` }),
      r.statusNotes ? ` — ${r.statusNotes}` : '',
    ),
    el('p', {
      textContent: `${t('detail.address')}: ${r.address ?? '—'} · ${t('detail.district')}: ${r.district?.name ?? '—'} · ${t('detail.unit')}: ${r.unit?.name ?? '—'}`,
    }),
    el('p', {
      textContent: `${t('detail.due')}: ${fmtDate(r.expectedAt) || '—'} · ${t('detail.filed')}: ${fmtDate(r.requestedAt)} (${word('ch', r.channel)})`,
    }),
    el('p', { textContent: r.description }),
    r.duplicateOf
      ? el(
          'p',
          {},
          `${t('detail.duplicateOf')} `,
          el('a', {
            href: '#',
            textContent: r.duplicateOf,
            onclick: (e: Event) => {
              e.preventDefault();
              void openDetail(r.duplicateOf!);
            },
          }),
        )
      : '',
    el('h3', { textContent: `${t('detail.reporters')} (${r.reporterCount})` }),
    el(
      'ul',
      { id: 'detail-reporters' },
      ...r.reporters.map((p) =>
        el(
          'li',
          {},
          `${fmtDate(p.reportedAt)} · ${word('ch', p.channel)} · ${[p.name, p.phone, p.email].filter(Boolean).join(', ') || '—'}${p.originalPublicId ? ` (${p.originalPublicId})` : ''}`,
          // What we told this person, so the agent can answer "did you write to me?".
          p.notices?.length
            ? el(
                'div',
                { className: 'notices' },
                `${t('nt.title')}: `,
                p.notices
                  .map(
                    (n) =>
                      `${fmtDate(n.sentAt ?? n.createdAt)} ${n.kind === 'email_confirmation' ? `${t('nt.confirmation')}: ` : ''}${word('nt', n.status)}${n.status === 'suppressed' && n.lastError ? ` (${n.lastError})` : ''}`,
                  )
                  .join(' · '),
              )
            : '',
        ),
      ),
    ),
    r.duplicates.length ? el('h3', { textContent: t('detail.duplicates') }) : '',
    r.duplicates.length
      ? el(
          'ul',
          {},
          ...r.duplicates.map((d) =>
            el(
              'li',
              {},
              el('a', {
                href: '#',
                textContent: d.publicId,
                onclick: (e: Event) => {
                  e.preventDefault();
                  void openDetail(d.publicId);
                },
              }),
              ` ${fmtDate(d.requestedAt)}`,
            ),
          ),
        )
      : '',
    el('h3', { textContent: t('detail.history') }),
    el(
      'ol',
      { className: 'history' },
      ...r.events.map((e) =>
        el('li', {
          className: e.public ? '' : 'internal',
          textContent: `${fmtDate(e.at)} · ${word('ev', e.kind)}${e.detailedStatus ? ` → ${word('ds', e.detailedStatus)}` : ''}${e.note ? `: ${e.note}` : ''} (${[e.actor, e.public ? '' : t('ev.internal')].filter(Boolean).join(', ')})`,
        }),
      ),
    ),
    el('label', {}, el('span', { textContent: t('detail.note') }), noteText),
    el('label', { className: 'inline' }, notePublic, ` ${t('detail.public')}`),
    el('button', { type: 'button', textContent: t('detail.addNote'), onclick: act(() => api.addNote(r.publicId, noteText.value, notePublic.checked)) }),
    r.allowedStatuses.length
      ? el(
          'div',
          { className: 'row' },
          el('label', {}, el('span', { textContent: t('detail.setStatus') }), ' ', statusSelect),
          el('button', {
            type: 'button',
            textContent: t('detail.setStatus'),
            onclick: act(() => api.setStatus(r.publicId, statusSelect.value, noteText.value || undefined)),
          }),
        )
      : '',
    r.duplicateOf
      ? el('button', { type: 'button', id: 'unmerge', textContent: t('detail.unmerge'), onclick: act(() => api.unmerge(r.publicId)) })
      : el(
          'div',
          { className: 'row' },
          el('label', {}, el('span', { textContent: t('detail.mergeInto') }), ' ', mergeInput),
          el('button', { type: 'button', textContent: t('detail.merge'), onclick: act(() => api.merge(r.publicId, mergeInput.value)) }),
        ),
  );
  box.hidden = false;
  if (r.lat !== null && r.long !== null) map.placePin(r.lat, r.long, 16);
}

// ---------------------------------------------------------------- filters, language, keys

$('filters').addEventListener('change', () => map?.refreshRequests());

function switchLanguage(): void {
  const next: Locale = locale() === 'pl' ? 'en' : 'pl';
  localStorage.setItem('kontakt.locale', next);
  setLocale(next);
  $('lang').textContent = next === 'pl' ? 'EN' : 'PL';
  if (state.resolution) renderPlace(state.resolution);
}
$('lang').addEventListener('click', switchLanguage);

document.addEventListener('keydown', (e) => {
  const inField = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
  if (e.altKey && !e.ctrlKey) {
    const k = e.key.toLowerCase();
    const actions: Record<string, () => void> = {
      n: () => void newContact(),
      s: () => $('service-search').focus(),
      a: () => {
        const first = state.resolution?.candidates[0];
        if (first) void attachTo(first.publicId);
      },
      l: switchLanguage,
      '1': () => selectTab('report'),
      '2': () => selectTab('kb'),
      '3': () => selectTab('forward'),
      '4': () => selectTab('shift'),
    };
    const code = e.code.replace(/^Key|^Digit/, '').toLowerCase();
    const action = actions[k] ?? actions[code];
    if (action) {
      e.preventDefault();
      action();
    }
    return;
  }
  if (e.key === '/' && !inField) {
    e.preventDefault();
    selectTab('report');
    $('search').focus();
  } else if (e.key === 'Enter' && e.ctrlKey && !$('report-form').hidden) {
    e.preventDefault();
    void submitReport();
  } else if (e.key === 'Escape' && !inField) {
    $('detail').hidden = true;
  }
});

void start();
