import assert from 'node:assert/strict';
import { scrubPersonalData, SCRUB_MARK } from './scrub';

const M = SCRUB_MARK;

/** [text, expected]: each row is one sentence as residents and staff write them. */
const REMOVE: Array<[string, string]> = [
  // Polish mobile and landline numbers in the forms people type them.
  ['Proszę dzwonić 601 23 45 67 po 16:00', `Proszę dzwonić ${M} po 16:00`],
  ['tel. 601.234.567, proszę', `tel. ${M}, proszę`],
  ['Kontakt (22) 1234567 w godz. 8-16', `Kontakt ${M} w godz. 8-16`],
  ['Numer 6912 345 67 – pan Jan', `Numer ${M} – pan Jan`],
  ['dzwonić +48 601 234 567 wieczorem', `dzwonić ${M} wieczorem`],
  ['tel 0048601234567.', `tel ${M}.`],
  ['tel. +48601234567, proszę', `tel. ${M}, proszę`],
  ['tel. 0048 601-234-567, proszę', `tel. ${M}, proszę`],
  ['tel. 601 234 567, proszę', `tel. ${M}, proszę`],
  ['tel. 601-234-567, proszę', `tel. ${M}, proszę`],
  ['tel. 601234567, proszę', `tel. ${M}, proszę`],
  ['tel. 22 123 45 67, proszę', `tel. ${M}, proszę`],
  ['tel. (22) 123-45-67, proszę', `tel. ${M}, proszę`],
  ['tel. +48 22 123 45 67, proszę', `tel. ${M}, proszę`],
  ['tel. +48 (22) 123 45 67 lub 0 22 123 45 67', `tel. ${M} lub ${M}`],
  ['tel.:512345678', `tel.:${M}`],
  ['Sąsiad (tel 48 601 234 567) wie więcej', `Sąsiad (tel ${M}) wie więcej`],
  ['numery 601 234 567 i 22 123 45 67', `numery ${M} i ${M}`],
  ['od 14.03.2026 601 234 567 zgłaszam', `od 14.03.2026 ${M} zgłaszam`],
  ['Długa 15/7 601 234 567', `Długa 15/7 ${M}`],
  // A plain group touching the number may be part of it: it goes with it, no fragment stays.
  ['zadzwoń 601 234 567 12 razy', `zadzwoń ${M} razy`],
  // Foreign numbers, with + or 00.
  ['call +1 212 555 0100 now', `call ${M} now`],
  ['call +44 20 7946 0958 now', `call ${M} now`],
  ['call +420 777 123 456 now', `call ${M} now`],
  ['call 0049 30 1234 5678 now', `call ${M} now`],
  // E-mail addresses, plain and disguised.
  ['pisz: jan.kowalski+x@poczta.example.pl dzięki', `pisz: ${M} dzięki`],
  ['mail: zażółć@gęślą.example.pl', `mail: ${M}`],
  ['Proszę o odpowiedź na name[at]example[dot]net', `Proszę o odpowiedź na ${M}`],
  ['kontakt: jan(at)example.org', `kontakt: ${M}`],
  ['kontakt: jan (at) example (dot) org, dziękuję', `kontakt: ${M}, dziękuję`],
  ['adres jan.nowak{at}firma{dot}com.pl', `adres ${M}`],
  ['pisać: ewa małpa example kropka pl', `pisać: ${M}`],
  ['E-MAIL: JAN@EXAMPLE.COM', `E-MAIL: ${M}`],
  ['jan@example.com; 601 234 567', `${M}; ${M}`],
  // PESEL (valid checksum and birth date).
  ['PESEL zgłaszającego: 44051401359', `PESEL zgłaszającego: ${M}`],
  ['pesel 02270803624 (syn)', `pesel ${M} (syn)`],
];

const KEEP: string[] = [
  // Dates and times.
  'Dziura od 2026-03-14, zgłaszam ponownie',
  'Zgłoszenie nr 1796411985630 z 14.03.2026',
  'Od 14 marca 2026 nie świeci',
  'Wczoraj o 14:30 i dziś o 7.45',
  'Otwarte 8:00-16:00, sobota 10-14',
  'W latach 2019-2026 trzy razy',
  'Od 1.03.2026 do 31.12.2026 r.',
  // Addresses.
  'Kod 00-950 Warszawa, ul. Długa 15/7',
  'ul. Długa 15/7, 00-950 Warszawa',
  'Marszałkowska 12A/5, kod 02-495, 3 latarnie, słup nr 12345',
  'Al. Jerozolimskie 123/45 m. 6',
  // Transport.
  'linia 123, kurs 456, przystanek 01',
  'Autobus 523 o 7:45 z przystanku Dworzec Centralny 05',
  'Tramwaje 4, 15, 18 i 35 stoją',
  // Long references and registers: kept whole.
  'Sprawa 1796411985630 nadal otwarta',
  'Nr referencyjny: 1796411985630.',
  'Numer sprawy 2026/03/14/000123',
  'Faktura FV/2026/03/000123',
  'Konto PL61 1090 1014 0000 0712 1981 2874',
  'IBAN PL61109010140000071219812874',
  'NIP 123-456-32-18 firmy wykonawczej',
  'NIP firmy 5252248481',
  'PESEL z błędną sumą 44051401358 to numer sprawy',
  'Licznik 12345678 wskazuje',
  'Umowa 7/2026/ZDM z dnia 02.01.2026',
  // Amounts.
  'Koszt naprawy 1 234,50 zł',
  'Kara 123 456 789 zł to za dużo',
  'Budżet 601 234 567,00 PLN',
  'Wartość 12 345 678,90',
  // Numbers, counts, coordinates.
  'Rok budowy 1968, remont 2026',
  'GPS 52.2297, 21.0122',
  'Współrzędne 52,2297 21,0122',
  'Pozycja 52.229700 21.012200',
  '3 latarnie, 12 drzew, 150 m chodnika',
  'Pomiar: 85 dB o 23:15',
  'Wersja 1.2.3',
  'Śmietnik nr 4 przy bloku 15',
  'Zdarzenie 14.03.2026 o godz. 14:30, przy ul. Długiej 15/7, kod 00-950',
  'Już zgłoszone: [123] i [456]',
  'Godziny 7-15, wtorek 9-17',
];

describe('scrubPersonalData', () => {
  for (const [text, expected] of REMOVE) {
    it(`removes: ${text}`, () => assert.equal(scrubPersonalData(text), expected));
  }
  for (const text of KEEP) {
    it(`keeps: ${text}`, () => assert.equal(scrubPersonalData(text), text));
  }
  it('never leaves a fragment of a long number: whole or not at all', () => {
    for (const n of ['1796411985630', '17964119856301', '601234567601234567', '48601234567123']) {
      const out = scrubPersonalData(`Numer ${n} koniec`);
      assert.ok(out === `Numer ${n} koniec` || out === `Numer ${M} koniec`, `${n} -> ${out}`);
    }
  });
  it('runs on long texts in linear time', () => {
    const text = 'Dziura 601 234 567 na ulicy 15/7, 14.03.2026 o 14:30. '.repeat(70);
    const started = performance.now();
    const out = scrubPersonalData(text);
    assert.ok(!out.includes('601'));
    assert.ok(performance.now() - started < 500);
  });
});
