/**
 * Running `kontakt` the way a user does, in tests: an environment pointing at a database of its
 * own (a fresh schema on the server engine, a fresh data directory on the embedded one), and
 * captured output for in-process runs of `main`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testEngine } from './db';
import { openDatabase } from '../api/db/engine';

export const KONTAKT_BIN = path.resolve(__dirname, '../bin/kontakt.js');

export interface CommandEnv {
  env: NodeJS.ProcessEnv;
  /** Drops the schema or removes the data directory. */
  cleanup(): Promise<void>;
}

/** An environment for child processes of `kontakt`, isolated from every other suite. */
export function isolatedCommandEnv(name: string, extra: NodeJS.ProcessEnv = {}): CommandEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...extra };
  if (testEngine() === 'server') {
    const schema = `t_${name}_${crypto.randomBytes(3).toString('hex')}`;
    env.KONTAKT_DB_SCHEMA = schema;
    return {
      env,
      async cleanup() {
        const db = await openDatabase({ engine: 'server', databaseUrl: process.env.DATABASE_URL, poolMax: 1 });
        await db.knex.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await db.close();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kontakt-${name}-`));
  env.KONTAKT_DATA_DIR = dataDir;
  delete env.DATABASE_URL;
  return { env, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

/** Output of an in-process `main(args, io)` run. */
export function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) } };
}
