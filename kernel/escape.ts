/**
 * HTML escaping for text and attribute values in server-rendered pages and templates. The five
 * characters that can end a text node or a quoted attribute become entities; nothing else changes.
 *
 * @example
 * escapeHtml('<b>Złota & "5"</b>') // => '&lt;b&gt;Złota &amp; &quot;5&quot;&lt;/b&gt;'
 * escapeHtml("O'Hara")             // => 'O&#39;Hara'
 * escapeAttr('a"b')                // => 'a&quot;b'
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/g;

export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, (c) => ENTITIES[c]);
}

/** The same rule: with both quotes escaped, a value is safe inside either kind of quoted attribute. */
export const escapeAttr = escapeHtml;
