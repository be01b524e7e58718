/**
 * The demo city's organisation and service catalogue, in city-pack form (docs/city-pack.md):
 * units, services with Open311 attributes, SLA, duplicate and privacy settings, and routing rules.
 * Plain data: the generator writes it out as units.json, services.json and routing.json.
 */

export interface PackUnit {
  code: string;
  name: string;
  name_en: string;
  kind: 'department' | 'district_office' | 'utility' | 'contractor' | 'external' | 'other';
  email: string;
  phone: string;
  parent: string | null;
  /** The unit office (customer service point), added by the generator (landmarks.ts). */
  address?: string;
  location?: { lat: number; long: number };
}

type Text = { pl: string; en: string };
type SlaValue = { value: number; unit: 'working_hours' | 'working_days' | 'hours' | 'days' };

export interface PackAttribute {
  code: string;
  order: number;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  variable?: boolean;
  description: Text;
  datatype_description?: Text;
  values?: Array<{ key: string; name: Text }>;
}

export interface PackService {
  code: string;
  name: Text;
  description: Text;
  group: { code: string; pl: string; en: string };
  keywords: string[];
  type: 'realtime' | 'batch' | 'blackbox';
  kind: 'intervention' | 'information' | 'complaint' | 'suggestion';
  active: boolean;
  sla: { response: SlaValue; resolution: SlaValue };
  duplicates: { policy: 'off' | 'suggest' | 'merge'; radius_m: number; window_days: number; group?: string };
  privacy: { mode: 'public' | 'fuzzed' | 'private'; radius_m: number };
  attributes: PackAttribute[];
}

export interface PackRoutingRule {
  code: string;
  description: string;
  service?: string;
  group?: string;
  district?: string;
  area?: string;
  unit: string;
  priority: number;
  valid_from?: string;
  valid_to?: string;
}

const unit = (code: string, name: string, name_en: string, kind: PackUnit['kind'], parent: string | null, phoneTail: string): PackUnit => ({
  code,
  name,
  name_en,
  kind,
  email: `${code.toLowerCase()}@nadwislin.example`,
  phone: `+48 15 800 ${phoneTail}`,
  parent,
});

export const UNITS: PackUnit[] = [
  unit('UM', 'Urząd Miasta Nadwiślin', 'Nadwiślin City Hall', 'department', null, '10 00'),
  unit('CKM', 'Centrum Kontaktu Mieszkańców 19115', 'Residents Contact Centre 19115', 'department', 'UM', '19 11'),
  unit('ZDM', 'Zarząd Dróg Miejskich', 'Municipal Roads Authority', 'department', 'UM', '20 00'),
  unit('ZDM-WSCH', 'Zarząd Dróg Miejskich – Rejon Wschodni', 'Municipal Roads Authority – East Bank', 'department', 'ZDM', '20 10'),
  unit('ZZM', 'Zarząd Zieleni Miejskiej', 'Municipal Greenery Authority', 'department', 'UM', '30 00'),
  unit('ZZM-PARK', 'Administracja Parku Miejskiego', 'City Park Administration', 'department', 'ZZM', '30 10'),
  unit('MPWIK', 'Miejskie Przedsiębiorstwo Wodociągów i Kanalizacji', 'Municipal Water and Sewage Company', 'utility', null, '40 00'),
  unit('MPO', 'Miejskie Przedsiębiorstwo Oczyszczania', 'Municipal Cleaning Company', 'utility', null, '50 00'),
  unit('ZTM', 'Zarząd Transportu Miejskiego', 'Public Transport Authority', 'department', 'UM', '60 00'),
  unit('SM', 'Straż Miejska', 'Municipal Police', 'department', 'UM', '98 60'),
  unit('SM-EKO', 'Straż Miejska – Ekopatrol', 'Municipal Police – Eco Patrol', 'department', 'SM', '98 61'),
  unit('WOS', 'Wydział Ochrony Środowiska', 'Environmental Protection Department', 'department', 'UM', '70 00'),
  unit('SWIETLIK', 'Świetlik Sp. z o.o. – oświetlenie uliczne', 'Świetlik Ltd – street lighting', 'contractor', null, '80 00'),
  unit('DROGBUD', 'Drogbud Sp. z o.o. – utrzymanie dróg', 'Drogbud Ltd – road maintenance', 'contractor', 'ZDM', '80 10'),
  unit('ZIMA', 'Biały Serwis Sp. z o.o. – akcja zima', 'Biały Serwis Ltd – winter maintenance', 'contractor', 'ZDM', '80 20'),
  unit(
    'GDDKIA',
    'Generalna Dyrekcja Dróg Krajowych i Autostrad – Rejon Nadwiślin',
    'General Directorate for National Roads – Nadwiślin area',
    'external',
    null,
    '90 00',
  ),
  unit('SCHRONISKO', 'Schronisko dla Zwierząt w Nadwiślinie', 'Nadwiślin Animal Shelter', 'other', null, '90 10'),
  unit('UD-STARE-MIASTO', 'Urząd Dzielnicy Stare Miasto', 'Old Town District Office', 'district_office', 'UM', '11 10'),
  unit('UD-PODGORZE', 'Urząd Dzielnicy Podgórze', 'Podgórze District Office', 'district_office', 'UM', '11 20'),
  unit('UD-KEPA', 'Urząd Dzielnicy Kępa', 'Kępa District Office', 'district_office', 'UM', '11 30'),
  unit('UD-ZARZECZE', 'Urząd Dzielnicy Zarzecze', 'Zarzecze District Office', 'district_office', 'UM', '11 40'),
];

