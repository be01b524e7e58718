/**
 * Knowledge-base editor in the console (issue #5 item 4: "editable by admins"). Only an admin's
 * page gets the controls: "New article", "Edit" on a shown article, and "show withdrawn and
 * expired" for the search (so a withdrawn article can be found and re-activated). Agents get none
 * of it, and the API refuses them anyway (PUT /api/console/kb/:slug is admin-only).
 *
 * The form checks what it can before sending (slug format, end date after start date); the server
 * checks everything again and answers field by field, and each message lands beside its field.
 * Dates are calendar days in the city's time zone (the server turns a day into local midnight).
 */
import { api, ApiError, type Article, type ArticleInput, type Service, type Settings } from './api';
import { cityTimeZone, pick, t } from './i18n';
import { el, i18nSpan } from './dom';

export interface KbEditorOptions {
  settings: Settings;
  services: Service[];
  /** After a save: re-run the search and show the saved article. */
  onSaved: (article: Article) => void;
}

export interface KbEditor {
  /** Controls under a shown article (the Edit button for admins; nothing for agents). */
  articleActions(article: Article): HTMLElement[];
  /** Whether the admin asked to see withdrawn and expired articles in the search. */
  includeInactive(): boolean;
  /** A short mark after a title in the results: withdrawn, or outside its dates. */
  badge(article: Article): string;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
const FIELDS = ['slug', 'titlePl', 'titleEn', 'bodyPl', 'bodyEn', 'tags', 'serviceCodes', 'districtCodes', 'validFrom', 'validTo', 'active'] as const;
type Field = (typeof FIELDS)[number];

/** An instant as the calendar day in the city (the console's dates are Warsaw's, see i18n.fmtDate). */
const cityDay = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('sv-SE', { timeZone: cityTimeZone() }) : '');

const NONE: KbEditor = { articleActions: () => [], includeInactive: () => false, badge: () => '' };

