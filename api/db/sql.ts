/**
 * The one way Kontakt writes SQL: a tagged template that keeps text and values apart.
 *
 *   const q = sql`SELECT id FROM requests WHERE public_id = ${publicId} AND ${cond}`;
 *   q.text   // 'SELECT id FROM requests WHERE public_id = $1 AND …'
 *   q.values // [publicId, …]
 *
 * Rules stated once:
 * - Every interpolated value is a bound parameter (`$n`), never text; `undefined` is refused at
 *   build time (knex would refuse it at run time, far from the mistake).
 * - A `Sql` interpolated into `sql` is spliced in, its values renumbered: fragments compose.
 * - `sql.join(items, sep)` joins fragments (values become parameters), `sep` a constant.
 * - `sql.ident('name')` quotes an identifier that matches SAFE_IDENT (lower-case, digits, `_`,
 *   optionally `schema.name`); anything else throws. Identifiers come from constants in the code.
 * - `sql.int(n)` splices an integer constant (throws on anything else).
 * - `sql.raw('…')` splices constant text; its argument must be a string LITERAL type (a `string`
 *   variable does not type-check), so request input cannot reach it without a cast.
 * The executor (query.ts) runs a `Sql` on either engine.
 */

import type { Knex } from 'knex';

const SAFE_IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export class Sql {
  /** Constant text around the values: `strings.length === values.length + 1`. */
  readonly strings: readonly string[];
  readonly values: readonly unknown[];

  constructor(strings: readonly string[], values: readonly unknown[]) {
    if (strings.length !== values.length + 1) throw new Error('sql: strings and values do not interleave');
    const s: string[] = [strings[0]];
    const v: unknown[] = [];
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value instanceof Sql) {
        // Splice the fragment: its first text joins our last, its last text joins our next.
        s[s.length - 1] += value.strings[0];
        for (let j = 0; j < value.values.length; j++) {
          v.push(value.values[j]);
          s.push(value.strings[j + 1]);
        }
        s[s.length - 1] += strings[i + 1];
      } else {
        if (value === undefined) throw new Error(`sql: value ${i + 1} is undefined (use null for SQL NULL)`);
        v.push(value);
        s.push(strings[i + 1]);
      }
    }
    this.strings = s;
    this.values = v;
  }

  /** The statement with `$1…$n` placeholders (what PostgreSQL's protocol and pg's `query` take). */
  get text(): string {
    let out = this.strings[0];
    for (let i = 1; i < this.strings.length; i++) out += `$${i}` + this.strings[i];
    return out;
  }

  /** knex-style text (`?`), for callers still reading `{ sql, bindings }` (e.g. bench EXPLAINs). */
  get sql(): string {
    return this.toKnex().sql;
  }

  get bindings(): Knex.RawBinding[] {
    return [...this.values] as Knex.RawBinding[];
  }

  /**
   * Text for SQL still written as template strings (a fragment inside a legacy `knex.raw` text):
   * only a fragment without values has one, so a value can never become text this way.
   */
  toString(): string {
    if (this.values.length) throw new Error('sql: a fragment with values cannot be used as text; run it with query()');
    return this.strings[0];
  }

  /**
   * The same statement for `knex.raw(sql, bindings)`: `?` placeholders, with every `?` of the
   * constant text (jsonb operators) escaped as `\?` so knex leaves it alone.
   */
  toKnex(): { sql: string; bindings: unknown[] } {
    const esc = (t: string) => t.replace(/\?/g, '\\?');
    return { sql: this.strings.map(esc).join('?'), bindings: [...this.values] };
  }
}

/** A literal-only string: `string` itself (a variable of unknown content) does not satisfy it. */
type Literal<T extends string> = string extends T ? never : T;

function isTemplate(x: unknown): x is TemplateStringsArray {
  return Array.isArray(x) && Array.isArray((x as unknown as { raw?: unknown }).raw);
}

export interface SqlTag {
  (strings: TemplateStringsArray, ...values: unknown[]): Sql;
  /** Items joined by a constant separator; non-`Sql` items become parameters. */
  join(items: readonly unknown[], separator?: Sql | string): Sql;
  /** A quoted identifier (table, column, schema.table); throws unless it matches the safe pattern. */
  ident(name: string): Sql;
  /** Constant SQL text (literal types only, see above). */
  raw<T extends string>(text: Literal<T>): Sql;
  /** An integer constant as text (a code constant in a plan-relevant place); throws on anything else. */
  int(n: number): Sql;
  /** The empty fragment (for optional clauses). */
  empty: Sql;
}

function tag(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  if (!isTemplate(strings)) throw new Error('sql: use as a tagged template, sql`…`');
  return new Sql(strings, values);
}

export const sql: SqlTag = Object.assign(tag, {
  join(items: readonly unknown[], separator: Sql | string = ', '): Sql {
    const sep = separator instanceof Sql ? separator : new Sql([constantText(separator)], []);
    if (items.length === 0) return new Sql([''], []);
    const strings: string[] = [''];
    const values: unknown[] = [];
    items.forEach((item, i) => {
      if (i > 0) {
        values.push(sep);
        strings.push('');
      }
      values.push(item);
      strings.push('');
    });
    return new Sql(strings, values);
  },
  ident(name: string): Sql {
    const parts = typeof name === 'string' ? name.split('.') : [];
    if (parts.length === 0 || parts.length > 2 || !parts.every((p) => SAFE_IDENT.test(p))) {
      throw new Error(`sql.ident: ${JSON.stringify(String(name)).slice(0, 80)} is not a safe identifier`);
    }
    return new Sql([parts.map((p) => `"${p}"`).join('.')], []);
  },
  raw<T extends string>(text: Literal<T>): Sql {
    return new Sql([constantText(text)], []);
  },
  int(n: number): Sql {
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new Error(`sql.int: ${String(n).slice(0, 40)} is not an integer`);
    return new Sql([String(n)], []);
  },
  empty: new Sql([''], []),
});

/**
 * A statement still written for `knex.raw` (`?` placeholders, `\\?` for a literal `?`) as a `Sql`,
 * for callers not yet moved to the builder. `??` (knex identifier bindings) is refused.
 */
export function fromKnex(text: string, bindings: readonly unknown[]): Sql {
  const strings: string[] = [];
  let current = '';
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '?') {
      current += '?';
      i++;
    } else if (c === '?') {
      if (text[i + 1] === '?') throw new Error('fromKnex: ?? identifier bindings are not supported');
      strings.push(current);
      current = '';
      used++;
    } else current += c;
  }
  strings.push(current);
  if (used !== bindings.length) throw new Error(`fromKnex: ${used} placeholders, ${bindings.length} bindings`);
  return new Sql(strings, bindings);
}

function constantText(text: unknown): string {
  if (typeof text !== 'string') throw new Error('sql: constant text must be a string');
  return text;
}
