/**
 * The unit page shell (/unit). Static, labelled markup (screen readers and the browser test find
 * every control by its label); web/unit/main.ts brings it to life. Polish first; `data-i18n` keys
 * switch it to English without a reload. The login form uses the same ids as the console's, so
 * both pages share web/lib/staff-login.ts.
 */
import { loginOverlay, staffDocumentStart } from '../http/staff-shell';

export function unitPage(): string {
  return `${staffDocumentStart('Kontakt — druga linia', 'unit')}
${loginOverlay('Logowanie — druga linia')}
<header class="top">
  <strong>Kontakt</strong> <span id="unit-name"></span>
  <span class="spacer"></span>
  <button id="lang" type="button" aria-label="Język / language">EN</button>
  <span id="who"></span>
  <a id="change-password" href="/account/password?next=%2Funit" data-i18n="top.password">Zmień hasło</a>
  <button id="logout" type="button" data-i18n="top.logout">Wyloguj</button>
</header>
<div id="refused" class="card notice" role="alert" hidden></div>
<main class="layout" id="app" hidden>
  <section class="list-pane" aria-labelledby="list-title">
    <h1 id="list-title" data-i18n="list.title">Pytania przekazane do jednostki</h1>
    <label id="unit-filter-box" hidden><span data-i18n="list.unit">Jednostka</span> <select id="unit-filter"><option value="" data-i18n="list.allUnits">wszystkie</option></select></label>
    <nav class="tabs" role="tablist" aria-label="Status">
      <button role="tab" id="tab-open" data-status="open" aria-controls="inquiry-list" aria-selected="true"><span data-i18n="tab.open">Do odpowiedzi</span> <span class="count" id="count-open"></span></button>
      <button role="tab" id="tab-answered" data-status="answered" aria-controls="inquiry-list" aria-selected="false"><span data-i18n="tab.answered">Odpowiedziane</span> <span class="count" id="count-answered"></span></button>
      <button role="tab" id="tab-returned" data-status="returned" aria-controls="inquiry-list" aria-selected="false"><span data-i18n="tab.returned">Zwrócone</span> <span class="count" id="count-returned"></span></button>
      <button role="tab" id="tab-all" data-status="all" aria-controls="inquiry-list" aria-selected="false"><span data-i18n="tab.all">Wszystkie</span> <span class="count" id="count-all"></span></button>
    </nav>
    <p id="overdue-note" class="overdue-note" role="status"></p>
    <ul id="inquiry-list" class="inquiries" role="tabpanel" aria-label="Lista pytań"></ul>
    <div class="pager">
      <button id="prev-page" type="button" data-i18n="list.prev">Poprzednie</button>
      <span id="page-info" aria-live="polite"></span>
      <button id="next-page" type="button" data-i18n="list.next">Następne</button>
    </div>
  </section>
  <section id="detail" class="detail-pane" aria-labelledby="detail-title" hidden>
    <button id="back" type="button" class="link back" data-i18n="detail.back">← Wróć do listy</button>
    <h2 id="detail-title"></h2>
    <p id="detail-sla" class="sla"></p>
    <blockquote id="detail-question" class="question"></blockquote>
    <dl id="detail-facts" class="facts"></dl>
    <div id="detail-map" class="mini-map" role="img" aria-label="Mapa: miejsce, którego dotyczy pytanie" hidden></div>
    <div id="answer-box" class="card confirm" role="status" hidden></div>
    <form id="answer-form" hidden>
      <label><span data-i18n="answer.label">Odpowiedź dla mieszkańca</span> <textarea id="answer-text" rows="6" maxlength="4000" required></textarea></label>
      <p class="muted"><span id="answer-count">0</span> / 4000 · <span data-i18n="answer.hint">Odpowiedź trafi do mieszkańca wybranym kanałem; nie można jej potem zmienić.</span></p>
      <p id="answer-error" class="error" role="alert"></p>
      <button type="submit" class="primary"><span data-i18n="answer.submit">Wyślij odpowiedź</span> <kbd>Ctrl+Enter</kbd></button>
    </form>
    <details id="return-box" hidden>
      <summary data-i18n="return.title">To nie nasza sprawa — zwróć do pierwszej linii</summary>
      <form id="return-form">
        <label><span data-i18n="return.reason">Powód (np. właściwa jednostka)</span> <textarea id="return-reason" rows="2" maxlength="1000" required></textarea></label>
        <p id="return-error" class="error" role="alert"></p>
        <button type="submit" data-i18n="return.submit">Zwróć do pierwszej linii</button>
      </form>
    </details>
  </section>
</main>
<div id="toast" role="status" aria-live="polite"></div>
</body>
</html>`;
}
