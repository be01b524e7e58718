/**
 * What a careless or hostile client sends (issue #11 item 6): values for path parameters, query and
 * body fields, headers, and whole bodies. Each value exists in two spellings: `raw` goes into a
 * URL as it stands (already %-encoded, or deliberately broken), `json` into a JSON body.
 */

export interface HostileValue {
  label: string;
  /** For paths and query strings: inserted verbatim (so `%ff` stays a bad escape). */
  raw: string;
  /** For JSON bodies. */
  json: unknown;
}

const huge = 'a'.repeat(5000);

export const HOSTILE_VALUES: HostileValue[] = [
  { label: 'NUL', raw: 'a%00b', json: 'a\u0000b' },
  { label: 'lone percent', raw: '%', json: '%' },
  { label: 'bad escape', raw: '%ff', json: '%ff' },
  { label: 'truncated UTF-8', raw: '%E0%A4%A', json: '\ud800' },
  { label: 'overlong UTF-8', raw: '%C0%AF', json: '\u00c0\u00af' },
  { label: 'encoded surrogate', raw: '%ED%A0%80', json: 'x\udc00' },
  { label: 'huge string', raw: huge, json: 'x'.repeat(20000) },
  { label: 'negative', raw: '-1', json: -1 },
  { label: 'overflowing number', raw: '1e309', json: 1e308 },
  { label: 'big integer', raw: '99999999999999999999', json: 99999999999999999999 },
  { label: 'NaN', raw: 'NaN', json: 'NaN' },
  { label: 'year 275760', raw: '%2B275760-09-13T00:00:00Z', json: '+275760-09-13T00:00:00Z' },
  { label: 'year -1', raw: '-000001-01-01', json: '-000001-01-01' },
  { label: '30 February', raw: '2026-02-30', json: '2026-02-30' },
  // The calendar's last day west of UTC: a window that starts or ends there once reached year 10000.
  { label: 'last day of 9999', raw: '9999-12-31T23:00:00-05:00', json: '9999-12-31T23:00:00-05:00' },
  { label: 'array', raw: 'a&@=b', json: ['a', 'b'] },
  { label: 'object', raw: 'x&@[k]=1', json: { k: 'v' } },
  { label: '__proto__', raw: '__proto__', json: JSON.parse('{"__proto__":{"polluted":"yes"}}') },
  { label: 'SQL', raw: "'%20OR%201=1;%20DROP%20TABLE%20requests;--", json: "' OR 1=1; DROP TABLE requests;--" },
  {
    label: 'XML',
    raw: '%3C!DOCTYPE%20x%20%5B%3C!ENTITY%20e%20SYSTEM%20%22file:///etc/passwd%22%3E%5D%3E%26e;',
    json: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;]]>',
  },
  { label: 'emoji', raw: '%F0%9F%92%A9%F0%9F%9A%A7', json: '💩🚧👩‍👩‍👧' },
  { label: 'empty', raw: '', json: '' },
  { label: 'null', raw: 'null', json: null },
  { label: 'boolean', raw: 'true', json: true },
  { label: 'control characters', raw: '%0D%0A%09%01', json: '\r\n\t\u0001\u007f' },
  { label: 'right-to-left override', raw: '%E2%80%AE', json: '\u202eabc' },
  { label: 'odd number', raw: '0x1F', json: '1e-400' },
];

/** Values for a path parameter: every value above but the structured ones, plus traversal. */
export const HOSTILE_PATH_VALUES: string[] = [
  'a%00b',
  '%',
  '%ff',
  '%E0%A4%A',
  '%C0%AF',
  '%ED%A0%80',
  'a'.repeat(3000),
  '-1',
  '99999999999999999999',
  'NaN',
  '%2B275760-09-13',
  '2026-02-30',
  '__proto__',
  "'%20OR%201=1--",
  '%3Cx%3E%26',
  '%F0%9F%92%A9',
  '..%2F..%2Fetc%2Fpasswd',
  '%20',
];

/** Query parameters known per surface (read from the handlers); every route of a surface gets its surface's list. */
export const QUERY_PARAMS: Record<string, string[]> = {
  open311: [
    'jurisdiction_id',
    'service_code',
    'service_request_id',
    'start_date',
    'end_date',
    'updated_after',
    'updated_before',
    'status',
    'page',
    'page_size',
    'lat',
    'long',
    'locale',
    'api_key',
    'include_private',
  ],
  public: ['bbox', 'zoom', 'group', 'service_code', 'status', 'start_date', 'end_date', 'district', 'lat', 'long', 'locale'],
  pages: ['p', 't', 'locale', 'lang', 'token'],
  geo: ['q', 'limit', 'jurisdiction_id', 'lat', 'long', 'service_code', 'description', 'locale'],
  console: [
    'q',
    'lat',
    'long',
    'service_code',
    'phone',
    'email',
    'bbox',
    'zoom',
    'service',
    'status',
    'age_days',
    'district',
    'since',
    'all',
    'include_inactive',
    'jurisdiction_id',
    'locale',
  ],
  unit: ['status', 'unit', 'page', 'limit'],
  auth: ['next'],
  media: ['w', 'size'],
  health: ['verbose'],
};

