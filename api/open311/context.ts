/**
 * What every Open311 call needs before it can act: the format from the path suffix, the
 * parameters, the language, and the jurisdiction (optional with one, required with several,
 * or found from the point when the city allows it).
 */
import type { Request } from 'express';
import type { Knex } from 'knex';
import { AppError, Errors } from '../errors';
import { Params } from './form';
import type { Format } from './render';
import { JurisdictionRow, listJurisdictions } from './store';
import { jurisdictionsAtPoint } from '../pipeline/intake';
import type { Locale } from './views';
import { citySettings } from '../../kernel/city-settings';

export function formatOf(req: Request): Format {
  const format = String(req.params.format ?? '').toLowerCase();
  if (format === 'xml' || format === 'json') return format;
  throw new AppError('not_found', [{ field: 'format', description: `unknown format ${JSON.stringify(format.slice(0, 20))}: use .xml or .json` }]);
}

/** Mark-a-Spot's `langcode` (open311-spec/parameters.md): `pl` or `en`, a region may follow (`en-GB`, `pl_PL`). */
function langcodeOf(params: Params): Locale | undefined {
  const raw = params.get('langcode');
  if (raw === undefined) return undefined;
  const m = /^(pl|en)(?:[-_][a-z0-9]{1,8})?$/i.exec(raw);
  if (!m) throw Errors.badRequest('langcode', `langcode must be pl or en, got ${JSON.stringify(raw.slice(0, 20))}`);
  return m[1].toLowerCase() as Locale;
}

/** `locale` parameter first, then `langcode`, then Accept-Language (by q), then the jurisdiction's default. */
export function localeOf(req: Request, params: Params, fallback: string): Locale {
  const langcode = langcodeOf(params);
  const explicit = params.get('locale')?.toLowerCase().slice(0, 2);
  if (explicit === 'pl' || explicit === 'en') return explicit;
  if (langcode) return langcode;
  const header = String(req.headers['accept-language'] ?? '');
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^\s*q=([\d.]+)/.exec(r)).find(Boolean);
      return { lang: tag.trim().toLowerCase().slice(0, 2), q: q ? Number(q[1]) : 1, i };
    })
    .filter((x) => (x.lang === 'pl' || x.lang === 'en') && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  if (ranked[0]) return ranked[0].lang as Locale;
  return fallback === 'en' ? 'en' : 'pl';
}

export async function resolveJurisdiction(knex: Knex, params: Params, point?: { lat: number; long: number }): Promise<JurisdictionRow> {
  const all = await listJurisdictions(knex);
  const given = params.get('jurisdiction_id');
  if (given) {
    const found = all.find((j) => j.id === given);
    if (!found) throw Errors.notFound('jurisdiction_id', given);
    return found;
  }
  if (all.length === 1) return all[0];
  if (all.length === 0) throw Errors.notFound('jurisdiction_id', '');
  // Several cities: only those that opt in (settings.open311.jurisdiction_from_point) are found by point.
  if (point) {
    const ids = await jurisdictionsAtPoint(knex, point.lat, point.long);
    const candidates = all.filter((j) => ids.includes(j.id) && citySettings(j.settings).open311.jurisdictionFromPoint);
    if (candidates.length === 1) return candidates[0];
  }
  throw Errors.missing('jurisdiction_id');
}
