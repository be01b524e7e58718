/** The request detail (also the tracking page after a report and the shareable /r/<id> page). */
import type { Api, PublicRequest } from '../lib/api';
import { formatDate, pick, t, tMaybe, lang } from '../lib/i18n';
import { h } from './dom';

export interface DetailOptions {
  api: Api;
  /** Banner shown above (e.g. "Thank you"). */
  banner?: string;
  onShowOnMap?: (r: PublicRequest) => void;
}

export async function renderDetail(id: string, options: DetailOptions): Promise<HTMLElement> {
  let r: PublicRequest;
  try {
    r = await options.api.request(id);
  } catch {
    return h('div', { class: 'detail' }, h('p', { role: 'alert' }, t('notFound')));
  }
  const status = r.status === 'open' ? t('open') : t('closed');
  const shareUrl = `${location.origin}/r/${r.id}`;
  const follow = followForm(r, options.api);
  return h(
    'article',
    { class: 'detail', 'aria-labelledby': 'detail-title', 'data-request': r.id },
    options.banner ? h('p', { class: 'banner', role: 'status' }, options.banner) : null,
    h('h2', { id: 'detail-title' }, pick(r.service.name)),
    h('p', { class: `badge status-${r.status}` }, `${status} · ${tMaybe(`detailedStatus_${r.detailedStatus}`, r.detailedStatus.replace(/_/g, ' '))}`),
    r.mergedInto ? h('p', {}, h('a', { href: `/r/${r.mergedInto}` }, t('mergedInto', { id: r.mergedInto }))) : null,
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('number')),
      h('dd', { class: 'number' }, r.id),
      h('dt', {}, t('reported')),
      h('dd', {}, formatDate(r.requestedAt, true)),
      r.expectedAt ? [h('dt', {}, t('promised')), h('dd', { class: 'promised' }, formatDate(r.expectedAt))] : null,
      r.district ? [h('dt', {}, t('district')), h('dd', { class: 'district' }, pick(r.district.name))] : null,
      r.address ? [h('dt', {}, t('address')), h('dd', {}, r.address)] : null,
      r.unit ? [h('dt', {}, t('unit')), h('dd', {}, pick(r.unit))] : null,
      h('dt', {}, t('reporters')),
      h('dd', { class: 'reporters' }, String(r.reporters)),
    ),
    r.private ? h('p', { class: 'note' }, t('privateReport')) : null,
    r.approximateM ? h('p', { class: 'note approximate' }, t('approximate', { m: r.approximateM })) : null,
    r.statusNotes ? h('p', { class: 'status-notes' }, r.statusNotes) : null,
    r.description ? h('p', { class: 'description' }, r.description) : null,
    r.photos.length
      ? h(
          'div',
          { class: 'photos' },
          h('h3', {}, t('photos')),
          r.photos.map((src, i) => h('img', { src, alt: t('photoAlt', { n: i + 1 }), loading: 'lazy' })),
        )
      : null,
    r.history.length
      ? h(
          'section',
          {},
          h('h3', {}, t('history')),
          h(
            'ol',
            { class: 'history' },
            r.history.map((e) =>
              h(
                'li',
                {},
                h('time', { datetime: e.at }, formatDate(e.at, true)),
                ' — ',
                tMaybe(`event_${e.kind}`, e.kind),
                e.detailedStatus ? ` (${tMaybe(`detailedStatus_${e.detailedStatus}`, e.detailedStatus)})` : '',
                e.note ? h('p', {}, e.note) : null,
              ),
            ),
          ),
        )
      : null,
    h(
      'p',
      { class: 'share' },
      h('label', { for: 'share-link' }, t('share')),
      h('input', { id: 'share-link', type: 'text', readonly: true, value: shareUrl, onfocus: (e: Event) => (e.target as HTMLInputElement).select() }),
    ),
    follow,
  );
}

/** "Follow by e-mail": becomes a reporter of the request with notifications by e-mail. */
function followForm(r: PublicRequest, api: Api): HTMLElement | null {
  if (r.private || r.status !== 'open') return null;
  const email = h('input', { id: 'follow-email', type: 'email', autocomplete: 'email', required: true });
  const consent = h('input', { id: 'follow-consent', type: 'checkbox', required: true });
  const message = h('p', { role: 'status' });
  const form = h(
    'form',
    {
      class: 'follow',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          const res = await api.follow(r.id, { email: email.value, consent: consent.checked, locale: lang() });
          message.textContent = t('followed', { n: res.reporters });
          document.querySelectorAll('.detail .reporters').forEach((el) => (el.textContent = String(res.reporters)));
        } catch (err) {
          message.textContent = t('error', { msg: (err as Error).message });
        }
      },
    },
    h('h3', {}, t('followByEmail')),
    h('label', { for: 'follow-email' }, t('email')),
    email,
    h('div', { class: 'check' }, consent, h('label', { for: 'follow-consent' }, t('consent'))),
    h('button', { type: 'submit' }, t('follow')),
    message,
  );
  return form;
}
