/** Entry point of the `kontakt` command line (bin/kontakt.js). */
import { loadConfig, ConfigError, Config } from '../config';
import { isAppError } from '../errors';
import { DataDirLockedError } from '../db/lock';
import { Command, CommandContext, UsageError } from './command';
import { COMMANDS } from './commands';

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.words.join(' ').length));
  return [
    'Kontakt: the city contact platform.',
    '',
    'Usage: kontakt <command> [options]    (kontakt <command> --help for details)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.words.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Environment: DATABASE_URL (PostgreSQL + PostGIS server; embedded PGlite when unset),',
    '  KONTAKT_DATA_DIR (default ./data), PORT (default 3000), LOG_LEVEL, KONTAKT_DEMO.',
    '',
  ].join('\n');
}

function find(args: string[]): { command: Command; rest: string[] } | undefined {
  const matches = COMMANDS.filter((c) => c.words.every((w, i) => args[i] === w)).sort((a, b) => b.words.length - a.words.length);
  return matches[0] ? { command: matches[0], rest: args.slice(matches[0].words.length) } : undefined;
}

export async function main(args: string[], io: Partial<CommandContext> = {}): Promise<number> {
  const stdout = io.stdout ?? ((t: string) => void process.stdout.write(t));
  const stderr = io.stderr ?? ((t: string) => void process.stderr.write(t));
  let cached: Config | undefined;
  const ctx: CommandContext = { config: io.config ?? (() => (cached ??= loadConfig())), stdout, stderr };
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    stdout(overview());
    return args.length === 0 ? 2 : 0;
  }
  const found = find(args);
  if (!found) {
    const partial = COMMANDS.filter((c) => c.words[0] === args[0]);
    stderr(
      partial.length
        ? `kontakt: unknown command "${args.join(' ')}". Did you mean: ${partial.map((c) => `kontakt ${c.words.join(' ')}`).join(', ')}?\n`
        : `kontakt: unknown command "${args[0]}". Run kontakt --help for the list.\n`,
    );
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    stdout(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      stderr(`kontakt ${command.words.join(' ')}: ${err.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    // A data directory held by another process (api/db/lock.ts) is an answer, not a crash: no stack.
    if (err instanceof ConfigError || err instanceof DataDirLockedError || isAppError(err)) {
      stderr(`kontakt ${command.words.join(' ')}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
