/**
 * The HTML shell of the public portal: `/` and `/r/<id>` are the same page; the script reads the
 * path. What the script needs to paint the map at once (city, centre, background tiles) is
 * written into the page as JSON, so the first paint costs no extra round trip. Never a key: the
 * page files reports without one (reports.ts, issue #11).
 */
import type { PublicCity } from './store';
import { bundleTags } from '../http/web-build';
import { escapeHtml } from '../../kernel/escape';

export interface PageConfig {
  city: PublicCity | null;
  /** Background tiles; absent: no external resource is loaded (districts are the base map). */
  tileUrl: string | null;
}

/** JSON inside <script>: `<` is escaped so no value can close the element. */
const safeJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

export function renderPage(config: PageConfig, lang: 'pl' | 'en'): string {
  const cityName = config.city ? (lang === 'en' ? config.city.name.en : config.city.name.pl) : 'Kontakt';
  const title = `Kontakt — ${cityName}`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#0b4f8a">
<title>${escapeHtml(title)}</title>
<script type="application/json" id="kontakt-config">${safeJson(config)}</script>
${bundleTags('public')}
</head>
<body>
<div id="app"><noscript>${lang === 'en' ? 'Kontakt needs JavaScript for the map. You can also call the city contact centre.' : 'Mapa Kontaktu wymaga JavaScriptu. Możesz też zadzwonić do miejskiego centrum kontaktu.'}</noscript></div>
</body>
</html>`;
}
