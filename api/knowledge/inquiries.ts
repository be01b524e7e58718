/**
 * Inquiries forwarded to the second line (issue #5 item 4): a question the first line cannot
 * answer goes to the responsible unit with its own deadline, and the unit's answer returns to the
 * resident by the channel they chose.
 *
 * Routing reuses the pipeline's rule SQL (`api/pipeline/resolve-sql.ts`), so a question about
 * potholes in Beta lands where a pothole report in Beta would. The place is the given point, or a
 * point inside the given district, or none (then only rules valid anywhere apply). The agent may
 * override the unit.
 *
 * The deadline: `jurisdictions.settings.inquirySla = {"amount": n, "unit": "working_days"}`,
 * by default 10 working days on the city's calendar (public holidays, working hours).
 */
import type { Knex } from 'knex';
import { Errors } from '../errors';
import { districtLateral, ruleLateral } from '../pipeline/resolve-sql';
import { loadCalendar } from '../pipeline/sla-batch';
import { computeDeadline } from '../sla/calendar';
import { citySettings, CITY_SETTINGS_DEFAULTS } from '../../kernel/city-settings';
import { newPublicId } from '../pipeline/public-id';
import type { AgentChannel } from './contacts';
import { findOrCreatePerson, type PersonInput } from './people';

/**
 * An inquiry number as typed or linked (any case): Z-7K3M-Q9X-A2B. Anything else cannot exist, so
 * it is "not found", like another unit's, rather than a different error that tells them apart.
 */
export function inquiryNumber(text: unknown): string {
  const id = String(text ?? '');
  if (!/^Z-[0-9A-Z-]{3,40}$/i.test(id)) throw Errors.notFound('inquiry', id.slice(0, 60));
  return id.toUpperCase();
}

export const REPLY_CHANNELS = ['email', 'sms', 'phone', 'letter', 'none'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];
export const DEFAULT_INQUIRY_SLA = CITY_SETTINGS_DEFAULTS.inquirySla;

export interface ForwardInquiry {
  jurisdictionId: string;
  question: string;
  topic?: string;
  serviceCode?: string;
  districtCode?: string;
  point?: { lat: number; long: number };
  /** Agent's choice of unit; otherwise the routing rules choose. */
  unitCode?: string;
  channel: AgentChannel;
  replyChannel: ReplyChannel;
  person?: PersonInput;
  staffId?: number;
  now?: Date;
}

export interface Inquiry {
  id: number;
  publicId: string;
  unit: { id: number; code: string; name: string };
  district: { id: number; code: string; name: string } | null;
  serviceCode: string | null;
  topic: string;
  question: string;
  status: 'open' | 'answered' | 'returned' | 'closed';
  replyChannel: ReplyChannel;
  dueAt: Date;
  personId: number | null;
  routingRuleCode: string | null;
  createdAt: Date;
  answer: string | null;
}

/** The unit and district for a question: the same rules as requests, on a point or a district. */
async function route(trx: Knex, f: ForwardInquiry, serviceId: number | null, groupCode: string | null, at: Date, nearestM: number) {
  const place = f.point
    ? { sql: 'ST_SetSRID(ST_MakePoint(?, ?), 4326)', bindings: [f.point.long, f.point.lat] }
    : f.districtCode
      ? {
          sql: `(SELECT ST_PointOnSurface(geom) FROM districts WHERE jurisdiction_id = ? AND code = ? AND valid_to IS NULL)`,
          bindings: [f.jurisdictionId, f.districtCode],
        }
      : { sql: 'NULL::geometry', bindings: [] };
  const r = await trx.raw(
    `SELECT dist.id AS district_id, dist.code AS district_code, dist.name AS district_name,
            rule.id AS rule_id, rule.code AS rule_code, rule.unit_id, rule.unit_code, rule.unit_name
       FROM (SELECT ?::text AS jurisdiction_id, ${place.sql} AS geom, ?::timestamptz AS at, ?::bigint AS service_id, ?::text AS group_code,
                    ?::float8 AS nearest_m) t
       ${districtLateral('t')}
       ${ruleLateral('t')}`,
    [f.jurisdictionId, ...place.bindings, at, serviceId, groupCode, nearestM],
  );
  return r.rows[0] as {
    district_id: number | null;
    district_code: string | null;
    district_name: string | null;
    rule_id: number | null;
    rule_code: string | null;
    unit_id: number | null;
    unit_code: string | null;
    unit_name: string | null;
  };
}

function validate(f: ForwardInquiry): void {
  const problems = [];
  if (!f.question?.trim()) problems.push({ field: 'question', description: 'question is required' });
  if ((f.question ?? '').length > 4000) problems.push({ field: 'question', description: 'question is longer than 4000 characters' });
  if (!(REPLY_CHANNELS as readonly string[]).includes(f.replyChannel))
    problems.push({ field: 'replyChannel', description: `replyChannel must be one of ${REPLY_CHANNELS.join(', ')}` });
  if (f.replyChannel === 'email' && !f.person?.email) problems.push({ field: 'email', description: 'an answer by e-mail needs the e-mail address' });
  if ((f.replyChannel === 'sms' || f.replyChannel === 'phone') && !f.person?.phone)
    problems.push({ field: 'phone', description: `an answer by ${f.replyChannel} needs the phone number` });
  if (problems.length) throw Errors.many(problems);
}