const GROUPS = {
  roads: { code: 'roads', pl: 'Drogi i chodniki', en: 'Roads and pavements' },
  greenery: { code: 'greenery', pl: 'Zieleń', en: 'Greenery' },
  cleanliness: { code: 'cleanliness', pl: 'Czystość', en: 'Cleanliness' },
  lighting: { code: 'lighting', pl: 'Oświetlenie', en: 'Street lighting' },
  water: { code: 'water', pl: 'Woda i kanalizacja', en: 'Water and sewage' },
  transport: { code: 'transport', pl: 'Komunikacja miejska', en: 'Public transport' },
  safety: { code: 'safety', pl: 'Porządek i bezpieczeństwo', en: 'Order and safety' },
  animals: { code: 'animals', pl: 'Zwierzęta', en: 'Animals' },
  information: { code: 'information', pl: 'Informacja', en: 'Information' },
} as const;

const t = (pl: string, en: string): Text => ({ pl, en });
const wh = (value: number): SlaValue => ({ value, unit: 'working_hours' });
const wd = (value: number): SlaValue => ({ value, unit: 'working_days' });
const h = (value: number): SlaValue => ({ value, unit: 'hours' });
const d = (value: number): SlaValue => ({ value, unit: 'days' });
const list = (pairs: Array<[string, string, string]>) => pairs.map(([key, pl, en]) => ({ key, name: t(pl, en) }));

const single = (code: string, order: number, required: boolean, description: Text, values: Array<[string, string, string]>): PackAttribute => ({
  code,
  order,
  datatype: 'singlevaluelist',
  required,
  description,
  values: list(values),
});
const multi = (code: string, order: number, required: boolean, description: Text, values: Array<[string, string, string]>): PackAttribute => ({
  code,
  order,
  datatype: 'multivaluelist',
  required,
  description,
  values: list(values),
});
const plain = (
  code: string,
  order: number,
  datatype: 'string' | 'number' | 'datetime' | 'text',
  required: boolean,
  description: Text,
  help?: Text,
): PackAttribute => ({
  code,
  order,
  datatype,
  required,
  description,
  ...(help ? { datatype_description: help } : {}),
});

type ServiceInput = Omit<PackService, 'active' | 'privacy' | 'kind' | 'type'> & Partial<Pick<PackService, 'privacy' | 'kind' | 'type'>>;
const service = (s: ServiceInput): PackService => ({
  type: 'realtime',
  kind: 'intervention',
  active: true,
  privacy: { mode: 'public', radius_m: 0 },
  ...s,
});

const WHEN = (order: number) =>
  plain('observed_at', order, 'datetime', false, t('Kiedy to zauważono?', 'When did you notice it?'), t('Data i godzina', 'Date and time'));

