/**
 * Database rows -> Open311 documents in the Spark JSON form (render.ts turns them into XML).
 * Field order follows the spec's examples. The rows hold the raw free text; every free text leaves
 * through publicText (api/privacy/public-text.ts), the one scrubber of every public output.
 */
import type { AppError } from '../errors';
import { publicText } from '../privacy/public-text';
import type { AttributeRow, JurisdictionRow, RequestRow, ServiceRow } from './store';
import { w3cDate } from './render';
import { citySettings } from '../../kernel/city-settings';
import { openStatusOf, toFmsStatus } from './statuses';

export type Locale = 'pl' | 'en';

const pick = (locale: Locale, pl: string | null | undefined, en: string | null | undefined): string | null => (locale === 'en' ? en || pl : pl || en) ?? null;

export function errorsDoc(error: AppError): Array<{ code: number; description: string }> {
  return error.details.map((d) => ({
    code: error.status,
    description: d.field && !d.description.includes(d.field) ? `${d.field}: ${d.description}` : d.description,
  }));
}

export function discoveryDoc(jurisdiction: JurisdictionRow | undefined, baseUrl: string, changeset: Date) {
  const settings = citySettings(jurisdiction?.settings);
  const stamp = w3cDate(changeset, jurisdiction?.time_zone ?? 'UTC');
  return {
    changeset: stamp,
    contact: settings.open311.contact,
    key_service: settings.open311.keyService,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: baseUrl,
        changeset: stamp,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

/**
 * Keywords are joined with bare commas: FixMyStreet splits without trimming, so "a, private" would
 * not mark a service private (open311.md §7.9). Private services carry FMS's `private` keyword.
 */
export function serviceDoc(s: ServiceRow, locale: Locale) {
  const keywords = [...s.keywords, ...(s.privacy === 'private' ? ['private'] : [])].map((k) => k.replace(/,/g, ' ').trim()).filter(Boolean);
  return {
    service_code: s.code,
    service_name: pick(locale, s.name_pl, s.name_en),
    description: pick(locale, s.description_pl, s.description_en),
    metadata: Boolean(s.metadata),
    type: s.type,
    keywords: keywords.join(','),
    group: pick(locale, s.group_name_pl, s.group_name_en) ?? s.group_code,
  };
}

export function definitionDoc(s: ServiceRow, attributes: AttributeRow[], locale: Locale) {
  return {
    service_code: s.code,
    attributes: attributes.map((a) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: pick(locale, a.datatype_description_pl, a.datatype_description_en),
      order: a.order,
      description: pick(locale, a.description_pl, a.description_en),
      values: (a.values ?? []).map((v) => ({ key: String(v.key), name: pick(locale, v.name_pl ?? v.name, v.name_en ?? v.name) ?? String(v.key) })),
    })),
  };
}

export function mediaUrls(row: RequestRow, publicUrl: string): string[] {
  return (row.media ?? []).map((m) => (m.stored ? `${publicUrl}/media/${m.public_id}` : (m.external_url ?? ''))).filter(Boolean);
}

/**
 * `attributes` of extensions=true: the report's answers to its service's attributes, in the
 * definition's order, one entry per value (a multivaluelist gives several), as the GeoReport
 * extensions show them (open311-spec/README.md "extensions=true"): `label` the question, `name` the
 * attribute code, `value` the answer as text (a list value's name in the response language), `code`
 * a list value's key (null for free answers). Answers are a resident's words: through publicText.
 */
export function attributeAnswers(row: RequestRow, locale: Locale): Array<{ label: string; name: string; value: string; code: string | null }> {
  const answers = row.attribute_answers ?? {};
  const defs = row.attribute_defs ?? [];
  const out: Array<{ label: string; name: string; value: string; code: string | null }> = [];
  const known = new Set(defs.map((d) => d.code));
  const entries = [
    ...defs.map((d) => [d.code, d] as const),
    ...Object.keys(answers)
      .filter((c) => !known.has(c))
      .map((c) => [c, undefined] as const),
  ];
  for (const [code, def] of entries) {
    const raw = answers[code];
    if (raw === undefined || raw === null || raw === '') continue;
    const label = (def && pick(locale, def.description_pl, def.description_en)) || code;
    const isList = def?.datatype === 'singlevaluelist' || def?.datatype === 'multivaluelist';
    for (const v of [raw].flat()) {
      const text = String(v);
      if (!isList) {
        out.push({ label: publicText(label)!, name: code, value: publicText(text)!, code: null });
        continue;
      }
      const item = (def?.values ?? []).find((x) => String(x.key) === text);
      const name = item ? (pick(locale, item.name_pl ?? item.name, item.name_en ?? item.name) ?? text) : text;
      out.push({ label: publicText(label)!, name: code, value: publicText(name)!, code: publicText(text) });
    }
  }
  return out;
}

export function requestDoc(row: RequestRow, j: JurisdictionRow, locale: Locale, publicUrl: string, extensions: boolean) {
  const tz = j.time_zone;
  const media = mediaUrls(row, publicUrl);
  const doc: Record<string, unknown> = {
    service_request_id: row.public_id,
    status: row.status,
    status_notes: publicText(row.status_notes),
    service_name: pick(locale, row.service_name_pl, row.service_name_en),
    service_code: row.service_code,
    description: publicText(row.description) || null,
    agency_responsible: pick(locale, row.unit_name, row.unit_name_en),
    service_notice: null,
    requested_datetime: w3cDate(row.requested_at, tz),
    updated_datetime: w3cDate(row.updated_at, tz),
    expected_datetime: w3cDate(row.expected_at, tz),
    address: row.address,
    address_id: row.address_id,
    zipcode: row.postcode,
    lat: row.lat,
    long: row.long,
    media_url: media[0] ?? null,
  };
  if (extensions) {
    doc.extended_attributes = {
      detailed_status: row.detailed_status,
      fms_status: toFmsStatus(row.detailed_status, openStatusOf(row.status)),
      district: row.district_code ?? null,
      district_name: pick(locale, row.district_name, row.district_name_en),
      unit: row.unit_code ?? null,
      channel: row.channel ?? null,
      duplicate_of: row.parent_id ?? null,
      reporter_count: row.reporter_count ?? 1,
      media_urls: media,
    };
    doc.attributes = attributeAnswers(row, locale);
    doc.notes = (row.notes ?? []).map((n) => ({
      datetime: w3cDate(new Date(n.at), tz),
      type: n.kind,
      detailed_status: n.detailed_status,
      description: publicText(n.note) || null,
    }));
  }
  return doc;
}