export function setupKbEditor(options: KbEditorOptions): KbEditor {
  if (options.settings.staff.role !== 'admin') return NONE;
  const pane = document.getElementById('pane-kb')!;
  const searchLabel = pane.querySelector('label[for="kb-search"]')!;

  const showAll = el('input', { type: 'checkbox', id: 'kb-all' });
  const newButton = el('button', { type: 'button', id: 'kb-new', onclick: () => open(null) }, i18nSpan('kbe.new', t('kbe.new')));
  const toolbar = el(
    'div',
    { className: 'row kb-admin' },
    newButton,
    el('label', { className: 'inline' }, showAll, ' ', i18nSpan('kbe.showAll', t('kbe.showAll'))),
  );
  showAll.addEventListener('change', () => document.getElementById('kb-search')!.dispatchEvent(new Event('input')));

  // ---- the form
  const errors = {} as Record<Field, HTMLElement>;
  const field = (name: Field, key: string, control: HTMLElement, className = '') => {
    errors[name] = el('span', { className: 'error', id: `kbe-err-${name}`, attrs: { 'aria-live': 'polite' } });
    control.setAttribute('aria-describedby', errors[name].id);
    return el('label', { className }, i18nSpan(key, t(key)), ' ', control, errors[name]);
  };
  const slug = el('input', { id: 'kbe-slug', autocomplete: 'off', maxLength: 80, spellcheck: false });
  const titlePl = el('input', { id: 'kbe-title-pl', autocomplete: 'off', maxLength: 200, required: true });
  const titleEn = el('input', { id: 'kbe-title-en', autocomplete: 'off', maxLength: 200, lang: 'en' });
  const bodyPl = el('textarea', { id: 'kbe-body-pl', rows: 6, maxLength: 10_000, required: true });
  const bodyEn = el('textarea', { id: 'kbe-body-en', rows: 4, maxLength: 10_000, lang: 'en' });
  const tags = el('input', { id: 'kbe-tags', autocomplete: 'off' });
  const services = el(
    'select',
    { id: 'kbe-services', multiple: true, size: 5 },
    ...options.services.map((s) => el('option', { value: s.code, textContent: pick(s.namePl, s.nameEn) })),
  );
  const districts = el(
    'select',
    { id: 'kbe-districts', multiple: true, size: 5 },
    ...options.settings.districts.map((d) => el('option', { value: d.code, textContent: pick(d.name, d.nameEn) })),
  );
  const validFrom = el('input', { id: 'kbe-valid-from', type: 'date' });
  const validTo = el('input', { id: 'kbe-valid-to', type: 'date' });
  const active = el('input', { id: 'kbe-active', type: 'checkbox', checked: true });
  const heading = el('h3', { id: 'kbe-heading' });
  const general = el('p', { className: 'error', id: 'kbe-error', attrs: { role: 'alert' } });
  const slugLabel = field('slug', 'kbe.slug', slug);
  const form = el(
    'form',
    { id: 'kb-editor', className: 'card kb-editor', hidden: true, noValidate: true, attrs: { 'aria-labelledby': 'kbe-heading' } },
    heading,
    slugLabel,
    el('div', { className: 'row' }, field('titlePl', 'kbe.titlePl', titlePl, 'grow'), field('titleEn', 'kbe.titleEn', titleEn, 'grow')),
    field('bodyPl', 'kbe.bodyPl', bodyPl),
    field('bodyEn', 'kbe.bodyEn', bodyEn),
    field('tags', 'kbe.tags', tags),
    el('div', { className: 'row' }, field('serviceCodes', 'kbe.services', services, 'grow'), field('districtCodes', 'kbe.districts', districts, 'grow')),
    el('div', { className: 'row' }, field('validFrom', 'kbe.validFrom', validFrom, 'grow'), field('validTo', 'kbe.validTo', validTo, 'grow')),
    field('active', 'kbe.active', active, 'inline'),
    general,
    el(
      'div',
      { className: 'row' },
      el('button', { type: 'submit', className: 'primary', id: 'kbe-save' }, i18nSpan('kbe.save', t('kbe.save'))),
      el('button', { type: 'button', id: 'kbe-cancel', onclick: () => close() }, i18nSpan('kbe.cancel', t('kbe.cancel'))),
    ),
  );
  searchLabel.before(toolbar, form);

  let editing: Article | null = null;
  const selected = (s: HTMLSelectElement) => Array.from(s.selectedOptions).map((o) => o.value);
  const select = (s: HTMLSelectElement, values: string[]) => Array.from(s.options).forEach((o) => (o.selected = values.includes(o.value)));
  const clearErrors = () => {
    for (const f of FIELDS) errors[f].textContent = '';
    general.textContent = '';
  };

  function open(article: Article | null): void {
    editing = article;
    clearErrors();
    heading.textContent = article ? `${t('kbe.titleEdit')}: ${article.slug}` : t('kbe.titleNew');
    slug.value = article?.slug ?? '';
    slugLabel.hidden = article !== null; // the slug names the article: fixed once created
    titlePl.value = article?.titlePl ?? '';
    titleEn.value = article?.titleEn ?? '';
    bodyPl.value = article?.bodyPl ?? '';
    bodyEn.value = article?.bodyEn ?? '';
    tags.value = (article?.tags ?? []).join(', ');
    select(services, article?.serviceCodes ?? []);
    select(districts, article?.districtCodes ?? []);
    validFrom.value = cityDay(article?.validFrom ?? null);
    validTo.value = cityDay(article?.validTo ?? null);
    active.checked = article?.active ?? true;
    form.hidden = false;
    (article ? titlePl : slug).focus();
  }

  function close(): void {
    form.hidden = true;
    editing = null;
  }

  /** What the page can tell before asking the server. */
  function checkLocally(): boolean {
    let ok = true;
    if (!editing && !SLUG.test(slug.value.trim())) {
      errors.slug.textContent = t('kbe.badSlug');
      ok = false;
    }
    for (const [f, input] of [
      ['titlePl', titlePl],
      ['bodyPl', bodyPl],
    ] as const) {
      if (!input.value.trim()) {
        errors[f].textContent = t('kbe.required');
        ok = false;
      }
    }
    if (validFrom.value && validTo.value && validTo.value <= validFrom.value) {
      errors.validTo.textContent = t('kbe.badDates');
      ok = false;
    }
    return ok;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    if (!checkLocally()) {
      form.querySelector<HTMLElement>('.error:not(:empty)')?.closest('label')?.querySelector<HTMLElement>('input, textarea, select')?.focus();
      return;
    }
    const body: ArticleInput & { create?: boolean } = {
      titlePl: titlePl.value,
      titleEn: titleEn.value,
      bodyPl: bodyPl.value,
      bodyEn: bodyEn.value,
      tags: tags.value
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      serviceCodes: selected(services),
      districtCodes: selected(districts),
      validFrom: validFrom.value || null,
      validTo: validTo.value || null,
      active: active.checked,
      create: editing ? undefined : true,
    };
    try {
      const { article } = await api.saveKb(editing?.slug ?? slug.value.trim(), body);
      close();
      document.getElementById('kb-status')!.textContent = `${t('kbe.saved')}: ${pick(article.titlePl, article.titleEn)}`;
      options.onSaved(article);
    } catch (err) {
      if (!(err instanceof ApiError)) {
        general.textContent = (err as Error).message;
        return;
      }
      for (const d of err.details) {
        const target = d.field && (FIELDS as readonly string[]).includes(d.field) ? errors[d.field as Field] : general;
        target.textContent = target.textContent ? `${target.textContent}; ${d.description}` : d.description;
      }
      if (!err.details.length) general.textContent = err.message;
    }
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  });

  return {
    articleActions: (article) => [el('button', { type: 'button', id: 'kb-edit', onclick: () => open(article) }, i18nSpan('kbe.edit', t('kbe.edit')))],
    includeInactive: () => showAll.checked,
    badge: (a) => {
      const now = Date.now();
      if (!a.active) return ` (${t('kbe.withdrawn')})`;
      if ((a.validFrom && Date.parse(a.validFrom) > now) || (a.validTo && Date.parse(a.validTo) <= now)) return ` (${t('kbe.expired')})`;
      return '';
    },
  };
}
