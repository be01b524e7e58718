/** The request detail (Esc closes): status, places, reporters and what they were told, history; notes, status, merge and unmerge. */
import { api, type RequestDetail } from '../api';
import { fmtDate, pick, t, word } from '../i18n';
import { toast } from '../../lib/staff-toast';
import { el } from '../dom';
import { $, errorText, ui } from './context';

export async function openDetail(publicId: string): Promise<void> {
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
      ui.map!.refreshRequests();
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
      textContent: `${t('detail.address')}: ${r.address ?? '—'} · ${t('detail.district')}: ${r.district?.name ?? '—'}${r.district?.how ? ` (${r.district.how})` : ''} · ${t('detail.unit')}: ${r.unit?.name ?? '—'}`,
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
  if (r.lat !== null && r.long !== null) ui.map!.placePin(r.lat, r.long, 16);
}
