/**
 * The knowledge base pane (Alt+2): search as you type (in the district of the pin, if any), read an
 * article, and log the contact as answered from it. Editing (admins) is ../kb-editor.ts.
 */
import { api, type Article } from '../api';
import { pick, t } from '../i18n';
import { toast } from '../../lib/staff-toast';
import { el } from '../dom';
import { $, errorText, state, ui } from './context';
import { channel, contactClosed, ensureContact } from './contact';

export function setupKb(): void {
  let kbTimer: ReturnType<typeof setTimeout> | undefined;
  $('kb-search').addEventListener('input', () => {
    clearTimeout(kbTimer);
    kbTimer = setTimeout(async () => {
      const q = $<HTMLInputElement>('kb-search').value.trim();
      try {
        const { articles } = await api.kb(q, state.resolution?.district?.code, ui.kbEditor?.includeInactive());
        $('kb-results').replaceChildren(
          ...articles.map((a, i) =>
            el(
              'li',
              {},
              el('button', {
                type: 'button',
                className: 'link',
                textContent: pick(a.titlePl, a.titleEn) + (ui.kbEditor?.badge(a) ?? ''),
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
}

export function showArticle(a: Article): void {
  state.article = a;
  const box = $('kb-article');
  box.replaceChildren(
    el('h3', { textContent: pick(a.titlePl, a.titleEn) }),
    ...pick(a.bodyPl, a.bodyEn)
      .split(/\n\s*\n/)
      .map((p) => el('p', { textContent: p })),
    el('button', { type: 'button', id: 'kb-answered', className: 'primary', textContent: t('kb.answered'), onclick: () => void answeredFromKb() }),
    ...(ui.kbEditor?.articleActions(a) ?? []),
  );
  box.hidden = false;
  $('kb-answered').focus();
}

async function answeredFromKb(): Promise<void> {
  if (!state.article) return;
  try {
    const id = await ensureContact();
    await api.closeContact(id, { outcome: 'answered_kb', articleId: state.article.id, channel: channel() });
    contactClosed();
    $('kb-status').textContent = `${t('kb.logged')}: ${pick(state.article.titlePl, state.article.titleEn)}`;
  } catch (err) {
    toast(errorText(err));
  }
}
