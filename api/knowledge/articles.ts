/**
 * Knowledge base (issue #5 item 4): answers the first line reads out. Search is full text over
 * k_fold()ed titles, tags and bodies (see the migration 20261128000500 for why the 'simple'
 * configuration): each typed word of three or more letters becomes a prefix term, terms are OR-ed
 * and ts_rank orders by how many (and where) they matched, so a question typed as the resident
 * says it ("jak zapłacić podatek od psa") still finds "Opłata od posiadania psów".
 */
import type { Knex } from 'knex';
import { Errors, type ErrorDetail } from '../errors';
import { parseIsoDate } from '../../kernel/dates';
import { fold } from '../../kernel/fold';

export interface Article {
  id: number;
  slug: string;
  titlePl: string;
  titleEn: string;
  bodyPl: string;
  bodyEn: string;
  tags: string[];
  serviceCodes: string[];
  districtCodes: string[];
  validFrom: Date | null;
  validTo: Date | null;
  active: boolean;
  updatedAt: Date;
  /** Staff member who last edited it (null: loaded by the system). */
  updatedBy: number | null;
}

export interface ArticleInput {
  slug: string;
  titlePl: string;
  titleEn?: string;
  bodyPl: string;
  bodyEn?: string;
  tags?: string[];
  serviceCodes?: string[];
  districtCodes?: string[];
  /** A time, or a calendar day `YYYY-MM-DD` (midnight in the city's time zone). */
  validFrom?: Date | string | null;
  validTo?: Date | string | null;
  active?: boolean;
}

export interface ArticleSearch {
  jurisdictionId: string;
  text?: string;
  serviceCode?: string;
  districtCode?: string;
  /** Articles valid at this time (default now). */
  at?: Date;
  limit?: number;
  /** Admins see withdrawn and out-of-date articles too. */
  includeInactive?: boolean;
}

const COLUMNS = [
  'id',
  'slug',
  'title_pl',
  'title_en',
  'body_pl',
  'body_en',
  'tags',
  'service_codes',
  'district_codes',
  'valid_from',
  'valid_to',
  'active',
  'updated_at',
  'updated_by',
];

function toArticle(row: Record<string, unknown>): Article {
  return {
    id: row.id as number,
    slug: row.slug as string,
    titlePl: row.title_pl as string,
    titleEn: row.title_en as string,
    bodyPl: row.body_pl as string,
    bodyEn: row.body_en as string,
    tags: row.tags as string[],
    serviceCodes: row.service_codes as string[],
    districtCodes: row.district_codes as string[],
    validFrom: (row.valid_from as Date) ?? null,
    validTo: (row.valid_to as Date) ?? null,
    active: row.active as boolean,
    updatedAt: row.updated_at as Date,
    updatedBy: row.updated_by === null || row.updated_by === undefined ? null : Number(row.updated_by),
  };
}

/**
 * Question words and fillers residents put around the topic ("kiedy", "gdzie", "czy mogę"): with
 * OR-ed prefix terms they would rank any article that happens to contain them. Folded forms.
 */
const STOP_WORDS = new Set([
  'jak',
  'jaki',
  'jaka',
  'jakie',
  'kiedy',
  'gdzie',
  'czy',
  'dlaczego',
  'ile',
  'kto',
  'kogo',
  'komu',
  'czego',
  'mam',
  'moge',
  'mozna',
  'musze',
  'jest',
  'sa',
  'sie',
  'nie',
  'tak',
  'dla',
  'oraz',
  'przy',
  'pod',
  'nad',
  'przez',
  'ktory',
  'ktora',
  'ktore',
  'ten',
  'ta',
  'to',
  'tej',
  'tego',
  'mnie',
  'moj',
  'moja',
  'moje',
  'moim',
  'prosze',
  'chce',
  'chcialbym',
  'chcialabym',
  'bedzie',
  'byc',
  'juz',
  'jeszcze',
  'albo',
  'lub',
  'the',
  'and',
  'how',
  'when',
  'where',
  'what',
  'can',
  'does',
  'for',
  'with',
  'who',
  'why',
  'which',
  'are',
  'you',
  'not',
]);
const foldWord = fold;

