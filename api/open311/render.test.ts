import assert from 'node:assert/strict';
import { parseW3c, toXml, w3cDate } from './render';
import { parseAttributes, parsePairs } from './form';
import { toFmsStatus, FROM_FMS, CLOSED_STATUSES } from './statuses';

describe('Open311 rendering and parsing', () => {
  it('writes W3C datetimes in the city offset without fractional seconds, across DST', () => {
    assert.equal(w3cDate(new Date('2026-11-28T08:15:30.987Z'), 'Europe/Warsaw'), '2026-11-28T09:15:30+01:00');
    assert.equal(w3cDate(new Date('2026-07-01T08:15:30Z'), 'Europe/Warsaw'), '2026-07-01T10:15:30+02:00');
    assert.equal(w3cDate(new Date('2026-07-01T08:15:30Z'), 'UTC'), '2026-07-01T08:15:30Z');
    assert.equal(w3cDate(new Date('2026-07-01T08:15:30Z'), 'America/New_York'), '2026-07-01T04:15:30-04:00');
    assert.equal(w3cDate(null, 'UTC'), null);
  });

  it('reads datetimes with Z, offsets, fractions, no offset (city time) and plain dates', () => {
    const tz = 'Europe/Warsaw';
    assert.equal(parseW3c('2026-11-28T09:15:30+01:00', tz)?.toISOString(), '2026-11-28T08:15:30.000Z');
    assert.equal(parseW3c('2026-11-28T08:15:30.5Z', tz)?.toISOString(), '2026-11-28T08:15:30.000Z');
    assert.equal(parseW3c('2026-11-28T09:15:30+0100', tz)?.toISOString(), '2026-11-28T08:15:30.000Z');
    assert.equal(parseW3c('2026-07-01T12:00:00', tz)?.toISOString(), '2026-07-01T10:00:00.000Z');
    assert.equal(parseW3c('2026-11-28', tz)?.toISOString(), '2026-11-27T23:00:00.000Z');
    for (const bad of ['yesterday', '2026-02-30', '2026-13-01', '2026-11-28T25:00:00Z', '']) assert.equal(parseW3c(bad, tz), undefined, bad);
  });

  it('renders XML with the declaration, singular items, escaped text and empty elements for null', () => {
    const xml = toXml('service_requests', [
      { service_request_id: 'A-1', description: 'a < b & "c"\u0001', media_url: null, extended_attributes: { media_urls: ['x'] } },
    ]);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests>\n  <request>\n'));
    assert.match(xml, /<description>a &lt; b &amp; &quot;c&quot;<\/description>/);
    assert.match(xml, /<media_url><\/media_url>/);
    assert.match(xml, /<media_urls>\s*<media_url>x<\/media_url>/);
    assert.equal(toXml('services', []), '<?xml version="1.0" encoding="utf-8"?>\n<services>\n</services>\n');
  });

  it('splits forms strictly: + and %20, repeated keys, invalid UTF-8 refused', () => {
    assert.deepEqual(parsePairs('a=1+2&b=%C5%81%C3%B3d%C5%BA&a=&c'), [
      ['a', '1 2'],
      ['b', 'Łódź'],
      ['a', ''],
      ['c', ''],
    ]);
    assert.throws(() => parsePairs('description=%C3%28'), /description is not valid UTF-8/);
    assert.throws(() => parsePairs('x=%FF'), /not valid UTF-8/);
  });

  it('parses attribute[code], attribute[code][] and codes with spaces, keeping empty values', () => {
    const pairs = parsePairs(
      'attribute%5Bsize%5D=large&attribute[lanes][]=left&attribute[lanes][]=right&attribute[lamp%20number]=L-1&attribute[depth]=&attribute[]=x&other=1',
    );
    assert.deepEqual(parseAttributes(pairs), { size: ['large'], lanes: ['left', 'right'], 'lamp number': ['L-1'], depth: [''] });
  });

  it('maps FixMyStreet statuses both ways', () => {
    assert.equal(toFmsStatus('not_responsible', 'closed'), 'not_councils_responsibility');
    assert.equal(toFmsStatus('planned', 'open'), 'action_scheduled');
    assert.equal(FROM_FMS.NOT_COUNCILS_RESPONSIBILITY, 'not_responsible');
    assert.ok(CLOSED_STATUSES.has(FROM_FMS.FIXED!) && !CLOSED_STATUSES.has(FROM_FMS.IN_PROGRESS!));
    assert.equal(FROM_FMS.UNCHANGED, null);
  });
});
