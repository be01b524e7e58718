/**
 * Questions a unit returned to the first line as not its own (status `returned`, issue #5 item 4),
 * shown under the forward form: the unit it came back from, its reason, and a unit picker to send
 * it on. Reassigning keeps the deadline promised to the resident (api/knowledge/reassign.ts).
 * Data from GET /api/console/inquiries?status=returned; refreshed when the forward tab opens.
 */
import { api } from './api';
import { fmtDate, pick, t } from './i18n';
import { el } from './dom';

export interface ReturnedListOptions {
  units: () => Array<{ code: string; name: string; nameEn: string | null }>;
  onDone: (text: string) => void;
  onError: (err: unknown) => void;
}

export interface ReturnedList {
  refresh(): Promise<void>;
}

export function setupReturnedList(options: ReturnedListOptions): ReturnedList {
  const box = document.getElementById('returned-box')!;

  async function refresh(): Promise<void> {
    try {
      const { inquiries } = await api.inquiries('returned');
      box.hidden = inquiries.length === 0;
      box.replaceChildren(
        el('h3', { id: 'returned-title', textContent: `${t('ret.title')} (${inquiries.length})` }),
        el(
          'ul',
          { className: 'returned' },
          ...inquiries.map((i) => {
            const select = el(
              'select',
              { attrs: { 'aria-label': `${t('ret.unit')} ${i.publicId}` } },
              ...options
                .units()
                .filter((u) => u.code !== i.unit.code)
                .map((u) => el('option', { value: u.code, textContent: pick(u.name, u.nameEn) })),
            );
            const send = el('button', { type: 'button', textContent: t('ret.send'), attrs: { 'aria-label': `${t('ret.send')} ${i.publicId}` } });
            send.addEventListener('click', async () => {
              try {
                const { inquiry } = await api.reassign(i.publicId, select.value);
                options.onDone(`${inquiry.publicId} → ${inquiry.unit.name}`);
                await refresh();
              } catch (err) {
                options.onError(err);
              }
            });
            return el(
              'li',
              {},
              el('strong', { textContent: i.publicId }),
              ` ${i.topic} · ${i.unit.name} · ${t('ret.due')}: ${fmtDate(i.dueAt)}`,
              el('div', { className: 'muted', textContent: `${t('ret.reason')}: ${i.returnReason ?? '—'}` }),
              el('div', { className: 'row' }, select, send),
            );
          }),
        ),
      );
    } catch (err) {
      options.onError(err);
    }
  }
  return { refresh };
}
