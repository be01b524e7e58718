/**
 * The one door through which free text leaves Kontakt publicly (issue #11 §4). Every public output
 * of a resident's or a staff member's words calls publicText on the stored, raw text at the moment
 * it answers:
 * - Open311 GET requests (JSON and XML): description, status_notes, notes[].description (views.ts);
 * - Open311 GET servicerequestupdates: description (updates.ts);
 * - /api/public/requests/:id (the follow page /r/<id>, the map's popup): description, statusNotes,
 *   history[].note; /api/public/nearby ("is it one of these?"): description (api/public/store.ts);
 * - e-mail notices that quote a note to every reporter of a request (api/notify/templates.ts).
 * The public map itself (api/map) sends no free text: ids, codes, statuses and points only.
 *
 * Why at read time, not a stored public copy: the scrubber improves (this issue replaced it) and a
 * stored copy would keep what an older scrubber missed, and every writer (intake, batch import,
 * Open311 updates, staff notes, status changes) would have to remember to write it. Reading raw and
 * scrubbing here means one code path, always as good as the current scrubber. The cost is measured
 * in bench/open311.ts (see README): a memo of recent texts keeps repeated list pages cheap.
 *
 * Staff surfaces (console, unit inbox) show the raw text: they never call this.
 */
import { scrubPersonalData } from './scrub';

/** Characters (keys and values) the memo may hold: ~8 MB of UTF-16, whatever the texts' lengths. */
const MEMO_CHARS = 4_000_000;
const memo = new Map<string, string>();
let memoChars = 0;

/** Scrubbed text for public output; null and undefined stay null, '' stays ''. */
export function publicText(text: string | null | undefined): string | null {
  if (text == null) return null;
  if (text === '' || !/[\d@\[({<]|at|ma[łl]pa/iu.test(text)) return text;
  const known = memo.get(text);
  if (known !== undefined) return known;
  const out = scrubPersonalData(text);
  // A Map iterates in insertion order: dropping the first keys drops the oldest entries.
  memoChars += text.length + out.length;
  memo.set(text, out);
  for (const [k, v] of memo) {
    if (memoChars <= MEMO_CHARS) break;
    memo.delete(k);
    memoChars -= k.length + v.length;
  }
  return out;
}
