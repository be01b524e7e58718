/**
 * `kontakt apikey create|list|scope|revoke` and `kontakt user add`. Create commands print only the
 * secret on stdout, so scripts can capture it; nothing ever prints a key again (only its hint).
 */
import type { Command } from '../command';
import { UsageError } from '../command';
import { parse } from '../args';
import { withDatabase } from '../database';
import {
  ApiClientListing,
  checkScopes,
  createApiClient,
  DEFAULT_SCOPES,
  listApiClients,
  revokeApiClient,
  SCOPES,
  setApiClientScopes,
} from '../../accounts/api-clients';
import { createStaff, ROLES } from '../../accounts/staff';

const SCOPE_HELP = [
  `  --scope LIST: comma-separated, from ${SCOPES.join(', ')} (default: ${DEFAULT_SCOPES.join(',')})`,
  '    read         no writes (every Open311 GET is public anyway; the key only names the caller)',
  '    report       file requests; comment on, and mark fixed while it is their only reporter, the requests this key filed',
  '    back-office  change the status of any request of its jurisdiction (only for a key created with --jurisdiction)',
  '  A new key gets report, the least that lets an app do what keys are for (filing), and nothing',
  "  that touches other people's requests: back-office is given only when named.",
].join('\n');

const scopeList = (v: string | string[] | undefined) => [v ?? []].flat().flatMap((s) => s.split(','));

/** Runs a check whose error is a usage mistake (exit 2, with the usage). */
function usage(check: () => unknown): void {
  try {
    check();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function positiveId(v: string | undefined): number {
  const id = Number(v);
  if (!v || !Number.isSafeInteger(id) || id < 1) throw new UsageError('--id must be the numeric id shown by kontakt apikey list');
  return id;
}

export const apikeyCreateCommand: Command = {
  words: ['apikey', 'create'],
  summary: 'create an Open311 API client and print only its key',
  usage: `kontakt apikey create --name NAME [--scope report[,read,back-office]] [--jurisdiction ID] [--rate-limit PER_MINUTE] [--notify-reporters]\n${SCOPE_HELP}\n  --notify-reporters: Kontakt e-mails the reporters this client files for (for apps that do not notify their own users)`,
  async run(args, ctx) {
    const { values } = parse(args, {
      name: { type: 'string' },
      jurisdiction: { type: 'string' },
      'rate-limit': { type: 'string' },
      'notify-reporters': { type: 'boolean' },
      scope: { type: 'string', multiple: true },
    });
    if (!values.name) throw new UsageError('--name is required');
    let rateLimitPerMinute: number | undefined;
    if (values['rate-limit'] !== undefined) {
      rateLimitPerMinute = Number(values['rate-limit']);
      if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1) throw new UsageError('--rate-limit must be a positive whole number');
    }
    const scopes = values.scope === undefined ? undefined : scopeList(values.scope);
    // Checked before the database is opened: a typo answers at once.
    if (scopes) usage(() => checkScopes(scopes, values.jurisdiction));
    const { key } = await withDatabase(ctx.config(), (db) =>
      createApiClient(db.knex, {
        name: values.name!,
        jurisdictionId: values.jurisdiction,
        rateLimitPerMinute,
        notifiesReporters: values['notify-reporters'] === true,
        scopes,
      }),
    );
    ctx.stdout(`${key}\n`);
    return 0;
  },
};

/** A plain table: one client per line, never the key. */
export function formatClients(clients: ApiClientListing[]): string {
  const head = ['id', 'name', 'key', 'scopes', 'jurisdiction', 'rate limit', 'active'];
  const rows = clients.map((c) => [
    String(c.id),
    c.name,
    c.internal ? `(none: ${c.internal})` : `${c.keyHint}…`,
    c.scopes.join(','),
    c.jurisdictionId ?? '(any)',
    `${c.rateLimitPerMinute}/min${c.perAddressLimitPerMinute ? `, ${c.perAddressLimitPerMinute}/min per address` : ''}`,
    c.active ? 'yes' : 'revoked',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return (
    [head, ...rows]
      .map((r) =>
        r
          .map((cell, i) => cell.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

export const apikeyListCommand: Command = {
  words: ['apikey', 'list'],
  summary: 'list API clients: id, name, key hint, scopes, jurisdiction, rate limits, active (never the key)',
  usage: 'kontakt apikey list [--json]',
  async run(args, ctx) {
    const { values } = parse(args, { json: { type: 'boolean' } });
    const clients = await withDatabase(ctx.config(), (db) => listApiClients(db.knex));
    ctx.stdout(
      values.json
        ? `${JSON.stringify(
            clients.map(({ createdAt, lastUsedAt, ...c }) => ({ ...c, createdAt, lastUsedAt })),
            null,
            2,
          )}\n`
        : formatClients(clients),
    );
    return 0;
  },
};

export const apikeyScopeCommand: Command = {
  words: ['apikey', 'scope'],
  summary: "replace an API client's scopes (the key stays the same)",
  usage: `kontakt apikey scope --id N --scope LIST\n${SCOPE_HELP}`,
  async run(args, ctx) {
    const { values } = parse(args, { id: { type: 'string' }, scope: { type: 'string', multiple: true } });
    const id = positiveId(values.id);
    if (values.scope === undefined) throw new UsageError('--scope is required');
    // Names checked at once; whether the key's jurisdiction allows back-office is checked against the database.
    usage(() => checkScopes(scopeList(values.scope), 'any'));
    const client = await withDatabase(ctx.config(), (db) => setApiClientScopes(db.knex, id, scopeList(values.scope)));
    ctx.stdout(`${client.id} ${client.name}: ${client.scopes.join(',')}\n`);
    return 0;
  },
};

export const apikeyRevokeCommand: Command = {
  words: ['apikey', 'revoke'],
  summary: 'revoke an API client: its key stops working at once (the row stays for the audit trail)',
  usage: 'kontakt apikey revoke --id N\n  Revoking the portal\'s own client (key "(none: portal)") switches reporting on the public page off.',
  async run(args, ctx) {
    const { values } = parse(args, { id: { type: 'string' } });
    const id = positiveId(values.id);
    const client = await withDatabase(ctx.config(), (db) => revokeApiClient(db.knex, id));
    ctx.stdout(`${client.id} ${client.name}: revoked\n`);
    return 0;
  },
};

export const userAddCommand: Command = {
  words: ['user', 'add'],
  summary: 'create a staff account and print only its one-time password',
  usage: `kontakt user add --email E --role ROLE [--unit CODE] [--name NAME] [--jurisdiction ID]\n  ROLE: ${ROLES.join(', ')}\n  The password is one-time: it opens only the password change (/account/password), where its owner sets their own.`,
  async run(args, ctx) {
    const { values } = parse(args, {
      email: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      jurisdiction: { type: 'string' },
    });
    if (!values.email) throw new UsageError('--email is required');
    if (!values.role) throw new UsageError('--role is required');
    const { password } = await withDatabase(ctx.config(), (db) =>
      createStaff(db.knex, { email: values.email!, role: values.role!, unitCode: values.unit, name: values.name, jurisdictionId: values.jurisdiction }),
    );
    ctx.stdout(`${password}\n`);
    // On stderr, so scripts capturing stdout still get the password alone.
    ctx.stderr('one-time password: it opens only the password change at /account/password, where its owner sets their own\n');
    return 0;
  },
};
