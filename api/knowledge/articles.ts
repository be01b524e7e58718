/**
 * Knowledge base (issue #5 item 4): answers the first line reads out. Search is full text over
 * k_fold()ed titles, tags and bodies (see the migration 20261128000500 for why the 'simple'
 * configuration): each typed word of three or more letters becomes a prefix term, terms are OR-ed
 * and ts_rank orders by how many (and where) they matched, so a question typed as the resident
 * says it ("jak zapłacić podatek od psa") still finds "Opłata od posiadania psów".
 */
import type { Knex } from 'knex';
import { Errors } from '../errors';

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
  validFrom?: Date | null;
  validTo?: Date | null;
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

const COLUMNS = ['id', 'slug', 'title_pl', 'title_en', 'body_pl', 'body_en', 'tags', 'service_codes', 'district_codes', 'valid_from', 'valid_to', 'active', 'updated_at'];

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
  };
}

/**
 * Question words and fillers residents put around the topic ("kiedy", "gdzie", "czy mogę"): with
 * OR-ed prefix terms they would rank any article that happens to contain them. Folded forms.
 */
const STOP_WORDS = new Set([
  'jak', 'jaki', 'jaka', 'jakie', 'kiedy', 'gdzie', 'czy', 'dlaczego', 'ile', 'kto', 'kogo', 'komu', 'czego', 'mam', 'moge', 'mozna', 'musze',
  'jest', 'sa', 'sie', 'nie', 'tak', 'dla', 'oraz', 'przy', 'pod', 'nad', 'przez', 'ktory', 'ktora', 'ktore', 'ten', 'ta', 'to', 'tej', 'tego',
  'mnie', 'moj', 'moja', 'moje', 'moim', 'prosze', 'chce', 'chcialbym', 'chcialabym', 'bedzie', 'byc', 'juz', 'jeszcze', 'albo', 'lub',
  'the', 'and', 'how', 'when', 'where', 'what', 'can', 'does', 'for', 'with', 'who', 'why', 'which', 'are', 'you', 'not',
]);
const foldWord = (w: string) => w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'l').toLowerCase();

/** Words worth searching for: letters or digits, three letters or more (numbers of any length), no stop words. */
export function searchWords(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => (w.length >= 3 || /^\d+$/.test(w)) && !STOP_WORDS.has(foldWord(w)))
    .slice(0, 12);
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

function validate(input: ArticleInput): void {
  const problems = [];
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(input.slug ?? '')) problems.push({ field: 'slug', description: 'slug must be 1-80 characters a-z, 0-9 and -' });
  if (!input.titlePl?.trim()) problems.push({ field: 'titlePl', description: 'titlePl is required' });
  if (!input.bodyPl?.trim()) problems.push({ field: 'bodyPl', description: 'bodyPl is required' });
  if (input.validFrom && input.validTo && input.validTo <= input.validFrom) problems.push({ field: 'validTo', description: 'validTo must be after validFrom' });
  for (const key of ['tags', 'serviceCodes', 'districtCodes'] as const) {
    const v = input[key];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) problems.push({ field: key, description: `${key} must be a list of texts` });
  }
  if (problems.length) throw Errors.many(problems);
}

/** Creates or updates (by slug) an article; returns it. Admin-only at the HTTP layer. */
export async function saveArticle(knex: Knex, jurisdictionId: string, input: ArticleInput, staffId: number | null = null): Promise<Article> {
  validate(input);
  const row = {
    jurisdiction_id: jurisdictionId,
    slug: input.slug,
    title_pl: input.titlePl.trim(),
    title_en: input.titleEn?.trim() ?? '',
    body_pl: input.bodyPl.trim(),
    body_en: input.bodyEn?.trim() ?? '',
    tags: input.tags ?? [],
    service_codes: input.serviceCodes ?? [],
    district_codes: input.districtCodes ?? [],
    valid_from: input.validFrom ?? null,
    valid_to: input.validTo ?? null,
    active: input.active ?? true,
    updated_by: staffId,
    updated_at: knex.fn.now(),
  };
  const [saved] = await knex('knowledge_articles').insert(row).onConflict(['jurisdiction_id', 'slug']).merge().returning(COLUMNS);
  return toArticle(saved);
}
