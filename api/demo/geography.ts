/**
 * The map of the demo city: districts tiling the city with shared borders, a river between them,
 * streets with centre lines, address points along the streets, a park and a national-road corridor.
 *
 * Everything is built in a local plane (metres east/north of the centre) from a 4 x 3 grid of
 * district cells whose corners are jittered and whose edges wiggle; each edge is computed once and
 * used by both districts it separates, so neighbouring districts share their border vertex for
 * vertex, and together they cover the city without gaps or overlaps. Streets live in the cells'
 * (s, t) coordinates well away from the edges, so every address point falls inside a district.
 */
import type { Random } from './random';
import { AVENUE_NAMES, ESTATE_NAMES, SQUARE_NAMES, STREET_NAMES } from './names';
import { codeFromName } from '../../kernel/fold';

export type LonLat = [number, number];
type XY = [number, number];

/** Where the fictional city sits: on the Vistula between Sandomierz and Puławy, in open fields. */
export const CENTRE: LonLat = [21.62, 51.02];
const COLS = 4;
const ROWS = 3;
const CELL_W = 3800;
const CELL_H = 3400;
/** The river runs between column 1 and column 2 (west bank / east bank). */
const RIVER_COLUMN_LINE = 2;
const EDGE_SEGMENTS = 14;

/** District names by [row][col], row 0 in the south. */
const DISTRICT_GRID: ReadonlyArray<ReadonlyArray<{ name: string; name_en?: string }>> = [
  [{ name: 'Piaski' }, { name: 'Podgórze' }, { name: 'Błonia' }, { name: 'Dąbrówka' }],
  [{ name: 'Wola' }, { name: 'Stare Miasto', name_en: 'Old Town' }, { name: 'Kępa' }, { name: 'Kamionka' }],
  [{ name: 'Przylesie' }, { name: 'Nowe Miasto', name_en: 'New Town' }, { name: 'Łęgi' }, { name: 'Zarzecze' }],
];

export interface District {
  code: string;
  name: string;
  name_en?: string;
  /** Outer ring, counter-clockwise, closed, lon/lat rounded to 6 decimals. */
  ring: LonLat[];
  /** Bank of the river: west or east. */
  bank: 'west' | 'east';
  postcodePrefix: string;
}

export interface Street {
  prefix: 'ul.' | 'al.' | 'pl.' | 'os.';
  name: string;
  line: LonLat[];
}

export interface AddressPoint {
  id: string;
  street: string;
  number: string;
  postcode: string;
  point: LonLat;
  districtCode: string;
}

export interface Geography {
  districts: District[];
  streets: Street[];
  addresses: AddressPoint[];
  /** Polygon of the city park (routing area). */
  park: { name: string; ring: LonLat[]; districtCode: string };
  /** Corridor along the national road through the city (routing area). */
  nationalRoad: { name: string; ring: LonLat[] };
}

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320 * Math.cos((CENTRE[1] * Math.PI) / 180);
const round = (v: number, digits: number) => Number(v.toFixed(digits));
const toLonLat = ([x, y]: XY, digits = 6): LonLat => [round(CENTRE[0] + x / M_PER_DEG_LON, digits), round(CENTRE[1] + y / M_PER_DEG_LAT, digits)];

/** Folds a Polish name into a code: `Stare Miasto` -> `stare-miasto`. */
export function codeOf(name: string): string {
  return codeFromName(name);
}

