/**
 * The place under the pin: address, district, the unit for the chosen category, and requests
 * already reported nearby, each one click (the first Alt+A) from attaching the caller to it.
 */
import { api, type Candidate, type Resolution } from '../api';
import { locale, t, word } from '../i18n';
import { toast } from '../../lib/staff-toast';
import { el } from '../dom';
import { $, errorText, state, timings } from './context';
import { callerInput, channel, ensureContact } from './contact';
import { confirm } from './confirmation';
import { openDetail } from './detail';

export async function pinAt(lat: number, long: number): Promise<void> {
  state.pin = { lat, long };
  void ensureContact().catch((err) => toast(errorText(err)));
  await refreshPlace();
}

let resolveSeq = 0;
export async function refreshPlace(): Promise<void> {
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

export function renderPlace(r: Resolution): void {
  $('place').hidden = false;
  const addr = r.address ? (r.address.label ?? r.address.street ?? '') + (r.address.distanceM > 30 ? ` (~${Math.round(r.address.distanceM)} m)` : '') : '—';
  $('place-address').textContent = addr;
  // A district found as the nearest one (a gap) or out of an overlap says so: the agent sees why.
  const how = r.reasons.find((x) => x.step === 'district')?.text;
  $('place-district').textContent = (r.district?.name ?? '—') + (r.district && how && !how.endsWith('(point in polygon)') ? ` — ${how}` : '');
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

export async function attachTo(publicId: string): Promise<void> {
  try {
    const contactId = await ensureContact();
    const result = await api.fileReport({ contactId, channel: channel(), attachTo: publicId, location: state.pin, reporter: callerInput(), locale: locale() });
    confirm(result, true);
  } catch (err) {
    toast(errorText(err));
  }
}
