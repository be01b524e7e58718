/**
 * Notices to residents (api/notify): what the enqueue trigger adds to a public request event, and
 * how many mails a second the dispatcher hands to an SMTP server on loopback (smtp-server that
 * accepts and discards, so this is our side plus the SMTP dialogue, not a real relay's speed).
 *
 *   node bin/run-ts.js bench/notify.ts                                   (embedded)
 *   DATABASE_URL=postgres://... node bin/run-ts.js bench/notify.ts      (server)
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { benchDatabase, printTable, stats, time } from './lib';
import { createFixtureCity } from '../api/pipeline/fixtures';
import { submitReport } from '../api/pipeline/intake';
import { sendDue, smtpMailer } from '../api/notify/dispatcher';
import { withoutNotifications } from '../api/notify/outbox';

const REQUESTS = Number(process.env.BENCH_NOTIFY_REQUESTS ?? 200);
const REPORTERS = 5;
const EVENTS = Number(process.env.BENCH_NOTIFY_EVENTS ?? 400);

async function main(): Promise<void> {
  const db = await benchDatabase('notify', { poolMax: 4 });
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _s, cb) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  try {
    const city = await createFixtureCity(db);
    // Requests with REPORTERS e-mail reporters each (the first files, the others are attached).
    const ids: number[] = [];
    await withoutNotifications(db.knex, async () => {
      for (let i = 0; i < REQUESTS; i++) {
        const lat = 52.201 + (i % 40) * 0.0009;
        const long = 21.001 + Math.floor(i / 40) * 0.0009;
        const r = await submitReport(db, {
          serviceCode: 'litter',
          channel: 'web',
          location: { kind: 'wgs84', lat, long },
          reporter: { email: `r${i}-0@example.org`, notify: 'email' },
        });
        for (let k = 1; k < REPORTERS; k++)
          await submitReport(db, {
            serviceCode: 'litter',
            channel: 'web',
            location: { kind: 'wgs84', lat, long },
            attachTo: r.publicId,
            reporter: { email: `r${i}-${k}@example.org`, notify: 'email' },
          });
        ids.push(r.requestId);
      }
    });

    // 1. A public status event with and without the trigger (the difference is the enqueue cost).
    const insertEvent = (i: number) =>
      db.knex.raw(
        `INSERT INTO request_events (request_id, jurisdiction_id, actor_kind, kind, public, status, detailed_status) VALUES (?, ?, 'staff', 'status', true, 'open', 'in_progress')`,
        [ids[i % ids.length], city.jurisdictionId],
      );
    const sample = async (n: number) => {
      const ms: number[] = [];
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await insertEvent(i);
        ms.push(performance.now() - t);
      }
      return stats(ms, performance.now() - t0);
    };
    const off = await withoutNotifications(db.knex, () => sample(EVENTS));
    const on = await sample(EVENTS);
    const queued = Number((await db.knex('notifications').where({ status: 'queued' }).count('* as n'))[0].n);
    printTable(`public status event, ${REPORTERS} e-mail reporters per request (${db.engine})`, [
      { trigger: 'off', events: off.n, 'p50 ms': off.p50, 'p95 ms': off.p95, 'events/s': off.perSecond, notices: 0 },
      { trigger: 'on', events: on.n, 'p50 ms': on.p50, 'p95 ms': on.p95, 'events/s': on.perSecond, notices: queued },
    ]);

    // 2. The dispatcher: everything queued, pooled SMTP connection(s), concurrency 1 and 4.
    const rows: Array<Record<string, string | number>> = [];
    for (const concurrency of [1, 4]) {
      await db.knex('notifications').update({ status: 'queued', attempts: 0, next_attempt_at: new Date(0), sent_at: null });
      const mailer = smtpMailer(url);
      const before = received;
      const { ms, value } = await time(() =>
        sendDue(db, { mailer, from: 'Kontakt <no-reply@localhost>', publicUrl: 'http://localhost:3000', concurrency, batch: 100 }),
      );
      mailer.close();
      rows.push({ concurrency, sent: value.sent, failed: value.failed, received: received - before, seconds: ms / 1000, 'mails/s': (value.sent / ms) * 1000 });
    }
    printTable(`dispatcher to a loopback SMTP server (${db.engine})`, rows);
  } finally {
    await new Promise<void>((r) => smtp.close(() => r()));
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
