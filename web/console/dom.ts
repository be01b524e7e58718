/** Building DOM by hand, for the console modules that render lists and forms (no framework). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string>; attrs?: Record<string, string> } = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { dataset, attrs, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A text that follows the language switch (i18n.setLocale re-labels every `data-i18n`). */
export const i18nSpan = (key: string, text: string) => el('span', { textContent: text, dataset: { i18n: key } });