/** Forwards a question; everything in one transaction (use only `trx` inside: PGlite has one connection). */
export async function forwardInquiry(knex: Knex, f: ForwardInquiry): Promise<Inquiry> {
  validate(f);
  const now = f.now ?? new Date();
  return knex.transaction(async (trx) => {
    let service: { id: number; group_code: string | null; name_pl: string } | undefined;
    if (f.serviceCode) {
      service = await trx('services').where({ jurisdiction_id: f.jurisdictionId, code: f.serviceCode }).first('id', 'group_code', 'name_pl');
      if (!service) throw Errors.notFound('service_code', f.serviceCode);
    }
    // Read once: the nearest-district distance for routing (a point in a gap of the district map gets
    // the nearest district, as a request there would) and the question's SLA.
    const settings = citySettings((await trx('jurisdictions').where({ id: f.jurisdictionId }).first('settings'))?.settings);
    const routed = await route(trx, f, service?.id ?? null, service?.group_code ?? null, now, settings.resolution.nearestDistrictM);
    if (f.districtCode && !routed.district_id) throw Errors.notFound('district', f.districtCode);
    let unit = routed.unit_id ? { id: routed.unit_id, code: routed.unit_code!, name: routed.unit_name! } : undefined;
    let ruleId = routed.rule_id;
    if (f.unitCode) {
      const chosen = await trx('units').where({ jurisdiction_id: f.jurisdictionId, code: f.unitCode, active: true }).first('id', 'code', 'name');
      if (!chosen) throw Errors.notFound('unit', f.unitCode);
      if (chosen.id !== unit?.id) ruleId = null;
      unit = chosen;
    }
    if (!unit) throw Errors.badRequest('unit', 'no routing rule names a unit for this question; choose the unit');
    const sla = settings.inquirySla;
    const dueAt = computeDeadline(await loadCalendar(trx, f.jurisdictionId), now, sla.amount, sla.unit);
    const personId = f.person ? await findOrCreatePerson(trx, f.jurisdictionId, f.person) : null;
    const [row] = await trx('inquiries')
      .insert({
        public_id: `Z-${newPublicId()}`,
        jurisdiction_id: f.jurisdictionId,
        person_id: personId,
        service_id: service?.id ?? null,
        district_id: routed.district_id,
        unit_id: unit.id,
        routing_rule_id: ruleId,
        topic: f.topic?.trim() || service?.name_pl || f.question.trim().slice(0, 80),
        question: f.question.trim(),
        channel: f.channel,
        reply_channel: f.replyChannel,
        due_at: dueAt,
        forwarded_by: f.staffId ?? null,
        // Kept so the unit sees the place on its map (api/unit); bound values, never interpolated.
        geom: f.point ? trx.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [f.point.long, f.point.lat]) : null,
        created_at: now,
        updated_at: now,
      })
      .returning('*');
    return {
      id: row.id,
      publicId: row.public_id,
      unit,
      district: routed.district_id ? { id: routed.district_id, code: routed.district_code!, name: routed.district_name! } : null,
      serviceCode: f.serviceCode ?? null,
      topic: row.topic,
      question: row.question,
      status: row.status,
      replyChannel: row.reply_channel,
      dueAt: row.due_at,
      personId,
      routingRuleCode: ruleId ? routed.rule_code : null,
      createdAt: row.created_at,
      answer: null,
    };
  });
}

/** Inquiries of a jurisdiction (optionally one unit / status), oldest deadline first. */
export async function listInquiries(knex: Knex, q: { jurisdictionId: string; unitId?: number; status?: string; personIds?: number[]; limit?: number }) {
  const query = knex('inquiries as i')
    .join('units as u', 'u.id', 'i.unit_id')
    .leftJoin('districts as d', 'd.id', 'i.district_id')
    .where('i.jurisdiction_id', q.jurisdictionId)
    .orderBy('i.due_at')
    .limit(Math.min(q.limit ?? 50, 200))
    .select(
      'i.id',
      'i.public_id',
      'i.topic',
      'i.question',
      'i.status',
      'i.reply_channel',
      'i.due_at',
      'i.created_at',
      'i.answer',
      'i.answered_at',
      'i.return_reason',
      'i.returned_at',
      'u.code as unit_code',
      'u.name as unit_name',
      'd.name as district_name',
    );
  if (q.unitId) query.andWhere('i.unit_id', q.unitId);
  if (q.status) query.andWhere('i.status', q.status);
  if (q.personIds) query.whereIn('i.person_id', q.personIds);
  const rows = await query;
  return rows.map((r: Record<string, unknown>) => ({
    id: r.id,
    publicId: r.public_id,
    topic: r.topic,
    question: r.question,
    status: r.status,
    replyChannel: r.reply_channel,
    dueAt: r.due_at,
    createdAt: r.created_at,
    answer: r.answer ?? null,
    answeredAt: r.answered_at ?? null,
    returnReason: r.return_reason ?? null,
    returnedAt: r.returned_at ?? null,
    unit: { code: r.unit_code, name: r.unit_name },
    districtName: r.district_name ?? null,
  }));
}

/**
 * The unit's answer; the resident hears back by the reply channel (notifications are another issue).
 * `answeredBy`: the staff member who wrote it (api/unit checks scope, state and length first).
 */
export async function answerInquiry(
  knex: Knex,
  jurisdictionId: string,
  publicId: string,
  answer: string,
  now = new Date(),
  answeredBy?: number,
): Promise<void> {
  if (!answer?.trim()) throw Errors.missing('answer');
  const n = await knex('inquiries')
    .where({ jurisdiction_id: jurisdictionId, public_id: publicId })
    .update({ answer: answer.trim(), answered_at: now, answered_by: answeredBy ?? null, status: 'answered', updated_at: now });
  if (!n) throw Errors.notFound('inquiry', publicId);
}
