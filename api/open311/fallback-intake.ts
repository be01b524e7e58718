/**
 * Stand-in for the intake pipeline until api/pipeline/intake.ts exists (see intake.ts): locates the
 * report (point, address_id or address_string in the register), finds the district by polygon and
 * the unit by the most specific routing rule, and stores request, reporter and first event in one
 * transaction. No duplicate detection and no SLA: those belong to the pipeline.
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Database } from '../db/engine';
import { Errors } from '../errors';
import type { ReportInput, ReportResult, Resolution } from '../pipeline/types';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Readable over the phone: 10 Crockford base-32 characters, 4-3-3 (e.g. 7K3M-Q9X-A2B). */
export function newPublicId(): string {
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 7)}-${chars.slice(7, 10)}`;
}

async function locate(trx: Knex, jurisdictionId: string, input: ReportInput): Promise<{ lat: number; long: number; addressId?: number }> {
  const loc = input.location;
  if (loc.kind === 'wgs84') return { lat: loc.lat, long: loc.long };
  if (loc.kind === 'address_id') {
    const row = await trx('addresses').where({ jurisdiction_id: jurisdictionId, source_id: loc.id }).first('id', trx.raw('ST_Y(geom) AS lat'), trx.raw('ST_X(geom) AS long'));
    if (!row) throw Errors.badRequest('address_id', `address_id ${JSON.stringify(loc.id)} is not in the address register`);
    return { lat: row.lat, long: row.long, addressId: row.id };
  }
  if (loc.kind === 'address_string') {
    const m = /^(.*?)[\s,]+(\d+[A-Za-z]?(?:\/\d+[A-Za-z]?)?)\b/.exec(loc.text.trim());
    if (m) {
      const street = m[1].replace(/^(ul\.|al\.|pl\.|os\.)\s*/i, '').trim();
      const { rows } = await trx.raw(
        `SELECT a.id, ST_Y(a.geom) AS lat, ST_X(a.geom) AS long FROM addresses a JOIN streets s ON s.id = a.street_id
          WHERE a.jurisdiction_id = ? AND s.name_folded = k_fold(?) AND lower(a.house_number) = lower(?) LIMIT 1`,
        [jurisdictionId, street, m[2]],
      );
      if (rows[0]) return { lat: rows[0].lat, long: rows[0].long, addressId: rows[0].id };
    }
    throw Errors.badRequest('address_string', `address_string ${JSON.stringify(loc.text.slice(0, 100))} was not found in the address register`);
  }
  throw Errors.badRequest('location', 'this location form is not supported here');
}

export async function fallbackSubmitReport(db: Database, input: ReportInput): Promise<ReportResult> {
  const jurisdictionId = input.jurisdictionId ?? (await db.knex('jurisdictions').first('id'))?.id;
  if (!jurisdictionId) throw Errors.badRequest('jurisdiction_id', 'no jurisdiction is configured');
  return db.knex.transaction(async (trx) => {
    const service = await trx('services').where({ jurisdiction_id: jurisdictionId, code: input.serviceCode, active: true }).first('id', 'type', 'group_code', 'privacy');
    if (!service) throw Errors.notFound('service_code', input.serviceCode);
    const at = await locate(trx, jurisdictionId, input);
    const pt = trx.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [at.long, at.lat]);
    const { rows: inside } = await trx.raw(
      `SELECT CASE WHEN boundary IS NOT NULL THEN ST_Intersects(boundary, ?) ELSE EXISTS (SELECT 1 FROM districts d WHERE d.jurisdiction_id = j.id AND d.valid_to IS NULL AND ST_Intersects(d.geom, ?)) END AS inside FROM jurisdictions j WHERE id = ?`,
      [pt, pt, jurisdictionId],
    );
    if (!inside[0]?.inside) throw Errors.badRequest('lat', 'the point lies outside the city');
    const district = (await trx.raw(`SELECT id, code, name FROM districts WHERE jurisdiction_id = ? AND valid_to IS NULL AND ST_Intersects(geom, ?) ORDER BY id LIMIT 1`, [jurisdictionId, pt])).rows[0];
    const { rows: rules } = await trx.raw(
      `SELECT rr.id, rr.code, u.id AS unit_id, u.code AS unit_code, u.name AS unit_name FROM routing_rules rr JOIN units u ON u.id = rr.unit_id
        WHERE rr.jurisdiction_id = ? AND u.active
          AND (rr.service_id = ? OR rr.service_group = ? OR (rr.service_id IS NULL AND rr.service_group IS NULL))
          AND (rr.valid_from IS NULL OR rr.valid_from <= now()) AND (rr.valid_to IS NULL OR rr.valid_to > now())
          AND ((rr.district_code IS NULL AND rr.area IS NULL) OR rr.district_code = ? OR ST_Intersects(rr.area, ?))
        ORDER BY (rr.service_id IS NOT NULL) DESC, (rr.service_group IS NOT NULL) DESC, (rr.area IS NOT NULL OR rr.district_code IS NOT NULL) DESC, rr.priority DESC, rr.id
        LIMIT 1`,
      [jurisdictionId, service.id, service.group_code, district?.code ?? null, pt],
    );
    const rule = rules[0];
    const nearest = at.addressId
      ? (await trx.raw(`SELECT id, street || ' ' || house_number AS label, postcode FROM addresses WHERE id = ?`, [at.addressId])).rows[0]
      : (await trx.raw(`SELECT id, street || ' ' || house_number AS label, postcode FROM addresses WHERE jurisdiction_id = ? AND ST_DWithin(geom::geography, ?::geography, 100) ORDER BY geom <-> ? LIMIT 1`, [jurisdictionId, pt, pt])).rows[0];
    const r = input.reporter ?? {};
    let personId: number | null = null;
    if (r.firstName || r.lastName || r.email || r.phone) {
      const [p] = await trx('people')
        .insert({ jurisdiction_id: jurisdictionId, first_name: r.firstName ?? null, last_name: r.lastName ?? null, email: r.email ?? null, email_norm: r.email?.toLowerCase() ?? null, phone: r.phone ?? null, phone_norm: r.phone?.replace(/\D/g, '') || null })
        .returning('id');
      personId = p.id;
    }
    const publicId = newPublicId();
    const token = service.type === 'batch' ? crypto.randomBytes(12).toString('hex') : null;
    const requestedAt = input.requestedAt ?? new Date();
    const [req] = await trx('requests')
      .insert({
        public_id: publicId,
        jurisdiction_id: jurisdictionId,
        service_id: service.id,
        description: input.description ?? '',
        attributes: JSON.stringify(input.attributes ?? {}),
        geom: pt,
        public_geom: pt,
        address: nearest?.label ?? null,
        address_id: nearest?.id ?? null,
        postcode: nearest?.postcode ?? null,
        district_id: district?.id ?? null,
        unit_id: rule?.unit_id ?? null,
        routing_rule_id: rule?.id ?? null,
        channel: input.channel,
        token,
        api_client_id: input.apiClientId ?? null,
        requested_at: requestedAt,
        updated_at: requestedAt,
      })
      .returning('id');
    await trx('request_reporters').insert({ request_id: req.id, jurisdiction_id: jurisdictionId, person_id: personId, channel: input.channel, device_id: r.deviceId ?? null, account_id: r.accountId ?? null, api_client_id: input.apiClientId ?? null, reported_at: requestedAt });
    await trx('request_events').insert({ request_id: req.id, jurisdiction_id: jurisdictionId, at: requestedAt, actor_kind: input.apiClientId ? 'api_client' : 'system', actor_id: input.apiClientId ?? null, kind: 'created', public: true, status: 'open', detailed_status: 'new', note: null });
    if (input.mediaIds?.length) await trx('media').whereIn('id', input.mediaIds).whereNull('request_id').update({ request_id: req.id });
    const resolution: Resolution = {
      jurisdictionId,
      lat: at.lat,
      long: at.long,
      district: district ? { id: district.id, code: district.code, name: district.name } : undefined,
      unit: rule ? { id: rule.unit_id, code: rule.unit_code, name: rule.unit_name, ruleId: rule.id, ruleCode: rule.code } : undefined,
      candidates: [],
      reasons: [],
    };
    return { publicId, requestId: req.id, token: token ?? undefined, merged: false, resolution };
  });
}
