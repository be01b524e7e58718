/** The demo's services: public transport, order and safety, and information. */
import type { PackService } from '../pack-types';
import { GROUPS, t, wd, h, d, single, multi, plain, service } from './kit';

/** Public transport. */
export const TRANSPORT: PackService[] = [
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
];

/** Order and safety. */
export const SAFETY: PackService[] = [
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
];

/** Information. */
export const INFORMATION: PackService[] = [
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
