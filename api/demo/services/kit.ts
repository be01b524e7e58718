/**
 * Shorthands for writing the demo's service catalogue: the service groups, bilingual texts, SLA
 * values, Open311 attributes and a service with the common defaults.
 */
import type { PackAttribute, PackService, SlaValue, Text } from '../pack-types';

export const GROUPS = {
  roads: { code: 'roads', pl: 'Drogi i chodniki', en: 'Roads and pavements' },
  greenery: { code: 'greenery', pl: 'Zieleń', en: 'Greenery' },
  cleanliness: { code: 'cleanliness', pl: 'Czystość', en: 'Cleanliness' },
  lighting: { code: 'lighting', pl: 'Oświetlenie', en: 'Street lighting' },
  water: { code: 'water', pl: 'Woda i kanalizacja', en: 'Water and sewage' },
  transport: { code: 'transport', pl: 'Komunikacja miejska', en: 'Public transport' },
  safety: { code: 'safety', pl: 'Porządek i bezpieczeństwo', en: 'Order and safety' },
  animals: { code: 'animals', pl: 'Zwierzęta', en: 'Animals' },
  information: { code: 'information', pl: 'Informacja', en: 'Information' },
} as const;

export const t = (pl: string, en: string): Text => ({ pl, en });
export const wh = (value: number): SlaValue => ({ value, unit: 'working_hours' });
export const wd = (value: number): SlaValue => ({ value, unit: 'working_days' });
export const h = (value: number): SlaValue => ({ value, unit: 'hours' });
export const d = (value: number): SlaValue => ({ value, unit: 'days' });
export const list = (pairs: Array<[string, string, string]>) => pairs.map(([key, pl, en]) => ({ key, name: t(pl, en) }));

export const single = (code: string, order: number, required: boolean, description: Text, values: Array<[string, string, string]>): PackAttribute => ({
  code,
  order,
  datatype: 'singlevaluelist',
  required,
  description,
  values: list(values),
});
export const multi = (code: string, order: number, required: boolean, description: Text, values: Array<[string, string, string]>): PackAttribute => ({
  code,
  order,
  datatype: 'multivaluelist',
  required,
  description,
  values: list(values),
});
export const plain = (
  code: string,
  order: number,
  datatype: 'string' | 'number' | 'datetime' | 'text',
  required: boolean,
  description: Text,
  help?: Text,
): PackAttribute => ({
  code,
  order,
  datatype,
  required,
  description,
  ...(help ? { datatype_description: help } : {}),
});

export type ServiceInput = Omit<PackService, 'active' | 'privacy' | 'kind' | 'type'> & Partial<Pick<PackService, 'privacy' | 'kind' | 'type'>>;
export const service = (s: ServiceInput): PackService => ({
  type: 'realtime',
  kind: 'intervention',
  active: true,
  privacy: { mode: 'public', radius_m: 0 },
  ...s,
});

export const WHEN = (order: number) =>
  plain('observed_at', order, 'datetime', false, t('Kiedy to zauważono?', 'When did you notice it?'), t('Data i godzina', 'Date and time'));
