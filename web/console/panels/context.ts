/**
 * What the console's panels share: the flow's state (the open contact, the pin, what the place
 * resolves to, the chosen category and article), the long-lived widgets main.ts creates at boot,
 * and small helpers. Panels import this and each other in one direction only (see main.ts), so the
 * state lives here rather than in any one panel.
 */
import type { Article, Resolution, Service, Settings } from '../api';
import type ConsoleMap from '../ConsoleMap';
import type { KbEditor } from '../kb-editor';
import type { ShiftPanel } from '../shift';
import type { ReturnedList } from '../returned';
import { t } from '../i18n';
import { errorText as staffErrorText } from '../../lib/staff-toast';

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export interface State {
  settings?: Settings;
  services: Service[];
  contact?: { id: number; startedAt: number };
  pin?: { lat: number; long: number };
  resolution?: Resolution;
  service?: Service;
  article?: Article;
}
export const state: State = { services: [] };

/** Created by main.ts once the settings are loaded; until then panels find them undefined. */
export const ui: { map?: ConsoleMap; kbEditor?: KbEditor; shiftPanel?: ShiftPanel; returnedList?: ReturnedList } = {};

/** Latencies measured in the page (typing -> list shown, pin -> candidates shown), read by the browser test. */
export const timings = { autocomplete: [] as number[], candidates: [] as number[] };
(window as unknown as { consoleTimings: typeof timings }).consoleTimings = timings;

export const errorText = (err: unknown) => staffErrorText(err, t('error.generic'));

/** Search text without case and diacritics: the kernel's one rule, equal to SQL k_fold. */
export { fold } from '../../../kernel/fold';
