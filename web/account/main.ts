/**
 * The password page (/account/password, markup in api/auth/page.ts): log in if needed, then change
 * the password through POST /api/auth/password. An account on its one-time password is sent here
 * by every other staff page and goes on to the page it wanted (`?next=`) once the change is done.
 */
import './style.css';
import { ApiError, auth, setCsrf, type StaffMember } from '../lib/staff-api';
import { logout, startWithLogin } from '../lib/staff-login';
import { staffI18n, type Locale } from '../lib/staff-i18n';

const { t, locale, setLocale } = staffI18n({
  'login.title': ['Logowanie — zmiana hasła', 'Log in — change password'],
  'pw.title': ['Zmiana hasła', 'Change password'],
  'pw.forced': [
    'Logujesz się hasłem jednorazowym. Ustaw własne hasło, aby przejść dalej.',
    'You logged in with a one-time password. Set your own password to continue.',
  ],
  'pw.current': ['Obecne hasło', 'Current password'],
  'pw.new': ['Nowe hasło', 'New password'],
  'pw.repeat': ['Powtórz nowe hasło', 'Repeat the new password'],
  'pw.rules': [
    'Co najmniej 12 znaków (najlepiej kilka słów), inne niż adres e-mail i niż obecne hasło.',
    'At least 12 characters (a few words are best), not your e-mail address, not your current password.',
  ],
  'pw.submit': ['Zmień hasło', 'Change password'],
  'pw.sessions': ['Po zmianie hasła wszystkie inne sesje tego konta zostaną zakończone.', 'Changing the password ends every other session of this account.'],
  'pw.mismatch': ['Powtórzone hasło różni się od nowego.', 'The repeated password differs from the new one.'],
  'pw.short': ['Nowe hasło musi mieć co najmniej 12 znaków.', 'The new password must be at least 12 characters long.'],
  'pw.long': ['Nowe hasło może mieć najwyżej 256 znaków.', 'The new password may be at most 256 characters long.'],
  'pw.email': ['Nowe hasło nie może być adresem e-mail (ani jego częścią przed @).', 'The new password must not be the e-mail address (or its part before @).'],
  'pw.repeated': ['Nowe hasło nie może składać się z jednego powtórzonego znaku.', 'The new password must not be one character repeated.'],
  'pw.same': ['Nowe hasło musi różnić się od obecnego.', 'The new password must differ from the current one.'],
  'pw.wrongCurrent': ['Obecne hasło jest nieprawidłowe.', 'The current password is wrong.'],
  'pw.done': ['Hasło zmienione.', 'Password changed.'],
});

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
let staff: StaffMember | undefined;

/** The server's rule texts (api/accounts/staff.ts) in the page's language; unknown ones as sent. */
const RULES: Array<[RegExp, string]> = [
  [/at least \d+ characters/, 'pw.short'],
  [/at most \d+ characters/, 'pw.long'],
  [/e-mail address/, 'pw.email'],
  [/one character repeated/, 'pw.repeated'],
  [/differ from the current password/, 'pw.same'],
  [/current password is wrong/, 'pw.wrongCurrent'],
];
const ruleText = (description: string) => {
  const known = RULES.find(([re]) => re.test(description));
  return known ? t(known[1]) : description;
};

function showErrors(texts: string[]): void {
  $('pw-error').replaceChildren(...texts.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
}

/** Where to go afterwards: the page that sent us here (a path of this site only), else the staff member's own page. */
function nextPage(member: StaffMember): string {
  const next = new URLSearchParams(location.search).get('next') ?? '';
  if (/^\/(?!\/)[^\s\\]*$/.test(next) && !next.startsWith('/account/')) return next;
  return member.role === 'unit_staff' ? '/unit' : '/console';
}

async function submit(e: Event): Promise<void> {
  e.preventDefault();
  const current = $<HTMLInputElement>('pw-current').value;
  const next = $<HTMLInputElement>('pw-new').value;
  const problems: string[] = [];
  if ([...next].length < 12) problems.push(t('pw.short'));
  if (staff && [staff.email.toLowerCase(), staff.email.toLowerCase().split('@')[0]].includes(next.trim().toLowerCase())) problems.push(t('pw.email'));
  if (next !== $<HTMLInputElement>('pw-repeat').value) problems.push(t('pw.mismatch'));
  showErrors(problems);
  if (problems.length) return;
  try {
    const changed = await auth.changePassword(current, next);
    setCsrf(changed.csrfToken);
    showErrors([]);
    $('pw-error').textContent = '';
    $('toast').textContent = t('pw.done');
    location.assign(nextPage(changed.staff));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return location.reload();
    if (err instanceof ApiError && err.status === 429)
      return showErrors([t('login.locked', { minutes: Number(/(\d+) more minute/.exec(err.message)?.[1] ?? 15) })]);
    showErrors(
      err instanceof ApiError && err.details.length ? err.details.map((d) => ruleText(d.description)) : [`${t('error.generic')}: ${(err as Error).message}`],
    );
  }
}

function show(member: StaffMember): void {
  staff = member;
  $('who').textContent = member.name ?? member.email;
  $<HTMLInputElement>('pw-username').value = member.email;
  $('pw-forced').hidden = !member.mustChangePassword;
  $('app').hidden = false;
  $('pw-current').focus();
  document.body.dataset.ready = 'true';
}

setLocale((localStorage.getItem('kontakt.locale') as Locale) || 'pl');
$('lang').textContent = locale() === 'pl' ? 'EN' : 'PL';
$('lang').addEventListener('click', () => {
  setLocale(locale() === 'pl' ? 'en' : 'pl');
  localStorage.setItem('kontakt.locale', locale());
  $('lang').textContent = locale() === 'pl' ? 'EN' : 'PL';
});
$('logout').addEventListener('click', () => void logout());
$('password-form').addEventListener('submit', (e) => void submit(e));
void startWithLogin({
  onLoggedIn: show,
  failedText: () => t('login.failed'),
  lockedText: (minutes) => t('login.locked', { minutes }),
  acceptsOneTimePassword: true,
}).catch((err) => showErrors([`${t('error.generic')}: ${(err as Error).message}`]));
