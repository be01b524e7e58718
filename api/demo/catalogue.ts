/**
 * The demo city's organisation and service catalogue, in city-pack form (docs/city-pack.md):
 * units, services with Open311 attributes, SLA, duplicate and privacy settings (by group, in
 * services/), and routing rules.
 * Plain data: the generator writes it out as units.json, services.json and routing.json.
 */
import type { PackRoutingRule, PackUnit } from './pack-types';
import { CLEANLINESS, GREENERY, ANIMALS } from './services/environment';
import { INFORMATION, SAFETY, TRANSPORT } from './services/city-life';
import { LIGHTING, ROADS, WATER } from './services/infrastructure';

export type { PackAttribute, PackRoutingRule, PackService, PackUnit } from './pack-types';

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

/** Every service, in the catalogue's order (group by group, as services.json lists them). */
export const SERVICES = [...ROADS, ...GREENERY, ...CLEANLINESS, ...LIGHTING, ...WATER, ...TRANSPORT, ...SAFETY, ...ANIMALS, ...INFORMATION];

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

/** Rules from the broadest to the most specific; the pipeline picks the most specific match. */
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
