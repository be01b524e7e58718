/**
 * A year of demo requests (issue #2, item 5): a few thousand reports over the past 12 months with
 * seasons (snow in winter, grass in summer, potholes after the thaw), hot spots that attract many
 * reports and "me too" reporters, channels weighted as in a real contact centre (mostly phone),
 * statuses that follow each request's age and SLA, merged duplicates, and a public history.
 * Pure: the same inputs give the same requests; loadDemo writes them to the database.
 */
import { CLOSED_STATUSES } from '../requests/statuses';
import type { Channel } from '../pipeline/types';
import type { DemoPack } from './generate';
import type { PackService } from './catalogue';
import { createRandom } from './random';
import { CONTACT_TAILS, DESCRIPTIONS, INTERNAL_NOTES, PUBLIC_NOTES } from './texts';
import { attributeValues, CHANNELS, DAY, type DemoPerson, HOUR, PARK_SERVICES, person, pointInPark, season, typicalHours, WEIGHT } from './request-traits';

export type { DemoPerson } from './request-traits';

export interface DemoReporter {
  /** Index into `people`, or null for an anonymous reporter. */
  person: number | null;
  channel: Channel;
  notify: 'none' | 'email' | 'sms';
  reportedAt: Date;
  /** Index of the request this reporter first filed, when it was merged into another. */
  originalRequest: number | null;
}

export interface DemoEvent {
  at: Date;
  kind: 'created' | 'status' | 'note' | 'merged' | 'reporter_added';
  public: boolean;
  actor: 'resident' | 'agent' | 'unit' | 'system';
  status?: 'open' | 'closed';
  detailedStatus?: string;
  note?: string;
  data?: Record<string, unknown>;
}

export interface DemoRequest {
  serviceCode: string;
  status: 'open' | 'closed';
  detailedStatus: string;
  statusNotes: string | null;
  description: string;
  attributes: Record<string, string | string[]>;
  point: [number, number];
  channel: Channel;
  requestedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  respondedAt: Date | null;
  priority: number;
  /** Index of the request this one was merged into. */
  duplicateOf: number | null;
  reporters: DemoReporter[];
  events: DemoEvent[];
}

export interface DemoRequests {
  people: DemoPerson[];
  requests: DemoRequest[];
}

