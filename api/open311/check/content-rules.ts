/**
 * Rules on what public answers say: no personal data in public text fields (e-mail addresses and
 * phone numbers, found by the same detector that scrubs Kontakt's own public text, and the private
 * fields the check itself sent with its test requests), and no mojibake anywhere (U+FFFD, or the
 * `Ã³`/`Å¼` pairs that UTF-8 read as Latin-1 leaves behind).
 */
import { scrubPersonalData } from '../../privacy/scrub';
import { Probe, Row, isRow, rowsOf } from './probe';

/** Fields a client shows the public; where a reporter's words (or a clerk's) end up. */
const PUBLIC_TEXT = ['description', 'status_notes', 'service_notice'];
const MOJIBAKE = /\uFFFD|[ÃÅÄÂ][\u0080-\u00BF]|â€/;

export interface Texts {
  /** Rows of requests (with notes) and updates, by where they came from. */
  requests: Row[];
  updates: Row[];
  /** Everything else read (services, definitions), scanned for mojibake only. */
  other: unknown[];
}

function publicTexts(t: Texts): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  const add = (where: string, v: unknown) => typeof v === 'string' && v && out.push({ where, text: v });
  for (const r of t.requests) {
    for (const k of PUBLIC_TEXT) add(`request ${String(r.service_request_id)} ${k}`, r[k]);
    for (const n of rowsOf(r.notes)) add(`request ${String(r.service_request_id)} note`, n.description);
  }
  for (const u of t.updates) add(`update ${String(u.update_id)} description`, u.description);
  return out;
}

function allStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) allStrings(x, out);
  else if (isRow(v)) for (const x of Object.values(v)) allStrings(x, out);
  return out;
}

/** Shows where personal data was found without repeating all of it. */
function mask(s: string): string {
  return s.length <= 4 ? '…' : `${s.slice(0, 2)}…${s.slice(-2)}`;
}

export function checkContent(p: Probe, t: Texts, sentPrivate: Record<string, string>): void {
  const texts = publicTexts(t);
  const rule = 'no personal data (e-mail, phone number) in public fields';
  let found: string | undefined;
  for (const { where, text } of texts) {
    const scrubbed = scrubPersonalData(text);
    if (scrubbed !== text) {
      let i = 0;
      while (i < text.length && text[i] === scrubbed[i]) i++;
      let j = 0;
      while (j < text.length - i && text[text.length - 1 - j] === scrubbed[scrubbed.length - 1 - j]) j++;
      const removed = text.slice(i, text.length - j);
      const kind = /@|\[at\]|\(at\)|małpa/i.test(removed) ? 'an e-mail address' : 'a phone number';
      found = `${where} holds ${kind} (${mask(removed)})`;
      break;
    }
  }
  const bodies = allStrings([t.requests, t.updates]).join('\n');
  const leaked = Object.entries(sentPrivate).find(([k, v]) => k !== 'phone' && bodies.includes(v));
  if (!found && leaked) found = `the ${leaked[0]} sent privately with the test request is public (${mask(leaked[1])})`;
  if (!texts.length && !leaked) p.skip(rule, 'no public text to check');
  else p.rule(rule, !found, found ?? `${texts.length} texts`);

  const strings = allStrings([t.requests, t.updates, t.other]);
  const bad = strings.find((s) => MOJIBAKE.test(s));
  const m = bad ? MOJIBAKE.exec(bad)! : undefined;
  p.rule(
    'no mojibake (U+FFFD, UTF-8 read as Latin-1) in any text',
    !bad,
    bad ? `found ${JSON.stringify(m![0])}` : `${strings.length} strings`,
    bad ? bad.slice(Math.max(0, m!.index - 40), m!.index + 40) : undefined,
  );
}
