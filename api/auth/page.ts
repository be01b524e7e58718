/**
 * The password page (/account/password, issue #11 item 9): where a staff member changes their
 * password, and the only page an account on its one-time password can use (the other staff pages
 * send it here, web/lib/staff-api.ts). Static, labelled markup; web/account/main.ts drives it
 * through POST /api/auth/password. No inline script (the Content-Security-Policy forbids it).
 */
import { Router } from 'express';
import { loginOverlay, staffDocumentStart } from '../http/staff-shell';
import { MIN_PASSWORD_LENGTH } from '../accounts/staff';

export function accountPageRoutes(): Router {
  const router = Router();
  router.get('/password', (_req, res) => {
    res.set('Cache-Control', 'no-store').type('html').send(passwordPage());
  });
  return router;
}

export function passwordPage(): string {
  return `${staffDocumentStart('Kontakt — zmiana hasła', 'account')}
${loginOverlay('Logowanie — zmiana hasła')}
<header class="top">
  <strong>Kontakt</strong>
  <span class="spacer"></span>
  <button id="lang" type="button" aria-label="Język / language">EN</button>
  <span id="who"></span>
  <button id="logout" type="button" data-i18n="top.logout">Wyloguj</button>
</header>
<main id="app" hidden>
  <form id="password-form" class="card" aria-labelledby="password-title" novalidate>
    <h1 id="password-title" data-i18n="pw.title">Zmiana hasła</h1>
    <p id="pw-forced" class="notice" role="status" data-i18n="pw.forced" hidden>Logujesz się hasłem jednorazowym. Ustaw własne hasło, aby przejść dalej.</p>
    <input id="pw-username" type="email" autocomplete="username" hidden>
    <label><span data-i18n="pw.current">Obecne hasło</span> <input id="pw-current" type="password" autocomplete="current-password" required></label>
    <label><span data-i18n="pw.new">Nowe hasło</span> <input id="pw-new" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required aria-describedby="pw-rules"></label>
    <label><span data-i18n="pw.repeat">Powtórz nowe hasło</span> <input id="pw-repeat" type="password" autocomplete="new-password" required></label>
    <p id="pw-rules" class="muted" data-i18n="pw.rules">Co najmniej ${MIN_PASSWORD_LENGTH} znaków (najlepiej kilka słów), inne niż adres e-mail i niż obecne hasło.</p>
    <ul id="pw-error" class="error" role="alert"></ul>
    <button type="submit" class="primary" data-i18n="pw.submit">Zmień hasło</button>
    <p class="muted" data-i18n="pw.sessions">Po zmianie hasła wszystkie inne sesje tego konta zostaną zakończone.</p>
  </form>
</main>
<div id="toast" role="status" aria-live="polite"></div>
</body>
</html>`;
}
