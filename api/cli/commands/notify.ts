/** `kontakt notify send-due`: one pass of the notice dispatcher, for cron (the server runs its own loop). */
import type { Command } from '../command';
import { parse } from '../args';
import { withDatabase } from '../database';
import { sendDue, smtpMailer } from '../../notify/dispatcher';

export const notifySendDueCommand: Command = {
  words: ['notify', 'send-due'],
  summary: 'send the notices to residents that are due now (one pass; needs KONTAKT_SMTP_URL)',
  usage: 'kontakt notify send-due',
  async run(args, ctx) {
    parse(args, {});
    const config = ctx.config();
    if (!config.smtpUrl) {
      ctx.stderr('kontakt notify send-due: KONTAKT_SMTP_URL is not set; nothing was sent\n');
      return 1;
    }
    const mailer = smtpMailer(config.smtpUrl);
    try {
      const r = await withDatabase(config, (db) => sendDue(db, { mailer, from: config.mailFrom, publicUrl: config.publicUrl }));
      ctx.stdout(`claimed ${r.claimed}, sent ${r.sent}, failed ${r.failed} (will retry), dead ${r.dead}\n`);
      return r.failed || r.dead ? 1 : 0;
    } finally {
      mailer.close();
    }
  },
};
