/**
 * The confirmation link of the one message an unconfirmed address gets (confirm.ts):
 * `GET /notify/confirm?t=` shows a page with one button and changes nothing (mail systems open
 * links to scan them, and a scanner must not confirm a stranger's address); the button POSTs to
 * the same URL, which confirms. A plain form, no script (the pages' CSP allows none inline).
 * Bilingual, with no personal data: the page does not even show the address.
 */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { addressOfToken, confirmAddress } from './confirm';
import { esc, page } from './unsubscribe-page';

const token = (req: Request) => (typeof req.query.t === 'string' ? req.query.t : '');

function refused(res: Response, reason: 'invalid' | 'expired' | 'unknown'): void {
  // 410 for a link that was good and is too old; 404 for one we signed whose address is gone; 400 for the rest.
  const status = reason === 'expired' ? 410 : reason === 'unknown' ? 404 : 400;
  const [pl, en] =
    reason === 'expired'
      ? [
          'Ten link do potwierdzenia adresu wygasł. Nowy wyślemy przy następnym zgłoszeniu z tym adresem.',
          'This confirmation link has expired. We will send a new one with your next report from this address.',
        ]
      : reason === 'unknown'
        ? ['Nie znaleźliśmy adresu, którego dotyczy ten link.', 'The address this link is about no longer exists.']
        : ['Ten link do potwierdzenia adresu jest niepełny lub nieprawidłowy.', 'This confirmation link is incomplete or invalid.'];
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(page('Kontakt', `<h1>Nie można potwierdzić adresu</h1><p>${pl}</p><p lang="en">${en}</p>`));
}

const done = (res: Response) =>
  res
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      page(
        'Kontakt',
        `
<h1>Adres potwierdzony</h1><p>Dziękujemy. Będziemy wysyłać na ten adres informacje o Państwa zgłoszeniach; każda wiadomość ma link do wyłączenia powiadomień.</p>
<p lang="en">Thank you: your address is confirmed. We will send you news of your reports; every message has a link to stop them.</p>`,
      ),
    );

export function confirmHandlers(knex: Knex) {
  return {
    async show(req: Request, res: Response): Promise<void> {
      const t = token(req);
      const found = await addressOfToken(knex, t);
      if (!found.ok) return refused(res, found.reason);
      if (found.confirmed) {
        done(res);
        return;
      }
      res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(
          page(
            'Kontakt',
            `
<h1>Potwierdzenie adresu e-mail</h1>
<p>Czy chcą Państwo dostawać na ten adres informacje o swoich zgłoszeniach?</p>
<p lang="en">Do you want to receive news of your reports at this address?</p>
<form method="post" action="${esc(`?t=${encodeURIComponent(t)}`)}"><button type="submit">Potwierdzam / Confirm</button></form>`,
          ),
        );
    },
    async confirm(req: Request, res: Response): Promise<void> {
      const outcome = await confirmAddress(knex, token(req));
      if (!outcome.ok) return refused(res, outcome.reason);
      done(res);
    },
  };
}
