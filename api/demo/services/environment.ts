/** The demo's services: greenery, cleanliness and animals. */
import type { PackService } from '../pack-types';
import { GROUPS, t, wh, wd, h, d, single, multi, plain, service, WHEN } from './kit';

/** Greenery. */
export const GREENERY: PackService[] = [
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
];

/** Cleanliness. */
export const CLEANLINESS: PackService[] = [
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
];

/** Animals. */
export const ANIMALS: PackService[] = [
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
];
