/**
 * The unsubscribe link of a notice: `GET /r/<number>/unsubscribe?p=&t=` shows a page with one
 * button (mail scanners open links, so a GET changes nothing); the button, and mail clients doing
 * RFC 8058 one-click, POST to the same URL, which sets the reporter's notify to 'none'.
 * Bilingual page, no personal data on it.
 */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { macMatches, unsubscribe, unsubscribeKey } from './outbox';
import { escapeHtml } from '../../kernel/escape';

export const esc = escapeHtml;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style></head>
<body>${body}</body></html>`;
}

const params = (req: Request) => ({ publicId: String(req.params.id), personId: String(req.query.p ?? ''), mac: String(req.query.t ?? '') });

export function unsubscribeHandlers(knex: Knex) {
  const bad = (res: Response) =>
    res
      .status(400)
      .type('html')
      .send(
        page(
          'Kontakt',
          `<h1>Nieprawidłowy link</h1><p>Ten link do wypisania się jest niepełny lub nieprawidłowy.</p><p lang="en">This unsubscribe link is incomplete or invalid.</p>`,
        ),
      );
  return {
    async show(req: Request, res: Response): Promise<void> {
      const p = params(req);
      if (!macMatches(await unsubscribeKey(knex), p.publicId, p.personId, p.mac)) {
        bad(res);
        return;
      }
      const action = `?p=${encodeURIComponent(p.personId)}&t=${encodeURIComponent(p.mac)}`;
      res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(
          page(
            'Kontakt',
            `
<h1>Powiadomienia o zgłoszeniu ${esc(p.publicId)}</h1>
<p>Czy wyłączyć wiadomości e-mail o tym zgłoszeniu?</p>
<p lang="en">Stop e-mails about request ${esc(p.publicId)}?</p>
<form method="post" action="${esc(action)}"><button type="submit">Wyłącz powiadomienia / Stop notices</button></form>`,
          ),
        );
    },
    async confirm(req: Request, res: Response): Promise<void> {
      const p = params(req);
      const done = await unsubscribe(knex, p.publicId, p.personId, p.mac);
      if (!done.ok) {
        bad(res);
        return;
      }
      res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(
          page(
            'Kontakt',
            `
<h1>Gotowe</h1><p>Nie będziemy już wysyłać wiadomości o zgłoszeniu ${esc(done.requestPublicId!)}. Jego status można nadal sprawdzać na stronie.</p>
<p lang="en">Done: no more e-mails about request ${esc(done.requestPublicId!)}. You can still follow it on the website.</p>`,
          ),
        );
    },
  };
}
