/** Structured logs (pino), one logger created at start and passed down. */
import pino, { Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { app: 'kontakt' },
    // Never log secrets or personal data that may travel in bodies and headers.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'api_key', 'password', 'email', 'phone'], remove: true },
  });
}
