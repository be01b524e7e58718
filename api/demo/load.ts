/**
 * Loads the demo city into a database (issue #2, item 5): the generated city pack through the
 * real importer, a year of requests bulk-inserted and resolved set-based by the pipeline's batch
 * resolution, demo staff accounts with fixed passwords, a demo API key, then every DEMO_EXTRAS hook.
 *
 * Not one transaction: the importer and the batch resolution each run their own, and PGlite has a
 * single connection (a transaction held here would deadlock them). A failed load removes the demo
 * jurisdiction again (everything hangs off it with ON DELETE CASCADE), so the next start retries.
 *
 * Measured (bench/demo.ts, default size, 2 busy CPUs): embedded 10-28 s, server 5-12 s. The batch
 * resolution is the largest stage (district, rule and nearest-address laterals per request), then the
 * import; the history itself is four INSERT ... SELECT FROM jsonb_to_recordset statements per chunk
 * of 2,000-5,000 rows, so there is no round trip per row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Database } from '../db/engine';
import { importCityPack } from '../city/import';
import { isDetailedStatus, openStatusFor } from '../requests/statuses';
import { resolveBatch } from '../pipeline/batch';
import { withMapCellsRecounted } from '../map/store';
import { withoutNotifications } from '../notify/outbox';
import { newPublicId } from '../pipeline/public-id';
import { createStaff, Role } from '../accounts/staff';
import { createApiClient } from '../accounts/api-clients';
import { DEFAULT_DEMO_OPTIONS, DEMO_JURISDICTION_ID, DemoOptions, writeDemoPack } from './generate';
import { DemoRequests, generateDemoRequests } from './requests';
import { DEMO_EXTRAS } from './extras';

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
  name: string;
  unitCode?: string;
}

/** Fixed demo accounts, one per role. Demo only: the announcement says how to turn the demo off. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { role: 'admin', email: 'admin@nadwislin.example', password: 'demo-admin', name: 'Administrator Demo' },
  { role: 'agent', email: 'agent@nadwislin.example', password: 'demo-agent', name: 'Agnieszka Konsultantka' },
  { role: 'unit_staff', email: 'zdm@nadwislin.example', password: 'demo-zdm', name: 'Zbigniew Drogowiec', unitCode: 'ZDM' },
  { role: 'crew', email: 'ekipa@nadwislin.example', password: 'demo-ekipa', name: 'Brygada MPO nr 2', unitCode: 'MPO' },
  { role: 'analyst', email: 'analityk@nadwislin.example', password: 'demo-analyst', name: 'Anna Analityczna' },
];

export interface DemoLoadOptions extends Partial<DemoOptions> {
  /** "Now" for the requests' past 12 months; default the current time. */
  now?: Date;
  /** Progress lines (pino-style callers pass log.info). */
  log?: (message: string) => void;
}

export interface DemoLoadResult {
  jurisdictionId: string;
  logins: DemoLogin[];
  /** The demo API key: shown once, stored only as a hash. */
  apiKey: string;
  counts: { districts: number; units: number; services: number; addresses: number; requests: number; people: number; events: number };
  ms: { pack: number; import: number; requests: number; resolve: number; accounts: number; extras: number; total: number };
}

