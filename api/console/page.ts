/**
 * The console page shell. The markup is static and labelled (so screen readers and the browser
 * tests find every control by its label); web/console/main.ts brings it to life. Texts are Polish
 * first; `data-i18n` keys let the page switch to English without a reload.
 */
import { loginOverlay, staffDocumentStart } from '../http/staff-shell';

export function consolePage(_options: { tileUrl?: string }): string {
  return `${staffDocumentStart('Kontakt — konsola', 'console')}
${loginOverlay('Logowanie do konsoli')}
<header class="top">
  <strong>Kontakt</strong> <span id="city-name"></span>
  <span class="spacer"></span>
  <span id="clock" aria-live="off" title="Czas kontaktu"></span>
  <button id="lang" type="button" aria-label="Język / language">EN</button>
  <span id="who"></span>
  <a id="change-password" href="/account/password?next=%2Fconsole" data-i18n="top.password">Zmień hasło</a>
  <button id="logout" type="button" data-i18n="top.logout">Wyloguj</button>
</header>
<main class="layout">
  <section class="panel" aria-label="Panel kontaktu">
    <div class="row">
      <button id="new-contact" type="button" class="primary"><span data-i18n="contact.new">Nowy kontakt</span> <kbd>Alt+N</kbd></button>
      <label class="inline"><span data-i18n="contact.channel">Kanał</span>
        <select id="channel">
          <option value="phone" data-i18n="ch.phone">telefon</option>
          <option value="in_person" data-i18n="ch.in_person">osobiście</option>
          <option value="fax" data-i18n="ch.fax">faks</option>
          <option value="email" data-i18n="ch.email">e-mail</option>
          <option value="sms" data-i18n="ch.sms">SMS</option>
          <option value="chat" data-i18n="ch.chat">czat</option>
        </select>
      </label>
    </div>
    <div id="contact-status" class="muted" aria-live="polite"></div>
    <details id="caller-box">
      <summary data-i18n="caller.title">Dzwoniący (opcjonalnie)</summary>
      <div class="row">
        <label class="grow"><span data-i18n="caller.phone">Telefon</span> <input id="caller-phone" type="tel" autocomplete="off"></label>
        <label class="grow"><span data-i18n="caller.email">E-mail</span> <input id="caller-email" type="email" autocomplete="off"></label>
      </div>
      <div class="row">
        <label class="grow"><span data-i18n="caller.first">Imię</span> <input id="caller-first" autocomplete="off"></label>
        <label class="grow"><span data-i18n="caller.last">Nazwisko</span> <input id="caller-last" autocomplete="off"></label>
        <label><span data-i18n="caller.notify">Powiadomienia</span>
          <select id="caller-notify"><option value="none" data-i18n="notify.none">brak</option><option value="sms">SMS</option><option value="email">e-mail</option></select>
        </label>
        <label><span data-i18n="caller.language">Język powiadomień</span>
          <select id="caller-language"><option value="pl">polski</option><option value="en">English</option></select>
        </label>
      </div>
      <button id="caller-lookup" type="button" data-i18n="caller.lookup">Szukaj historii</button>
      <div id="caller-history" aria-live="polite"></div>
    </details>

    <nav class="tabs" role="tablist" aria-label="Tryb">
      <button role="tab" id="tab-report" aria-controls="pane-report" aria-selected="true"><span data-i18n="tab.report">Zgłoszenie</span> <kbd>Alt+1</kbd></button>
      <button role="tab" id="tab-kb" aria-controls="pane-kb" aria-selected="false"><span data-i18n="tab.kb">Baza wiedzy</span> <kbd>Alt+2</kbd></button>
      <button role="tab" id="tab-forward" aria-controls="pane-forward" aria-selected="false"><span data-i18n="tab.forward">Przekaż pytanie</span> <kbd>Alt+3</kbd></button>
      <button role="tab" id="tab-shift" aria-controls="pane-shift" aria-selected="false"><span data-i18n="tab.shift">Moja zmiana</span> <kbd>Alt+4</kbd></button>
    </nav>

    <div id="pane-report" role="tabpanel" aria-labelledby="tab-report">
      <div class="combo">
        <label for="search"><span data-i18n="search.label">Adres, skrzyżowanie, obiekt, jednostka, nr zgłoszenia lub współrzędne</span> <kbd>/</kbd></label>
        <input id="search" type="search" role="combobox" aria-expanded="false" aria-controls="search-list" aria-autocomplete="list" autocomplete="off"
               placeholder="np. Marszałkowska 12 / 52.2297 21.0122 / 7K3M-Q9X-A2B">
        <ul id="search-list" role="listbox" aria-label="Wyniki wyszukiwania" hidden></ul>
      </div>
      <div id="place" class="card" aria-live="polite" hidden>
        <div><span data-i18n="place.address">Adres</span>: <strong id="place-address"></strong></div>
        <div><span data-i18n="place.district">Dzielnica</span>: <strong id="place-district"></strong></div>
        <div><span data-i18n="place.unit">Jednostka</span>: <strong id="place-unit"></strong></div>
        <h3 data-i18n="place.nearby">Już zgłoszone w pobliżu</h3>
        <ol id="candidates" class="candidates"></ol>
      </div>
      <div class="combo">
        <label for="service-search"><span data-i18n="service.label">Kategoria zgłoszenia</span> <kbd>Alt+S</kbd></label>
        <input id="service-search" type="search" role="combobox" aria-expanded="false" aria-controls="service-list" autocomplete="off">
        <ul id="service-list" role="listbox" aria-label="Kategorie" hidden></ul>
      </div>
      <form id="report-form" hidden>
        <h3 id="form-title"></h3>
        <div id="attributes"></div>
        <label><span data-i18n="form.description">Opis</span> <textarea id="description" rows="3" maxlength="4000"></textarea></label>
        <p id="form-error" class="error" role="alert"></p>
        <button type="submit" class="primary"><span data-i18n="form.submit">Wyślij zgłoszenie</span> <kbd>Ctrl+Enter</kbd></button>
      </form>
      <div id="confirmation" class="card confirm" role="status" hidden></div>
    </div>

    <div id="pane-kb" role="tabpanel" aria-labelledby="tab-kb" hidden>
      <label for="kb-search"><span data-i18n="kb.search">Szukaj w bazie wiedzy</span></label>
      <input id="kb-search" type="search" autocomplete="off">
      <ol id="kb-results" class="kb-results"></ol>
      <article id="kb-article" class="card" hidden></article>
      <div id="kb-status" role="status"></div>
    </div>

    <div id="pane-forward" role="tabpanel" aria-labelledby="tab-forward" hidden>
      <form id="forward-form">
        <label><span data-i18n="fw.question">Pytanie mieszkańca</span> <textarea id="fw-question" rows="3" required maxlength="4000"></textarea></label>
        <label><span data-i18n="fw.topic">Temat</span> <input id="fw-topic" autocomplete="off"></label>
        <div class="row">
          <label class="grow"><span data-i18n="fw.district">Dzielnica</span> <select id="fw-district"><option value="">—</option></select></label>
          <label class="grow"><span data-i18n="fw.service">Kategoria</span> <select id="fw-service"><option value="">—</option></select></label>
        </div>
        <div class="row">
          <label class="grow"><span data-i18n="fw.unit">Jednostka (puste: według reguł)</span> <select id="fw-unit"><option value="">—</option></select></label>
          <label class="grow"><span data-i18n="fw.reply">Odpowiedź do mieszkańca</span>
            <select id="fw-reply"><option value="none" data-i18n="notify.none">brak</option><option value="email">e-mail</option><option value="sms">SMS</option><option value="phone" data-i18n="ch.phone">telefon</option><option value="letter" data-i18n="fw.letter">list</option></select>
          </label>
        </div>
        <p id="fw-error" class="error" role="alert"></p>
        <button type="submit" class="primary" data-i18n="fw.submit">Przekaż do drugiej linii</button>
      </form>
      <div id="fw-result" class="card confirm" role="status" hidden></div>
      <section id="returned-box" class="card" aria-labelledby="returned-title" aria-live="polite" hidden></section>
    </div>

    <div id="pane-shift" role="tabpanel" aria-labelledby="tab-shift" aria-live="polite" hidden></div>
  </section>

  <section class="mapbox" aria-label="Mapa">
    <div id="map" tabindex="0" aria-label="Mapa miasta: kliknij, aby postawić pinezkę; przeciągnij pinezkę, aby ją przesunąć"></div>
    <form id="filters" class="filters" aria-label="Filtry mapy">
      <label><span data-i18n="flt.status">Status</span> <select id="flt-status"><option value="" data-i18n="flt.any">wszystkie</option><option value="open" data-i18n="flt.open">otwarte</option><option value="closed" data-i18n="flt.closed">zamknięte</option></select></label>
      <label><span data-i18n="flt.age">Wiek</span> <select id="flt-age"><option value="" data-i18n="flt.any">wszystkie</option><option value="1">1 d</option><option value="7">7 d</option><option value="30">30 d</option><option value="365">365 d</option></select></label>
      <label><span data-i18n="flt.district">Dzielnica</span> <select id="flt-district"><option value="" data-i18n="flt.any">wszystkie</option></select></label>
      <label><span data-i18n="flt.service">Kategoria</span> <select id="flt-service"><option value="" data-i18n="flt.any">wszystkie</option></select></label>
    </form>
    <aside id="detail" class="detail" aria-label="Szczegóły zgłoszenia" hidden></aside>
  </section>
</main>
<div id="toast" role="status" aria-live="polite"></div>
</body>
</html>`;
}
