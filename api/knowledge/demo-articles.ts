/**
 * Demo knowledge base: twenty answers to the questions a Polish city's contact centre hears most
 * (information contacts are about three quarters of the traffic, see the Warsaw 19115 records).
 * Texts are our own and describe a fictional city; numbers and dates are plausible, not real.
 */
import type { Knex } from 'knex';
import { saveArticle, type ArticleInput } from './articles';

export const DEMO_ARTICLES: ArticleInput[] = [
  {
    slug: 'harmonogram-odbioru-odpadow',
    titlePl: 'Harmonogram odbioru odpadów',
    titleEn: 'Waste collection schedule',
    bodyPl:
      'Odpady zmieszane odbieramy z domów jednorodzinnych co dwa tygodnie, z budynków wielorodzinnych dwa razy w tygodniu. Segregowane (papier, metale i tworzywa, szkło) raz na dwa tygodnie, bio co tydzień od kwietnia do października. Harmonogram dla adresu jest na stronie miasta w zakładce Odpady; wydruk można odebrać w urzędzie dzielnicy.',
    bodyEn:
      'Mixed waste is collected every two weeks from houses and twice a week from blocks of flats. Sorted waste (paper, metal and plastic, glass) every two weeks, bio waste weekly from April to October. The schedule for an address is on the city website under Waste; a printout is available at the district office.',
    tags: ['śmieci', 'odpady', 'wywóz', 'segregacja', 'kosze', 'garbage', 'waste'],
    serviceCodes: ['missed_collection'],
  },
  {
    slug: 'odpady-wielkogabarytowe',
    titlePl: 'Odbiór mebli i odpadów wielkogabarytowych',
    titleEn: 'Collection of furniture and bulky waste',
    bodyPl:
      'Meble, materace i duże AGD wystawiamy przed posesję w dniu odbioru gabarytów (raz w miesiącu, według harmonogramu). Można je też bezpłatnie oddać w Punkcie Selektywnej Zbiórki Odpadów Komunalnych (PSZOK) przy ul. Składowej 4, pon.-sob. 10:00-18:00. Gruzu i opon nie odbieramy spod domu.',
    bodyEn:
      'Put furniture, mattresses and large appliances in front of the property on the bulky-waste day (monthly, see the schedule). They can also be left free of charge at the recycling centre (PSZOK), ul. Składowa 4, Mon-Sat 10:00-18:00. Rubble and tyres are not collected from the kerb.',
    tags: ['gabaryty', 'meble', 'PSZOK', 'bulky', 'furniture'],
  },
  {
    slug: 'strefa-platnego-parkowania',
    titlePl: 'Strefa Płatnego Parkowania: godziny i opłaty',
    titleEn: 'Paid parking zone: hours and fees',
    bodyPl:
      'Strefa obowiązuje w dni robocze 8:00-20:00. Pierwsza godzina 4,50 zł, druga 5,40 zł, trzecia 6,40 zł, każda kolejna 4,50 zł. Opłatę wnosi się w parkomacie lub aplikacją. Mieszkańcy strefy mogą wykupić abonament mieszkańca za 30 zł rocznie w Biurze Strefy, ul. Ratuszowa 2.',
    bodyEn:
      'The zone applies on working days 8:00-20:00. First hour PLN 4.50, second PLN 5.40, third PLN 6.40, each further hour PLN 4.50. Pay at a machine or in an app. Residents of the zone can buy a resident permit for PLN 30 a year at the Zone Office, ul. Ratuszowa 2.',
    tags: ['parkowanie', 'SPP', 'parkomat', 'abonament', 'parking'],
  },
  {
    slug: 'oplata-dodatkowa-parkowanie',
    titlePl: 'Jak odwołać się od opłaty dodatkowej za parkowanie',
    titleEn: 'How to appeal a parking surcharge',
    bodyPl:
      'Reklamację składa się w ciągu 14 dni od wystawienia zawiadomienia, pisemnie lub przez ePUAP, do Biura Strefy Płatnego Parkowania. Należy dołączyć kopię zawiadomienia i dowód opłaty (bilet, potwierdzenie z aplikacji). Odpowiedź w ciągu 30 dni.',
    bodyEn:
      'Appeal within 14 days of the notice, in writing or through ePUAP, to the Paid Parking Zone Office. Attach a copy of the notice and proof of payment (ticket, app receipt). The answer comes within 30 days.',
    tags: ['mandat', 'reklamacja', 'parkowanie', 'odwołanie', 'fine', 'appeal'],
  },
  {
    slug: 'dowod-osobisty',
    titlePl: 'Dowód osobisty: wniosek i odbiór',
    titleEn: 'ID card: application and collection',
    bodyPl:
      'Wniosek o dowód osobisty składa się osobiście w dowolnym urzędzie dzielnicy (z aktualnym zdjęciem) albo przez internet z profilem zaufanym. Wydanie jest bezpłatne. Dowód jest gotowy do 30 dni; SMS informuje o możliwości odbioru. Zgubiony dowód trzeba niezwłocznie zgłosić w urzędzie lub na gov.pl.',
    bodyEn:
      'Apply for an ID card in person at any district office (with a current photo) or online with a trusted profile. It is free of charge. The card is ready within 30 days; a text message says when it can be collected. Report a lost card at once at an office or on gov.pl.',
    tags: ['dowód', 'dokumenty', 'ID', 'zgubiony dowód', 'identity card'],
  },
  {
    slug: 'meldunek',
    titlePl: 'Zameldowanie na pobyt stały lub czasowy',
    titleEn: 'Registering your address',
    bodyPl:
      'Zameldować się można w urzędzie dzielnicy (dowód osobisty, umowa najmu lub akt własności, potwierdzenie właściciela) albo online przez gov.pl. Zameldowanie jest bezpłatne i odbywa się od ręki.',
    bodyEn: 'Register at a district office (ID card, lease or title deed, owner confirmation) or online on gov.pl. Registration is free and done on the spot.',
    tags: ['meldunek', 'zameldowanie', 'adres', 'registration'],
  },
  {
    slug: 'oplata-za-psa',
    titlePl: 'Opłata od posiadania psów (podatek od psa)',
    titleEn: 'Dog fee (dog tax)',
    bodyPl:
      'Miasto pobiera opłatę od posiadania psów w wysokości 100 zł rocznie, płatną do 31 marca (lub w ciągu 14 dni od nabycia psa) na rachunek urzędu. Zwolnieni są m.in. właściciele psów adoptowanych ze schroniska oraz osoby powyżej 70 lat mieszkające samotnie. Psa trzeba też zaczipować - bezpłatnie w lecznicach współpracujących z miastem.',
    bodyEn:
      'The city charges a dog fee of PLN 100 a year, payable by 31 March (or within 14 days of getting the dog) to the city account. Exempt are, among others, owners of dogs adopted from the shelter and people over 70 living alone. Dogs must also be microchipped, free of charge at vets working with the city.',
    tags: ['pies', 'podatek', 'psy', 'czip', 'dog tax', 'dog'],
  },
  {
    slug: 'odsniezanie',
    titlePl: 'Odśnieżanie ulic i chodników',
    titleEn: 'Snow clearing of streets and pavements',
    bodyPl:
      'Jezdnie główne i trasy autobusowe odśnieża miasto w ciągu 4 godzin od ustania opadów, ulice osiedlowe w ciągu 12 godzin. Chodnik przy posesji musi odśnieżyć jej właściciel lub zarządca. Nieodśnieżoną jezdnię lub oblodzony przystanek można zgłosić w Kontakcie.',
    bodyEn:
      'Main roads and bus routes are cleared by the city within 4 hours after snowfall stops, residential streets within 12 hours. The pavement along a property must be cleared by its owner or manager. An uncleared road or icy stop can be reported through Kontakt.',
    tags: ['śnieg', 'zima', 'gołoledź', 'oblodzenie', 'snow', 'ice'],
    serviceCodes: ['snow'],
  },
  {
    slug: 'zwrot-za-uszkodzenie-auta',
    titlePl: 'Odszkodowanie za uszkodzenie auta na dziurze',
    titleEn: 'Compensation for car damage from a pothole',
    bodyPl:
      'Szkodę zgłasza się do zarządcy drogi (dla dróg miejskich: Zarząd Dróg Miejskich) pisemnie, z opisem miejsca i czasu, zdjęciami dziury i uszkodzeń, kosztorysem naprawy i danymi pojazdu. Warto wezwać policję lub straż miejską na miejsce zdarzenia. Zarządca przekazuje sprawę ubezpieczycielowi.',
    bodyEn:
      'Claims go to the road authority (for city roads: the Municipal Roads Authority) in writing, with the place and time, photos of the pothole and the damage, a repair estimate and vehicle details. Call the police or city guard to the scene. The authority passes the claim to its insurer.',
    tags: ['dziura', 'szkoda', 'odszkodowanie', 'samochód', 'pothole', 'damage'],
    serviceCodes: ['pothole'],
  },
  {
    slug: 'karta-mieszkanca',
    titlePl: 'Karta Mieszkańca: ulgi w komunikacji i kulturze',
    titleEn: 'Resident Card: discounts on transport and culture',
    bodyPl:
      'Kartę Mieszkańca może otrzymać każdy, kto rozlicza PIT w naszym mieście. Daje tańsze bilety długookresowe komunikacji miejskiej i zniżki w miejskich instytucjach kultury i na basenach. Wniosek składa się online lub w Punkcie Obsługi Pasażera; potrzebne jest potwierdzenie złożenia PIT.',
    bodyEn:
      'Anyone who files their income tax in our city can get the Resident Card. It gives cheaper long-term public transport tickets and discounts at city cultural venues and swimming pools. Apply online or at the Passenger Service Point with proof of the tax filing.',
    tags: ['karta', 'bilety', 'ulgi', 'PIT', 'resident card'],
  },
  {
    slug: 'bilety-komunikacji',
    titlePl: 'Bilety komunikacji miejskiej',
    titleEn: 'Public transport tickets',
    bodyPl:
      'Bilet 20-minutowy kosztuje 3,40 zł, 75-minutowy 4,40 zł, dobowy 15 zł, 30-dniowy 110 zł (z Kartą Mieszkańca 98 zł). Bilety kupisz w automatach, kioskach, aplikacjach i w pojazdach (zbliżeniowo). Dzieci do 7 lat i seniorzy po 70. roku życia jeżdżą bezpłatnie.',
    bodyEn:
      'A 20-minute ticket costs PLN 3.40, 75-minute PLN 4.40, 24-hour PLN 15, 30-day PLN 110 (PLN 98 with the Resident Card). Buy tickets from machines, kiosks, apps and on board (contactless). Children under 7 and seniors over 70 ride free.',
    tags: ['bilet', 'autobus', 'tramwaj', 'komunikacja', 'ticket', 'bus'],
  },
  {
    slug: 'wycinka-drzewa',
    titlePl: 'Wycinka drzewa na prywatnej działce',
    titleEn: 'Felling a tree on private land',
    bodyPl:
      'Osoba fizyczna nie potrzebuje zezwolenia na wycinkę drzewa na własnej działce na cele niezwiązane z działalnością gospodarczą, ale musi ją wcześniej zgłosić w urzędzie dzielnicy, jeśli obwód pnia na wysokości 5 cm przekracza 80 cm (topola, wierzba, klon srebrzysty), 65 cm (kasztanowiec, robinia, platan) lub 50 cm (pozostałe). Urząd ma 21 dni na oględziny.',
    bodyEn:
      'A private person needs no permit to fell a tree on their own land for non-business purposes, but must notify the district office first if the trunk girth at 5 cm exceeds 80 cm (poplar, willow, silver maple), 65 cm (horse chestnut, robinia, plane) or 50 cm (others). The office has 21 days to inspect.',
    tags: ['drzewo', 'wycinka', 'zieleń', 'tree', 'felling'],
  },
  {
    slug: 'zgloszenie-halasu',
    titlePl: 'Hałas w nocy: kogo powiadomić',
    titleEn: 'Noise at night: whom to call',
    bodyPl:
      'Cisza nocna obowiązuje od 22:00 do 6:00. Zakłócanie spokoju zgłasza się Straży Miejskiej (tel. 986) lub policji (112), gdy trwa. Uporczywy hałas z lokalu gastronomicznego lub budowy można zgłosić w Kontakcie; zgłoszenie trafi do Straży Miejskiej lub nadzoru budowlanego.',
    bodyEn:
      'Quiet hours are 22:00 to 6:00. Report a disturbance to the City Guard (986) or the police (112) while it lasts. Persistent noise from a bar or construction site can be reported through Kontakt; it goes to the City Guard or building control.',
    tags: ['hałas', 'cisza nocna', 'sąsiedzi', 'impreza', 'noise'],
    serviceCodes: ['noise'],
  },
  {
    slug: 'porzucony-samochod',
    titlePl: 'Porzucony samochód',
    titleEn: 'Abandoned car',
    bodyPl:
      'Pojazd bez tablic lub wyraźnie nieużywany od dawna zgłasza się Straży Miejskiej lub w Kontakcie. Straż sprawdza stan pojazdu i właściciela; jeśli pojazd nie zostanie usunięty w wyznaczonym terminie, jest odholowywany na parking strzeżony na koszt właściciela.',
    bodyEn:
      "A car without plates or clearly unused for a long time can be reported to the City Guard or through Kontakt. The Guard checks the vehicle and the owner; if it is not removed by the deadline, it is towed to a guarded car park at the owner's cost.",
    tags: ['wrak', 'samochód', 'porzucony', 'abandoned vehicle'],
    serviceCodes: ['abandoned_vehicle'],
  },
  {
    slug: 'awaria-wody',
    titlePl: 'Brak wody lub awaria wodociągu',
    titleEn: 'No water or a burst main',
    bodyPl:
      'Awarie sieci wodociągowej i kanalizacyjnej przyjmuje całodobowe pogotowie wodociągowe (tel. 994). Planowane wyłączenia wody są ogłaszane na stronie przedsiębiorstwa wodociągowego z 3-dniowym wyprzedzeniem. Przy dłuższym braku wody podstawiane są beczkowozy.',
    bodyEn:
      'Water and sewer failures are handled by the 24-hour water emergency service (994). Planned shut-offs are announced on the water utility website 3 days ahead. During longer outages water tankers are provided.',
    tags: ['woda', 'awaria', 'wodociąg', 'kanalizacja', 'water', 'outage'],
    serviceCodes: ['water_leak'],
  },
  {
    slug: 'zasilek-rodzinny',
    titlePl: 'Pomoc społeczna i zasiłki',
    titleEn: 'Social assistance and benefits',
    bodyPl:
      'Wnioski o zasiłki z pomocy społecznej przyjmuje Ośrodek Pomocy Społecznej właściwy dla dzielnicy zamieszkania. Pracownik socjalny umawia wywiad środowiskowy w ciągu 14 dni. W nagłych sytuacjach (brak schronienia, żywności) pomoc udzielana jest od ręki.',
    bodyEn:
      'Applications for social assistance go to the Social Welfare Centre of the district you live in. A social worker arranges a home interview within 14 days. In emergencies (no shelter, no food) help is given at once.',
    tags: ['OPS', 'zasiłek', 'pomoc', 'bezdomność', 'benefits'],
  },
  {
    slug: 'bezdomni-zima',
    titlePl: 'Osoba w kryzysie bezdomności na mrozie',
    titleEn: 'A homeless person out in the cold',
    bodyPl:
      'Gdy osoba bezdomna potrzebuje pomocy, zadzwoń na Straż Miejską (986); jeśli zagrożone jest życie - na 112. Miejskie noclegownie przyjmują całą dobę w okresie zimowym, a autobus pomocy kursuje od 18:00 do 2:00.',
    bodyEn:
      'If a homeless person needs help, call the City Guard (986); if life is at risk, 112. City night shelters take people around the clock in winter, and the help bus runs from 18:00 to 2:00.',
    tags: ['bezdomny', 'mróz', 'noclegownia', 'zima', 'homeless'],
  },
  {
    slug: 'podatek-od-nieruchomosci',
    titlePl: 'Podatek od nieruchomości: terminy płatności',
    titleEn: 'Property tax: payment dates',
    bodyPl:
      'Osoby fizyczne płacą podatek od nieruchomości w czterech ratach: do 15 marca, 15 maja, 15 września i 15 listopada, na indywidualny rachunek podany w decyzji. Jeśli kwota nie przekracza 100 zł, płaci się ją jednorazowo do 15 marca. Decyzje są wysyłane w lutym.',
    bodyEn:
      'Individuals pay property tax in four instalments: by 15 March, 15 May, 15 September and 15 November, to the individual account given in the decision. Amounts up to PLN 100 are paid at once by 15 March. Decisions are sent in February.',
    tags: ['podatek', 'nieruchomość', 'raty', 'property tax'],
  },
  {
    slug: 'dzikie-zwierzeta',
    titlePl: 'Dzik, lis lub ranne dzikie zwierzę w mieście',
    titleEn: 'Wild boar, fox or injured wild animal in town',
    bodyPl:
      'Nie podchodź i nie karm zwierzęcia. Dziki i ranne zwierzęta zgłasza się Straży Miejskiej (986) - Ekopatrol przyjeżdża z lekarzem weterynarii. Martwe zwierzę na jezdni można zgłosić w Kontakcie.',
    bodyEn:
      'Do not approach or feed the animal. Report wild boar and injured animals to the City Guard (986); the Eco Patrol comes with a vet. A dead animal on the road can be reported through Kontakt.',
    tags: ['dzik', 'zwierzęta', 'lis', 'ranne zwierzę', 'wildlife', 'boar'],
    serviceCodes: ['dead_animal'],
  },
  {
    slug: 'zimowe-utrzymanie-terminy',
    titlePl: 'Oświetlenie uliczne: kiedy naprawa latarni',
    titleEn: 'Street lighting: when a lamp gets fixed',
    bodyPl:
      'Niedziałającą latarnię naprawia się w ciągu 3 dni roboczych od zgłoszenia, a gdy nie świeci cały ciąg ulicy - w ciągu 24 godzin. Przy zgłoszeniu warto podać numer słupa (tabliczka na wysokości ok. 2 m).',
    bodyEn:
      'A lamp that is out is repaired within 3 working days of the report, and a whole street without light within 24 hours. Give the pole number if you can (a plate about 2 m up).',
    tags: ['latarnia', 'oświetlenie', 'lampa', 'street light'],
    serviceCodes: ['streetlight'],
  },
  {
    slug: 'godziny-urzedu',
    titlePl: 'Godziny pracy urzędu i urzędów dzielnic',
    titleEn: 'Opening hours of the city hall and district offices',
    bodyPl:
      'Urząd Miasta i urzędy dzielnic są czynne w poniedziałki 8:00-18:00, od wtorku do piątku 8:00-16:00. Wizytę można zarezerwować online, aby nie czekać w kolejce. W soboty nie pracujemy, z wyjątkiem dyżurów przed wyborami.',
    bodyEn:
      'The city hall and district offices are open Mondays 8:00-18:00, Tuesday to Friday 8:00-16:00. Book a visit online to avoid queueing. Closed on Saturdays except for duty hours before elections.',
    tags: ['godziny', 'urząd', 'wizyta', 'kolejka', 'opening hours'],
  },
];

/**
 * Loads (or refreshes, by slug) the demo articles into one jurisdiction. The articles name the demo
 * city's services and districts; saveArticle refuses codes a city lacks, so a smaller city (the
 * test fixture) gets them without the codes it does not have.
 */
export async function loadDemoArticles(knex: Knex, jurisdictionId: string): Promise<number> {
  const codes = (rows: Array<{ code: string }>) => new Set(rows.map((r) => r.code));
  const services = codes(await knex('services').where({ jurisdiction_id: jurisdictionId }).select('code'));
  const districts = codes(await knex('districts').where({ jurisdiction_id: jurisdictionId }).whereNull('valid_to').select('code'));
  for (const article of DEMO_ARTICLES) {
    await saveArticle(knex, jurisdictionId, {
      ...article,
      serviceCodes: article.serviceCodes?.filter((c) => services.has(c)),
      districtCodes: article.districtCodes?.filter((c) => districts.has(c)),
    });
  }
  return DEMO_ARTICLES.length;
}
