/**
 * One catalogue of errors, so the same fault gets the same status and words on every surface. Code raises `AppError`s built from the catalogue; one
 * renderer per surface turns them into Open311 `[{code, description}]` / `<errors>` or JSON bodies.
 * HTTP status follows Open311: 404 unknown thing, 403 key, 400 the rest; 429 rate limit; 413 size.
 */
export type ErrorKind =
  | 'bad_request'
  | 'forbidden'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'internal'
  | 'unavailable';

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export interface ErrorDetail {
  /** Field, parameter, file or feature at fault, e.g. `lat`, `attribute[size]`, `districts.geojson#3`. */
  field?: string;
  /** What was wrong, in plain words. */
  description: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly kind: ErrorKind,
    readonly details: ErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(details.map((d) => (d.field ? `${d.field}: ${d.description}` : d.description)).join('; '));
    this.name = 'AppError';
    this.status = STATUS[kind];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** The catalogue: every message a client can see is built here. */
export const Errors = {
  badRequest: (field: string | undefined, description: string) => new AppError('bad_request', [{ field, description }]),
  many: (details: ErrorDetail[]) => new AppError('bad_request', details),
  missing: (field: string) => new AppError('bad_request', [{ field, description: `${field} is required` }]),
  notFound: (what: string, id: string) => new AppError('not_found', [{ field: what, description: `${what} ${JSON.stringify(id)} was not found` }]),
  apiKeyMissing: () => new AppError('forbidden', [{ field: 'api_key', description: 'api_key is required for this method' }]),
  apiKeyInvalid: () => new AppError('forbidden', [{ field: 'api_key', description: 'api_key is not valid' }]),
  forbidden: (description: string) => new AppError('forbidden', [{ description }]),
  unauthorized: () => new AppError('unauthorized', [{ description: 'login required' }]),
  /** A one-time password opens only the password change; pages recognise the field and go to /account/password. */
  passwordChangeRequired: () =>
    new AppError('forbidden', [
      {
        field: 'must_change_password',
        description: 'this account still has its one-time password: change it first (page /account/password, POST /api/auth/password)',
      },
    ]),
  /** Worded for the e-mail address, not the account: the same answer whether an account exists or not. */
  loginLocked: (retryAfterSeconds: number) =>
    new AppError(
      'rate_limited',
      [
        {
          field: 'email',
          description: `too many failed logins for this e-mail address; logins for it are blocked for ${Math.ceil(retryAfterSeconds / 60)} more minute(s)`,
        },
      ],
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  conflict: (field: string | undefined, description: string) => new AppError('conflict', [{ field, description }]),
  tooLarge: (field: string | undefined, limitBytes: number) =>
    new AppError('too_large', [{ field, description: `larger than the limit of ${limitBytes} bytes` }]),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('rate_limited', [{ description: `too many requests; retry after ${retryAfterSeconds} s` }], { 'Retry-After': String(retryAfterSeconds) }),
  unsupportedMediaType: (field: string | undefined, description: string) => new AppError('unsupported_media_type', [{ field, description }]),
  internal: () => new AppError('internal', [{ description: 'internal error; it has been logged' }]),
  /** The database cannot be reached (api/db/unavailable.ts): the client's request was fine, retry later. */
  unavailable: (retryAfterSeconds: number) =>
    new AppError('unavailable', [{ description: `the service is temporarily unavailable (database unreachable); retry after ${retryAfterSeconds} s` }], {
      'Retry-After': String(retryAfterSeconds),
    }),
} as const;
