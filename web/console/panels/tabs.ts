/** The four panes (Alt+1..4): report, knowledge base, forward, my shift; opening one focuses its first field and refreshes its lists. */
import { $, ui } from './context';

export type Tab = 'report' | 'kb' | 'forward' | 'shift';

export function selectTab(name: Tab): void {
  for (const tab of ['report', 'kb', 'forward', 'shift']) {
    $(`tab-${tab}`).setAttribute('aria-selected', String(tab === name));
    $(`pane-${tab}`).hidden = tab !== name;
  }
  if (name === 'kb') $('kb-search').focus();
  if (name === 'forward') {
    $('fw-question').focus();
    void ui.returnedList?.refresh();
  }
  if (name === 'report') $('search').focus();
  if (name === 'shift') {
    $('tab-shift').focus();
    void ui.shiftPanel?.refresh();
  }
}

export function setupTabs(): void {
  for (const tab of ['report', 'kb', 'forward', 'shift'] as const) $(`tab-${tab}`).addEventListener('click', () => selectTab(tab));
}
