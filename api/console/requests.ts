/**
 * What the console reads and changes about requests (issue #5 items 1 and 5): the detail an agent
 * sees (with reporters' personal data: staff only), notes, status changes as the role allows,
 * callers' history, and the service catalogue with the attribute definitions the form is built from.
 */
import type { Knex } from 'knex';
import type { Role } from '../accounts/staff';
import { Errors } from '../errors';
import { DETAILED_STATUSES, isDetailedStatus, type DetailedStatus } from '../requests/statuses';
import { statusesFor } from '../requests/transitions';
import { transition } from '../requests/transition';
import { findPeople } from '../knowledge/people';
import { contactsOfPerson } from '../knowledge/contacts';
import { listInquiries } from '../knowledge/inquiries';
import { noticesOfRequest, type NoticeSummary } from '../notify/outbox';

export { DETAILED_STATUSES, type DetailedStatus } from '../requests/statuses';

/** The statuses each console role may set (api/requests/transitions.ts has the rule). */
export const STATUSES_BY_ROLE: Partial<Record<Role, readonly DetailedStatus[]>> = {
  agent: statusesFor('agent'),
  admin: statusesFor('admin'),
};

export interface RequestDetail {
  publicId: string;
  status: string;
  detailedStatus: string;
  statusNotes: string | null;
  service: { code: string; namePl: string; nameEn: string; privacy: string };
  description: string;
  attributes: Record<string, unknown>;
  lat: number | null;
  long: number | null;
  address: string | null;
  district: { code: string; name: string } | null;
  unit: { code: string; name: string } | null;
  channel: string;
  requestedAt: Date;
  updatedAt: Date;
  expectedAt: Date | null;
  responseDueAt: Date | null;
  reporterCount: number;
  duplicateOf: string | null;
  duplicates: Array<{ publicId: string; requestedAt: Date; serviceCode: string }>;
  resolution: unknown;
  reporters: Array<{
    channel: string;
    reportedAt: Date;
    notify: string;
    name: string | null;
    email: string | null;
    phone: string | null;
    originalPublicId: string | null;
    notices: NoticeSummary[];
  }>;
  events: Array<{
    at: Date;
    kind: string;
    public: boolean;
    status: string | null;
    detailedStatus: string | null;
    note: string | null;
    actor: string | null;
    data: unknown;
  }>;
  allowedStatuses: readonly DetailedStatus[];
}

async function requestRow(knex: Knex, jurisdictionId: string, publicId: string) {
  const row = await knex.raw(
    `SELECT r.*, ST_Y(r.geom) AS lat, ST_X(r.geom) AS long, s.code AS service_code, s.name_pl, s.name_en, s.privacy,
            s.sla_response_unit, s.sla_resolution_unit, d.code AS district_code, d.name AS district_name,
            u.code AS unit_code, u.name AS unit_name, p.public_id AS duplicate_of
       FROM requests r JOIN services s ON s.id = r.service_id
       LEFT JOIN districts d ON d.id = r.district_id LEFT JOIN units u ON u.id = r.unit_id
       LEFT JOIN requests p ON p.id = r.duplicate_of_id
      WHERE r.jurisdiction_id = ? AND r.public_id = ?`,
    [jurisdictionId, publicId],
  );
  if (!row.rows[0]) throw Errors.notFound('request', publicId);
  return row.rows[0];
}

