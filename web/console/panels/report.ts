/**
 * Filing a report: the category picker (Alt+S; words match names, groups and keywords without
 * diacritics), the form generated from the category's Open311 attributes, and Ctrl+Enter to file.
 */
import { api, type Attribute, type Service } from '../api';
import { cityTimeZone, locale, pick, t } from '../i18n';
import { isoInstant } from '../../../kernel/dates';
import { el } from '../dom';
import { $, errorText, fold, state } from './context';
import { combobox } from './combobox';
import { callerInput, channel, ensureContact } from './contact';
import { confirm } from './confirmation';
import { refreshPlace } from './place';

export function setupReport(): void {
  const serviceBox = combobox<Service>(
    $('service-search'),
    $('service-list'),
    (s) => `${pick(s.namePl, s.nameEn)}${s.groupNamePl ? ` — ${pick(s.groupNamePl, s.groupNameEn)}` : ''}`,
    (s) => pickService(s),
  );
  $('service-search').addEventListener('input', () => {
    const q = fold($<HTMLInputElement>('service-search').value.trim());
    const words = q.split(/\s+/).filter(Boolean);
    const hits = state.services
      .map((s) => {
        const hay = fold([s.namePl, s.nameEn, s.groupNamePl ?? '', s.groupNameEn ?? '', ...(s.keywords ?? [])].join(' '));
        const name = fold(`${s.namePl} ${s.nameEn}`);
        const score = words.reduce((n, w) => n + (name.includes(w) ? 2 : hay.includes(w) ? 1 : -100), 0);
        return { s, score };
      })
      .filter((x) => words.length === 0 || x.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 12)
      .map((x) => x.s);
    serviceBox.show(hits, t('search.none'));
  });
  $('service-search').addEventListener('focus', () => $('service-search').dispatchEvent(new Event('input')));
  $('report-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void submitReport();
  });
}

function pickService(s: Service): void {
  state.service = s;
  $<HTMLInputElement>('service-search').value = pick(s.namePl, s.nameEn);
  $('form-title').textContent = pick(s.namePl, s.nameEn);
  $('attributes').replaceChildren(...s.attributes.map(attributeField));
  $('report-form').hidden = false;
  $('confirmation').hidden = true;
  void refreshPlace();
  const first = $('attributes').querySelector<HTMLElement>('input, select, textarea') ?? $('description');
  first.focus();
}

/** One form control per Open311 attribute, labelled with its question. */
function attributeField(a: Attribute): HTMLElement {
  const label = pick(a.descriptionPl, a.descriptionEn) + (a.required ? ' *' : '');
  if (!a.variable) return el('p', { className: 'muted', textContent: pick(a.descriptionPl, a.descriptionEn) });
  const name = pick.bind(null);
  const valueName = (v: Attribute['values'][number]) => name(v.name_pl ?? v.name ?? v.key, v.name_en ?? v.name ?? v.key);
  let control: HTMLElement;
  switch (a.datatype) {
    case 'singlevaluelist':
      control = el(
        'select',
        { required: a.required, dataset: { attr: a.code } },
        el('option', { value: '', textContent: t('form.choose') }),
        ...a.values.map((v) => el('option', { value: v.key, textContent: valueName(v) })),
      );
      break;
    case 'multivaluelist':
      return el(
        'fieldset',
        { dataset: { attr: a.code, multi: '1' } },
        el('legend', { textContent: label }),
        ...a.values.map((v) => el('label', { className: 'inline' }, el('input', { type: 'checkbox', value: v.key }), ` ${valueName(v)}`)),
      );
    case 'number':
      control = el('input', { type: 'number', step: 'any', required: a.required, dataset: { attr: a.code } });
      break;
    case 'datetime':
      control = el('input', { type: 'datetime-local', required: a.required, dataset: { attr: a.code } });
      break;
    case 'text':
      control = el('textarea', { rows: 2, required: a.required, dataset: { attr: a.code } });
      break;
    default:
      control = el('input', { type: 'text', required: a.required, dataset: { attr: a.code } });
  }
  return el('label', {}, el('span', { textContent: label }), ' ', control);
}

function attributeValues(): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const c of Array.from($('attributes').querySelectorAll<HTMLInputElement>('[data-attr]'))) {
    if (c.dataset.multi) {
      const picked = Array.from(c.querySelectorAll<HTMLInputElement>('input:checked')).map((x) => x.value);
      if (picked.length) out[c.dataset.attr!] = picked;
    } else if (c.value !== '') {
      // A datetime-local value is wall time in the city (not the agent's browser zone), read by the kernel's one date engine.
      out[c.dataset.attr!] = c.type === 'datetime-local' ? (isoInstant(c.value, cityTimeZone())?.toISOString() ?? c.value) : c.value;
    }
  }
  return out;
}

export async function submitReport(): Promise<void> {
  if (!state.service) return;
  if (!state.pin) {
    $('form-error').textContent = t('form.needPin');
    return;
  }
  const form = $<HTMLFormElement>('report-form');
  if (!form.reportValidity()) return;
  try {
    const contactId = await ensureContact();
    const result = await api.fileReport({
      contactId,
      channel: channel(),
      serviceCode: state.service.code,
      location: state.pin,
      attributes: attributeValues(),
      description: $<HTMLTextAreaElement>('description').value,
      reporter: callerInput(),
      locale: locale(),
    });
    confirm(result, false);
  } catch (err) {
    $('form-error').textContent = errorText(err);
  }
}
