/** The demo's services: roads and pavements, street lighting, water and sewage. */
import type { PackService } from '../pack-types';
import { GROUPS, t, wh, wd, h, single, multi, plain, service, WHEN } from './kit';

/** Roads. */
export const ROADS: PackService[] = [
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
];

/** Lighting. */
export const LIGHTING: PackService[] = [
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
];

/** Water. */
export const WATER: PackService[] = [
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
];
