/** Problems found in a city pack: each says file, where in it, and why (issue #2, item 4). */

export interface ImportProblem {
  file: string;
  /** "feature 3", "line 17", "$[2].code" */
  location?: string;
  reason: string;
}

export const formatProblem = (p: ImportProblem) => `${p.file}${p.location ? ` (${p.location})` : ''}: ${p.reason}`;

/** A closing line of a cut list ("40 more problem(s) not shown"): not a problem itself. */
export interface OmittedLine extends ImportProblem {
  omitted: number;
}
const omittedOf = (p: ImportProblem) => (p as Partial<OmittedLine>).omitted ?? 0;

/**
 * The pack has problems; nothing was imported. `problems` lists them (per file the first ones,
 * then a line saying how many more); `count` is the number FOUND, which the header states: the
 * lines listed plus the ones each closing line stands for, never the closing lines themselves.
 */
export class CityImportError extends Error {
  problems: ImportProblem[];
  count: number;
  constructor(problems: ImportProblem[]) {
    const count = problems.reduce((n, p) => n + (omittedOf(p) || 1), 0);
    const shown = problems.filter((p) => !omittedOf(p)).length;
    super(`${problemHeader(count, shown)}; nothing was imported:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'CityImportError';
    this.problems = problems;
    this.count = count;
  }
}

/** "the city pack has 3 problem(s)" or "the city pack has 120 problem(s), 50 shown". */
export const problemHeader = (count: number, shown: number) => `the city pack has ${count} problem(s)${shown < count ? `, ${shown} shown` : ''}`;

/**
 * Collects problems. Per file it keeps the first `perFile` ones and counts the rest, so a broken
 * million-row file gives a readable report instead of a million lines.
 */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  private readonly perFileCount = new Map<string, number>();
  constructor(private readonly perFile = 50) {}

  add(file: string, location: string | undefined, reason: string): void {
    const n = (this.perFileCount.get(file) ?? 0) + 1;
    this.perFileCount.set(file, n);
    if (n <= this.perFile) this.items.push(location ? { file, location, reason } : { file, reason });
  }

  /** Whether `file` has any problem. */
  has(file: string): boolean {
    return this.perFileCount.has(file);
  }

  get size(): number {
    return this.items.length;
  }

  /** The problems, with one closing line per file whose problems were cut (an OmittedLine). */
  list(): ImportProblem[] {
    const extra: OmittedLine[] = [];
    for (const [file, n] of this.perFileCount)
      if (n > this.perFile) extra.push({ file, reason: `${n - this.perFile} more problem(s) not shown`, omitted: n - this.perFile });
    return [...this.items, ...extra];
  }
}
