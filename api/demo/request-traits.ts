/**
 * What a demo request is made of: how often each service is reported and in which months, through
 * which channel, how long it typically takes, who reports it, and the answers to its attributes.
 * generateDemoRequests (requests.ts) draws from these.
 */
import type { Channel } from '../pipeline/types';
import { AddressPoint, pointInRing } from './geography';
import type { PackService } from './catalogue';
import type { Random } from './random';
import { FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES } from './names';
import { DESCRIPTIONS } from './texts';
import { fold } from '../../kernel/fold';

export interface DemoPerson {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/** Share of the year's reports per service. */
export const WEIGHT: Record<string, number> = {
  pothole: 10,
  pavement: 5,
  'road-sign': 3,
  'traffic-lights': 2,
  snow: 6,
  obstruction: 2,
  tree: 4,
  grass: 4,
  'park-damage': 3,
  'tree-planting': 1,
  litter: 9,
  dumping: 5,
  bin: 5,
  graffiti: 3,
  streetlight: 7,
  'water-leak': 2,
  drain: 3,
  manhole: 1,
  stop: 2,
  'transport-complaint': 3,
  'timetable-info': 2,
  noise: 5,
  neighbours: 2,
  'abandoned-vehicle': 2,
  parking: 6,
  'stray-animal': 2,
  'dead-animal': 2,
  'wild-boar': 1.5,
  'city-info': 4,
  'waste-schedule': 3,
  suggestion: 1,
};

/** Seasonal factor by month (0 = January). */
export function season(code: string, month: number): number {
  const inMonths = (months: number[], yes: number, no = 1) => (months.includes(month) ? yes : no);
  switch (code) {
    case 'snow':
      return [11, 0, 1].includes(month) ? 4 : [10, 2].includes(month) ? 1 : 0;
    case 'grass':
      return [4, 5, 6, 7].includes(month) ? 3 : [3, 8].includes(month) ? 1 : 0;
    case 'pothole':
      return inMonths([1, 2, 3], 2.2, 0.8);
    case 'tree':
      return inMonths([5, 6, 7], 1.8, inMonths([9, 10], 1.4, 0.8));
    case 'drain':
      return inMonths([5, 6, 7], 1.7, inMonths([9], 1.3, 0.8));
    case 'noise':
    case 'park-damage':
      return inMonths([4, 5, 6, 7, 8], 1.6, 0.7);
    case 'wild-boar':
      return inMonths([8, 9, 10], 1.8, 0.8);
    case 'streetlight':
      return inMonths([9, 10, 11, 0, 1], 1.5, 0.7);
    default:
      return 1;
  }
}

export const CHANNELS: Array<[Channel, number]> = [
  ['phone', 55],
  ['web', 17],
  ['mobile', 12],
  ['open311', 6],
  ['email', 6],
  ['in_person', 2],
  ['chat', 1.5],
  ['sms', 0.5],
];

/** Typical time to resolve, in hours, from the service's SLA target. */
export function typicalHours(service: PackService): number {
  const { value, unit } = service.sla.resolution;
  const hours = unit === 'working_hours' ? value * 3 : unit === 'working_days' ? value * 1.4 * 24 : unit === 'days' ? value * 24 : value;
  return hours * 0.6;
}

/** Letters only, folded by the kernel's one rule: `Wąsowski` -> `wasowski` (e-mail local parts). */
const letters = (s: string) => fold(s).replace(/[^a-z]/g, '');

export function person(random: Random, n: number): DemoPerson {
  const female = random.chance(0.55);
  const firstName = random.pick(female ? FIRST_NAMES_F : FIRST_NAMES_M);
  const [male, fem] = random.pick(LAST_NAMES);
  const lastName = female ? fem : male;
  const hasPhone = random.chance(0.75);
  const hasEmail = !hasPhone || random.chance(0.4);
  return {
    firstName,
    lastName,
    email: hasEmail ? `${letters(firstName)}.${letters(lastName)}${n % 97}@example.com` : null,
    phone: hasPhone
      ? `+48 ${random.pick(['501', '602', '603', '691', '724', '785', '880'])} ${String(random.int(100, 999))} ${String(random.int(100, 999))}`
      : null,
  };
}

export function attributeValues(random: Random, service: PackService, at: Date, addresses: AddressPoint[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const attribute of service.attributes) {
    if (!attribute.required && !random.chance(0.6)) continue;
    const keys = (attribute.values ?? []).map((v) => v.key);
    switch (attribute.datatype) {
      case 'singlevaluelist':
        out[attribute.code] = random.pick(keys);
        break;
      case 'multivaluelist':
        out[attribute.code] = random
          .shuffle(keys)
          .slice(0, random.int(1, Math.min(2, keys.length)))
          .sort();
        break;
      case 'number':
        out[attribute.code] = String(attribute.code === 'volume_m3' ? random.int(1, 12) : attribute.code === 'count' ? random.int(1, 9) : random.int(5, 60));
        break;
      case 'datetime':
        out[attribute.code] = new Date(at.getTime() - random.int(0, 180) * 60_000).toISOString();
        break;
      case 'string':
        out[attribute.code] =
          attribute.code === 'pole_number'
            ? `NDW-${random.int(1000, 9999)}`
            : attribute.code === 'plate'
              ? `TNW ${random.int(10000, 99999)}`
              : attribute.code === 'line'
                ? String(random.pick([2, 5, 7, 12, 14, 21, 33, 105]))
                : random.pick(addresses).street.replace(/^\S+ /, '');
        break;
      case 'text':
        out[attribute.code] = random.pick(DESCRIPTIONS[service.code] ?? ['Proszę o informację.']);
        break;
    }
  }
  return out;
}

export const PARK_SERVICES = new Set(['park-damage', 'tree', 'grass', 'litter', 'bin', 'wild-boar', 'dead-animal']);

export function pointInPark(random: Random, ring: Array<[number, number]>): [number, number] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  for (;;) {
    const p: [number, number] = [
      Number(random.range(Math.min(...xs), Math.max(...xs)).toFixed(7)),
      Number(random.range(Math.min(...ys), Math.max(...ys)).toFixed(7)),
    ];
    if (pointInRing(p, ring)) return p;
  }
}