export const SERVICES: PackService[] = [
  // Roads
  service({
    code: 'pothole',
    name: t('Dziura w jezdni', 'Pothole'),
    group: GROUPS.roads,
    description: t('Ubytek w nawierzchni jezdni lub parkingu.', 'A hole in the road or car park surface.'),
    keywords: ['dziura', 'ubytek', 'jezdnia', 'asfalt', 'pothole'],
    sla: { response: wh(8), resolution: wd(5) },
    duplicates: { policy: 'suggest', radius_m: 50, window_days: 90, group: 'road-surface' },
    attributes: [
      single('size', 1, true, t('Jak duża jest dziura?', 'How big is the pothole?'), [
        ['small', 'Mała (do 30 cm)', 'Small (up to 30 cm)'],
        ['medium', 'Średnia (30–100 cm)', 'Medium (30–100 cm)'],
        ['large', 'Duża (ponad 1 m)', 'Large (over 1 m)'],
      ]),
      plain('depth_cm', 2, 'number', false, t('Przybliżona głębokość w cm', 'Approximate depth in cm'), t('Liczba', 'A number')),
    ],
  }),
  service({
    code: 'pavement',
    name: t('Uszkodzony chodnik', 'Damaged pavement'),
    group: GROUPS.roads,
    type: 'batch',
    description: t('Zapadnięte lub brakujące płyty chodnikowe, wystające krawężniki.', 'Sunken or missing paving slabs, raised kerbs.'),
    keywords: ['chodnik', 'płyty', 'krawężnik', 'pavement', 'sidewalk'],
    sla: { response: wd(1), resolution: wd(14) },
    duplicates: { policy: 'suggest', radius_m: 50, window_days: 90, group: 'road-surface' },
    attributes: [
      multi('defect', 1, true, t('Co jest uszkodzone?', 'What is damaged?'), [
        ['slabs', 'Płyty chodnikowe', 'Paving slabs'],
        ['kerb', 'Krawężnik', 'Kerb'],
        ['hole', 'Dziura', 'Hole'],
        ['ramp', 'Podjazd dla wózków', 'Wheelchair ramp'],
      ]),
    ],
  }),
  service({
    code: 'road-sign',
    name: t('Uszkodzony lub brakujący znak drogowy', 'Damaged or missing road sign'),
    group: GROUPS.roads,
    description: t('Przewrócony, zasłonięty, nieczytelny lub brakujący znak.', 'A road sign knocked down, hidden, unreadable or missing.'),
    keywords: ['znak', 'oznakowanie', 'sign'],
    sla: { response: wh(4), resolution: wd(3) },
    duplicates: { policy: 'suggest', radius_m: 50, window_days: 30 },
    attributes: [
      single('problem', 1, true, t('Co się stało ze znakiem?', 'What happened to the sign?'), [
        ['down', 'Przewrócony', 'Knocked down'],
        ['hidden', 'Zasłonięty', 'Hidden'],
        ['missing', 'Brak znaku', 'Missing'],
        ['faded', 'Nieczytelny', 'Faded'],
      ]),
      plain('sign_text', 2, 'string', false, t('Jaki to znak (np. B-36)?', 'Which sign (e.g. B-36)?')),
    ],
  }),
  service({
    code: 'traffic-lights',
    name: t('Awaria sygnalizacji świetlnej', 'Traffic lights fault'),
    group: GROUPS.roads,
    description: t('Sygnalizacja nie działa, miga na żółto lub ma przepalone światło.', 'Traffic lights out, flashing amber or a bulb gone.'),
    keywords: ['sygnalizacja', 'światła', 'sygnalizator', 'traffic lights'],
    sla: { response: h(1), resolution: h(24) },
    duplicates: { policy: 'merge', radius_m: 100, window_days: 2 },
    attributes: [
      multi('fault', 1, true, t('Na czym polega awaria?', 'What is wrong?'), [
        ['dark', 'Nie świeci', 'Dark'],
        ['amber', 'Miga na żółto', 'Flashing amber'],
        ['bulb', 'Przepalona jedna komora', 'One light out'],
        ['button', 'Nie działa przycisk dla pieszych', 'Pedestrian button broken'],
      ]),
    ],
  }),
  service({
    code: 'snow',
    name: t('Nieodśnieżona ulica lub chodnik', 'Snow or ice not cleared'),
    group: GROUPS.roads,
    description: t('Zalegający śnieg lub gołoledź na jezdni, chodniku lub przystanku.', 'Snow or ice left on a road, pavement or stop.'),
    keywords: ['śnieg', 'odśnieżanie', 'gołoledź', 'lód', 'snow', 'ice'],
    sla: { response: h(4), resolution: h(24) },
    duplicates: { policy: 'suggest', radius_m: 500, window_days: 3 },
    attributes: [
      multi('surface', 1, true, t('Gdzie zalega śnieg lub lód?', 'Where is the snow or ice?'), [
        ['road', 'Jezdnia', 'Road'],
        ['pavement', 'Chodnik', 'Pavement'],
        ['stop', 'Przystanek', 'Stop'],
        ['stairs', 'Schody', 'Stairs'],
      ]),
    ],
  }),
  service({
    code: 'obstruction',
    name: t('Przeszkoda na drodze', 'Obstruction on the road'),
    group: GROUPS.roads,
    description: t(
      'Gałęzie, kamienie, rozlany olej lub inny przedmiot zagrażający ruchowi.',
      'Branches, stones, spilled oil or anything else that endangers traffic.',
    ),
    keywords: ['przeszkoda', 'olej', 'plama', 'obstruction'],
    sla: { response: h(1), resolution: h(8) },
    duplicates: { policy: 'merge', radius_m: 100, window_days: 1 },
    attributes: [
      single('what', 1, true, t('Co leży na drodze?', 'What is on the road?'), [
        ['branches', 'Gałęzie', 'Branches'],
        ['oil', 'Plama oleju', 'Oil spill'],
        ['debris', 'Gruz lub kamienie', 'Debris'],
        ['other', 'Inne', 'Other'],
      ]),
      WHEN(2),
    ],
  }),
  // Greenery
  service({
    code: 'tree',
    name: t('Złamane lub niebezpieczne drzewo', 'Broken or dangerous tree'),
    group: GROUPS.greenery,
    description: t('Złamany konar, pochylone drzewo, drzewo zagrażające przechodniom.', 'A broken branch, a leaning tree, a tree endangering people.'),
    keywords: ['drzewo', 'konar', 'gałąź', 'tree', 'branch'],
    sla: { response: wh(4), resolution: wd(3) },
    duplicates: { policy: 'suggest', radius_m: 50, window_days: 14 },
    attributes: [
      single('danger', 1, true, t('Czy drzewo zagraża ludziom lub pojazdom?', 'Does the tree endanger people or vehicles?'), [
        ['yes', 'Tak', 'Yes'],
        ['no', 'Nie', 'No'],
      ]),
      plain('details', 2, 'text', false, t('Opisz, co widzisz', 'Describe what you see')),
    ],
  }),
  service({
    code: 'grass',
    name: t('Niekoszona trawa', 'Grass not mown'),
    group: GROUPS.greenery,
    type: 'batch',
    description: t('Wysoka trawa na trawnikach i poboczach miejskich.', 'Tall grass on city lawns and verges.'),
    keywords: ['trawa', 'koszenie', 'trawnik', 'grass'],
    sla: { response: wd(2), resolution: wd(10) },
    duplicates: { policy: 'suggest', radius_m: 300, window_days: 30 },
    attributes: [plain('height_cm', 1, 'number', false, t('Wysokość trawy w cm', 'Grass height in cm'))],
  }),
  service({
    code: 'park-damage',
    name: t('Zniszczone wyposażenie parku lub placu zabaw', 'Damaged park or playground equipment'),
    group: GROUPS.greenery,
    description: t('Połamane ławki, huśtawki, ogrodzenia w parkach i na placach zabaw.', 'Broken benches, swings or fences in parks and playgrounds.'),
    keywords: ['plac zabaw', 'ławka', 'huśtawka', 'park', 'playground'],
    sla: { response: wd(1), resolution: wd(7) },
    duplicates: { policy: 'suggest', radius_m: 100, window_days: 30 },
    attributes: [
      multi('items', 1, true, t('Co jest zniszczone?', 'What is damaged?'), [
        ['bench', 'Ławka', 'Bench'],
        ['swing', 'Huśtawka', 'Swing'],
        ['slide', 'Zjeżdżalnia', 'Slide'],
        ['fence', 'Ogrodzenie', 'Fence'],
        ['bin', 'Kosz', 'Bin'],
      ]),
    ],
  }),
  service({
    code: 'tree-planting',
    name: t('Wniosek o posadzenie drzewa', 'Request to plant a tree'),
    group: GROUPS.greenery,
    type: 'batch',
    kind: 'suggestion',
    description: t('Zaproponuj miejsce na nowe drzewo.', 'Suggest a place for a new tree.'),
    keywords: ['nasadzenie', 'sadzenie', 'drzewo', 'planting'],
    sla: { response: wd(5), resolution: d(90) },
    duplicates: { policy: 'suggest', radius_m: 100, window_days: 365 },
    attributes: [
      single('species', 1, false, t('Jakie drzewo proponujesz?', 'Which tree do you suggest?'), [
        ['lime', 'Lipa', 'Lime'],
        ['maple', 'Klon', 'Maple'],
        ['oak', 'Dąb', 'Oak'],
        ['any', 'Obojętnie', 'Any'],
      ]),
    ],
  }),
  // Cleanliness
  service({
    code: 'litter',
    name: t('Zaśmiecony teren', 'Litter'),
    group: GROUPS.cleanliness,
    description: t('Śmieci na chodniku, trawniku, w parku lub przy przystanku.', 'Litter on a pavement, lawn, in a park or at a stop.'),
    keywords: ['śmieci', 'brud', 'zaśmiecenie', 'litter'],
    sla: { response: wd(1), resolution: wd(3) },
    duplicates: { policy: 'suggest', radius_m: 100, window_days: 7 },
    attributes: [
      single('amount', 1, false, t('Ile jest śmieci?', 'How much litter?'), [
        ['little', 'Trochę', 'A little'],
        ['lot', 'Dużo', 'A lot'],
      ]),
    ],
  }),
  service({
    code: 'dumping',
    name: t('Dzikie wysypisko śmieci', 'Illegal dumping'),
    group: GROUPS.cleanliness,
    description: t('Porzucone odpady, gruz, meble lub opony.', 'Dumped waste, rubble, furniture or tyres.'),
    keywords: ['wysypisko', 'gruz', 'opony', 'meble', 'dumping', 'fly-tipping'],
    sla: { response: wd(1), resolution: wd(7) },
    duplicates: { policy: 'suggest', radius_m: 150, window_days: 30 },
    attributes: [
      multi('waste', 1, true, t('Jakie odpady?', 'What kind of waste?'), [
        ['household', 'Komunalne', 'Household'],
        ['rubble', 'Gruz', 'Rubble'],
        ['furniture', 'Meble', 'Furniture'],
        ['tyres', 'Opony', 'Tyres'],
        ['hazardous', 'Niebezpieczne', 'Hazardous'],
      ]),
      plain('volume_m3', 2, 'number', false, t('Przybliżona objętość w m³', 'Approximate volume in m³')),
    ],
  }),
  service({
    code: 'bin',
    name: t('Przepełniony kosz na śmieci', 'Overflowing litter bin'),
    group: GROUPS.cleanliness,
    description: t('Kosz uliczny jest pełny lub uszkodzony.', 'A street bin is full or broken.'),
    keywords: ['kosz', 'przepełniony', 'bin'],
    sla: { response: wh(8), resolution: wd(1) },
    duplicates: { policy: 'merge', radius_m: 50, window_days: 3 },
    attributes: [
      single('state', 1, true, t('Co z koszem?', 'What is wrong with the bin?'), [
        ['full', 'Przepełniony', 'Full'],
        ['broken', 'Uszkodzony', 'Broken'],
        ['missing', 'Brak kosza', 'Missing'],
      ]),
    ],
  }),
  service({
    code: 'graffiti',
    name: t('Graffiti i pseudograffiti', 'Graffiti'),
    group: GROUPS.cleanliness,
    type: 'batch',
    description: t('Napisy i rysunki na budynkach, wiatach, znakach.', 'Tags and drawings on buildings, shelters and signs.'),
    keywords: ['graffiti', 'napisy', 'bazgroły', 'pseudograffiti'],
    sla: { response: wd(2), resolution: wd(14) },
    duplicates: { policy: 'suggest', radius_m: 50, window_days: 60 },
    attributes: [
      single('offensive', 1, true, t('Czy treść jest obraźliwa?', 'Is it offensive?'), [
        ['yes', 'Tak', 'Yes'],
        ['no', 'Nie', 'No'],
      ]),
      single('surface', 2, false, t('Na czym?', 'On what?'), [
        ['building', 'Budynek', 'Building'],
        ['shelter', 'Wiata', 'Shelter'],
        ['sign', 'Znak', 'Sign'],
        ['other', 'Inne', 'Other'],
      ]),
    ],
  }),
  // Lighting
  service({
    code: 'streetlight',
    name: t('Niedziałająca latarnia', 'Street light out'),
    group: GROUPS.lighting,
    description: t('Latarnia nie świeci, mruga albo świeci w dzień.', 'A street light is out, flickering or on during the day.'),
    keywords: ['latarnia', 'oświetlenie', 'lampa', 'street light'],
    sla: { response: wd(1), resolution: wd(5) },
    duplicates: { policy: 'merge', radius_m: 50, window_days: 30 },
    attributes: [
      plain('pole_number', 1, 'string', false, t('Numer słupa (tabliczka na słupie)', 'Pole number (plate on the pole)'), t('np. NDW-1234', 'e.g. NDW-1234')),
      single('state', 2, true, t('Co się dzieje?', 'What is happening?'), [
        ['off', 'Nie świeci', 'Off'],
        ['flicker', 'Mruga', 'Flickering'],
        ['day', 'Świeci w dzień', 'On during the day'],
      ]),
    ],
  }),
  // Water
  service({
    code: 'water-leak',
    name: t('Wyciek wody lub awaria wodociągu', 'Water leak or main burst'),
    group: GROUPS.water,
    description: t('Woda wypływa z jezdni, chodnika lub hydrantu.', 'Water coming out of a road, pavement or hydrant.'),
    keywords: ['wyciek', 'woda', 'awaria', 'hydrant', 'leak'],
    sla: { response: h(1), resolution: h(24) },
    duplicates: { policy: 'merge', radius_m: 200, window_days: 3 },
    attributes: [
      single('flow', 1, true, t('Jak mocno wypływa woda?', 'How strong is the flow?'), [
        ['drip', 'Sączy się', 'Seeping'],
        ['stream', 'Strumień', 'Stream'],
        ['flood', 'Zalewa ulicę', 'Flooding the street'],
      ]),
      WHEN(2),
    ],
  }),
  service({
    code: 'drain',
    name: t('Zapchana studzienka lub zalana ulica', 'Blocked drain or flooded street'),
    group: GROUPS.water,
    description: t('Woda deszczowa nie spływa, studzienka jest zapchana.', 'Rainwater does not drain, a gully is blocked.'),
    keywords: ['studzienka', 'kratka', 'zalanie', 'kałuża', 'drain'],
    sla: { response: wh(8), resolution: wd(3) },
    duplicates: { policy: 'suggest', radius_m: 100, window_days: 7 },
    attributes: [
      single('flooded', 1, false, t('Czy ulica jest zalana?', 'Is the street flooded?'), [
        ['yes', 'Tak', 'Yes'],
        ['no', 'Nie', 'No'],
      ]),
    ],
  }),
  service({
    code: 'manhole',
    name: t('Brak lub uszkodzona pokrywa studzienki', 'Missing or broken manhole cover'),
    group: GROUPS.water,
    description: t('Otwarta, przesunięta lub pęknięta pokrywa włazu.', 'An open, shifted or cracked manhole cover.'),
    keywords: ['właz', 'pokrywa', 'studzienka', 'manhole'],
    sla: { response: h(1), resolution: h(8) },
    duplicates: { policy: 'merge', radius_m: 50, window_days: 7 },
    attributes: [
      single('state', 1, true, t('Stan pokrywy', 'State of the cover'), [
        ['missing', 'Brak pokrywy', 'Missing'],
        ['shifted', 'Przesunięta', 'Shifted'],
        ['cracked', 'Pęknięta', 'Cracked'],
        ['noisy', 'Stuka', 'Rattling'],
      ]),
    ],
  }),
  // Public transport
  service({
    code: 'stop',
    name: t('Uszkodzony przystanek lub wiata', 'Damaged stop or shelter'),
    group: GROUPS.transport,
    type: 'batch',
    description: t('Zbita szyba, brak rozkładu, zepsuta tablica na przystanku.', 'Broken glass, missing timetable, broken display at a stop.'),
    keywords: ['przystanek', 'wiata', 'rozkład', 'stop', 'shelter'],
    sla: { response: wd(1), resolution: wd(7) },
    duplicates: { policy: 'suggest', radius_m: 50, window_days: 14 },
    attributes: [
      plain('stop_name', 1, 'string', false, t('Nazwa przystanku', 'Name of the stop')),
      multi('damage', 2, true, t('Co jest uszkodzone?', 'What is damaged?'), [
        ['glass', 'Szyba', 'Glass'],
        ['timetable', 'Rozkład jazdy', 'Timetable'],
        ['display', 'Tablica elektroniczna', 'Display'],
        ['bench', 'Ławka', 'Bench'],
      ]),
    ],
  }),
  service({
    code: 'transport-complaint',
    name: t('Skarga na komunikację miejską', 'Public transport complaint'),
    group: GROUPS.transport,
    type: 'blackbox',
    kind: 'complaint',
    description: t('Spóźnienie, pominięty przystanek, zachowanie kierowcy.', 'Delay, skipped stop, driver behaviour.'),
    keywords: ['autobus', 'tramwaj', 'kierowca', 'spóźnienie', 'bus', 'complaint'],
    sla: { response: wd(3), resolution: wd(30) },
    duplicates: { policy: 'off', radius_m: 50, window_days: 30 },
    privacy: { mode: 'private', radius_m: 0 },
    attributes: [
      plain('line', 1, 'string', true, t('Numer linii', 'Line number')),
      plain('trip_time', 2, 'datetime', true, t('Kiedy to się stało?', 'When did it happen?')),
      plain('story', 3, 'text', false, t('Co się stało?', 'What happened?')),
    ],
  }),
  service({
    code: 'timetable-info',
    name: t('Informacja o rozkładach jazdy', 'Timetable information'),
    group: GROUPS.transport,
    type: 'blackbox',
    kind: 'information',
    description: t('Pytanie o rozkład, bilety lub zmiany tras.', 'A question about timetables, tickets or route changes.'),
    keywords: ['rozkład', 'bilet', 'trasa', 'timetable', 'ticket'],
    sla: { response: wd(1), resolution: wd(3) },
    duplicates: { policy: 'off', radius_m: 50, window_days: 30 },
    privacy: { mode: 'private', radius_m: 0 },
    attributes: [plain('question', 1, 'text', true, t('Twoje pytanie', 'Your question'))],
  }),
  // Order and safety
  service({
    code: 'noise',
    name: t('Hałas', 'Noise'),
    group: GROUPS.safety,
    kind: 'complaint',
    description: t('Uciążliwy hałas z lokalu, budowy lub imprezy.', 'Disturbing noise from a venue, building site or party.'),
    keywords: ['hałas', 'głośno', 'muzyka', 'impreza', 'noise'],
    sla: { response: h(2), resolution: h(24) },
    duplicates: { policy: 'suggest', radius_m: 200, window_days: 1 },
    // The point would identify a household: show only an approximate area (issue #2).
    privacy: { mode: 'fuzzed', radius_m: 250 },
    attributes: [
      single('source', 1, true, t('Skąd dochodzi hałas?', 'Where is the noise from?'), [
        ['venue', 'Lokal', 'Venue'],
        ['building', 'Budowa', 'Building site'],
        ['party', 'Impreza', 'Party'],
        ['traffic', 'Ruch uliczny', 'Traffic'],
        ['other', 'Inne', 'Other'],
      ]),
      plain('started_at', 2, 'datetime', false, t('Od kiedy trwa?', 'Since when?')),
    ],
  }),
  service({
    code: 'neighbours',
    name: t('Zakłócanie porządku przez sąsiadów', 'Neighbour disturbance'),
    group: GROUPS.safety,
    kind: 'complaint',
    type: 'blackbox',
    description: t('Uciążliwe zachowanie sąsiadów, zakłócanie ciszy nocnej.', 'Antisocial behaviour of neighbours, noise at night.'),
    keywords: ['sąsiad', 'cisza nocna', 'awantura', 'neighbour'],
    sla: { response: h(4), resolution: wd(5) },
    duplicates: { policy: 'off', radius_m: 50, window_days: 30 },
    privacy: { mode: 'fuzzed', radius_m: 300 },
    attributes: [plain('details', 1, 'text', true, t('Opisz sytuację', 'Describe the situation'))],
  }),
  service({
    code: 'abandoned-vehicle',
    name: t('Porzucony pojazd', 'Abandoned vehicle'),
    group: GROUPS.safety,
    type: 'batch',
    description: t('Wrak lub pojazd bez tablic stojący od dawna.', 'A wreck or a car without plates left for a long time.'),
    keywords: ['wrak', 'porzucony', 'samochód', 'vehicle', 'abandoned'],
    sla: { response: wd(2), resolution: d(30) },
    duplicates: { policy: 'suggest', radius_m: 50, window_days: 60 },
    attributes: [
      plain('plate', 1, 'string', false, t('Numer rejestracyjny (jeśli jest)', 'Number plate (if any)')),
      single('kind', 2, true, t('Rodzaj pojazdu', 'Kind of vehicle'), [
        ['car', 'Samochód osobowy', 'Car'],
        ['van', 'Dostawczy', 'Van'],
        ['trailer', 'Przyczepa', 'Trailer'],
        ['other', 'Inny', 'Other'],
      ]),
    ],
  }),
  service({
    code: 'parking',
    name: t('Nieprawidłowe parkowanie', 'Illegal parking'),
    group: GROUPS.safety,
    description: t(
      'Pojazd blokuje chodnik, przejście, wjazd lub miejsce dla niepełnosprawnych.',
      'A vehicle blocks a pavement, crossing, driveway or disabled space.',
    ),
    keywords: ['parkowanie', 'blokuje', 'chodnik', 'parking'],
    sla: { response: h(2), resolution: h(8) },
    duplicates: { policy: 'suggest', radius_m: 50, window_days: 1 },
    attributes: [
      single('blocks', 1, true, t('Co blokuje pojazd?', 'What does the vehicle block?'), [
        ['pavement', 'Chodnik', 'Pavement'],
        ['crossing', 'Przejście', 'Crossing'],
        ['driveway', 'Wjazd', 'Driveway'],
        ['disabled', 'Miejsce dla niepełnosprawnych', 'Disabled space'],
      ]),
      plain('plate', 2, 'string', false, t('Numer rejestracyjny', 'Number plate')),
    ],
  }),
  // Animals
  service({
    code: 'stray-animal',
    name: t('Bezpański lub ranny zwierzak', 'Stray or injured animal'),
    group: GROUPS.animals,
    description: t('Błąkający się pies lub kot, ranne zwierzę.', 'A stray dog or cat, an injured animal.'),
    keywords: ['pies', 'kot', 'bezpański', 'ranny', 'stray'],
    sla: { response: h(2), resolution: h(24) },
    duplicates: { policy: 'suggest', radius_m: 300, window_days: 2 },
    attributes: [
      single('species', 1, true, t('Jakie zwierzę?', 'Which animal?'), [
        ['dog', 'Pies', 'Dog'],
        ['cat', 'Kot', 'Cat'],
        ['bird', 'Ptak', 'Bird'],
        ['other', 'Inne', 'Other'],
      ]),
      single('injured', 2, true, t('Czy jest ranne?', 'Is it injured?'), [
        ['yes', 'Tak', 'Yes'],
        ['no', 'Nie', 'No'],
      ]),
    ],
  }),
  service({
    code: 'dead-animal',
    name: t('Martwe zwierzę', 'Dead animal'),
    group: GROUPS.animals,
    description: t('Martwe zwierzę na jezdni, chodniku lub trawniku.', 'A dead animal on a road, pavement or lawn.'),
    keywords: ['martwe', 'padłe', 'zwierzę', 'dead animal'],
    sla: { response: wh(4), resolution: wd(1) },
    duplicates: { policy: 'merge', radius_m: 100, window_days: 3 },
    attributes: [
      single('size', 1, false, t('Wielkość zwierzęcia', 'Size of the animal'), [
        ['small', 'Małe (kot, ptak)', 'Small (cat, bird)'],
        ['large', 'Duże (sarna, dzik)', 'Large (deer, boar)'],
      ]),
    ],
  }),
  service({
    code: 'wild-boar',
    name: t('Dziki w mieście', 'Wild boar in the city'),
    group: GROUPS.animals,
    description: t('Dziki na osiedlu, w parku lub przy śmietnikach.', 'Wild boar on an estate, in a park or at bins.'),
    keywords: ['dzik', 'dziki', 'wild boar'],
    sla: { response: h(2), resolution: wd(2) },
    duplicates: { policy: 'suggest', radius_m: 500, window_days: 3 },
    attributes: [plain('count', 1, 'number', false, t('Ile dzików?', 'How many boar?')), WHEN(2)],
  }),
  // Information
  service({
    code: 'city-info',
    name: t('Pytanie do miasta', 'Question to the city'),
    group: GROUPS.information,
    type: 'blackbox',
    kind: 'information',
    description: t('Informacja o sprawach urzędowych, godzinach otwarcia, wydarzeniach.', 'Information on city matters, opening hours, events.'),
    keywords: ['informacja', 'pytanie', 'urząd', 'question', 'information'],
    sla: { response: wd(1), resolution: wd(3) },
    duplicates: { policy: 'off', radius_m: 50, window_days: 30 },
    privacy: { mode: 'private', radius_m: 0 },
    attributes: [
      single('topic', 1, true, t('Czego dotyczy pytanie?', 'What is the question about?'), [
        ['office', 'Sprawy urzędowe', 'Office matters'],
        ['events', 'Wydarzenia', 'Events'],
        ['tax', 'Podatki i opłaty', 'Taxes and fees'],
        ['other', 'Inne', 'Other'],
      ]),
      plain('question', 2, 'text', true, t('Twoje pytanie', 'Your question')),
    ],
  }),
  service({
    code: 'waste-schedule',
    name: t('Harmonogram odbioru odpadów', 'Waste collection schedule'),
    group: GROUPS.information,
    type: 'blackbox',
    kind: 'information',
    description: t('Kiedy odbierane są odpady pod moim adresem?', 'When is waste collected at my address?'),
    keywords: ['odpady', 'harmonogram', 'wywóz', 'segregacja', 'waste', 'collection'],
    sla: { response: wd(1), resolution: wd(2) },
    duplicates: { policy: 'off', radius_m: 50, window_days: 30 },
    privacy: { mode: 'private', radius_m: 0 },
    attributes: [
      multi('fractions', 1, false, t('Które frakcje?', 'Which fractions?'), [
        ['mixed', 'Zmieszane', 'Mixed'],
        ['paper', 'Papier', 'Paper'],
        ['glass', 'Szkło', 'Glass'],
        ['plastic', 'Metale i tworzywa', 'Metals and plastics'],
        ['bio', 'Bio', 'Bio'],
      ]),
    ],
  }),
  service({
    code: 'suggestion',
    name: t('Pomysł dla miasta', 'Suggestion for the city'),
    group: GROUPS.information,
    type: 'batch',
    kind: 'suggestion',
    description: t('Propozycja zmian w przestrzeni publicznej.', 'A proposal for the public space.'),
    keywords: ['pomysł', 'propozycja', 'sugestia', 'idea', 'suggestion'],
    sla: { response: wd(5), resolution: wd(30) },
    duplicates: { policy: 'off', radius_m: 50, window_days: 30 },
    attributes: [plain('proposal', 1, 'text', true, t('Opisz pomysł', 'Describe your idea'))],
  }),
];

