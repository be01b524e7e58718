/**
 * The public portal at `/` (issue #6): the map of requests with filters, request details at
 * /r/<id>, and the report flow. Config comes inline from the page (api/public/page.ts).
 */
import 'ol/ol.css';
import './style.css';
import { createApi, MapFilters, ServiceGroup } from '../lib/api';
import { initLang, lang, pick, setLang, t } from '../lib/i18n';
import { h, clear } from './dom';
import MapView from './MapView';
import ReportFlow from './ReportFlow';
import { renderDetail } from './detail';
import { renderFilters } from './filters';

interface PageConfig {
  city: { id: string; name: { pl: string; en: string }; center: [number, number]; zoom: number } | null;
  tileUrl: string | null;
}

const config = JSON.parse(document.getElementById('kontakt-config')!.textContent || '{}') as PageConfig;
initLang();
const api = createApi(config.city?.id);
let groupsPromise: Promise<ServiceGroup[]> | undefined;
const groups = () => (groupsPromise ??= api.services());
let filters: MapFilters & { period?: string } = {};
let flow: ReportFlow | null = null;

const app = document.getElementById('app')!;
const mapEl = h('div', { id: 'map', role: 'region', 'aria-label': t('map'), tabindex: 0 });
const sheet = h('section', { id: 'sheet', class: 'sheet', hidden: true, 'aria-live': 'polite' });
const status = h('p', { id: 'map-status', class: 'map-status', role: 'status' });

function header(): HTMLElement {
  return h(
    'header',
    { class: 'bar' },
    h(
      'h1',
      {},
      h(
        'a',
        {
          href: '/',
          onclick: (e: Event) => {
            e.preventDefault();
            closeSheet();
          },
        },
        'Kontakt',
      ),
      config.city ? h('span', { class: 'city' }, ` · ${pick(config.city.name)}`) : null,
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'lang',
        lang: lang() === 'pl' ? 'en' : 'pl',
        'aria-label': t('languageLabel'),
        onclick: () => {
          setLang(lang() === 'pl' ? 'en' : 'pl');
          location.reload();
        },
      },
      t('language'),
    ),
  );
}

const actions = h(
  'div',
  { class: 'actions' },
  h('button', { type: 'button', id: 'open-filters', onclick: () => void openFilters() }, t('filters')),
  h('button', { type: 'button', id: 'start-report', class: 'primary', onclick: () => startReport() }, t('report')),
);
app.replaceChildren(header(), h('main', {}, mapEl, status, actions, sheet));

const map = new MapView({
  target: mapEl,
  api,
  center: config.city?.center ?? [21.01, 52.23],
  zoom: config.city?.zoom ?? 11,
  tileUrl: config.tileUrl,
  onRequest: (id) => void openRequest(id, undefined, true),
  onTap: (lon, lat) => void flow?.setPoint(lon, lat),
  onLoaded: (data) => {
    status.textContent = data.kind === 'points' && data.truncated ? t('zoomInMore') : '';
  },
});

function closeSheet(): void {
  flow = null;
  map.picking = false;
  sheet.hidden = true;
  clear(sheet);
  if (location.pathname !== '/') history.pushState({}, '', '/');
}

function showInSheet(...children: Node[]): void {
  clear(sheet);
  sheet.append(h('button', { type: 'button', class: 'close', 'aria-label': t('close'), onclick: () => closeSheet() }, '×'), ...children);
  sheet.hidden = false;
  (sheet.querySelector('h2') as HTMLElement | null)?.setAttribute('tabindex', '-1');
  (sheet.querySelector('h2') as HTMLElement | null)?.focus();
}

async function openRequest(id: string, banner?: string, push = false): Promise<void> {
  flow = null;
  map.picking = false;
  if (push) history.pushState({ id }, '', `/r/${id}`);
  const el = await renderDetail(id, { api, banner });
  showInSheet(el);
  const place = await api
    .request(id)
    .then((r) => (r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat, zoom: 17 } : null))
    .catch(() => null);
  // Opened from a link or just filed: bring the request into view (a tap on the map already shows it).
  if (place && (banner || !push)) map.showPlace(place.lon, place.lat, place.zoom);
}

async function openFilters(): Promise<void> {
  const [g, d] = await Promise.all([groups(), api.districts()]);
  showInSheet(
    renderFilters(
      g,
      d.features.map((f) => f.properties),
      filters,
      (f) => {
        filters = f;
        const { period: _period, ...query } = f;
        map.setFilters(query);
        closeSheet();
      },
    ),
  );
}

function startReport(): void {
  if (location.pathname !== '/') history.pushState({}, '', '/');
  flow = new ReportFlow({
    api,
    map,
    sheet,
    groups,
    done: (id, banner) => {
      flow = null;
      history.pushState({ id }, '', `/r/${id}`);
      void map.reload(true);
      void openRequest(id, banner);
    },
    cancel: () => closeSheet(),
  });
  flow.start();
}

function route(): void {
  const m = /^\/r\/([^/]+)$/.exec(location.pathname);
  if (m) void openRequest(decodeURIComponent(m[1]));
  else if (!flow) {
    sheet.hidden = true;
    clear(sheet);
  }
}
window.addEventListener('popstate', route);
route();
