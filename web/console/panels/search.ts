/**
 * The one search box (/): request and inquiry numbers, coordinates, addresses, streets,
 * intersections, landmarks and units as you type; Enter picks the first. A place drops the pin,
 * a request number opens its detail.
 */
import { api, type LocateCandidate } from '../api';
import { locale, t } from '../i18n';
import { toast } from '../../lib/staff-toast';
import { $, errorText, state, timings, ui } from './context';
import { combobox } from './combobox';
import { openDetail } from './detail';
import { pinAt } from './place';

let searchSeq = 0;
/** Landmarks and units carry a kind tag and their English label in English, so they stand out from addresses. */
const placeLabel = (c: LocateCandidate) => (locale() === 'en' && c.labelEn ? c.labelEn : c.label);

export function setupSearch(): void {
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
}

async function pickPlace(c: LocateCandidate): Promise<void> {
  $<HTMLInputElement>('search').value = placeLabel(c);
  if (c.kind === 'request' && c.publicId) {
    if (Number.isFinite(c.lat)) ui.map!.placePin(c.lat, c.long);
    return openDetail(c.publicId);
  }
  if (!Number.isFinite(c.lat)) return;
  ui.map!.placePin(c.lat, c.long);
  await pinAt(c.lat, c.long);
  if (!state.service) $('service-search').focus();
}
