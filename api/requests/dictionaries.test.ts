/**
 * Every page names every status of the one vocabulary (api/requests/statuses.ts) in Polish and
 * English, so a status added there fails here until each dictionary has its words. The
 * dictionaries are read as text: they are browser modules (they touch the DOM on load).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { STATUS_WORDS } from '../notify/templates';
import { DETAILED_STATUSES } from './statuses';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const STR = `(?:'[^']+'|"[^"]+")`;

const DICTIONARIES: Array<{ file: string; entry: (status: string) => RegExp }> = [
  // Staff pages: 'ds.<status>': ['polski', 'English'].
  { file: 'web/console/i18n.ts', entry: (s) => new RegExp(`'ds\\.${s}':\\s*\\[\\s*${STR},\\s*${STR}\\s*\\]`) },
  { file: 'web/unit/i18n.ts', entry: (s) => new RegExp(`'ds\\.${s}':\\s*\\[\\s*${STR},\\s*${STR}\\s*\\]`) },
  // The public portal (web/public uses web/lib/i18n.ts): detailedStatus_<status>: { pl, en }.
  { file: 'web/lib/i18n.ts', entry: (s) => new RegExp(`detailedStatus_${s}:\\s*\\{\\s*pl:\\s*${STR},\\s*en:\\s*${STR}\\s*\\}`) },
];

describe('request lifecycle: the web dictionaries name every status', () => {
  for (const d of DICTIONARIES)
    it(`${d.file} has Polish and English words for each of the ${DETAILED_STATUSES.length} statuses`, () => {
      const text = read(d.file);
      const missing = DETAILED_STATUSES.filter((s) => !d.entry(s).test(text));
      assert.deepEqual(missing, [], `${d.file} lacks words for ${missing.join(', ')}`);
    });

  it('residents read the same words on the public page as in their notices (api/notify/templates.ts)', () => {
    const text = read('web/lib/i18n.ts');
    for (const s of DETAILED_STATUSES) {
      const words = STATUS_WORDS[s];
      assert.ok(words?.pl && words.en, `notices lack words for ${s}`);
      const m = new RegExp(`detailedStatus_${s}:\\s*\\{\\s*pl:\\s*(${STR}),\\s*en:\\s*(${STR})`).exec(text);
      assert.deepEqual([m?.[1].slice(1, -1), m?.[2].slice(1, -1)], [words.pl, words.en], s);
    }
  });
});
