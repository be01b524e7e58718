/**
 * The agent console (issue #5): one screen, map first, keyboard fast.
 *
 * Flow: new contact (Alt+N) -> search box (/) -> pick a place (Enter) -> the panel shows address,
 * district, unit and requests already reported nearby -> attach the caller (Alt+A on the first
 * candidate) or pick a category (Alt+S, Enter) -> fill the generated form -> Ctrl+Enter -> read
 * out the number and the promised date. Alt+1/2/3 switch report / knowledge base / forward;
 * Esc closes lists and the request detail. Alt+L switches Polish/English.
 *
 * This file logs in, loads the settings and wires the panels (web/console/panels): contact and
 * caller, tabs, search, place (pin and candidates), report form and confirmation, knowledge base,
 * forward, request detail, keyboard. Panels share state through panels/context.ts and import each
 * other in one direction only (context, tabs, detail, contact, confirmation, place, search, report,
 * kb, forward, keys: each imports only those before it).
 */
import 'ol/ol.css';
import './style.css';
import { api, setCsrf } from './api';
import { locale, pick, setCityTimeZone, setLocale, t, type Locale } from './i18n';
import { toast } from '../lib/staff-toast';
import ConsoleMap from './ConsoleMap';
import { startWithLogin } from '../lib/staff-login';
import { setupKbEditor } from './kb-editor';
import { setupShiftPanel } from './shift';
import { setupReturnedList } from './returned';
import { el } from './dom';
import { $, errorText, state, ui } from './panels/context';
import { setupContact } from './panels/contact';
import { setupTabs } from './panels/tabs';
import { setupSearch } from './panels/search';
import { pinAt } from './panels/place';
import { setupReport } from './panels/report';
import { setupKb, showArticle } from './panels/kb';
import { setupForward } from './panels/forward';
import { openDetail } from './panels/detail';
import { setupKeys } from './panels/keys';

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
  ui.map = new ConsoleMap({
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
  ui.kbEditor = setupKbEditor({
    settings,
    services,
    onSaved: (a) => {
      showArticle(a);
      $('kb-search').dispatchEvent(new Event('input'));
    },
  });
  ui.shiftPanel = setupShiftPanel({ openDetail: (id) => void openDetail(id), onError: (err) => toast(errorText(err)) });
  ui.returnedList = setupReturnedList({ units: () => state.settings?.units ?? [], onDone: toast, onError: (err) => toast(errorText(err)) });
  document.body.dataset.ready = 'true';
  $('search').focus();
}

function fillSelect(select: HTMLElement, options: Array<[string, string]>): void {
  const first = select.querySelector('option');
  select.replaceChildren(...(first ? [first] : []), ...options.map(([value, label]) => el('option', { value, textContent: label })));
}

setupContact();
setupTabs();
setupSearch();
setupReport();
setupKb();
setupForward();
setupKeys();

void start();