/** True when the point lies inside the ring (ray casting; the ring is closed). */
export function pointInRing([x, y]: LonLat, ring: LonLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function buildGeography(random: Random, options: { addresses: number }): Geography {
  // Grid corners, jittered; the outer ones less, so the city keeps a compact shape.
  const corners: XY[][] = [];
  for (let i = 0; i <= COLS; i++) {
    corners.push([]);
    for (let j = 0; j <= ROWS; j++) {
      const outer = i === 0 || j === 0 || i === COLS || j === ROWS;
      const jitter = outer ? 250 : 420;
      const x = (i - COLS / 2) * CELL_W + random.range(-jitter, jitter);
      const y = (j - ROWS / 2) * CELL_H + random.range(-jitter, jitter);
      corners[i].push([x, y]);
    }
  }

  // Each edge once: a wiggling line between two corners, kept in lon/lat so both sides share it.
  const edges = new Map<string, LonLat[]>();
  const edge = (a: [number, number], b: [number, number]): LonLat[] => {
    const forward = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
    const [p, q] = forward ? [a, b] : [b, a];
    const key = `${p[0]},${p[1]}-${q[0]},${q[1]}`;
    let line = edges.get(key);
    if (!line) {
      const from = corners[p[0]][p[1]];
      const to = corners[q[0]][q[1]];
      const vertical = p[0] === q[0];
      const river = vertical && p[0] === RIVER_COLUMN_LINE;
      const outer = vertical ? p[0] === 0 || p[0] === COLS : p[1] === 0 || p[1] === ROWS;
      const amplitude = river ? 260 : outer ? 180 : 90;
      const phases = [random.range(0, 2 * Math.PI), random.range(0, 2 * Math.PI)];
      const dx = to[0] - from[0];
      const dy = to[1] - from[1];
      const len = Math.hypot(dx, dy);
      const nx = -dy / len;
      const ny = dx / len;
      line = [];
      for (let k = 0; k <= EDGE_SEGMENTS; k++) {
        const f = k / EDGE_SEGMENTS;
        const envelope = Math.sin(Math.PI * f);
        const wiggle = amplitude * envelope * (0.7 * Math.sin(2 * Math.PI * f + phases[0]) + 0.3 * Math.sin(6 * Math.PI * f + phases[1]));
        line.push(toLonLat([from[0] + dx * f + nx * wiggle, from[1] + dy * f + ny * wiggle]));
      }
      edges.set(key, line);
    }
    return forward ? line : [...line].reverse();
  };

  const districts: District[] = [];
  for (let j = 0; j < ROWS; j++) {
    for (let i = 0; i < COLS; i++) {
      const path: Array<[number, number]> = [
        [i, j],
        [i + 1, j],
        [i + 1, j + 1],
        [i, j + 1],
        [i, j],
      ];
      const ring: LonLat[] = [];
      for (let k = 0; k < 4; k++) ring.push(...edge(path[k], path[k + 1]).slice(0, -1));
      ring.push(ring[0]);
      const { name, name_en } = DISTRICT_GRID[j][i];
      districts.push({
        code: codeOf(name),
        name,
        name_en,
        ring,
        bank: i < RIVER_COLUMN_LINE ? 'west' : 'east',
        postcodePrefix: `27-${4 + Math.floor(districts.length / 4)}${districts.length % 4}`,
      });
    }
  }

  // Cell coordinates -> plane: bilinear between the cell's four corners.
  const plane = (u: number, v: number): XY => {
    const i = Math.min(COLS - 1, Math.max(0, Math.floor(u)));
    const j = Math.min(ROWS - 1, Math.max(0, Math.floor(v)));
    const s = u - i;
    const t = v - j;
    const [a, b, c, d] = [corners[i][j], corners[i + 1][j], corners[i + 1][j + 1], corners[i][j + 1]];
    return [
      (1 - s) * (1 - t) * a[0] + s * (1 - t) * b[0] + s * t * c[0] + (1 - s) * t * d[0],
      (1 - s) * (1 - t) * a[1] + s * (1 - t) * b[1] + s * t * c[1] + (1 - s) * t * d[1],
    ];
  };

  const streetNames = random.shuffle(STREET_NAMES);
  let nextStreetName = 0;
  const takeName = () => streetNames[nextStreetName++ % streetNames.length];
  const parkCell = { i: 1, j: 2 };
  const streetsUV: Array<{ prefix: Street['prefix']; name: string; uv: Array<[number, number]> }> = [];

  // Avenues across the city (one of them is the national road through it, crossing the river).
  const avenue = (name: string, from: [number, number], to: [number, number], bend: number) => {
    const uv: Array<[number, number]> = [];
    for (let k = 0; k <= 40; k++) {
      const f = k / 40;
      const off = bend * Math.sin(Math.PI * f);
      const horizontal = Math.abs(to[0] - from[0]) > Math.abs(to[1] - from[1]);
      uv.push([from[0] + (to[0] - from[0]) * f + (horizontal ? 0 : off), from[1] + (to[1] - from[1]) * f + (horizontal ? off : 0)]);
    }
    streetsUV.push({ prefix: 'al.', name, uv });
  };
  avenue(AVENUE_NAMES[0], [0.15, 1.5], [3.85, 1.5], 0.08);
  avenue(AVENUE_NAMES[1], [2.5, 0.15], [2.5, 2.85], -0.06);
  avenue(AVENUE_NAMES[2], [0.5, 0.15], [0.5, 2.85], 0.05);
  avenue(AVENUE_NAMES[3], [0.15, 0.5], [3.85, 0.5], -0.05);

  // Local streets: a grid of named street sections, one per cell, that meet their neighbours at
  // the district borders (a street name changes at a border, as it often does). They keep clear of
  // the avenues (s or t = 0.5), of the park, and of the river and the city edge, whose borders
  // wiggle more: there a section stops short, so every address point stays inside the city.
  const ACROSS = [0.2, 0.35, 0.65, 0.8];
  const ALONG = [0.22, 0.38, 0.62, 0.8];
  const inPark = (i: number, j: number, f: number) => i === parkCell.i && j === parkCell.j && f > 0.3 && f < 0.7;
  const shifts = (n: number, m: number) => Array.from({ length: n }, () => Array.from({ length: m }, () => random.range(-0.03, 0.03)));
  const rowShift = shifts(ROWS, ACROSS.length);
  const columnShift = shifts(COLS, ALONG.length);
  const section = (from: [number, number], to: [number, number], bend: [number, number]): Array<[number, number]> => {
    const uv: Array<[number, number]> = [];
    for (let k = 0; k <= 12; k++) {
      const f = k / 12;
      const wave = Math.sin(Math.PI * 2 * f);
      uv.push([from[0] + (to[0] - from[0]) * f + bend[0] * wave, from[1] + (to[1] - from[1]) * f + bend[1] * wave]);
    }
    return uv;
  };
  let estate = 0;
  for (let j = 0; j < ROWS; j++) {
    for (let i = 0; i < COLS; i++) {
      const westEnd = i === 0 || i === RIVER_COLUMN_LINE ? i + 0.1 : i;
      const eastEnd = i === COLS - 1 || i + 1 === RIVER_COLUMN_LINE ? i + 0.9 : i + 1;
      const southEnd = j === 0 ? j + 0.1 : j;
      const northEnd = j === ROWS - 1 ? j + 0.9 : j + 1;
      ACROSS.forEach((t0, k) => {
        if (inPark(i, j, t0)) return;
        const v = j + t0 + rowShift[j][k];
        streetsUV.push({ prefix: 'ul.', name: takeName(), uv: section([westEnd, v], [eastEnd, v], [0, random.range(-0.02, 0.02)]) });
      });
      ALONG.forEach((s0, k) => {
        if (inPark(i, j, s0)) return;
        const u = i + s0 + columnShift[i][k];
        // Outer districts have housing estates, addressed `os. Name 12`.
        const isEstate = (i === 0 || i === COLS - 1) && s0 === 0.62 && estate < ESTATE_NAMES.length;
        streetsUV.push({
          prefix: isEstate ? 'os.' : 'ul.',
          name: isEstate ? ESTATE_NAMES[estate++] : takeName(),
          uv: section([u, southEnd], [u, northEnd], [random.range(-0.02, 0.02), 0]),
        });
      });
    }
  }
  // Squares: small closed loops in central districts.
  const squares: Array<[number, number]> = [
    [1.44, 1.44],
    [1.3, 0.3],
    [2.72, 1.28],
    [3.3, 2.3],
  ];
  squares.forEach(([u, v], k) => {
    const uv: Array<[number, number]> = [];
    for (let m = 0; m <= 8; m++) {
      const a = (m / 8) * 2 * Math.PI;
      uv.push([u + 0.035 * Math.cos(a), v + 0.035 * Math.sin(a)]);
    }
    uv[8] = uv[0];
    streetsUV.push({ prefix: 'pl.', name: SQUARE_NAMES[k], uv });
  });

  const streets: Street[] = streetsUV.map(({ prefix, name, uv }) => ({ prefix, name, line: uv.map(([u, v]) => toLonLat(plane(u, v))) }));
  const addresses = placeAddresses(
    random,
    streetsUV.map((s) => ({ label: `${s.prefix} ${s.name}`, xy: s.uv.map(([u, v]) => plane(u, v)) })),
    districts,
    options.addresses,
  );

  const parkRing: LonLat[] = [];
  for (let m = 0; m < 24; m++) {
    const a = (m / 24) * 2 * Math.PI;
    parkRing.push(toLonLat(plane(parkCell.i + 0.5 + 0.24 * Math.cos(a) + 0.02 * Math.sin(3 * a), parkCell.j + 0.5 + 0.22 * Math.sin(a))));
  }
  parkRing.push(parkRing[0]);
  const parkDistrict = districts[parkCell.j * COLS + parkCell.i];

  return {
    districts,
    streets,
    addresses,
    park: { name: 'Park Miejski im. Jana Kochanowskiego', ring: parkRing, districtCode: parkDistrict.code },
    nationalRoad: {
      name: `al. ${AVENUE_NAMES[0]} (DK 74)`,
      ring: corridor(
        streetsUV[0].uv.map(([u, v]) => plane(u, v)),
        45,
      ),
    },
  };
}

/** A polygon of `half` metres either side of a polyline (its ends cut square). */
function corridor(line: XY[], half: number): LonLat[] {
  const left: XY[] = [];
  const right: XY[] = [];
  for (let k = 0; k < line.length; k++) {
    const a = line[Math.max(0, k - 1)];
    const b = line[Math.min(line.length - 1, k + 1)];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const nx = -(b[1] - a[1]) / len;
    const ny = (b[0] - a[0]) / len;
    left.push([line[k][0] + nx * half, line[k][1] + ny * half]);
    right.push([line[k][0] - nx * half, line[k][1] - ny * half]);
  }
  const ring = [...right, ...left.reverse()].map((p) => toLonLat(p));
  ring.push(ring[0]);
  return ring;
}

/**
 * Address points along the streets, odd numbers on one side and even on the other, as many per
 * street as its share of the total length. Some numbers get a letter (12A) and a few buildings
 * span two numbers (5/7), as in any Polish register.
 */
function placeAddresses(random: Random, streets: Array<{ label: string; xy: XY[] }>, districts: District[], total: number): AddressPoint[] {
  const lengthOf = (xy: XY[]) => xy.slice(1).reduce((s, p, k) => s + Math.hypot(p[0] - xy[k][0], p[1] - xy[k][1]), 0);
  const lengths = streets.map((s) => lengthOf(s.xy));
  const sum = lengths.reduce((a, b) => a + b, 0);
  const quota = lengths.map((l) => Math.floor((total * l) / sum));
  let missing = total - quota.reduce((a, b) => a + b, 0);
  for (let k = 0; missing > 0; k = (k + 1) % quota.length, missing--) quota[k]++;

  const out: AddressPoint[] = [];
  streets.forEach((street, index) => {
    const n = quota[index];
    const len = lengths[index];
    const perSide = Math.ceil(n / 2);
    const step = len / (perSide + 1);
    const numbers = { odd: 1, even: 2 };
    const letters = { odd: 0, even: 0 };
    const lettersFor = { odd: 0, even: 0 };
    for (let k = 0; k < n; k++) {
      const side = k % 2 === 0 ? 1 : -1;
      const slot = Math.floor(k / 2) + 1;
      const at = pointAlong(street.xy, step * slot + random.range(-step * 0.2, step * 0.2));
      const offset = random.range(14, 24) * side;
      const xy: XY = [at.xy[0] + at.normal[0] * offset, at.xy[1] + at.normal[1] * offset];
      const parity = side > 0 ? 'odd' : 'even';
      const base = numbers[parity];
      const roll = random.next();
      let number: string;
      if (roll < 0.05 && base > 2) {
        // A later building squeezed in after the previous number: 12A, then 12B.
        letters[parity] = lettersFor[parity] === base ? letters[parity] + 1 : 0;
        lettersFor[parity] = base;
        number = `${base - 2}${'ABCDEFGH'[Math.min(letters[parity], 7)]}`;
      } else if (roll < 0.07) {
        number = `${base}/${base + 2}`; // a corner building with two numbers
        numbers[parity] += 4;
      } else {
        number = String(base);
        numbers[parity] += 2;
      }
      let point = toLonLat(xy, 7);
      let district = districts.find((d) => pointInRing(point, d.ring));
      if (!district) {
        // Cannot happen with the margins above; kept so a changed layout fails loudly in tests, not silently here.
        point = toLonLat(at.xy, 7);
        district = districts.find((d) => pointInRing(point, d.ring));
      }
      const districtIndex = district ? districts.indexOf(district) : 0;
      out.push({
        id: `NDW-${String(out.length + 1).padStart(6, '0')}`,
        street: street.label,
        number,
        postcode: `${districts[districtIndex].postcodePrefix}${index % 10}`,
        point,
        districtCode: district?.code ?? '',
      });
    }
  });
  return out;
}

function pointAlong(xy: XY[], distance: number): { xy: XY; normal: XY } {
  let left = Math.max(0, distance);
  for (let k = 1; k < xy.length; k++) {
    const [ax, ay] = xy[k - 1];
    const [bx, by] = xy[k];
    const seg = Math.hypot(bx - ax, by - ay);
    if (left <= seg || k === xy.length - 1) {
      const f = seg ? Math.min(1, left / seg) : 0;
      return { xy: [ax + (bx - ax) * f, ay + (by - ay) * f], normal: seg ? [-(by - ay) / seg, (bx - ax) / seg] : [0, 1] };
    }
    left -= seg;
  }
  return { xy: xy[xy.length - 1], normal: [0, 1] };
}
