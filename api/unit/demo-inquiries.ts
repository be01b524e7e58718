/**
 * Demo questions for the second line: the demo unit login (zdm@nadwislin.example) opens /unit to
 * an inbox with something in it — overdue (24 days old; the 13-day one too, depending on the weekday),
 * fresh ones, two already answered, and one for another unit. Forwarded through forwardInquiry with past times, so deadlines come from
 * the city calendar like real ones. Deterministic: the same questions at the same address points.
 * Replies go by phone or not at all, so loading the demo never queues e-mail to anyone.
 */
import type { Knex } from 'knex';
import { answerInquiry, forwardInquiry, type ReplyChannel } from '../knowledge/inquiries';

interface DemoQuestion {
  question: string;
  topic: string;
  unitCode: string;
  daysAgo: number;
  reply: ReplyChannel;
  person?: { firstName: string; lastName: string; phone: string };
  answer?: string;
}

const QUESTIONS: DemoQuestion[] = [
  {
    question: 'Kiedy zostanie wyremontowany chodnik przed przychodnią? Jest bardzo nierówny, starsi ludzie się potykają.',
    topic: 'Remont chodnika',
    unitCode: 'ZDM',
    daysAgo: 24,
    reply: 'phone',
    person: { firstName: 'Halina', lastName: 'Wiśniewska', phone: '+48 601 100 200' },
  },
  {
    question: 'Czy można ustawić próg zwalniający przy szkole podstawowej? Samochody jeżdżą tu bardzo szybko.',
    topic: 'Próg zwalniający',
    unitCode: 'ZDM',
    daysAgo: 13,
    reply: 'phone',
    person: { firstName: 'Tomasz', lastName: 'Zieliński', phone: '+48 602 300 400' },
  },
  {
    question: 'Dlaczego światła na skrzyżowaniu przy rynku mają tak krótki zielony sygnał dla pieszych?',
    topic: 'Sygnalizacja świetlna',
    unitCode: 'ZDM',
    daysAgo: 3,
    reply: 'none',
  },
  {
    question: 'Czy ulica przy nowym osiedlu będzie w tym roku utwardzona?',
    topic: 'Utwardzenie drogi',
    unitCode: 'ZDM',
    daysAgo: 1,
    reply: 'sms',
    person: { firstName: 'Karolina', lastName: 'Mazur', phone: '+48 603 500 600' },
  },
  {
    question: 'Kto odpowiada za zimowe utrzymanie drogi dojazdowej do cmentarza?',
    topic: 'Zimowe utrzymanie',
    unitCode: 'ZDM',
    daysAgo: 25,
    reply: 'phone',
    person: { firstName: 'Jerzy', lastName: 'Kaczmarek', phone: '+48 604 700 800' },
    answer: 'Drogę dojazdową do cmentarza odśnieża wykonawca akcji zima na zlecenie ZDM; zgłoszenia przyjmuje całodobowo numer miejski.',
  },
  {
    question: 'Czy planowana jest ścieżka rowerowa wzdłuż bulwaru nad Wisłą?',
    topic: 'Ścieżka rowerowa',
    unitCode: 'ZDM',
    daysAgo: 30,
    reply: 'none',
    answer: 'Tak, projekt ścieżki jest w przygotowaniu; budowa planowana jest na przyszły rok.',
  },
  {
    question: 'Kiedy będzie wymieniona tablica z rozkładem na przystanku przy dworcu?',
    topic: 'Rozkład na przystanku',
    unitCode: 'UM',
    daysAgo: 2,
    reply: 'none',
  },
];

/** Loads the demo questions; returns how many. The deadline of each follows the city's inquiry SLA. */
export async function loadDemoInquiries(knex: Knex, jurisdictionId: string, now = new Date()): Promise<number> {
  const units = new Set((await knex('units').where({ jurisdiction_id: jurisdictionId, active: true }).select('code')).map((u: { code: string }) => u.code));
  const agent = await knex('staff').where({ jurisdiction_id: jurisdictionId, role: 'agent' }).orderBy('id').first('id');
  const unitStaff = await knex('staff').where({ jurisdiction_id: jurisdictionId, role: 'unit_staff' }).orderBy('id').first('id');
  const points = (
    await knex.raw(`SELECT ST_Y(geom) AS lat, ST_X(geom) AS long FROM addresses WHERE jurisdiction_id = ? ORDER BY id LIMIT ?`, [
      jurisdictionId,
      QUESTIONS.length * 37,
    ])
  ).rows as Array<{ lat: number; long: number }>;
  let loaded = 0;
  for (const [n, q] of QUESTIONS.entries()) {
    if (!units.has(q.unitCode)) continue;
    const at = new Date(now.getTime() - q.daysAgo * 86_400_000);
    const point = points[n * 37] ?? points[n];
    const inquiry = await forwardInquiry(knex, {
      jurisdictionId,
      question: q.question,
      topic: q.topic,
      unitCode: q.unitCode,
      point: point ? { lat: Number(point.lat), long: Number(point.long) } : undefined,
      channel: 'phone',
      replyChannel: q.reply,
      person: q.person,
      staffId: agent?.id,
      now: at,
    });
    if (q.answer) await answerInquiry(knex, jurisdictionId, inquiry.publicId, q.answer, new Date(at.getTime() + 2 * 86_400_000), unitStaff?.id);
    loaded++;
  }
  return loaded;
}
