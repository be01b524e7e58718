/**
 * The demo city's landmarks and unit offices (issue #5 item 2: the console finds "landmarks/units").
 * Deterministic: each place is put at the unused address point of its district nearest to a spot
 * given as a fraction of the district's extent (0,0 its centre), so it sits on a real street of
 * the generated register and carries that address; the bridges sit where the two avenues cross
 * the river, the boulevard on the west bank of the river, the city park is its own polygon.
 */
import type { AddressPoint, Geography, LonLat } from './geography';
import { pointInRing } from './geography';

export interface DemoLandmark {
  code: string;
  name: string;
  name_en: string;
  kind: string;
  aliases: string[];
  /** Address as displayed; `address_id` names the register point when there is one. */
  address?: string;
  address_id?: string;
  point?: LonLat;
  /** The city park is given as its area. */
  ring?: LonLat[];
}

export interface UnitOffice {
  address: string;
  location: { lat: number; long: number };
}

type Spot = [district: string, dx: number, dy: number];

const PLACES: Array<{ code: string; name: string; name_en: string; kind: string; aliases: string[]; at: Spot }> = [
  { code: 'ratusz', name: 'Ratusz Miejski', name_en: 'Town Hall', kind: 'office', aliases: ['Ratusz', 'Urząd Miasta'], at: ['stare-miasto', 0, 0] },
  {
    code: 'szpital-miejski',
    name: 'Szpital Miejski im. Ludwika Rydygiera',
    name_en: 'City Hospital',
    kind: 'hospital',
    aliases: ['Szpital Miejski', 'Miejski', 'Rydygier'],
    at: ['nowe-miasto', 0.45, -0.4],
  },
  { code: 'szpital-dzieciecy', name: 'Szpital Dziecięcy', name_en: "Children's Hospital", kind: 'hospital', aliases: ['Dziecięcy'], at: ['kepa', 0.2, 0.3] },
  {
    code: 'przychodnia-zarzecze',
    name: 'Przychodnia Zdrowia Zarzecze',
    name_en: 'Zarzecze Health Clinic',
    kind: 'clinic',
    aliases: ['Przychodnia'],
    at: ['zarzecze', -0.2, 0],
  },
  {
    code: 'dworzec-pkp',
    name: 'Dworzec Kolejowy Nadwiślin',
    name_en: 'Nadwiślin Railway Station',
    kind: 'station',
    aliases: ['Dworzec PKP', 'PKP', 'Dworzec Główny'],
    at: ['wola', 0.2, -0.3],
  },
  { code: 'dworzec-pks', name: 'Dworzec Autobusowy', name_en: 'Bus Station', kind: 'station', aliases: ['PKS', 'Dworzec PKS'], at: ['podgorze', -0.2, 0.3] },
  {
    code: 'sp-1',
    name: 'Szkoła Podstawowa nr 1 im. Marii Konopnickiej',
    name_en: 'Primary School No. 1',
    kind: 'school',
    aliases: ['SP 1', 'Jedynka'],
    at: ['stare-miasto', -0.4, 0.3],
  },
  { code: 'sp-3', name: 'Szkoła Podstawowa nr 3', name_en: 'Primary School No. 3', kind: 'school', aliases: ['SP 3'], at: ['blonia', 0, 0.2] },
  {
    code: 'lo-1',
    name: 'I Liceum Ogólnokształcące im. Mikołaja Kopernika',
    name_en: 'Copernicus High School',
    kind: 'school',
    aliases: ['Kopernik', 'I LO', 'Liceum Kopernika'],
    at: ['nowe-miasto', -0.5, 0.4],
  },
  { code: 'park-nadwislanski', name: 'Park Nadwiślański', name_en: 'Riverside Park', kind: 'park', aliases: ['Łęgi nad Wisłą'], at: ['legi', -0.6, 0] },
  {
    code: 'stadion',
    name: 'Stadion Miejski',
    name_en: 'Municipal Stadium',
    kind: 'stadium',
    aliases: ['Stadion', 'Stadion Wisły'],
    at: ['dabrowka', 0.1, -0.1],
  },
  { code: 'hala-targowa', name: 'Hala Targowa', name_en: 'Market Hall', kind: 'market', aliases: ['Hala', 'Targowisko Miejskie'], at: ['podgorze', 0.4, -0.2] },
  { code: 'targowisko-zarzecze', name: 'Targowisko Zarzecze', name_en: 'Zarzecze Market', kind: 'market', aliases: ['Bazar'], at: ['zarzecze', 0.3, 0.3] },
  {
    code: 'fara',
    name: 'Kościół Farny św. Jana Chrzciciela',
    name_en: "St John the Baptist's Parish Church",
    kind: 'church',
    aliases: ['Fara', 'Kościół Farny'],
    at: ['stare-miasto', 0.3, 0.35],
  },
  { code: 'kosciol-floriana', name: 'Kościół św. Floriana', name_en: "St Florian's Church", kind: 'church', aliases: ['Florian'], at: ['kepa', -0.3, -0.3] },
  { code: 'cmentarz', name: 'Cmentarz Komunalny', name_en: 'Municipal Cemetery', kind: 'cemetery', aliases: ['Cmentarz'], at: ['piaski', -0.2, -0.3] },
  { code: 'muzeum', name: 'Muzeum Regionalne', name_en: 'Regional Museum', kind: 'museum', aliases: ['Muzeum'], at: ['stare-miasto', -0.1, -0.35] },
  { code: 'plywalnia', name: 'Pływalnia Miejska Fala', name_en: 'Fala Swimming Pool', kind: 'other', aliases: ['Basen', 'Fala'], at: ['przylesie', 0.3, 0] },
  { code: 'biblioteka', name: 'Biblioteka Miejska', name_en: 'City Library', kind: 'other', aliases: ['Biblioteka'], at: ['nowe-miasto', 0.2, 0.5] },
  { code: 'poczta', name: 'Poczta Główna', name_en: 'Main Post Office', kind: 'office', aliases: ['Poczta'], at: ['wola', -0.3, 0.3] },
  { code: 'zajezdnia', name: 'Zajezdnia Autobusowa', name_en: 'Bus Depot', kind: 'other', aliases: ['Zajezdnia'], at: ['kamionka', 0, 0] },
];

