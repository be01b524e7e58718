/** What a `kontakt` sub-command is: a name, its help, and a run function returning an exit code. */
import type { Config } from '../config';

export interface CommandContext {
  /** Reads and validates the configuration (lazily: `--help` must work with a broken environment). */
  config: () => Config;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Command {
  /** Words that select the command, e.g. ['city', 'import']. */
  words: string[];
  summary: string;
  usage: string;
  run(args: string[], ctx: CommandContext): Promise<number>;
}

/** Thrown for bad command-line input: printed with the usage, exit code 2. */
export class UsageError extends Error {}