/** Body fields known per surface (JSON bodies, or Open311's form). */
export const BODY_FIELDS: Record<string, string[]> = {
  open311: [
    'api_key',
    'jurisdiction_id',
    'service_code',
    'lat',
    'long',
    'address_string',
    'address_id',
    'email',
    'device_id',
    'account_id',
    'first_name',
    'last_name',
    'phone',
    'description',
    'media_url',
    'attribute[size]',
    'attribute[lanes][]',
    'consent',
    'service_request_id',
    'status',
    'update_id',
    'updated_datetime',
    'locale',
  ],
  public: [
    'service_code',
    'lat',
    'long',
    'description',
    'email',
    'first_name',
    'last_name',
    'phone',
    'consent',
    'locale',
    'attribute[size]',
    'media_url',
    'address_string',
  ],
  pages: ['p', 't', 'List-Unsubscribe'],
  console: [
    'channel',
    'phone',
    'email',
    'outcome',
    'topic',
    'articleId',
    'note',
    'text',
    'public',
    'detailedStatus',
    'into',
    'serviceCode',
    'location',
    'lat',
    'long',
    'description',
    'attributes',
    'reporter',
    'contactId',
    'attachTo',
    'locale',
    'question',
    'unitCode',
    'answer',
    'titlePl',
    'titleEn',
    'bodyPl',
    'bodyEn',
    'tags',
    'districtCodes',
    'serviceCodes',
    'validFrom',
    'validTo',
    'active',
    'create',
    'person',
    'replyChannel',
  ],
  unit: ['answer', 'reason'],
  auth: ['email', 'password', 'current_password', 'new_password'],
  geo: [],
  media: [],
  health: [],
};

