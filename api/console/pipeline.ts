/**
 * The console's door into the intake pipeline (api/pipeline): what an agent files goes through
 * the same submitReport as every other channel; a pin is resolved by previewResolution.
 */
import type { Database } from '../db/engine';
import { Errors } from '../errors';
import { previewResolution, submitReport } from '../pipeline/intake';
import { mergeRequests, unmergeRequest } from '../pipeline/merges';
import { normalisePublicId } from '../pipeline/public-id';
import type { Channel, LocationInput, ReporterInput, Resolution } from '../pipeline/types';

export interface ConsoleReport {
  jurisdictionId: string;
  serviceCode?: string;
  attachTo?: string;
  location: LocationInput;
  description?: string;
  attributes?: Record<string, string | string[]>;
  channel: Channel;
  reporter?: ReporterInput;
  staffId: number;
  locale: 'pl' | 'en';
}

export interface ConsoleReportResult {
  publicId: string;
  requestId: number;
  merged: boolean;
  attached: boolean;
  serviceNotice: string | null;
  serviceCode: string;
  serviceName: string;
  expectedAt: Date | null;
  responseDueAt: Date | null;
  address: string | null;
  district: { code: string; name: string } | null;
  unit: { code: string; name: string } | null;
}

export async function fileThroughPipeline(db: Database, r: ConsoleReport): Promise<ConsoleReportResult> {
  const { attributes } = r;
  let { serviceCode, location } = r;
  if (r.attachTo) {
    // Attaching a caller is one action: the service and the point are the request's own.
    const target = (
      await db.knex.raw(
        `SELECT s.code, ST_Y(r.geom) AS lat, ST_X(r.geom) AS long FROM requests r JOIN services s ON s.id = r.service_id
        WHERE r.jurisdiction_id = ? AND r.public_id = ?`,
        [r.jurisdictionId, normalisePublicId(r.attachTo)],
      )
    ).rows[0];
    if (!target) throw Errors.notFound('attachTo', r.attachTo);
    serviceCode = target.code;
    if (target.lat !== null) location = { kind: 'wgs84', lat: target.lat, long: target.long };
  }
  if (!serviceCode) throw Errors.missing('serviceCode');
  const result = await submitReport(db, {
    jurisdictionId: r.jurisdictionId,
    serviceCode,
    location,
    description: r.description,
    attributes,
    channel: r.channel,
    reporter: r.reporter,
    attachTo: r.attachTo,
    staffId: r.staffId,
    locale: r.locale,
  });
  // The request that now holds the report, as stored (merges may have redirected it).
  const row = (
    await db.knex.raw(
      `SELECT r.address, r.expected_at, r.response_due_at, s.code AS service_code, s.name_pl, s.name_en,
            d.code AS district_code, d.name AS district_name, u.code AS unit_code, u.name AS unit_name
       FROM requests r JOIN services s ON s.id = r.service_id LEFT JOIN districts d ON d.id = r.district_id LEFT JOIN units u ON u.id = r.unit_id
      WHERE r.id = ?`,
      [result.requestId],
    )
  ).rows[0];
  return {
    publicId: result.publicId,
    requestId: result.requestId,
    merged: result.merged,
    attached: !!r.attachTo,
    serviceNotice: result.serviceNotice ?? null,
    serviceCode: row.service_code,
    serviceName: r.locale === 'en' ? row.name_en : row.name_pl,
    expectedAt: row.expected_at ?? null,
    responseDueAt: row.response_due_at ?? null,
    address: row.address ?? null,
    district: row.district_code ? { code: row.district_code, name: row.district_name } : null,
    unit: row.unit_code ? { code: row.unit_code, name: row.unit_name } : null,
  };
}

export function previewPoint(
  db: Database,
  p: { jurisdictionId: string; serviceCode?: string; lat: number; long: number; locale: 'pl' | 'en' },
): Promise<Resolution> {
  return previewResolution(db, {
    jurisdictionId: p.jurisdictionId,
    serviceCode: p.serviceCode,
    location: { kind: 'wgs84', lat: p.lat, long: p.long },
    locale: p.locale,
  });
}

/** Staff must only touch requests of the city they work for. */
async function ensureInJurisdiction(db: Database, jurisdictionId: string, publicId: string): Promise<void> {
  const row = await db
    .knex('requests')
    .where({ jurisdiction_id: jurisdictionId, public_id: normalisePublicId(publicId) })
    .first('id');
  if (!row) throw Errors.notFound('request', publicId);
}

export async function mergeInto(db: Database, p: { jurisdictionId: string; from: string; into: string; staffId: number }) {
  await ensureInJurisdiction(db, p.jurisdictionId, p.from);
  await ensureInJurisdiction(db, p.jurisdictionId, p.into);
  return mergeRequests(db, { from: p.from, into: p.into, staffId: p.staffId });
}

export async function unmerge(db: Database, p: { jurisdictionId: string; publicId: string; staffId: number }) {
  await ensureInJurisdiction(db, p.jurisdictionId, p.publicId);
  return unmergeRequest(db, { publicId: p.publicId, staffId: p.staffId });
}