export function generateDemoRequests(pack: DemoPack, options: { count: number; seed: number; now: Date }): DemoRequests {
  const random = createRandom(options.seed * 7919 + 17);
  const now = options.now.getTime();
  const services = pack.services.filter((s) => WEIGHT[s.code] !== undefined);
  const byCode = new Map(pack.services.map((s) => [s.code, s]));
  const addresses = pack.geography.addresses;

  // Hot spots: a few places that keep being reported (a notorious pothole, a dumping ground, a noisy bar).
  const hotspotServices = [
    ['pothole', 'pavement'],
    ['dumping', 'litter'],
    ['noise'],
    ['litter', 'bin'],
    ['streetlight'],
    ['drain', 'water-leak'],
    ['parking'],
    ['graffiti'],
    ['wild-boar', 'dumping'],
    ['pothole', 'snow'],
  ];
  const hotspots = Array.from({ length: 18 }, (_, k) => {
    const centre = random.pick(addresses);
    const near = addresses.filter((a) => Math.abs(a.point[0] - centre.point[0]) < 0.0022 && Math.abs(a.point[1] - centre.point[1]) < 0.0014);
    return { near, services: hotspotServices[k % hotspotServices.length], weight: random.range(0.5, 2) };
  });

  const times: number[] = [];
  while (times.length < options.count) {
    const t = now - random.next() * 365 * DAY;
    const date = new Date(t);
    const weekday = date.getUTCDay();
    const hour = (date.getUTCHours() + 1) % 24; // roughly local time
    const hourWeight = hour >= 7 && hour <= 21 ? 1 : hour >= 22 || hour <= 1 ? 0.35 : 0.08;
    if (random.next() < hourWeight * (weekday === 0 || weekday === 6 ? 0.65 : 1)) times.push(t);
  }
  times.sort((a, b) => a - b);

  const people: DemoPerson[] = [];
  const requests: DemoRequest[] = [];
  const openAt = new Map<string, number[]>(); // hotspot:service -> request indexes, to find what a new report duplicates

  const newReporter = (channel: Channel, reportedAt: Date): DemoReporter => {
    let index: number | null = null;
    if (!random.chance(channel === 'open311' || channel === 'mobile' ? 0.45 : 0.2)) {
      if (people.length > 20 && random.chance(0.15)) index = random.int(0, people.length - 1);
      else {
        people.push(person(random, people.length));
        index = people.length - 1;
      }
    }
    const who = index === null ? null : people[index];
    const notify = who?.email && random.chance(0.6) ? 'email' : who?.phone && random.chance(0.25) ? 'sms' : 'none';
    return { person: index, channel, notify, reportedAt, originalRequest: null };
  };

  for (const t of times) {
    const requestedAt = new Date(t);
    const month = requestedAt.getUTCMonth();
    const fromHotspot = random.chance(0.25);
    const hotspotIndex = fromHotspot ? hotspots.indexOf(random.weighted(hotspots, (h) => h.weight)) : -1;
    const hotspot = hotspotIndex >= 0 ? hotspots[hotspotIndex] : undefined;
    let service: PackService;
    if (hotspot) {
      const candidates = hotspot.services.map((c) => byCode.get(c)!).filter((s) => season(s.code, month) > 0);
      service = candidates.length ? random.pick(candidates) : random.weighted(services, (s) => WEIGHT[s.code] * season(s.code, month));
    } else {
      service = random.weighted(services, (s) => WEIGHT[s.code] * season(s.code, month));
    }
    const address = hotspot && hotspot.near.length ? random.pick(hotspot.near) : random.pick(addresses);
    // A few metres from the address point, towards the street: where a resident would stand.
    let point: [number, number] = [
      Number((address.point[0] + random.range(-0.00012, 0.00012)).toFixed(7)),
      Number((address.point[1] + random.range(-0.00008, 0.00008)).toFixed(7)),
    ];
    // Park problems happen in the park, away from any address (routed by the park's area rule).
    if (!hotspot && PARK_SERVICES.has(service.code) && random.chance(0.2)) point = pointInPark(random, pack.geography.park.ring);
    const channel = random.weighted(CHANNELS, ([, w]) => w)[0];
    const information = service.kind === 'information';
    let description = random.pick(DESCRIPTIONS[service.code] ?? ['Proszę o interwencję.']);
    if (random.chance(0.03)) description += random.pick(CONTACT_TAILS);

    const request: DemoRequest = {
      serviceCode: service.code,
      status: 'open',
      detailedStatus: 'new',
      statusNotes: null,
      description,
      attributes: attributeValues(random, service, requestedAt, addresses),
      point,
      channel,
      requestedAt,
      updatedAt: requestedAt,
      closedAt: null,
      respondedAt: null,
      priority: 0,
      duplicateOf: null,
      reporters: [newReporter(channel, requestedAt)],
      events: [
        {
          at: requestedAt,
          kind: 'created',
          public: true,
          actor: channel === 'phone' || channel === 'in_person' ? 'agent' : 'resident',
          status: 'open',
          detailedStatus: 'new',
        },
      ],
    };
    const index = requests.length;
    requests.push(request);
    const status = (at: number, detailed: string, note: string | null, actor: DemoEvent['actor'] = 'unit') => {
      if (at > now) return false;
      const closed = CLOSED_STATUSES.has(detailed);
      request.events.push({
        at: new Date(at),
        kind: 'status',
        public: true,
        actor,
        status: closed ? 'closed' : 'open',
        detailedStatus: detailed,
        ...(note ? { note } : {}),
      });
      request.status = closed ? 'closed' : 'open';
      request.detailedStatus = detailed;
      request.statusNotes = note;
      request.updatedAt = new Date(at);
      if (closed) request.closedAt = new Date(at);
      return true;
    };

    // A report at a hot spot while the same problem is still open there is merged into it.
    const key = `${hotspotIndex}:${service.code}`;
    const survivorIndex =
      hotspot && service.duplicates.policy !== 'off'
        ? (openAt.get(key) ?? []).find((i) => requests[i].status === 'open' || (requests[i].closedAt?.getTime() ?? 0) > t)
        : undefined;
    if (survivorIndex !== undefined && random.chance(0.5)) {
      const survivor = requests[survivorIndex];
      request.duplicateOf = survivorIndex;
      const mergedAt = t + random.range(0.1, 6) * HOUR;
      if (status(mergedAt, 'duplicate', random.pick(PUBLIC_NOTES.duplicate), 'agent')) {
        const reporter = request.reporters.pop()!;
        survivor.reporters.push({ ...reporter, originalRequest: index });
        survivor.events.push({ at: new Date(mergedAt), kind: 'merged', public: false, actor: 'agent', note: 'Połączono zgłoszenie', data: { merged: index } });
      } else {
        request.duplicateOf = null;
      }
      continue;
    }
    if (hotspot) openAt.set(key, [...(openAt.get(key) ?? []), index]);

    // The life of the request: acknowledged, maybe in progress, then closed when its time came.
    // Most requests close within their SLA; some run late, and a backlog waits for planned works.
    // Batch services (pavements, graffiti, suggestions) keep a long queue of planned work.
    const backlog = service.type === 'batch' && random.chance(0.3);
    const late = backlog ? random.range(8, 30) : random.chance(0.1) ? random.range(6, 20) : random.chance(0.12) ? 3 : 1;
    const duration = Math.max(0.2, typicalHours(service) * Math.exp(0.9 * random.normal()) * late) * HOUR;
    const ackAt = t + Math.min(duration * 0.15, random.range(0.2, 6) * HOUR);
    if (status(ackAt, 'acknowledged', information ? null : random.pick(PUBLIC_NOTES.acknowledged), 'agent')) request.respondedAt = new Date(ackAt);
    if (!information && duration > 8 * HOUR) {
      const middle = backlog ? 'planned' : random.chance(0.3) ? (random.chance(0.5) ? 'planned' : 'waiting_for_resident') : 'in_progress';
      const midAt = t + duration * (backlog ? random.range(0.03, 0.1) : random.range(0.3, 0.7));
      status(midAt, middle, random.pick(PUBLIC_NOTES[middle as 'planned']));
      if (random.chance(0.25) && midAt + HOUR < now)
        request.events.push({ at: new Date(midAt + HOUR), kind: 'note', public: false, actor: 'unit', note: random.pick(INTERNAL_NOTES) });
    }
    const roll = random.next();
    const [closing, notes] = information
      ? (['no_further_action', PUBLIC_NOTES.answered] as const)
      : roll < 0.8
        ? (['fixed', PUBLIC_NOTES.fixed] as const)
        : roll < 0.88
          ? (['no_further_action', PUBLIC_NOTES.no_further_action] as const)
          : roll < 0.95
            ? (['not_responsible', PUBLIC_NOTES.not_responsible] as const)
            : (['cancelled', PUBLIC_NOTES.cancelled] as const);
    if (!status(t + duration, closing, random.pick(notes)) && request.status === 'open' && random.chance(0.08)) {
      status(Math.max(request.updatedAt.getTime() + HOUR, t + duration * 0.05), 'referred_external', random.pick(PUBLIC_NOTES.referred_external));
    }
    if (request.status === 'closed' && closing === 'fixed' && random.chance(0.005) && request.closedAt!.getTime() + 2 * DAY < now) {
      request.closedAt = null;
      status(request.updatedAt.getTime() + DAY, 'reopened', random.pick(PUBLIC_NOTES.reopened), 'agent');
    }

    // "Me too": more residents report a visible problem while it is open.
    const extra = hotspot ? random.int(0, 4) : random.chance(0.12) ? random.int(1, 2) : 0;
    const until = request.closedAt?.getTime() ?? now;
    for (let k = 0; k < extra && !information; k++) {
      const at = new Date(t + random.next() * (until - t));
      request.reporters.push(newReporter(random.weighted(CHANNELS, ([, w]) => w)[0], at));
      request.events.push({ at, kind: 'reporter_added', public: false, actor: 'agent', note: 'Kolejna osoba zgłosiła ten problem.' });
    }
  }
  for (const request of requests) {
    request.events.sort((a, b) => a.at.getTime() - b.at.getTime());
    request.priority = request.reporters.length >= 4 ? 2 : request.reporters.length >= 2 ? 1 : 0;
  }
  return { people, requests };
}
