/**
 * The validator's plumbing: one Probe per run holds the options, the fetch function, the results
 * (PASS / FAIL / SKIP, one line each) and the formats the server offers, and turns an HTTP answer
 * into status, content-type and shape rules against open311-spec. XML is parsed by open311-spec's
 * validateXml, which refuses any DOCTYPE/ENTITY before parsing: no entity, external or internal,
 * is ever resolved from a server's answer.
 */
import { DocumentName, Problem, validateJson, validateXml } from '../../../open311-spec';

export interface CheckOptions {
  baseUrl: string;
  jurisdictionId?: string;
  apiKey?: string;
  /** File test requests even when the server already holds some. */
  post?: boolean;
  lat?: number;
  long?: number;
  /** How long a batch token (and a posted update) may take to appear; default 10 s. */
  timeoutMs?: number;
  /** Pause between polls; default 250 ms. */
  pollMs?: number;
}

export type Outcome = 'PASS' | 'FAIL' | 'SKIP';

export interface RuleResult {
  rule: string;
  outcome: Outcome;
  detail: string;
  excerpt?: string;
}

export type Format = 'xml' | 'json';
export type Fetch = typeof fetch;
export type Row = Record<string, unknown>;

export interface Got {
  url: string;
  status: number;
  type: string;
  text: string;
}

/** Statuses by which a server says it does not offer an optional method or format. */
export const NOT_OFFERED = [404, 405, 406, 415, 501];

export const isRow = (x: unknown): x is Row => typeof x === 'object' && x !== null && !Array.isArray(x);
export const rowsOf = (x: unknown): Row[] => (Array.isArray(x) ? x.filter(isRow) : []);
/** A W3C datetime as Open311 sends it: seconds, a time zone, no fractions (open311-spec/common). */
export const w3c = (d: Date) => d.toISOString().slice(0, 19) + 'Z';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Probe {
  readonly results: RuleResult[] = [];
  readonly base: string;
  /** XML is required by GeoReport v2; JSON joins once services.json answers. */
  formats: Format[] = ['xml'];
  readonly timeoutMs: number;
  readonly pollMs: number;

  constructor(
    readonly options: CheckOptions,
    private readonly fetchFn: Fetch = fetch,
  ) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.pollMs = options.pollMs ?? 250;
  }

  pass(rule: string, detail: string): void {
    this.results.push({ rule, outcome: 'PASS', detail });
  }
  fail(rule: string, detail: string, excerpt?: string): void {
    this.results.push({ rule, outcome: 'FAIL', detail, excerpt });
  }
  skip(rule: string, detail: string): void {
    this.results.push({ rule, outcome: 'SKIP', detail });
  }
  rule(rule: string, ok: boolean, detail: string, excerpt?: string): boolean {
    if (ok) this.pass(rule, detail);
    else this.fail(rule, detail, excerpt);
    return ok;
  }

  url(path: string, extra: Record<string, string> = {}): string {
    const j = this.options.jurisdictionId;
    const q = new URLSearchParams({ ...(j ? { jurisdiction_id: j } : {}), ...extra });
    return `${this.base}${path}${q.size ? `?${q}` : ''}`;
  }

  private async fetchText(url: string, init?: RequestInit): Promise<Got | undefined> {
    try {
      const res = await this.fetchFn(url, { redirect: 'manual', ...init });
      return { url, status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
    } catch (err) {
      this.fail(`reachable ${url}`, (err as Error).message);
      return undefined;
    }
  }

  get(path: string, extra: Record<string, string> = {}): Promise<Got | undefined> {
    return this.fetchText(this.url(path, extra));
  }

  /** POSTs a url-encoded UTF-8 form; jurisdiction_id goes into the form, as clients send it. */
  post(path: string, form: Record<string, string>): Promise<Got | undefined> {
    const body = new URLSearchParams({ ...(this.options.jurisdictionId ? { jurisdiction_id: this.options.jurisdictionId } : {}), ...form });
    return this.fetchText(`${this.base}${path}`, {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    });
  }

  /** The document in an answer, by the format its URL asked for, with its shape problems. */
  parse(got: Got, kind: DocumentName): { problems: Problem[]; json?: unknown } {
    if (!/\.json(\?|$)/.test(got.url)) return validateXml(kind, got.text);
    try {
      const json: unknown = JSON.parse(got.text);
      return { problems: validateJson(kind, json), json };
    } catch (err) {
      return { problems: [{ at: '/', message: `not JSON: ${(err as Error).message}` }] };
    }
  }

  /**
   * Status, content type and shape of one answer, as three rules (one when the status is wrong).
   * Returns the document when it parsed, even with shape problems, so later rules can still read
   * its rows (dates, personal data, mojibake); undefined when there is nothing to read.
   */
  expect(rule: string, got: Got | undefined, kind: DocumentName, status: number): unknown {
    if (!got) return undefined;
    if (got.status !== status) {
      this.fail(`${rule}: HTTP status`, `expected ${status}, got ${got.status}`, got.text.slice(0, 300));
      return undefined;
    }
    const isJson = /\.json(\?|$)/.test(got.url);
    const typeOk = isJson ? /^application\/json/i.test(got.type) : /^(text|application)\/xml/i.test(got.type);
    this.rule(`${rule}: content type`, typeOk, typeOk ? got.type : `expected ${isJson ? 'application/json' : 'text/xml'}, got ${JSON.stringify(got.type)}`);
    const { problems, json } = this.parse(got, kind);
    const detail = problems
      .slice(0, 3)
      .map((p) => `${p.at}: ${p.message}`)
      .join('; ');
    this.rule(`${rule}: shape (${kind})`, problems.length === 0, problems.length ? detail : `HTTP ${got.status}, valid`, excerptAt(got.text, problems));
    return json;
  }

  /** Polls `attempt` until it returns a value or the timeout passes; returns it with the time waited. */
  async poll<T>(attempt: () => Promise<T | undefined>): Promise<{ value?: T; waitedMs: number }> {
    const start = Date.now();
    for (;;) {
      const value = await attempt();
      const waitedMs = Date.now() - start;
      if (value !== undefined || waitedMs >= this.timeoutMs) return { value, waitedMs };
      await sleep(Math.min(this.pollMs, this.timeoutMs - waitedMs));
    }
  }
}

function excerptAt(text: string, problems: Problem[]): string | undefined {
  if (!problems.length) return undefined;
  const last = problems[0].at
    .split('/')
    .filter(Boolean)
    .pop()
    ?.replace(/\[\d+\]$/, '');
  const i = last ? text.indexOf(last) : -1;
  return (
    text
      .slice(Math.max(0, i - 80), Math.max(0, i) + 220)
      .replace(/\s+/g, ' ')
      .trim() || text.slice(0, 300)
  );
}