/** Headers a client may get wrong; each is sent alone with an otherwise plain request. */
/** `writes`: only sent to POST/PUT routes (the headers only those read). */
export const HOSTILE_HEADERS: Array<{ label: string; headers: Record<string, string>; writes?: boolean }> = [
  { label: 'cookie lone percent', headers: { cookie: 'kontakt_session=%' } },
  { label: 'cookie bad escapes', headers: { cookie: 'kontakt_session=%ff%fe; other=%E0%A4%A' } },
  { label: 'cookie huge', headers: { cookie: `kontakt_session=${'A'.repeat(4000)}` } },
  { label: 'cookie unknown session', headers: { cookie: 'kontakt_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } },
  { label: 'Origin null', headers: { origin: 'null' }, writes: true },
  { label: 'Origin not a URL', headers: { origin: '://%%' }, writes: true },
  { label: 'Accept-Language garbage', headers: { 'accept-language': '*;q=abc, pl;q=NaN, ;;, en-GB;q=-1' } },
  { label: 'Accept odd', headers: { accept: 'application/xml;q=garbage, */*;q=' } },
  { label: 'Idempotency-Key empty', headers: { 'idempotency-key': '' }, writes: true },
  { label: 'Idempotency-Key huge', headers: { 'idempotency-key': 'k'.repeat(2000) }, writes: true },
  { label: 'Idempotency-Key latin1', headers: { 'idempotency-key': '\u00e9\u00ff key' }, writes: true },
  { label: 'CSRF wrong', headers: { 'x-csrf-token': 'wrong' }, writes: true },
  { label: 'X-Forwarded-For garbage', headers: { 'x-forwarded-for': 'not-an-ip, %00, 999.1.1.1' } },
  { label: 'Content-Type odd charset', headers: { 'content-type': 'application/json; charset=latin9' }, writes: true },
];

export interface HostileBody {
  label: string;
  /** Which readers the body is aimed at: JSON surfaces, Open311's form reader, or both. */
  for: 'json' | 'form' | 'any';
  headers: Record<string, string>;
  body: Buffer;
}

const crlf = (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'), 'latin1');

/** Whole bodies for POST/PUT routes. */
export const HOSTILE_BODIES: HostileBody[] = [
  { label: 'malformed JSON', for: 'any', headers: { 'content-type': 'application/json' }, body: Buffer.from('{"a":') },
  { label: 'JSON latin9', for: 'any', headers: { 'content-type': 'application/json; charset=latin9' }, body: Buffer.from('{"a":"b"}') },
  { label: 'JSON utf-16', for: 'json', headers: { 'content-type': 'application/json; charset=utf-16' }, body: Buffer.from('{"a":"b"}', 'utf16le') },
  { label: 'gzip garbage', for: 'any', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: Buffer.from('not gzip at all') },
  { label: 'deflate garbage', for: 'any', headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }, body: Buffer.from('not deflate') },
  {
    label: 'br garbage',
    for: 'any',
    headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
    body: Buffer.from('not brotli at all, really'),
  },
  { label: 'unknown encoding', for: 'any', headers: { 'content-type': 'application/json', 'content-encoding': 'x-pied-piper' }, body: Buffer.from('{}') },
  { label: 'JSON null', for: 'json', headers: { 'content-type': 'application/json' }, body: Buffer.from('null') },
  { label: 'JSON array', for: 'json', headers: { 'content-type': 'application/json' }, body: Buffer.from('[1,2,3]') },
  { label: 'JSON string', for: 'json', headers: { 'content-type': 'application/json' }, body: Buffer.from('"text"') },
  { label: 'JSON deep nesting', for: 'json', headers: { 'content-type': 'application/json' }, body: Buffer.from('['.repeat(3000) + ']'.repeat(3000)) },
  { label: 'JSON NUL key', for: 'json', headers: { 'content-type': 'application/json' }, body: Buffer.from('{"a\\u0000":1}') },
  {
    label: 'JSON __proto__',
    for: 'any',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}'),
  },
  {
    label: 'JSON invalid UTF-8',
    for: 'json',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  },
  { label: 'text/plain', for: 'any', headers: { 'content-type': 'text/plain' }, body: Buffer.from('hello') },
  { label: 'no content type', for: 'any', headers: {}, body: Buffer.from('{"a":1}') },
  {
    label: 'urlencoded bad escapes',
    for: 'any',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.from('a=%ff&b=%&c=%00&%E0%A4%A=1'),
  },
  {
    label: 'multipart without name',
    for: 'any',
    headers: { 'content-type': 'multipart/form-data; boundary=XB' },
    body: crlf('--XB\nContent-Disposition: form-data\n\nv\n--XB--\n'),
  },
  {
    label: 'multipart empty name',
    for: 'form',
    headers: { 'content-type': 'multipart/form-data; boundary=XB' },
    body: crlf('--XB\nContent-Disposition: form-data; name=""\n\nv\n--XB--\n'),
  },
  {
    label: 'multipart RFC 2231 name',
    for: 'form',
    headers: { 'content-type': 'multipart/form-data; boundary=XB' },
    body: crlf("--XB\nContent-Disposition: form-data; name*=UTF-8''description\n\nv\n--XB--\n"),
  },
  {
    label: 'multipart file without name',
    for: 'form',
    headers: { 'content-type': 'multipart/form-data; boundary=XB' },
    body: crlf('--XB\nContent-Disposition: form-data; filename="a.jpg"\nContent-Type: image/jpeg\n\n\xff\xd8\xff\n--XB--\n'),
  },
  {
    label: 'multipart truncated file',
    for: 'any',
    headers: { 'content-type': 'multipart/form-data; boundary=XB' },
    body: crlf('--XB\nContent-Disposition: form-data; name="media"; filename="a.jpg"\nContent-Type: image/jpeg\n\n\xff\xd8\xffabc'),
  },
  {
    label: 'multipart truncated field',
    for: 'form',
    headers: { 'content-type': 'multipart/form-data; boundary=XB' },
    body: crlf('--XB\nContent-Disposition: form-data; name="description"\n\nhal'),
  },
  {
    label: 'multipart no boundary',
    for: 'form',
    headers: { 'content-type': 'multipart/form-data' },
    body: crlf('--XB\nContent-Disposition: form-data; name="a"\n\nv\n--XB--\n'),
  },
  {
    label: 'multipart header garbage',
    for: 'form',
    headers: { 'content-type': 'multipart/form-data; boundary=XB' },
    body: crlf('--XB\nContent-Disposition\n\x00\x01\n\nv\n--XB--\n'),
  },
  {
    label: 'multipart NUL value',
    for: 'form',
    headers: { 'content-type': 'multipart/form-data; boundary=XB' },
    body: crlf('--XB\nContent-Disposition: form-data; name="description"\n\na\x00b\n--XB--\n'),
  },
  {
    label: 'multipart gzip',
    for: 'form',
    headers: { 'content-type': 'multipart/form-data; boundary=XB', 'content-encoding': 'gzip' },
    body: crlf('--XB\nContent-Disposition: form-data; name="a"\n\nv\n--XB--\n'),
  },
];