/** Rules from the broadest to the most specific; the pipeline picks the most specific match. */
/**
 * Start years of the winter contracts (1 November to 1 April) the demo needs around `now`: the
 * one before, which the 12 months of history cross, and the current or next one, which reports
 * filed today fall in. Dated from the load time, so the demo never runs out of winters.
 */
export function winterSeasons(now: Date): [number, number] {
  const y = now.getUTCFullYear();
  const month = now.getUTCMonth(); // 0 = January
  const current = month <= 2 ? y - 1 : y; // Jan-Mar belong to the winter that began last November
  return [current - 1, current];
}

export function routingRules(districtCodes: { eastBank: string[] }, options: { now?: Date } = {}): PackRoutingRule[] {
  const group = (code: string, groupCode: string, unitCode: string, description: string): PackRoutingRule => ({
    code,
    description,
    group: groupCode,
    unit: unitCode,
    priority: 0,
  });
  return [
    { code: 'default', description: 'Wszystko, czego nie obejmuje inna reguła, trafia do Centrum Kontaktu', unit: 'CKM', priority: 0 },
    group('roads', 'roads', 'ZDM', 'Drogi i chodniki: Zarząd Dróg Miejskich'),
    group('greenery', 'greenery', 'ZZM', 'Zieleń: Zarząd Zieleni Miejskiej'),
    group('cleanliness', 'cleanliness', 'MPO', 'Czystość: MPO'),
    group('lighting', 'lighting', 'SWIETLIK', 'Oświetlenie: wykonawca umowy na utrzymanie oświetlenia'),
    group('water', 'water', 'MPWIK', 'Woda i kanalizacja: MPWiK'),
    group('transport', 'transport', 'ZTM', 'Komunikacja: Zarząd Transportu Miejskiego'),
    group('safety', 'safety', 'SM', 'Porządek: Straż Miejska'),
    group('animals', 'animals', 'SM-EKO', 'Zwierzęta: Ekopatrol Straży Miejskiej'),
    group('information', 'information', 'CKM', 'Informacja: Centrum Kontaktu'),
    // Per district: the east bank has its own roads office; district offices keep their squares clean.
    ...districtCodes.eastBank.map((district) => ({
      code: `roads-${district}`,
      description: 'Drogi na prawym brzegu: rejon wschodni ZDM',
      group: 'roads',
      district,
      unit: 'ZDM-WSCH',
      priority: 10,
    })),
    {
      code: 'litter-stare-miasto',
      description: 'Czystość na Starym Mieście: urząd dzielnicy',
      service: 'litter',
      district: 'stare-miasto',
      unit: 'UD-STARE-MIASTO',
      priority: 10,
    },
    {
      code: 'litter-podgorze',
      description: 'Czystość na Podgórzu: urząd dzielnicy',
      service: 'litter',
      district: 'podgorze',
      unit: 'UD-PODGORZE',
      priority: 10,
    },
    { code: 'graffiti-kepa', description: 'Graffiti na Kępie: urząd dzielnicy', service: 'graffiti', district: 'kepa', unit: 'UD-KEPA', priority: 10 },
    { code: 'grass-zarzecze', description: 'Koszenie w Zarzeczu: urząd dzielnicy', service: 'grass', district: 'zarzecze', unit: 'UD-ZARZECZE', priority: 10 },
    {
      code: 'pothole-contract',
      description: 'Dziury na lewym brzegu: umowa utrzymaniowa z Drogbud',
      service: 'pothole',
      district: 'wola',
      unit: 'DROGBUD',
      priority: 5,
    },
    // Per service, anywhere.
    { code: 'dead-animal', description: 'Martwe zwierzęta usuwa MPO', service: 'dead-animal', unit: 'MPO', priority: 0 },
    { code: 'wild-boar', description: 'Dziki: Wydział Ochrony Środowiska', service: 'wild-boar', unit: 'WOS', priority: 0 },
    { code: 'stray-animal', description: 'Bezpańskie zwierzęta: schronisko', service: 'stray-animal', unit: 'SCHRONISKO', priority: 0 },
    {
      code: 'noise',
      description: 'Hałas: Wydział Ochrony Środowiska w dzień, Straż Miejska w nocy – w demo zawsze Straż',
      service: 'noise',
      unit: 'SM',
      priority: 0,
    },
    // Seasonal contracts, limited in time: last winter (in the history) and the current or next one.
    ...winterSeasons(options.now ?? new Date()).map((y) => ({
      code: `snow-winter-${y}`,
      description: `Zima ${y}/${y + 1}: odśnieżanie zlecone firmie Biały Serwis`,
      service: 'snow',
      unit: 'ZIMA',
      priority: 20,
      valid_from: `${y}-11-01`,
      valid_to: `${y + 1}-04-01`,
    })),
    // Areas: the park and the national road through the city.
    { code: 'park', description: 'Zieleń w Parku Miejskim: administracja parku', group: 'greenery', area: 'park', unit: 'ZZM-PARK', priority: 20 },
    { code: 'park-litter', description: 'Śmieci w Parku Miejskim: administracja parku', service: 'litter', area: 'park', unit: 'ZZM-PARK', priority: 20 },
    { code: 'national-road', description: 'Droga krajowa DK 74 przez miasto: GDDKiA', group: 'roads', area: 'national-road', unit: 'GDDKIA', priority: 30 },
  ];
}
