/**
 * "My shift" tab of the console (Alt+4): what I handled since my shift began (counts by outcome and
 * channel, average handling time, the contact still open), my last contacts with their request or
 * question numbers, the questions I forwarded (answered ones show the answer, to read out when the
 * resident calls back) and the city's requests past or near their deadline. Data from
 * GET /api/console/shift; refreshed when the tab opens and every minute while it is open.
 */
import { api, type Shift } from './api';
import { cityTimeZone, fmtDate, locale, pick, t } from './i18n';
import { el } from './dom';

export interface ShiftPanelOptions {
  /** Opens the request detail (the console's own). */
  openDetail: (publicId: string) => void;
  onError: (err: unknown) => void;
}

export interface ShiftPanel {
  refresh(): Promise<void>;
}

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString(locale() === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: cityTimeZone(), hour: '2-digit', minute: '2-digit' });
const duration = (seconds: number | null) => (seconds === null ? '—' : `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`);

export function setupShiftPanel(options: ShiftPanelOptions): ShiftPanel {
  const pane = document.getElementById('pane-shift')!;
  let seq = 0;

  const link = (publicId: string) =>
    el('a', {
      href: '#',
      textContent: publicId,
      onclick: (e: Event) => {
        e.preventDefault();
        options.openDetail(publicId);
      },
    });
  const counts = (id: string, caption: string, entries: Record<string, number>, label: (k: string) => string) =>
    el(
      'section',
      { attrs: { 'aria-labelledby': `${id}-h` } },
      el('h4', { id: `${id}-h`, textContent: caption }),
      el(
        'ul',
        { id, className: 'counts' },
        ...Object.entries(entries)
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => el('li', { dataset: { key: k } }, `${label(k)}: `, el('strong', { textContent: String(n) }))),
      ),
    );

  function render(s: Shift): void {
    const recentRows = s.recent.map((c) =>
      el(
        'tr',
        {},
        el('td', { textContent: time(c.startedAt) }),
        el('td', { textContent: t(`ch.${c.channel}`) }),
        el('td', { textContent: t(`out.${c.outcome ?? 'open'}`), dataset: { outcome: c.outcome ?? 'open' } }),
        el('td', { textContent: c.topic ?? '' }),
        el('td', {}, c.requestPublicId ? link(c.requestPublicId) : (c.inquiryPublicId ?? '')),
      ),
    );
    const forwarded = s.forwarded.map((i) =>
      el(
        'li',
        { className: i.overdue ? 'late' : '' },
        el('strong', { textContent: i.publicId }),
        ` ${i.topic} — ${t(`inq.${i.status}`)}, ${t('shift.due')} ${fmtDate(i.dueAt)}${i.overdue ? ` (${t('shift.overdue')})` : ''} · ${i.unitName}`,
        el('div', { className: 'muted', textContent: i.question }),
        i.answer ? el('blockquote', { className: 'answer' }, el('strong', { textContent: `${t('shift.answer')} (${fmtDate(i.answeredAt)}): ` }), i.answer) : '',
      ),
    );
    const risk = s.atRisk.requests.map((r) =>
      el(
        'li',
        { className: r.state === 'breached' ? 'late' : 'soon' },
        link(r.publicId),
        ` ${pick(r.serviceNamePl, r.serviceNameEn)}${r.address ? `, ${r.address}` : ''} — ${t(`shift.${r.state}`)}: ${t(`shift.kind.${r.kind}`)} ${fmtDate(r.dueAt)}${r.unitName ? ` · ${r.unitName}` : ''}`,
      ),
    );
    const more = s.atRisk.count - s.atRisk.requests.length;
    pane.replaceChildren(
      el(
        'div',
        { className: 'row' },
        el('h3', { id: 'shift-heading', className: 'grow', textContent: `${t('shift.since')} ${fmtDate(s.since)}` }),
        el('button', { type: 'button', id: 'shift-refresh', textContent: t('shift.refresh'), onclick: () => void refresh() }),
      ),
      el(
        'p',
        { id: 'shift-totals' },
        `${t('shift.contacts')}: `,
        el('strong', { id: 'shift-contacts', textContent: String(s.totals.contacts) }),
        ` (${s.totals.closed} ${t('shift.closed')}) · ${t('shift.avg')}: `,
        el('strong', { id: 'shift-avg', textContent: duration(s.totals.avgHandlingSeconds) }),
      ),
      s.openContact
        ? el('p', { id: 'shift-open' }, `${t('shift.open')}: #${s.openContact.id} (${t(`ch.${s.openContact.channel}`)}, ${time(s.openContact.startedAt)})`)
        : '',
      el(
        'div',
        { className: 'row shift-counts' },
        counts('shift-by-outcome', t('shift.byOutcome'), s.byOutcome, (k) => t(`out.${k}`)),
        counts('shift-by-channel', t('shift.byChannel'), s.byChannel, (k) => t(`ch.${k}`)),
      ),
      el(
        'table',
        { id: 'shift-recent', className: 'shift-table' },
        el('caption', { textContent: t('shift.recent') }),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...['shift.time', 'shift.channel', 'shift.outcome', 'shift.topic', 'shift.number'].map((k) => el('th', { scope: 'col', textContent: t(k) })),
          ),
        ),
        el('tbody', {}, ...recentRows),
      ),
      s.recent.length ? '' : el('p', { className: 'muted', textContent: t('shift.none') }),
      el(
        'section',
        { attrs: { 'aria-labelledby': 'shift-forwarded-h' } },
        el('h4', { id: 'shift-forwarded-h', textContent: t('shift.forwarded') }),
        forwarded.length
          ? el('ul', { id: 'shift-forwarded', className: 'shift-list' }, ...forwarded)
          : el('p', { className: 'muted', textContent: t('shift.none') }),
      ),
      el(
        'section',
        { attrs: { 'aria-labelledby': 'shift-risk-h' } },
        el('h4', { id: 'shift-risk-h', textContent: `${t('shift.atRisk', { h: s.atRisk.withinHours })}: ${s.atRisk.count}${s.atRisk.capped ? '+' : ''}` }),
        risk.length ? el('ul', { id: 'shift-risk', className: 'shift-list' }, ...risk) : el('p', { className: 'muted', textContent: t('shift.none') }),
        more > 0 ? el('p', { className: 'muted', textContent: t('shift.more', { n: more }) }) : '',
      ),
    );
  }

  async function refresh(): Promise<void> {
    const mine = ++seq;
    pane.setAttribute('aria-busy', 'true');
    try {
      const { shift } = await api.shift();
      if (mine === seq) render(shift);
    } catch (err) {
      options.onError(err);
    } finally {
      if (mine === seq) pane.removeAttribute('aria-busy');
    }
  }

  // Keep the numbers current while the tab is in view (a minute is plenty for a shift summary).
  setInterval(() => {
    if (!pane.hidden && document.visibilityState === 'visible') void refresh();
  }, 60_000);
  return { refresh };
}