export async function loadDemo(db: Database, options: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  const settings = { ...DEFAULT_DEMO_OPTIONS, ...options };
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const ms = { pack: 0, import: 0, requests: 0, resolve: 0, accounts: 0, extras: 0, total: 0 };
  let t = performance.now();
  const lap = (key: keyof typeof ms) => {
    const now = performance.now();
    ms[key] = Math.round(now - t);
    t = now;
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-demo-'));
  try {
    const pack = writeDemoPack(dir, settings);
    lap('pack');
    log(`demo: importing the city pack (${pack.geography.addresses.length} addresses)`);
    // Districts must already be valid when the first historical request was made, or the batch
    // resolution (district valid at requested_at) would find none: open them 13 months back.
    const now = options.now ?? new Date();
    await importCityPack(db, dir, { now: new Date(now.getTime() - 400 * 24 * 3600_000) });
    lap('import');
    try {
      const { knex } = db;
      const j = DEMO_JURISDICTION_ID;
      const logins: DemoLogin[] = [];
      const staffIds: Partial<Record<Role, number>> = {};
      for (const login of DEMO_LOGINS) {
        const { staff } = await createStaff(knex, {
          email: login.email,
          role: login.role,
          unitCode: login.unitCode,
          name: login.name,
          jurisdictionId: j,
          password: login.password,
        });
        staffIds[login.role] = staff.id;
        logins.push(login);
      }
      const { key: apiKey } = await createApiClient(knex, { name: 'Demo: aplikacja mieszkańca', jurisdictionId: j, rateLimitPerMinute: 600 });
      lap('accounts');

      log(`demo: writing ${settings.requests} requests of the past 12 months`);
      const history = generateDemoRequests(pack, { count: settings.requests, seed: settings.seed, now });
      // A year of history at once: the map's cluster counts are recomputed once at the end.
      // ...and the residents of that history are not e-mailed about it (api/notify).
      const events = await withMapCellsRecounted(knex, () =>
        withoutNotifications(knex, async () => {
          const inserted = await insertHistory(knex, j, history, staffIds);
          lap('requests');
          await resolveBatch(db, { jurisdictionId: j });
          lap('resolve');
          return inserted;
        }),
      );

      for (const extra of DEMO_EXTRAS) await extra(db, { jurisdictionId: j, seed: settings.seed });
      lap('extras');
      ms.total = Math.round(performance.now() - started);
      log(`demo: loaded in ${ms.total} ms`);
      return {
        jurisdictionId: j,
        logins,
        apiKey,
        counts: {
          districts: pack.geography.districts.length,
          units: pack.units.length,
          services: pack.services.length,
          addresses: pack.geography.addresses.length,
          requests: history.requests.length,
          people: history.people.length,
          events,
        },
        ms,
      };
    } catch (err) {
      // Leave an empty database behind, not half a demo: the next start tries again.
      await db
        .knex('staff')
        .whereIn(
          'email',
          DEMO_LOGINS.map((l) => l.email),
        )
        .delete()
        .catch(() => undefined);
      await db
        .knex('jurisdictions')
        .where({ id: DEMO_JURISDICTION_ID })
        .delete()
        .catch(() => undefined);
      throw err;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Ids for `n` new rows of `table`, taken from its own sequence, so related rows can point at them before insert. */
async function reserveIds(knex: Knex, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = (await knex.raw(`SELECT nextval(pg_get_serial_sequence(?, 'id'))::bigint AS id FROM generate_series(1, ?)`, [table, n])).rows as Array<{
    id: number;
  }>;
  return rows.map((r) => Number(r.id));
}

/** Inserts rows given as one JSON parameter per chunk (jurisdiction bound first): one statement per chunk. */
async function insertJson(knex: Knex, sql: string, j: string, rows: unknown[], chunk = 2000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await knex.raw(sql, [j, JSON.stringify(rows.slice(i, i + chunk))]);
}

const digits = (phone: string) => phone.replace(/\D/g, '');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Bulk-inserts people, requests, reporters and events; returns the number of events. */
async function insertHistory(knex: Knex, j: string, history: DemoRequests, staffIds: Partial<Record<Role, number>>): Promise<number> {
  const services = new Map(
    (await knex('services').where({ jurisdiction_id: j }).select('id', 'code')).map((s: { id: number; code: string }) => [s.code, s.id]),
  );
  const personIds = await reserveIds(knex, 'people', history.people.length);
  const requestIds = await reserveIds(knex, 'requests', history.requests.length);

  await insertJson(
    knex,
    `
    INSERT INTO people (id, jurisdiction_id, first_name, last_name, email, email_norm, phone, phone_norm)
    SELECT id, ?, first_name, last_name, email, lower(email), phone, phone_norm
      FROM jsonb_to_recordset(?::jsonb) AS p(id bigint, first_name text, last_name text, email text, phone text, phone_norm text)`,
    j,
    history.people.map((p, i) => ({
      id: personIds[i],
      first_name: p.firstName,
      last_name: p.lastName,
      email: p.email,
      phone: p.phone,
      phone_norm: p.phone ? digits(p.phone) : null,
    })),
  );

  // A bulk historical load bypasses api/requests/transition.ts (a year of history row by row would
  // take minutes), so it is held to the same vocabulary here: an unknown or inconsistent status fails the load.
  for (const r of history.requests)
    if (!isDetailedStatus(r.detailedStatus) || openStatusFor(r.detailedStatus) !== r.status)
      throw new Error(`demo request with status ${r.status}/${r.detailedStatus} is not in the lifecycle vocabulary (api/requests/statuses.ts)`);
  // Duplicates point at requests inserted in the same statement or earlier: the FK is checked per statement.
  await insertJson(
    knex,
    `
    INSERT INTO requests (id, public_id, jurisdiction_id, service_id, status, detailed_status, status_notes, description, attributes, geom,
                          channel, priority, requested_at, updated_at, closed_at, responded_at, duplicate_of_id, reporter_count, created_at)
    SELECT id, public_id, ?, service_id, status, detailed_status, status_notes, description, attributes, ST_SetSRID(ST_MakePoint(lon, lat), 4326),
           channel, priority, requested_at, updated_at, closed_at, responded_at, duplicate_of_id, reporter_count, requested_at
      FROM jsonb_to_recordset(?::jsonb) AS r(id bigint, public_id text, service_id bigint, status text, detailed_status text, status_notes text,
           description text, attributes jsonb, lon float8, lat float8, channel text, priority int, requested_at timestamptz, updated_at timestamptz,
           closed_at timestamptz, responded_at timestamptz, duplicate_of_id bigint, reporter_count int)`,
    j,
    history.requests.map((r, i) => ({
      id: requestIds[i],
      public_id: newPublicId(),
      service_id: services.get(r.serviceCode),
      status: r.status,
      detailed_status: r.detailedStatus,
      status_notes: r.statusNotes,
      description: r.description,
      attributes: r.attributes,
      lon: r.point[0],
      lat: r.point[1],
      channel: r.channel,
      priority: r.priority,
      requested_at: iso(r.requestedAt),
      updated_at: iso(r.updatedAt),
      closed_at: iso(r.closedAt),
      responded_at: iso(r.respondedAt),
      duplicate_of_id: r.duplicateOf === null ? null : requestIds[r.duplicateOf],
      // A merged request keeps counting its own reporter; the survivor counts everyone.
      reporter_count: Math.max(1, r.reporters.length),
    })),
  );

  await insertJson(
    knex,
    `
    INSERT INTO request_reporters (request_id, jurisdiction_id, person_id, original_request_id, channel, notify, reported_at)
    SELECT request_id, ?, person_id, original_request_id, channel, notify, reported_at
      FROM jsonb_to_recordset(?::jsonb) AS x(request_id bigint, person_id bigint, original_request_id bigint, channel text, notify text, reported_at timestamptz)`,
    j,
    history.requests.flatMap((r, i) =>
      r.reporters.map((p) => ({
        request_id: requestIds[i],
        person_id: p.person === null ? null : personIds[p.person],
        original_request_id: p.originalRequest === null ? null : requestIds[p.originalRequest],
        channel: p.channel,
        notify: p.notify,
        reported_at: iso(p.reportedAt),
      })),
    ),
    5000,
  );

  const actor = (a: string): { kind: string; id: number | null } =>
    a === 'agent'
      ? { kind: 'staff', id: staffIds.agent ?? null }
      : a === 'unit'
        ? { kind: 'staff', id: staffIds.unit_staff ?? null }
        : { kind: a === 'resident' ? 'resident' : 'system', id: null };
  const events = history.requests.flatMap((r, i) =>
    r.events.map((e) => {
      const who = actor(e.actor);
      return {
        request_id: requestIds[i],
        at: iso(e.at),
        actor_kind: who.kind,
        actor_id: who.id,
        kind: e.kind,
        public: e.public,
        status: e.status ?? null,
        detailed_status: e.detailedStatus ?? null,
        note: e.note ?? null,
        data: e.data && typeof e.data.merged === 'number' ? { merged_request_id: requestIds[e.data.merged] } : (e.data ?? {}),
      };
    }),
  );
  await insertJson(
    knex,
    `
    INSERT INTO request_events (request_id, jurisdiction_id, at, actor_kind, actor_id, kind, public, status, detailed_status, note, data)
    SELECT request_id, ?, at, actor_kind, actor_id, kind, public, status, detailed_status, note, data
      FROM jsonb_to_recordset(?::jsonb) AS e(request_id bigint, at timestamptz, actor_kind text, actor_id bigint, kind text, public boolean,
           status text, detailed_status text, note text, data jsonb)`,
    j,
    events,
    5000,
  );
  return events.length;
}
