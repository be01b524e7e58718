/**
 * The console's keyboard (Alt+N new contact, Alt+S category, Alt+A attach to the first candidate,
 * Alt+L language, Alt+1..4 panes, / search, Ctrl+Enter file, Esc close the detail), the language
 * switch, and the map filters.
 */
import { locale, setLocale, type Locale } from '../i18n';
import { $, state, ui } from './context';
import { newContact } from './contact';
import { attachTo, renderPlace } from './place';
import { submitReport } from './report';
import { selectTab } from './tabs';

function switchLanguage(): void {
  const next: Locale = locale() === 'pl' ? 'en' : 'pl';
  localStorage.setItem('kontakt.locale', next);
  setLocale(next);
  $('lang').textContent = next === 'pl' ? 'EN' : 'PL';
  if (state.resolution) renderPlace(state.resolution);
}

export function setupKeys(): void {
  $('filters').addEventListener('change', () => ui.map?.refreshRequests());
  $('lang').addEventListener('click', switchLanguage);
  document.addEventListener('keydown', (e) => {
    const inField = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
    if (e.altKey && !e.ctrlKey) {
      const k = e.key.toLowerCase();
      const actions: Record<string, () => void> = {
        n: () => void newContact(),
        s: () => $('service-search').focus(),
        a: () => {
          const first = state.resolution?.candidates[0];
          if (first) void attachTo(first.publicId);
        },
        l: switchLanguage,
        '1': () => selectTab('report'),
        '2': () => selectTab('kb'),
        '3': () => selectTab('forward'),
        '4': () => selectTab('shift'),
      };
      const code = e.code.replace(/^Key|^Digit/, '').toLowerCase();
      const action = actions[k] ?? actions[code];
      if (action) {
        e.preventDefault();
        action();
      }
      return;
    }
    if (e.key === '/' && !inField) {
      e.preventDefault();
      selectTab('report');
      $('search').focus();
    } else if (e.key === 'Enter' && e.ctrlKey && !$('report-form').hidden) {
      e.preventDefault();
      void submitReport();
    } else if (e.key === 'Escape' && !inField) {
      $('detail').hidden = true;
    }
  });
}
