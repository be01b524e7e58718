/**
 * The one typed configuration object. Everything the process reads from its environment is read
 * here, validated once at start, and passed down explicitly (no module reads process.env itself).
 */
import path from 'node:path';
import { DEFAULT_SCRYPT_LOG2N } from './auth/secrets';

export type Engine = 'embedded' | 'server';

export interface Config {
  /** HTTP port of the server. */
  port: number;
  /** Host/interface to bind. */
  host: string;
  /** `server` when DATABASE_URL is set, else `embedded` (PGlite + PostGIS in-process). */
  engine: Engine;
  /** Connection string of a PostgreSQL + PostGIS server (engine `server`). */
  databaseUrl?: string;
  /** Where the embedded database and uploaded media live (the built pages go to web/dist, beside their sources). */
  dataDir: string;
  /** Schema that holds Kontakt's tables (tests use one schema per suite). */
  dbSchema: string;
  /** pino log level. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Demo mode: load the demo city (with its staff logins) when the database holds no jurisdiction
   * yet. Off unless asked for (`KONTAKT_DEMO=true` or `kontakt serve --demo`, which `npm start` runs),
   * so a real city's server never gets accounts with published passwords.
   */
  demoOnEmpty: boolean;
  /** log2 of scrypt's N for new staff password hashes (17, OWASP; only tests set less). */
  passwordCost: number;
  /** Optional background tile URL template for maps (e.g. OpenStreetMap); none by default (offline). */
  tileUrl?: string;
  /** Public base URL, used in links (Open311 discovery, media URLs). */
  publicUrl: string;
  /** Origins allowed to show the public map (`/`, `/r/<id>`) in a frame; empty: only our own pages may. */
  embedOrigins: string[];
  /** Largest accepted upload, bytes. */
  maxUploadBytes: number;
  /** SMTP server for notices to residents (smtp:// or smtps://); unset: notices stay queued, nothing is sent. */
  smtpUrl?: string;
  /** From header of notices, e.g. `Kontakt <no-reply@localhost>`. */
  mailFrom: string;
  /** How often the dispatcher looks for due notices, ms. */
  notifyIntervalMs: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function intInRange(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    problems.push(`${name}=${JSON.stringify(raw)} is not a whole number`);
    return fallback;
  }
  const n = Number(raw);
  if (n < min || n > max) problems.push(`${name}=${n} is outside ${min}..${max}`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  problems.push(`${name}=${JSON.stringify(raw)} is not a boolean (use true or false)`);
  return fallback;
}

/**
 * KONTAKT_EMBED_ORIGINS: origins (scheme, host, optional port; `*.` for any subdomain) separated
 * by commas or spaces. They go into a CSP frame-ancestors directive, so anything else (a path, a
 * quote, a semicolon) is refused rather than passed on.
 */
function origins(env: NodeJS.ProcessEnv, name: string, problems: string[]): string[] {
  const found: string[] = [];
  for (const item of (env[name] ?? '').split(/[\s,]+/).filter(Boolean)) {
    const origin = item.replace(/\/+$/, '').toLowerCase();
    if (/^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/.test(origin)) found.push(origin);
    else problems.push(`${name}: ${JSON.stringify(item)} is not an origin like https://www.example.org (scheme and host, no path)`);
  }
  return [...new Set(found)];
}

/** Reads and validates the configuration; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const port = intInRange(env, 'PORT', 3000, 0, 65535, problems);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const dbSchema = env.KONTAKT_DB_SCHEMA || 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(dbSchema)) problems.push(`KONTAKT_DB_SCHEMA=${JSON.stringify(dbSchema)} is not a plain lower-case SQL identifier`);
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const tileUrl = env.KONTAKT_TILE_URL || undefined;
  if (tileUrl && !/^https?:\/\/.+\{z\}.+\{x\}.+\{y\}/.test(tileUrl)) {
    problems.push('KONTAKT_TILE_URL must be an http(s) URL template with {z}, {x} and {y}');
  }
  const publicUrl = (env.KONTAKT_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(publicUrl)) problems.push('KONTAKT_PUBLIC_URL must be an http(s) URL');
  const smtpUrl = env.KONTAKT_SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) problems.push('KONTAKT_SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://127.0.0.1:2525');
  const mailFrom = env.KONTAKT_MAIL_FROM || 'Kontakt <no-reply@localhost>';
  // A header value: no line breaks (header injection), and an address in it.
  if (/[\r\n]/.test(mailFrom) || !/@/.test(mailFrom))
    problems.push('KONTAKT_MAIL_FROM must be one line with an e-mail address, e.g. Kontakt <no-reply@example.org>');
  const config: Config = {
    port,
    host: env.HOST || '0.0.0.0',
    engine: databaseUrl ? 'server' : 'embedded',
    databaseUrl,
    dataDir: path.resolve(cwd, env.KONTAKT_DATA_DIR || './data'),
    dbSchema,
    logLevel,
    demoOnEmpty: bool(env, 'KONTAKT_DEMO', false, problems),
    passwordCost: intInRange(env, 'KONTAKT_PASSWORD_COST', DEFAULT_SCRYPT_LOG2N, 10, 20, problems),
    tileUrl,
    publicUrl,
    embedOrigins: origins(env, 'KONTAKT_EMBED_ORIGINS', problems),
    maxUploadBytes: intInRange(env, 'KONTAKT_MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024, problems),
    smtpUrl,
    mailFrom,
    notifyIntervalMs: intInRange(env, 'KONTAKT_NOTIFY_INTERVAL_MS', 10_000, 100, 3_600_000, problems),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
