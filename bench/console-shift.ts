/**
 * The "my shift" panel (GET /api/console/shift) on the demo city with a busy contact centre behind
 * it: 40 other agents with 60,000 contacts over 30 days, and the demo agent's 80 contacts today and
 * 30 forwarded questions. Prints p50/p95 of the HTTP call and the EXPLAIN of each query, to check
 * they read only the agent's own rows (contacts_staff, inquiries_forwarded_by).
 *
 * Part of bench/console.ts; runs alone too:
 *   DATABASE_URL=postgres://... node bin/run-ts.js bench/console-shift.ts
 *   node bin/run-ts.js bench/console-shift.ts            (embedded)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../api/db/engine';
import { benchDatabase, drive, printTable, type Stats } from './lib';
import { loadConfig } from '../api/config';
import { createApp } from '../api/http/app';
import { createLogger } from '../api/log';
import { loadDemo } from '../api/demo/load';
import { myShift, shiftForwardedSql, shiftRecentSql, shiftStartSql, shiftSummarySql } from '../api/console/shift';

const row = (what: string, s: Stats) => ({ what, n: s.n, p50_ms: s.p50, p95_ms: s.p95, p99_ms: s.p99, max_ms: s.max });

/** Synthetic history: other agents' contacts over 30 days, and the agent's own shift today. */
async function seedContacts(db: Database, jurisdictionId: string, agentId: number): Promise<void> {
  const k = db.knex;
  const others = (
    await k('staff')
      .insert(
        Array.from({ length: 40 }, (_, i) => ({ email: `bench-agent-${i}@shift.example`, password_hash: 'x', role: 'agent', jurisdiction_id: jurisdictionId })),
      )
      .returning('id')
  ).map((r: { id: number }) => r.id);
  await k.raw(
    `INSERT INTO contacts (jurisdiction_id, staff_id, channel, started_at, ended_at, outcome, topic)
     SELECT ?, (?::bigint[])[1 + g % 40], (ARRAY['phone','phone','phone','email','chat','in_person'])[1 + g % 6],
            now() - (g % 30) * interval '1 day' - (g % 480) * interval '1 minute',
            now() - (g % 30) * interval '1 day' - (g % 480) * interval '1 minute' + (60 + g % 400) * interval '1 second',
            (ARRAY['answered_kb','answered_kb','request_filed','attached','forwarded','other'])[1 + g % 6], 'bench'
       FROM generate_series(1, 60000) g`,
    [jurisdictionId, `{${others.join(',')}}`],
  );
  // The agent's shift: 80 contacts since 8 hours ago, the last one still open.
  await k.raw(
    `INSERT INTO contacts (jurisdiction_id, staff_id, channel, started_at, ended_at, outcome, topic, request_id)
     SELECT ?, ?, (ARRAY['phone','phone','email','chat'])[1 + g % 4], now() - interval '8 hours' + g * interval '6 minutes',
            CASE WHEN g < 79 THEN now() - interval '8 hours' + g * interval '6 minutes' + (90 + g) * interval '1 second' END,
            CASE WHEN g < 79 THEN (ARRAY['answered_kb','request_filed','attached','forwarded'])[1 + g % 4] END, 'bench',
            CASE WHEN g % 4 = 1 THEN (SELECT id FROM requests WHERE jurisdiction_id = ? ORDER BY id OFFSET g LIMIT 1) END
       FROM generate_series(0, 79) g`,
    [jurisdictionId, agentId, jurisdictionId],
  );
  const unitId = (await k('units').where({ jurisdiction_id: jurisdictionId }).first('id')).id;
  await k.raw(
    `INSERT INTO inquiries (public_id, jurisdiction_id, unit_id, topic, question, channel, status, due_at, answer, answered_at, forwarded_by, created_at)
     SELECT 'Z-BENCH-' || g || '-' || s, ?, ?, 'bench', 'pytanie', 'phone', CASE WHEN g % 3 = 0 THEN 'answered' ELSE 'open' END,
            now() + (g % 10 - 3) * interval '1 day', CASE WHEN g % 3 = 0 THEN 'odpowiedz' END, CASE WHEN g % 3 = 0 THEN now() - g * interval '1 hour' END,
            s, now() - g * interval '1 day'
       FROM generate_series(1, 30) g, unnest(?::bigint[]) s`,
    [jurisdictionId, unitId, `{${[agentId, ...others].join(',')}}`],
  );
  await k.raw('ANALYZE contacts');
  await k.raw('ANALYZE inquiries');
}

/** Seeds the history, measures the endpoint and prints the plans. `get` is a logged-in agent's GET. */
export async function benchShift(
  db: Database,
  p: { jurisdictionId: string; agentId: number; get: (path: string) => Promise<unknown>; samples: number },
): Promise<Array<Record<string, string | number>>> {
  await seedContacts(db, p.jurisdictionId, p.agentId);
  const q = { jurisdictionId: p.jurisdictionId, staffId: p.agentId };
  const now = new Date();
  const shift = await myShift(db, { ...q, now });
  console.log(
    `my shift: ${shift.totals.contacts} contacts since ${shift.since.toISOString()}, ${shift.forwarded.length} forwarded shown, ${shift.atRisk.count} requests at risk`,
  );
  for (const [name, built] of [
    ['shift start', shiftStartSql(q, now)],
    ['summary', shiftSummarySql(q, shift.since, now)],
    ['last contacts', shiftRecentSql(q, shift.since, now)],
    ['forwarded', shiftForwardedSql(q, shift.since, now)],
  ] as const) {
    const plan = (await db.knex.raw(`EXPLAIN (ANALYZE, COSTS OFF) ${built.sql}`, built.bindings)).rows.map((r: Record<string, string>) => Object.values(r)[0]);
    console.log(`EXPLAIN ANALYZE, ${name}:\n  ${plan.join('\n  ')}`);
  }
  return [
    row('myShift()', await drive(p.samples, 1, () => myShift(db, q))),
    row('GET /api/console/shift', await drive(p.samples, 1, () => p.get('/api/console/shift'))),
  ];
}

async function main(): Promise<void> {
  const db = await benchDatabase('console-shift');
  try {
    const demo = await loadDemo(db, { seed: 1 });
    const config = { ...loadConfig({ LOG_LEVEL: 'silent', KONTAKT_DEMO: 'false' }), port: 0 };
    const server = http.createServer(createApp({ config, db, log: createLogger(config) }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const agent = demo.logins.find((l) => l.role === 'agent')!;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password: agent.password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const agentId = Number((await login.json()).staff.id);
    const get = async (path: string) => {
      const r = await fetch(`${base}${path}`, { headers: { cookie } });
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    };
    const rows = await benchShift(db, { jurisdictionId: demo.jurisdictionId, agentId, get, samples: Number(process.env.BENCH_CONSOLE_SAMPLES ?? 200) });
    printTable(`My shift, demo city (${db.engine})`, rows);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  } finally {
    await db.close();
  }
}

// Run alone when started directly or through bin/run-ts.js (then the runner is the main module
// and our parent); not when bench/console.ts imports it.
if (require.main === module || (module.parent !== null && require.main?.filename === module.parent?.filename)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
