/** `kontakt apikey create` and `kontakt user add`: print only the secret on stdout, so scripts can capture it. */
import type { Command } from '../command';
import { UsageError } from '../command';
import { parse } from '../args';
import { withDatabase } from '../database';
import { createApiClient } from '../../accounts/api-clients';
import { createStaff, ROLES } from '../../accounts/staff';

export const apikeyCreateCommand: Command = {
  words: ['apikey', 'create'],
  summary: 'create an Open311 API client and print only its key',
  usage: 'kontakt apikey create --name NAME [--jurisdiction ID] [--rate-limit PER_MINUTE] [--notify-reporters]\n  --notify-reporters: Kontakt e-mails the reporters this client files for (for apps that do not notify their own users)',
  async run(args, ctx) {
    const { values } = parse(args, { name: { type: 'string' }, jurisdiction: { type: 'string' }, 'rate-limit': { type: 'string' }, 'notify-reporters': { type: 'boolean' } });
    if (!values.name) throw new UsageError('--name is required');
    let rateLimitPerMinute: number | undefined;
    if (values['rate-limit'] !== undefined) {
      rateLimitPerMinute = Number(values['rate-limit']);
      if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1) throw new UsageError('--rate-limit must be a positive whole number');
    }
    const { key } = await withDatabase(ctx.config(), (db) =>
      createApiClient(db.knex, { name: values.name!, jurisdictionId: values.jurisdiction, rateLimitPerMinute, notifiesReporters: values['notify-reporters'] === true }),
    );
    ctx.stdout(`${key}\n`);
    return 0;
  },
};

export const userAddCommand: Command = {
  words: ['user', 'add'],
  summary: 'create a staff account and print only its one-time password',
  usage: `kontakt user add --email E --role ROLE [--unit CODE] [--name NAME] [--jurisdiction ID]\n  ROLE: ${ROLES.join(', ')}`,
  async run(args, ctx) {
    const { values } = parse(args, { email: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' }, jurisdiction: { type: 'string' } });
    if (!values.email) throw new UsageError('--email is required');
    if (!values.role) throw new UsageError('--role is required');
    const { password } = await withDatabase(ctx.config(), (db) =>
      createStaff(db.knex, { email: values.email!, role: values.role!, unitCode: values.unit, name: values.name, jurisdictionId: values.jurisdiction }),
    );
    ctx.stdout(`${password}\n`);
    return 0;
  },
};