/** Unit code -> the spot of its office; units sharing a building use the same spot. */
const OFFICES: Record<string, Spot> = {
  UM: ['stare-miasto', 0, 0],
  CKM: ['stare-miasto', 0, 0],
  WOS: ['stare-miasto', 0, 0],
  ZDM: ['wola', 0.4, 0],
  'ZDM-WSCH': ['kepa', 0.3, -0.1],
  ZZM: ['nowe-miasto', -0.2, -0.5],
  'ZZM-PARK': ['nowe-miasto', 0, -0.3],
  MPWIK: ['piaski', 0.3, 0.2],
  MPO: ['blonia', 0.4, -0.3],
  ZTM: ['kamionka', 0, 0],
  SM: ['stare-miasto', 0.1, -0.2],
  'SM-EKO': ['przylesie', -0.2, -0.2],
  SWIETLIK: ['dabrowka', -0.3, 0.3],
  DROGBUD: ['legi', 0.3, -0.2],
  ZIMA: ['zarzecze', -0.4, -0.4],
  GDDKIA: ['podgorze', 0, -0.4],
  SCHRONISKO: ['dabrowka', 0.5, -0.5],
  'UD-STARE-MIASTO': ['stare-miasto', -0.2, 0.1],
  'UD-PODGORZE': ['podgorze', 0.1, 0.1],
  'UD-KEPA': ['kepa', 0, 0],
  'UD-ZARZECZE': ['zarzecze', 0.1, -0.1],
};

const label = (a: AddressPoint) => `${a.street} ${a.number}`;

