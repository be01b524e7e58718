/**
 * What read-time scrubbing costs a public list page (issue #11 §4): publicText over the free texts
 * of one 1,000-row Open311 page (description + status notes), cold (every text new to the memo)
 * and warm (the same page read again, as FixMyStreet polls it), and the scrubber alone.
 * The SQL of the page is unchanged by scrubbing (it reads `description` instead of
 * `coalesce(public_description, description)`), so bench/open311.ts measures the rest.
 *
 *   node bin/run-ts.js bench/public-text.ts        BENCH_PAGES (default 20)
 *
 * Texts: Polish reports of three kinds, in the shares seen in the demo city's generator: plain
 * (no digits), with numbers that are not personal (dates, house numbers, lines), and with a phone
 * or an e-mail address (one in five).
 */
import { publicText } from '../api/privacy/public-text';
import { scrubPersonalData } from '../api/privacy/scrub';
import { printTable, stats } from './lib';

const PAGES = Number(process.env.BENCH_PAGES ?? 20);
const PLAIN = ['Dziura w jezdni na prawym pasie, głęboka', 'Nie świeci latarnia przy przejściu dla pieszych', 'Przepełniony kosz na śmieci przy przystanku'];
const NUMBERS = [
  'Od 14.03.2026 nie świeci latarnia przy ul. Długiej 15/7, kod 00-950',
  'Autobus linii 523 o 7:45 nie zatrzymał się, kurs 456',
  'Zgłoszenie nr 1796411985630 z 14.03.2026 nadal otwarte',
];
const PERSONAL = [
  'Proszę dzwonić 601 23 45 67 po 16:00',
  'Kontakt: jan.kowalski@example.pl lub (22) 123 45 67',
  'Sąsiad pod numerem +48 691 234 567 wie więcej',
];

function page(seed: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const n = ((seed * 1000 + i) * 2654435761) % 100;
    const pool = n < 20 ? PERSONAL : n < 60 ? NUMBERS : PLAIN;
    // A unique suffix per row, so a cold page really is cold for the memo.
    out.push(`${pool[i % pool.length]} (${seed}-${i})`);
    out.push(i % 3 === 0 ? `Przekazano do jednostki ${seed}.${i}` : '');
  }
  return out;
}

function run(label: string, texts: string[][], f: (t: string) => unknown): Record<string, string | number> {
  const samples: number[] = [];
  const started = performance.now();
  for (const p of texts) {
    const t0 = performance.now();
    for (const t of p) f(t);
    samples.push(performance.now() - t0);
  }
  const s = stats(samples, performance.now() - started);
  return { what: label, pages: s.n, 'p50 ms/page': s.p50, 'p95 ms/page': s.p95, 'max ms/page': s.max };
}

const pages = Array.from({ length: PAGES }, (_, i) => page(i + 1));
// Warm the JIT and the phone metadata on a page that is not measured.
for (const t of page(0)) publicText(t);
const rows = [
  run('scrubber alone, 1,000-row page', pages, scrubPersonalData),
  run('publicText cold (new texts)', pages, publicText),
  run('publicText warm (same page again)', pages, publicText),
];
printTable('publicText over 1,000-row pages (2,000 texts each)', rows);
