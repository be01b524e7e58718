/**
 * What the staff pages (/console, /unit, /account/password) share in their markup: the document head loading one
 * bundle of web/dist, and the login overlay whose ids web/lib/staff-login.ts drives. One copy, so
 * the login script and the forms it fills cannot drift apart.
 */
import { bundleTags } from './web-build';

/** From the doctype to the opening <body>: Polish first, the page's own CSS and script bundle (fingerprinted names from web/dist's manifest). */
export function staffDocumentStart(title: string, bundle: 'console' | 'unit' | 'account'): string {
  return `<!doctype html>
<html lang="pl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${bundleTags(bundle)}
</head>
<body>`;
}

/** The login overlay (hidden until the session check asks for it), titled for the page. */
export function loginOverlay(title: string): string {
  return `<div id="login" class="overlay" hidden>
  <form id="login-form" class="card" aria-labelledby="login-title">
    <h1 id="login-title" data-i18n="login.title">${title}</h1>
    <label><span data-i18n="login.email">E-mail</span> <input id="login-email" name="email" type="email" autocomplete="username" required></label>
    <label><span data-i18n="login.password">Hasło</span> <input id="login-password" name="password" type="password" autocomplete="current-password" required></label>
    <p id="login-error" class="error" role="alert"></p>
    <button type="submit" data-i18n="login.submit">Zaloguj</button>
  </form>
</div>`;
}