export function buildLandmarks(geography: Geography, unitCodes: string[]): { landmarks: DemoLandmark[]; offices: Record<string, UnitOffice> } {
  const byDistrict = new Map<string, AddressPoint[]>();
  for (const a of geography.addresses) {
    const list = byDistrict.get(a.districtCode) ?? [];
    list.push(a);
    byDistrict.set(a.districtCode, list);
  }
  const target = ([code, dx, dy]: Spot): { code: string; at: LonLat } => {
    const ring = geography.districts.find((d) => d.code === code)!.ring;
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    return { code, at: [(minX + maxX) / 2 + (dx * (maxX - minX)) / 2, (minY + maxY) / 2 + (dy * (maxY - minY)) / 2] };
  };
  const nearest = (spot: Spot, used?: Set<string>): AddressPoint => {
    const { code, at } = target(spot);
    let best: AddressPoint | undefined;
    let bestD = Infinity;
    for (const a of byDistrict.get(code) ?? []) {
      if (used?.has(a.id)) continue;
      const d = (a.point[0] - at[0]) ** 2 + (a.point[1] - at[1]) ** 2;
      if (d < bestD) [best, bestD] = [a, d];
    }
    if (!best) throw new Error(`demo landmarks: no address left in district ${code}`);
    return best;
  };

  const used = new Set<string>();
  const landmarks: DemoLandmark[] = PLACES.map((p) => {
    const a = nearest(p.at, used);
    used.add(a.id);
    return { code: p.code, name: p.name, name_en: p.name_en, kind: p.kind, aliases: p.aliases, address: label(a), address_id: a.id, point: a.point };
  });

  // The two avenues that cross the river: a bridge where the line passes from one bank to the other.
  const bankAt = (p: LonLat) => geography.districts.find((d) => pointInRing(p, d.ring))?.bank;
  const bridges = [
    { code: 'most-solidarnosci', name: 'Most Solidarności', name_en: 'Solidarity Bridge', aliases: ['Nowy Most', 'Most na DK 74'], street: 'Solidarności' },
    { code: 'most-wolnosci', name: 'Most Wolności', name_en: 'Freedom Bridge', aliases: ['Stary Most'], street: 'Wolności' },
  ];
  for (const b of bridges) {
    const line = geography.streets.find((s) => s.prefix === 'al.' && s.name === b.street)?.line ?? [];
    for (let k = 1; k < line.length; k++) {
      const [from, to] = [bankAt(line[k - 1]), bankAt(line[k])];
      if (from && to && from !== to) {
        const mid: LonLat = [Number(((line[k - 1][0] + line[k][0]) / 2).toFixed(6)), Number(((line[k - 1][1] + line[k][1]) / 2).toFixed(6))];
        landmarks.push({ code: b.code, name: b.name, name_en: b.name_en, kind: 'bridge', aliases: b.aliases, address: `al. ${b.street}`, point: mid });
        break;
      }
    }
  }

  // The boulevard: on the west bank, at the address of Stare Miasto nearest the river.
  const river = geography.districts
    .find((d) => d.code === 'stare-miasto')!
    .ring.filter((p) => geography.districts.find((d) => d.code === 'kepa')!.ring.some((q) => q[0] === p[0] && q[1] === p[1]));
  if (river.length) {
    const mid = river[Math.floor(river.length / 4)]; // away from the avenue that crosses in the middle
    const a = (byDistrict.get('stare-miasto') ?? [])
      .filter((x) => !used.has(x.id))
      .reduce((best, x) =>
        (x.point[0] - mid[0]) ** 2 + (x.point[1] - mid[1]) ** 2 < (best.point[0] - mid[0]) ** 2 + (best.point[1] - mid[1]) ** 2 ? x : best,
      );
    used.add(a.id);
    landmarks.push({
      code: 'bulwar-wislany',
      name: 'Bulwar Wiślany',
      name_en: 'Vistula Boulevard',
      kind: 'park',
      aliases: ['Bulwary', 'Bulwar nad Wisłą'],
      address: label(a),
      address_id: a.id,
      point: a.point,
    });
  }

  landmarks.push({
    code: 'park-miejski',
    name: geography.park.name,
    name_en: 'City Park',
    kind: 'park',
    aliases: ['Park Miejski', 'Park Kochanowskiego'],
    ring: geography.park.ring,
  });

  const offices: Record<string, UnitOffice> = {};
  for (const code of unitCodes) {
    const spot = OFFICES[code];
    if (!spot) continue;
    const a = nearest(spot);
    offices[code] = { address: label(a), location: { lat: a.point[1], long: a.point[0] } };
  }
  return { landmarks, offices };
}

/** landmarks.geojson features of the pack. */
export function landmarkFeatures(landmarks: DemoLandmark[]): unknown[] {
  return landmarks.map((l) => ({
    type: 'Feature',
    properties: {
      code: l.code,
      name: l.name,
      name_en: l.name_en,
      kind: l.kind,
      aliases: l.aliases,
      ...(l.address_id ? { address_id: l.address_id } : l.address ? { address: l.address } : {}),
    },
    geometry: l.ring ? { type: 'Polygon', coordinates: [l.ring] } : { type: 'Point', coordinates: l.point },
  }));
}
