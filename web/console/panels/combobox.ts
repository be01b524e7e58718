/** The console's keyboard-first pickers (place search, category search): an input with a listbox. */
import { el } from '../dom';

/** A combobox: input + listbox; arrows move, Enter picks (the first when none is highlighted). */
export function combobox<T>(input: HTMLInputElement, list: HTMLElement, render: (item: T) => string, onPick: (item: T) => void) {
  let items: T[] = [];
  let active = -1;
  const paint = () => {
    Array.from(list.children).forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!items.length) return;
      active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      paint();
    } else if (e.key === 'Enter' && !e.ctrlKey) {
      e.preventDefault();
      if (items.length) {
        onPick(items[Math.max(active, 0)]);
        close();
      }
    } else if (e.key === 'Escape') {
      close();
    }
  });
  // Close shortly after the focus leaves (a click on an option lands first), unless it came back.
  let blurTimer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('blur', () => {
    blurTimer = setTimeout(close, 150);
  });
  input.addEventListener('focus', () => clearTimeout(blurTimer));
  return {
    show(next: T[], emptyText?: string) {
      items = next;
      active = -1;
      list.replaceChildren(
        ...next.map((item, i) =>
          el('li', {
            id: `${list.id}-${i}`,
            textContent: render(item),
            onmousedown: (e: Event) => {
              e.preventDefault();
              onPick(item);
              close();
            },
          }),
        ),
      );
      if (!next.length && emptyText) list.replaceChildren(el('li', { className: 'muted', textContent: emptyText }));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      list.querySelectorAll('li').forEach((li) => li.setAttribute('role', 'option'));
    },
    close,
  };
}