export async function requestDetail(knex: Knex, jurisdictionId: string, publicId: string, role: Role): Promise<RequestDetail> {
  const r = await requestRow(knex, jurisdictionId, publicId);
  const [reporters, events, duplicates] = [
    await knex('request_reporters as rr')
      .leftJoin('people as p', 'p.id', 'rr.person_id')
      .leftJoin('requests as o', 'o.id', 'rr.original_request_id')
      .where('rr.request_id', r.id)
      .orderBy('rr.reported_at')
      .select(
        'rr.channel',
        'rr.reported_at',
        'rr.notify',
        'p.first_name',
        'p.last_name',
        'p.email',
        'p.phone',
        'o.public_id as original_public_id',
        'rr.person_id',
      ),
    await knex('request_events as e')
      .leftJoin('staff as st', function () {
        this.on('st.id', '=', 'e.actor_id').andOnVal('e.actor_kind', '=', 'staff');
      })
      .where('e.request_id', r.id)
      .orderBy([{ column: 'e.at' }, { column: 'e.id' }])
      .select(
        'e.at',
        'e.kind',
        'e.public',
        'e.status',
        'e.detailed_status',
        'e.note',
        'e.data',
        'e.actor_kind',
        'st.name as staff_name',
        'st.email as staff_email',
      ),
    await knex('requests as c')
      .join('services as s', 's.id', 'c.service_id')
      .where('c.duplicate_of_id', r.id)
      .orderBy('c.requested_at')
      .select('c.public_id', 'c.requested_at', 's.code as service_code'),
  ];
  const notices = await noticesOfRequest(knex, r.id);
  return {
    publicId: r.public_id,
    status: r.status,
    detailedStatus: r.detailed_status,
    statusNotes: r.status_notes ?? null,
    service: { code: r.service_code, namePl: r.name_pl, nameEn: r.name_en, privacy: r.privacy },
    description: r.description,
    attributes: r.attributes,
    lat: r.lat ?? null,
    long: r.long ?? null,
    address: r.address ?? null,
    district: r.district_code ? { code: r.district_code, name: r.district_name, ...districtHow(r.resolution) } : null,
    unit: r.unit_code ? { code: r.unit_code, name: r.unit_name } : null,
    channel: r.channel,
    requestedAt: r.requested_at,
    updatedAt: r.updated_at,
    expectedAt: r.expected_at ?? null,
    responseDueAt: r.response_due_at ?? null,
    reporterCount: r.reporter_count,
    duplicateOf: r.duplicate_of ?? null,
    duplicates: duplicates.map((d: Record<string, unknown>) => ({
      publicId: d.public_id as string,
      requestedAt: d.requested_at as Date,
      serviceCode: d.service_code as string,
    })),
    resolution: r.resolution,
    reporters: reporters.map((p: Record<string, unknown>) => ({
      channel: p.channel as string,
      reportedAt: p.reported_at as Date,
      notify: p.notify as string,
      name: [p.first_name, p.last_name].filter(Boolean).join(' ') || null,
      email: (p.email as string) ?? null,
      phone: (p.phone as string) ?? null,
      originalPublicId: (p.original_public_id as string) ?? null,
      // What we sent this person about the request, so an agent can say "we e-mailed you on ...".
      notices: p.person_id == null ? [] : (notices.get(Number(p.person_id)) ?? []),
    })),
    events: events.map((e: Record<string, unknown>) => ({
      at: e.at as Date,
      kind: e.kind as string,
      public: e.public as boolean,
      status: (e.status as string) ?? null,
      detailedStatus: (e.detailed_status as string) ?? null,
      note: (e.note as string) ?? null,
      data: e.data,
      actor: e.actor_kind === 'staff' ? ((e.staff_name as string) ?? (e.staff_email as string) ?? 'staff') : (e.actor_kind as string),
    })),
    allowedStatuses: STATUSES_BY_ROLE[role] ?? [],
  };
}

/** A note on a request: internal (staff only) or public (shown with Open311 updates). */
export async function addNote(knex: Knex, jurisdictionId: string, publicId: string, note: { text: string; public: boolean; staffId: number }): Promise<void> {
  const text = note.text?.trim();
  if (!text) throw Errors.missing('text');
  if (text.length > 4000) throw Errors.badRequest('text', 'a note is at most 4000 characters');
  await knex.transaction(async (trx) => {
    const r = await requestRow(trx, jurisdictionId, publicId);
    await trx('request_events').insert({
      request_id: r.id,
      jurisdiction_id: jurisdictionId,
      actor_kind: 'staff',
      actor_id: note.staffId,
      kind: 'note',
      public: note.public,
      note: text,
    });
    if (note.public) await trx('requests').where({ id: r.id }).update({ updated_at: trx.fn.now() });
  });
}

/**
 * Changes the detailed status if the role may set it (api/requests/transitions.ts); every side
 * effect (responded_at, closed_at, the SLA clock, the event) is api/requests/transition.ts's.
 */
export async function changeStatus(
  knex: Knex,
  jurisdictionId: string,
  publicId: string,
  change: { detailedStatus: string; note?: string; role: Role; staffId: number; now?: Date },
): Promise<void> {
  if (!isDetailedStatus(change.detailedStatus)) throw Errors.badRequest('detailedStatus', `detailedStatus must be one of ${DETAILED_STATUSES.join(', ')}`);
  if (!statusesFor(change.role).includes(change.detailedStatus)) throw Errors.forbidden(`role ${change.role} cannot set the status ${change.detailedStatus}`);
  const to = change.detailedStatus;
  await knex.transaction(async (trx) => {
    const r = await requestRow(trx, jurisdictionId, publicId);
    await transition(trx, Number(r.id), to, { kind: 'staff', role: change.role, id: change.staffId }, change.note, { at: change.now });
  });
}

