/** Problems found in a city pack: each says file, where in it, and why (issue #2, item 4). */

export interface ImportProblem {
  file: string;
  /** "feature 3", "line 17", "$[2].code" */
  location?: string;
  reason: string;
}

export const formatProblem = (p: ImportProblem) => `${p.file}${p.location ? ` (${p.location})` : ''}: ${p.reason}`;

/** The pack has problems; nothing was imported. `problems` lists every one found. */
export class CityImportError extends Error {
  problems: ImportProblem[];
  constructor(problems: ImportProblem[]) {
    super(`the city pack has ${problems.length} problem(s); nothing was imported:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'CityImportError';
    this.problems = problems;
  }
}

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

  /** The problems, with one closing line per file whose problems were cut. */
  list(): ImportProblem[] {
    const extra: ImportProblem[] = [];
    for (const [file, n] of this.perFileCount) if (n > this.perFile) extra.push({ file, reason: `${n - this.perFile} more problem(s) not shown` });
    return [...this.items, ...extra];
  }
}
