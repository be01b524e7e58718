/**
 * Functions and triggers live in `migrations/sql/<name>.sql` (one file per function, with its
 * comment and the triggers that call it), so a change to one shows as a diff of its file. A
 * migration loads files with `loadSqlFiles`; every statement in them is re-runnable
 * (CREATE OR REPLACE FUNCTION / TRIGGER, COMMENT ON), so loading the same file twice is harmless.
 * Rule (migrations/README.md): never edit a merged migration; edit the .sql file and add a new
 * migration that reloads it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';

export const SQL_DIR = path.resolve(__dirname, '../sql');

/**
 * Splits a file into statements at top-level `;`, respecting 'strings', "identifiers",
 * $tag$ dollar quotes $tag$ and -- line comments. PGlite runs one statement per query, hence this.
 */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl + 1;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end === -1) throw new Error(`unterminated ${c} at ${i}`);
      i = end + 1;
    } else if (c === '$') {
      const m = /^\$[A-Za-z_][A-Za-z0-9_]*\$|^\$\$/.exec(text.slice(i));
      if (m) {
        const end = text.indexOf(m[0], i + m[0].length);
        if (end === -1) throw new Error(`unterminated ${m[0]} at ${i}`);
        i = end + m[0].length;
      } else i++;
    } else if (c === ';') {
      out.push(text.slice(start, i));
      i++;
      start = i;
    } else i++;
  }
  out.push(text.slice(start));
  // Drop pieces that hold nothing but whitespace and comments.
  return out.map((s) => s.trim()).filter((s) => s.replace(/--[^\n]*/g, '').trim() !== '');
}

/** The statements of `migrations/sql/<name>.sql`. */
export function sqlFile(name: string): string[] {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a function file name: ${name}`);
  return splitStatements(fs.readFileSync(path.join(SQL_DIR, `${name}.sql`), 'utf8'));
}

/** Runs the named files in order (a function before the functions and triggers that use it). */
export async function loadSqlFiles(knex: Knex, names: readonly string[]): Promise<void> {
  for (const name of names) {
    for (const statement of sqlFile(name)) {
      // No bindings: a `?` in a body (jsonb operators) is escaped so knex leaves it alone.
      await knex.raw(statement.replace(/\?/g, '\\?'));
    }
  }
}