/** Everything known about a caller, by phone or e-mail: people, their requests, contacts and inquiries. */
export async function callerHistory(knex: Knex, jurisdictionId: string, q: { phone?: string; email?: string }) {
  const people = await findPeople(knex, jurisdictionId, q);
  const ids = people.map((p: { id: number }) => p.id);
  if (ids.length === 0) return { people: [], requests: [], contacts: [], inquiries: [] };
  const requests = await knex('request_reporters as rr')
    .join('requests as r', 'r.id', 'rr.request_id')
    .join('services as s', 's.id', 'r.service_id')
    .whereIn('rr.person_id', ids)
    .orderBy('rr.reported_at', 'desc')
    .limit(20)
    .select('r.public_id', 'r.status', 'r.detailed_status', 'r.address', 'r.requested_at', 'rr.channel', 's.code as service_code', 's.name_pl', 's.name_en');
  return {
    people: people.map((p: Record<string, unknown>) => ({
      id: p.id,
      name: [p.first_name, p.last_name].filter(Boolean).join(' ') || null,
      email: p.email ?? null,
      phone: p.phone ?? null,
      firstName: p.first_name ?? null,
      lastName: p.last_name ?? null,
    })),
    requests: requests.map((r: Record<string, unknown>) => ({
      publicId: r.public_id,
      status: r.status,
      detailedStatus: r.detailed_status,
      address: r.address,
      requestedAt: r.requested_at,
      channel: r.channel,
      serviceCode: r.service_code,
      serviceNamePl: r.name_pl,
      serviceNameEn: r.name_en,
    })),
    contacts: await contactsOfPerson(knex, ids),
    inquiries: await listInquiries(knex, { jurisdictionId, personIds: ids, limit: 20 }),
  };
}

/** Active services with their attribute definitions: the form of item 3 is generated from this. */
export async function serviceCatalogue(knex: Knex, jurisdictionId: string) {
  const services = await knex('services')
    .where({ jurisdiction_id: jurisdictionId, active: true })
    .orderBy(['group_code', 'sort_order', 'name_pl'])
    .select(
      'id',
      'code',
      'name_pl',
      'name_en',
      'description_pl',
      'description_en',
      'group_code',
      'group_name_pl',
      'group_name_en',
      'keywords',
      'kind',
      'privacy',
    );
  const attributes = await knex('service_attributes')
    .whereIn(
      'service_id',
      services.map((s: { id: number }) => s.id),
    )
    .orderBy(['service_id', 'order']);
  const byService = new Map<number, unknown[]>();
  for (const a of attributes) {
    const list = byService.get(a.service_id) ?? [];
    list.push({
      code: a.code,
      order: a.order,
      datatype: a.datatype,
      variable: a.variable,
      required: a.required,
      descriptionPl: a.description_pl,
      descriptionEn: a.description_en,
      values: a.values,
    });
    byService.set(a.service_id, list);
  }
  return services.map((s: Record<string, unknown>) => ({
    code: s.code,
    namePl: s.name_pl,
    nameEn: s.name_en,
    descriptionPl: s.description_pl,
    descriptionEn: s.description_en,
    group: s.group_code,
    groupNamePl: s.group_name_pl,
    groupNameEn: s.group_name_en,
    keywords: s.keywords,
    kind: s.kind,
    privacy: s.privacy,
    attributes: byService.get(s.id as number) ?? [],
  }));
}

/** What the page needs at start: the city, its extent, districts, units and the tile URL. */
export async function consoleSettings(knex: Knex, jurisdictionId: string) {
  const j = (
    await knex.raw(
      `SELECT j.id, j.name, j.name_en, j.local_srid, j.default_locale, j.time_zone,
            ST_XMin(e.box) AS xmin, ST_YMin(e.box) AS ymin, ST_XMax(e.box) AS xmax, ST_YMax(e.box) AS ymax
       FROM jurisdictions j,
            LATERAL (SELECT coalesce(ST_Envelope(j.boundary), (SELECT ST_Extent(d.geom)::geometry FROM districts d WHERE d.jurisdiction_id = j.id AND d.valid_to IS NULL)) AS box) e
      WHERE j.id = ?`,
      [jurisdictionId],
    )
  ).rows[0];
  if (!j) throw Errors.notFound('jurisdiction_id', jurisdictionId);
  const districts = await knex('districts').where({ jurisdiction_id: jurisdictionId }).whereNull('valid_to').orderBy('name').select('code', 'name', 'name_en');
  const units = await knex('units').where({ jurisdiction_id: jurisdictionId, active: true }).orderBy('name').select('code', 'name', 'name_en');
  return {
    jurisdiction: { id: j.id, name: j.name, nameEn: j.name_en, localSrid: j.local_srid, defaultLocale: j.default_locale, timeZone: j.time_zone },
    extent: j.xmin === null ? null : [j.xmin, j.ymin, j.xmax, j.ymax],
    districts: districts.map((d: Record<string, unknown>) => ({ code: d.code, name: d.name, nameEn: d.name_en ?? null })),
    units: units.map((u: Record<string, unknown>) => ({ code: u.code, name: u.name, nameEn: u.name_en ?? null })),
  };
}

/** The stored district reason when the district was not a plain point in polygon (issue #12: nearest district, overlaps). */
function districtHow(resolution: unknown): { how?: string } {
  const res = (typeof resolution === 'string' ? JSON.parse(resolution) : resolution) as {
    district?: { via?: string; others?: unknown[] };
    reasons?: Array<{ step: string; text: string }>;
  } | null;
  const d = res?.district;
  if (!d || (d.via !== 'nearest' && !d.others?.length)) return {};
  const text = res?.reasons?.find((x) => x.step === 'district')?.text;
  return text ? { how: text } : {};
}
