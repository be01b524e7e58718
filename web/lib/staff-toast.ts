/** The staff pages' passing messages: one `#toast` element shows a text for four seconds. */
import { ApiError } from './staff-api';

export function toast(text: string): void {
  const box = document.getElementById('toast')!;
  box.textContent = text;
  box.classList.add('show');
  setTimeout(() => box.classList.remove('show'), 4000);
}

/** What to tell staff about a failed call: the API's own words, else the page's word for "error" and the message. */
export const errorText = (err: unknown, errorWord: string) => (err instanceof ApiError ? err.message : `${errorWord}: ${(err as Error).message}`);