/** Words worth searching for: letters or digits, three letters or more (numbers of any length), no stop words. */
export function searchWords(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => (w.length >= 3 || /^\d+$/.test(w)) && !STOP_WORDS.has(foldWord(w))).slice(0, 12);
}

/**
 * The search as one bound statement. The tsquery is built in SQL from the folded words so that
 * folding is exactly k_fold() on both sides. EXPLAIN (server, 20 articles): a seq scan; with
 * thousands the GIN index on `search` takes over (Bitmap Index Scan on knowledge_articles_search).
 */
export function articleSearchSql(q: ArticleSearch): { sql: string; bindings: Knex.RawBinding[] } {
  const at = q.at ?? new Date();
  const words = searchWords(q.text ?? '');
  const where: string[] = ['a.jurisdiction_id = ?'];
  const bindings: Knex.RawBinding[] = [];
  let from = 'knowledge_articles a';
  let rank = '0::real';
  if (words.length) {
    // Poor man's Polish stemming: drop the last two letters of long words, one of five-letter
    // words, so "parkowanie" also finds "parkowania" and "opłata" finds "opłaty".
    from += `, (SELECT to_tsquery('simple', string_agg(quote_literal(
                         CASE WHEN w ~ '^[0-9]+$' THEN w WHEN length(w) >= 6 THEN left(w, length(w) - 2) WHEN length(w) = 5 THEN left(w, 4) ELSE w END
                       ) || ':*', ' | ')) AS q
                  FROM regexp_split_to_table(k_fold(?), '[^[:alnum:]]+') AS w WHERE w <> '') tq`;
    bindings.push(words.join(' '));
    where.push('a.search @@ tq.q');
    rank = 'ts_rank(a.search, tq.q)';
  }
  bindings.push(q.jurisdictionId);
  if (!q.includeInactive) {
    where.push('a.active', '(a.valid_from IS NULL OR a.valid_from <= ?)', '(a.valid_to IS NULL OR a.valid_to > ?)');
    bindings.push(at, at);
  }
  if (q.serviceCode) {
    where.push('? = ANY(a.service_codes)');
    bindings.push(q.serviceCode);
  }
  if (q.districtCode) {
    where.push(`(a.district_codes = '{}' OR ? = ANY(a.district_codes))`);
    bindings.push(q.districtCode);
  }
  bindings.push(Math.min(Math.max(q.limit ?? 10, 1), 50));
  const sql = `SELECT ${COLUMNS.map((c) => `a.${c}`).join(', ')}, ${rank} AS rank
                 FROM ${from}
                WHERE ${where.join(' AND ')}
                ORDER BY rank DESC, a.title_pl
                LIMIT ?`;
  return { sql, bindings };
}

export async function searchArticles(knex: Knex, q: ArticleSearch): Promise<Array<Article & { rank: number }>> {
  const { sql, bindings } = articleSearchSql(q);
  const r = await knex.raw(sql, bindings);
  return r.rows.map((row: Record<string, unknown>) => ({ ...toArticle(row), rank: Number(row.rank) }));
}

export async function getArticle(knex: Knex, jurisdictionId: string, id: number): Promise<Article> {
  const row = await knex('knowledge_articles').where({ jurisdiction_id: jurisdictionId, id }).first(COLUMNS);
  if (!row) throw Errors.notFound('article', String(id));
  return toArticle(row);
}

/** Limits of an article: generous for a read-out answer; both bodies together stay under the console API's 64 kB JSON limit. */
export const ARTICLE_LIMITS = { slug: 80, title: 200, body: 10_000, tags: 30, tag: 60, codes: 100 } as const;

