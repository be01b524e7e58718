import assert from 'node:assert/strict';
import { scrubPersonalData } from './scrub';

describe('scrubPersonalData', () => {
  it('removes e-mails and Polish phone numbers in their usual forms', () => {
    assert.equal(scrubPersonalData('pisz: jan.kowalski+x@poczta.example.pl dzięki'), 'pisz: […] dzięki');
    assert.equal(scrubPersonalData('mail: zażółć@gęślą.example.pl'), 'mail: […]');
    for (const phone of ['+1 212 555 0100', '+44 20 7946 0958', '+420 777 123 456', '0049 30 1234 5678']) {
      assert.equal(scrubPersonalData(`call ${phone} now`), 'call […] now', phone);
    }
    for (const phone of ['+48 601 234 567', '+48601234567', '0048 601-234-567', '601 234 567', '601-234-567', '601234567', '22 123 45 67', '(22) 123-45-67', '+48 22 123 45 67']) {
      assert.equal(scrubPersonalData(`tel. ${phone}, proszę`), 'tel. […], proszę', phone);
    }
  });
  it('leaves house numbers, dates, postcodes and short numbers alone', () => {
    const text = 'Marszałkowska 12A/5, od 12.03.2026 o 7:30, kod 00-950, 3 latarnie, słup nr 12345';
    assert.equal(scrubPersonalData(text), text);
  });
});
