import assert from 'node:assert/strict';
import { escapeAttr, escapeHtml } from './escape';

describe('kernel/escape', () => {
  it('escapes the five characters, in → out', () => {
    const fixtures: Array<[string, string]> = [
      ['<b>Złota & "5"</b>', '&lt;b&gt;Złota &amp; &quot;5&quot;&lt;/b&gt;'],
      ["O'Hara", 'O&#39;Hara'],
      ['&amp;', '&amp;amp;'],
      ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
      ['zwykły tekst', 'zwykły tekst'],
      ['', ''],
    ];
    for (const [input, output] of fixtures) assert.equal(escapeHtml(input), output, input);
  });

  it('keeps an attribute value inside either quote', () => {
    assert.equal(escapeAttr(`x" onload="a'b`), 'x&quot; onload=&quot;a&#39;b');
  });
});