/** A calendar day (`YYYY-MM-DD`) means midnight of that day in the city's time zone. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
type Validity = Date | string | null | undefined;
/** Comparable instant of a validity bound; a day is compared at UTC midnight (a few hours off at worst, which only matters for a same-day range, refused anyway). */
const instant = (v: Validity) => (v instanceof Date ? v.getTime() : typeof v === 'string' ? parseBound(v) : NaN);
/**
 * Through the kernel's one date engine: a day must exist (2026-02-30 is not 2 March) and lie in
 * 1900-9999, or it is NaN (a 400 naming the field) rather than a value PostgreSQL refuses later.
 * A day reads as UTC midnight here (comparison only); a time without a zone as UTC.
 */
function parseBound(v: string): number {
  const r = parseIsoDate(v, 'UTC');
  return r.ok ? r.date.getTime() : NaN;
}

function validateShape(input: ArticleInput): void {
  const problems: ErrorDetail[] = [];
  const L = ARTICLE_LIMITS;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(input.slug ?? '') || input.slug.length > L.slug)
    problems.push({ field: 'slug', description: `slug must be 1-${L.slug} characters a-z, 0-9 and -` });
  for (const [field, max, required] of [
    ['titlePl', L.title, true],
    ['titleEn', L.title, false],
    ['bodyPl', L.body, true],
    ['bodyEn', L.body, false],
  ] as const) {
    const v = input[field];
    if (v !== undefined && v !== null && typeof v !== 'string') problems.push({ field, description: `${field} must be a text` });
    else if (required && !v?.trim()) problems.push({ field, description: `${field} is required` });
    else if ((v ?? '').trim().length > max) problems.push({ field, description: `${field} is longer than ${max} characters` });
  }
  for (const key of ['tags', 'serviceCodes', 'districtCodes'] as const) {
    const v = input[key];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string')))
      problems.push({ field: key, description: `${key} must be a list of texts` });
    else if (v && v.length > (key === 'tags' ? L.tags : L.codes))
      problems.push({ field: key, description: `${key} has more than ${key === 'tags' ? L.tags : L.codes} entries` });
    else if (key === 'tags' && v?.some((tag) => tag.trim().length > L.tag))
      problems.push({ field: key, description: `a tag is longer than ${L.tag} characters` });
  }
  for (const field of ['validFrom', 'validTo'] as const) {
    const v = input[field];
    if (v !== undefined && v !== null && !(v instanceof Date) && typeof v !== 'string') problems.push({ field, description: `${field} must be a date` });
    else if (v !== undefined && v !== null && Number.isNaN(instant(v)))
      problems.push({ field, description: `${field} must be a date (YYYY-MM-DD) or an ISO time` });
  }
  if (input.validFrom && input.validTo && instant(input.validTo) <= instant(input.validFrom))
    problems.push({ field: 'validTo', description: 'validTo must be after validFrom' });
  if (input.active !== undefined && typeof input.active !== 'boolean') problems.push({ field: 'active', description: 'active must be true or false' });
  if (problems.length) throw Errors.many(problems);
}

const cleanList = (v: string[] | undefined) => Array.from(new Set((v ?? []).map((x) => x.trim()).filter(Boolean)));

/** Services and districts must exist in the city (current districts only): a typo would silently hide the article. */
async function validateCodes(trx: Knex, jurisdictionId: string, serviceCodes: string[], districtCodes: string[]): Promise<void> {
  const problems: ErrorDetail[] = [];
  if (serviceCodes.length) {
    const known = new Set(
      (await trx('services').where({ jurisdiction_id: jurisdictionId }).whereIn('code', serviceCodes).select('code')).map((r: { code: string }) => r.code),
    );
    const unknown = serviceCodes.filter((c) => !known.has(c));
    if (unknown.length) problems.push({ field: 'serviceCodes', description: `unknown service codes: ${unknown.join(', ')}` });
  }
  if (districtCodes.length) {
    const known = new Set(
      (await trx('districts').where({ jurisdiction_id: jurisdictionId }).whereNull('valid_to').whereIn('code', districtCodes).select('code')).map(
        (r: { code: string }) => r.code,
      ),
    );
    const unknown = districtCodes.filter((c) => !known.has(c));
    if (unknown.length) problems.push({ field: 'districtCodes', description: `unknown district codes: ${unknown.join(', ')}` });
  }
  if (problems.length) throw Errors.many(problems);
}

