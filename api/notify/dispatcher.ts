/**
 * The dispatcher: claims due notices from the outbox, renders them, hands them to SMTP, and marks
 * each sent, or failed with a retry later (1 min, 5 min, 30 min, 2 h), or dead after the fifth
 * failure. Runs as a loop inside the server (startNotifier) or one pass from cron
 * (`kontakt notify send-due`).
 *
 * Claiming: one statement marks a batch `sending` and pushes its next_attempt_at 10 minutes ahead,
 * a lease: if the process dies mid-send, the rows come due again after the lease (a notice may
 * then go out twice; at least once is the promise, never lost). FOR UPDATE SKIP LOCKED lets several
 * processes on the server engine share the outbox; on the embedded engine (one connection) it is
 * the same statement and simply never meets a lock. No transaction is held while talking SMTP.
 */
import nodemailer from 'nodemailer';
import type { Knex } from 'knex';
import type { Config } from '../config';
import type { Database } from '../db/engine';
import type { Logger } from '../log';
import { CONFIRM_LINK_DAYS, confirmUrl } from './confirm';
import { unsubscribeUrl } from './outbox';
import { headerSafe, renderNotice, type NoticeFacts, type NoticeKind, type RenderedNotice } from './templates';

/** Wait after failed attempt n (index n-1); one more failure after the last is final. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const CLAIM_LEASE_MS = 10 * 60_000;
const REQUEST_KINDS: ReadonlySet<NoticeKind> = new Set(['request_received', 'reporter_attached', 'status_changed', 'public_note', 'merged', 'unmerged']);

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/** What the dispatcher needs from a mail transport (SMTP in production and in the tests). */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export function smtpMailer(url: string): Mailer {
  // A pooled connection: one TCP + SMTP handshake for many notices. Timeouts keep a hung server
  // from holding a shutdown for minutes.
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({ ...mail, textEncoding: 'quoted-printable' });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

export interface PassResult {
  claimed: number;
  sent: number;
  failed: number;
  dead: number;
}

interface ClaimedRow {
  id: string;
  kind: NoticeKind;
  locale: 'pl' | 'en';
  to_address: string;
  person_id: string | null;
  attempts: number;
  city_name: string;
  city_name_en: string | null;
  time_zone: string;
  public_id: string | null;
  expected_at: Date | null;
  address: string | null;
  name_pl: string | null;
  name_en: string | null;
  privacy: string | null;
  event_status: string | null;
  event_note: string | null;
  into_id: string | null;
  from_id: string | null;
  inquiry_public_id: string | null;
  topic: string | null;
  question: string | null;
  answer: string | null;
  due_at: Date | null;
  unit_name: string | null;
  address_id: string | null;
}

/** Claims up to `limit` due e-mail notices with everything their templates need, in one statement. */
async function claimDue(knex: Knex, now: Date, limit: number): Promise<ClaimedRow[]> {
  const { rows } = await knex.raw(
    `WITH due AS (
       SELECT id FROM notifications
        WHERE status IN ('queued','failed','sending') AND next_attempt_at <= ? AND channel = 'email'
        ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE notifications n SET status = 'sending', attempts = n.attempts + 1, next_attempt_at = ?
         FROM due WHERE n.id = due.id
       RETURNING n.*)
     SELECT n.id, n.kind, n.locale, n.to_address, n.person_id, n.attempts,
            j.name AS city_name, j.name_en AS city_name_en, j.time_zone,
            r.public_id, r.expected_at, r.address, s.name_pl, s.name_en, s.privacy,
            e.detailed_status AS event_status, CASE WHEN e.public THEN e.note END AS event_note,
            e.data->>'into' AS into_id, e.data->>'from' AS from_id,
            i.public_id AS inquiry_public_id, i.topic, i.question, i.answer, i.due_at, u.name AS unit_name,
            ea.id AS address_id
       FROM claimed n
       JOIN jurisdictions j ON j.id = n.jurisdiction_id
       LEFT JOIN requests r ON r.id = n.request_id
       LEFT JOIN services s ON s.id = r.service_id
       LEFT JOIN request_events e ON e.id = n.request_event_id
       LEFT JOIN inquiries i ON i.id = n.inquiry_id
       LEFT JOIN units u ON u.id = i.unit_id
       LEFT JOIN email_addresses ea ON n.kind = 'email_confirmation' AND ea.jurisdiction_id = n.jurisdiction_id AND ea.email_norm = n.address_norm
      ORDER BY n.id`,
    [now, limit, new Date(now.getTime() + CLAIM_LEASE_MS)],
  );
  return rows;
}

async function factsOf(knex: Knex, row: ClaimedRow, publicUrl: string, now: Date): Promise<NoticeFacts> {
  const facts: NoticeFacts = {
    kind: row.kind,
    locale: row.locale,
    city: { name: row.city_name, nameEn: row.city_name_en, timeZone: row.time_zone || 'Europe/Warsaw' },
    publicUrl,
  };
  if (row.kind === 'email_confirmation') {
    // The link expires CONFIRM_LINK_DAYS after the message is sent (rendered now, not at enqueue).
    if (!row.address_id) throw new Error(`notice ${row.id}: its address record is gone`);
    facts.confirm = { url: await confirmUrl(knex, publicUrl, row.address_id, now), days: CONFIRM_LINK_DAYS };
  } else if (REQUEST_KINDS.has(row.kind)) {
    if (!row.public_id) throw new Error(`notice ${row.id}: its request is gone`);
    facts.request = {
      publicId: row.public_id,
      serviceName: { pl: row.name_pl ?? '', en: row.name_en ?? '' },
      // The place of a fuzzed or private service may be someone's home: only public ones name it.
      address: row.privacy === 'public' ? row.address : null,
      expectedAt: row.expected_at,
    };
    facts.event = { detailedStatus: row.event_status, note: row.event_note, into: row.into_id, from: row.from_id };
    const tracked = row.kind === 'merged' && row.into_id ? row.into_id : row.public_id;
    if (row.person_id) facts.unsubscribeUrl = await unsubscribeUrl(knex, publicUrl, tracked, row.person_id);
  } else {
    if (!row.inquiry_public_id) throw new Error(`notice ${row.id}: its inquiry is gone`);
    facts.inquiry = {
      publicId: row.inquiry_public_id,
      topic: row.topic ?? '',
      question: row.question ?? '',
      answer: row.answer,
      dueAt: row.due_at!,
      unitName: row.unit_name ?? '',
    };
  }
  return facts;
}

export function mailOf(from: string, to: string, notice: RenderedNotice, unsubscribe?: string): OutgoingMail {
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
  if (unsubscribe) {
    // RFC 8058 one-click: mail clients POST to the link; GET shows a page with a button.
    headers['List-Unsubscribe'] = `<${headerSafe(unsubscribe, 500)}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return { from, to: headerSafe(to, 320), subject: notice.subject, text: notice.text, headers };
}

export interface SendOptions {
  mailer: Mailer;
  from: string;
  publicUrl: string;
  now?: () => Date;
  /** Notices claimed per statement. */
  batch?: number;
  /** Notices handed to SMTP at the same time. */
  concurrency?: number;
  /** Stop claiming more when this turns true (shutdown). */
  stopped?: () => boolean;
}

/** One pass over the due notices (at most a few batches); the counts of what happened. */
export async function sendDue(db: Database, o: SendOptions): Promise<PassResult> {
  const total: PassResult = { claimed: 0, sent: 0, failed: 0, dead: 0 };
  const batch = o.batch ?? 50;
  const clock = o.now ?? (() => new Date());
  for (;;) {
    if (o.stopped?.()) break;
    const rows = await claimDue(db.knex, clock(), batch);
    total.claimed += rows.length;
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        const outcome = await deliver(db.knex, row, o, clock);
        total[outcome] += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 2) }, worker));
    if (rows.length < batch) break;
  }
  return total;
}

/**
 * A worker settles only the row it claimed: still 'sending' at the attempt it counted. A row the
 * resident cancelled meanwhile (unsubscribe) stays cancelled, and a worker whose lease ran out
 * cannot overwrite what a second worker (the cron pass beside the server) has since recorded.
 */
const OUR_CLAIM = `id = ? AND status = 'sending' AND attempts = ?`;

async function deliver(knex: Knex, row: ClaimedRow, o: SendOptions, clock: () => Date): Promise<'sent' | 'failed' | 'dead'> {
  let rendered: RenderedNotice | undefined;
  try {
    const facts = await factsOf(knex, row, o.publicUrl, clock());
    rendered = renderNotice(facts);
    const info = await o.mailer.send(mailOf(o.from, row.to_address, rendered, facts.unsubscribeUrl));
    await knex.raw(`UPDATE notifications SET status = 'sent', sent_at = ?, subject = ?, body = ?, message_id = ?, last_error = NULL WHERE ${OUR_CLAIM}`, [
      clock(),
      rendered.subject,
      rendered.text,
      info.messageId ?? null,
      row.id,
      row.attempts,
    ]);
    return 'sent';
  } catch (err) {
    const dead = row.attempts >= MAX_ATTEMPTS;
    const retryAt = new Date(clock().getTime() + RETRY_DELAYS_MS[Math.min(row.attempts, RETRY_DELAYS_MS.length) - 1]);
    const message = String((err as Error)?.message ?? err).slice(0, 1000);
    await knex.raw(
      `UPDATE notifications SET status = ?, next_attempt_at = ?, last_error = ?, subject = coalesce(?, subject), body = coalesce(?, body) WHERE ${OUR_CLAIM}`,
      [dead ? 'dead' : 'failed', dead ? clock() : retryAt, message, rendered?.subject ?? null, rendered?.text ?? null, row.id, row.attempts],
    );
    return dead ? 'dead' : 'failed';
  }
}

/** The SMTP URL for the log, its password blanked (parsed, so a password with / or # is caught too). */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'smtp URL (unparsable, not logged)';
  }
}

export interface Notifier {
  stop(): Promise<void>;
}

/**
 * The loop in the server process: a pass every `notifyIntervalMs`, stopped (after the pass in
 * flight) with the server. Without KONTAKT_SMTP_URL it does not run and says so once.
 */
export function startNotifier(deps: { db: Database; config: Config; log: Logger; mailer?: Mailer }): Notifier {
  const { db, config, log } = deps;
  if (!config.smtpUrl && !deps.mailer) {
    log.info('KONTAKT_SMTP_URL is not set: notices to residents are queued in the outbox, none is sent');
    return { stop: async () => undefined };
  }
  const mailer = deps.mailer ?? smtpMailer(config.smtpUrl!);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      const r = await sendDue(db, { mailer, from: config.mailFrom, publicUrl: config.publicUrl, stopped: () => stopped });
      if (r.claimed) log.info({ ...r }, 'notices dispatched');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'notice dispatch pass failed');
    }
    if (!stopped) {
      timer = setTimeout(() => (running = pass()), config.notifyIntervalMs);
      timer.unref();
    }
  };
  running = pass();
  log.info({ smtp: config.smtpUrl ? withoutPassword(config.smtpUrl) : 'injected mailer', intervalMs: config.notifyIntervalMs }, 'notice dispatcher started');
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      mailer.close();
    },
  };
}
