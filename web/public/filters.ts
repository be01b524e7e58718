/** The filter panel: service group, status, period and district. */
import type { MapFilters, ServiceGroup } from '../lib/api';
import { pick, t } from '../lib/i18n';
import { h } from './dom';

const DAY = 86400000;

export function renderFilters(
  groups: ServiceGroup[],
  districts: Array<{ code: string; name: string; name_en: string }>,
  current: MapFilters & { period?: string },
  onApply: (f: MapFilters & { period?: string }) => void,
): HTMLElement {
  const select = (id: string, label: string, options: Array<[string, string]>, value: string | undefined) =>
    h(
      'p',
      {},
      h('label', { for: id }, label),
      h(
        'select',
        { id, name: id },
        options.map(([v, text]) => h('option', { value: v, selected: v === (value ?? '') }, text)),
      ),
    );
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const data = new FormData(form);
        const period = String(data.get('f-period') ?? '');
        const f: MapFilters & { period?: string } = {
          group: String(data.get('f-group') ?? '') || undefined,
          status: String(data.get('f-status') ?? '') || undefined,
          district: String(data.get('f-district') ?? '') || undefined,
          period: period || undefined,
          start_date: period ? new Date(Date.now() - Number(period) * DAY).toISOString() : undefined,
        };
        onApply(f);
      },
    },
    h('h2', {}, t('filters')),
    select('f-group', t('group'), [['', t('allGroups')], ...groups.map((g): [string, string] => [g.code, pick(g.name)])], current.group),
    select(
      'f-status',
      t('status'),
      [
        ['', t('anyStatus')],
        ['open', t('open')],
        ['closed', t('closed')],
      ],
      current.status,
    ),
    select(
      'f-period',
      t('period'),
      [
        ['', t('anyTime')],
        ['7', t('last7')],
        ['30', t('last30')],
        ['365', t('last365')],
      ],
      current.period,
    ),
    select('f-district', t('district'), [['', t('allDistricts')], ...districts.map((d): [string, string] => [d.code, d.name])], current.district),
    h('button', { type: 'submit', class: 'primary' }, t('apply')),
  );
  return form;
}