/** A bound as the column takes it: a day becomes midnight in the city's time zone, computed by the database. */
const validityValue = (knex: Knex, jurisdictionId: string, v: Validity) =>
  v === undefined || v === null
    ? null
    : typeof v === 'string' && DAY.test(v)
      ? knex.raw(`(?::date)::timestamp AT TIME ZONE (SELECT time_zone FROM jurisdictions WHERE id = ?)`, [v, jurisdictionId])
      : v instanceof Date
        ? v
        : new Date(parseBound(v));

/**
 * Creates or updates (by slug) an article; returns it. Admin-only at the HTTP layer. An edit by a
 * staff member is recorded in `updated_by` and in `audit_log` (kb.create / kb.update, with the
 * fields that changed); loads without a person (the demo) leave no audit row. `mustBeNew`: 409 when
 * the slug is taken (the page's "new article").
 * One transaction, and only `trx` inside it (PGlite has a single connection).
 */
export async function saveArticle(
  knex: Knex,
  jurisdictionId: string,
  input: ArticleInput,
  staffId: number | null = null,
  options: { mustBeNew?: boolean } = {},
): Promise<Article> {
  validateShape(input);
  const serviceCodes = cleanList(input.serviceCodes);
  const districtCodes = cleanList(input.districtCodes);
  return knex.transaction(async (trx) => {
    await validateCodes(trx, jurisdictionId, serviceCodes, districtCodes);
    const before = await trx('knowledge_articles').where({ jurisdiction_id: jurisdictionId, slug: input.slug }).first(COLUMNS);
    // "New article" in the page must not overwrite an existing one that happens to share the slug.
    if (before && options.mustBeNew) throw Errors.conflict('slug', `an article with the slug ${input.slug} exists already`);
    const row = {
      jurisdiction_id: jurisdictionId,
      slug: input.slug,
      title_pl: input.titlePl.trim(),
      title_en: input.titleEn?.trim() ?? '',
      body_pl: input.bodyPl.trim(),
      body_en: input.bodyEn?.trim() ?? '',
      tags: cleanList(input.tags),
      service_codes: serviceCodes,
      district_codes: districtCodes,
      valid_from: validityValue(trx, jurisdictionId, input.validFrom),
      valid_to: validityValue(trx, jurisdictionId, input.validTo),
      active: input.active ?? true,
      updated_by: staffId,
      updated_at: trx.fn.now(),
    };
    // New: insert or nothing, so two admins creating one slug at once cannot overwrite each other.
    const [saved] = options.mustBeNew
      ? await trx('knowledge_articles').insert(row).onConflict(['jurisdiction_id', 'slug']).ignore().returning(COLUMNS)
      : await trx('knowledge_articles').insert(row).onConflict(['jurisdiction_id', 'slug']).merge().returning(COLUMNS);
    if (!saved) throw Errors.conflict('slug', `an article with the slug ${input.slug} exists already`);
    const article = toArticle(saved);
    if (staffId !== null) {
      const old = before ? toArticle(before) : undefined;
      const changed = old
        ? (Object.keys(article) as Array<keyof Article>).filter((k) => k !== 'updatedAt' && JSON.stringify(article[k]) !== JSON.stringify(old[k]))
        : undefined;
      await trx('audit_log').insert({
        jurisdiction_id: jurisdictionId,
        actor_kind: 'staff',
        actor_id: staffId,
        action: before ? 'kb.update' : 'kb.create',
        entity: 'knowledge_articles',
        entity_id: String(article.id),
        data: { slug: article.slug, ...(changed ? { changed } : {}), active: article.active },
      });
    }
    return article;
  });
}
