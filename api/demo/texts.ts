/**
 * What demo residents write and what demo staff answer, in Polish as most reports arrive. A few
 * descriptions carry a phone number or an e-mail, as real ones do, so the public scrubbing has
 * something to remove.
 */
export const DESCRIPTIONS: Record<string, readonly string[]> = {
  pothole: [
    'Duża dziura w jezdni, samochody ją omijają wjeżdżając na przeciwny pas.',
    'Ubytek w asfalcie przy przejściu dla pieszych, po deszczu pełen wody.',
    'Kilka dziur jedna za drugą, uszkodziłem na nich oponę.',
    'Dziura przy studzience, coraz większa.',
  ],
  pavement: [
    'Zapadnięte płyty chodnikowe, łatwo się potknąć.',
    'Wystający krawężnik przy przejściu, wózek nie przejedzie.',
    'Brak kilku płyt na chodniku od kilku tygodni.',
  ],
  'road-sign': [
    'Znak przewrócony na chodnik, pewnie potrącony przez samochód.',
    'Znak zasłonięty przez gałęzie, kierowcy go nie widzą.',
    'Brak znaku ustąp pierwszeństwa na skrzyżowaniu.',
  ],
  'traffic-lights': [
    'Sygnalizacja miga na żółto od rana, korek na skrzyżowaniu.',
    'Nie działa przycisk dla pieszych, światło się nie zmienia.',
    'Przepalone czerwone światło na sygnalizatorze.',
  ],
  snow: [
    'Chodnik nieodśnieżony, bardzo ślisko.',
    'Jezdnia pokryta lodem, autobusy mają problem z podjazdem.',
    'Przystanek zasypany śniegiem, nie da się wsiąść.',
    'Schody do kładki oblodzone.',
  ],
  obstruction: ['Na jezdni leży duża gałąź po wichurze.', 'Plama oleju na całej szerokości pasa.', 'Gruz z ciężarówki rozsypany na drodze.'],
  tree: ['Złamany konar zwisa nad chodnikiem.', 'Drzewo mocno pochylone w stronę placu zabaw.', 'Po burzy drzewo oparło się o linię energetyczną.'],
  grass: ['Trawa na trawniku przy szkole ma pół metra.', 'Pobocze zarośnięte, nie widać wyjazdu z osiedla.', 'Trawnik dawno niekoszony.'],
  'park-damage': ['Połamana ławka w alejce.', 'Zerwany łańcuch huśtawki na placu zabaw.', 'Dziura w ogrodzeniu placu zabaw, dzieci wybiegają na ulicę.'],
  'tree-planting': ['Proszę o posadzenie drzew wzdłuż ulicy, latem nie ma cienia.', 'Puste miejsce po wyciętym drzewie, warto posadzić nowe.'],
  litter: ['Dużo śmieci na trawniku przy przystanku.', 'Rozrzucone butelki i puszki po weekendzie.', 'Śmieci wzdłuż ścieżki rowerowej.'],
  dumping: ['Ktoś wyrzucił stare meble i opony przy lesie.', 'Worki z gruzem pod wiaduktem.', 'Sterta odpadów przy garażach, rośnie z każdym tygodniem.'],
  bin: ['Kosz przepełniony, śmieci leżą obok.', 'Kosz wyrwany ze słupka.', 'Przy przystanku nie ma kosza.'],
  graffiti: ['Nowe napisy na elewacji szkoły.', 'Wiata przystankowa pomalowana sprayem.', 'Obraźliwy napis na murze przy parku.'],
  streetlight: [
    'Latarnia nie świeci od tygodnia, na ulicy zupełnie ciemno.',
    'Lampa mruga całą noc.',
    'Trzy latarnie z rzędu nie działają.',
    'Latarnia świeci w dzień.',
  ],
  'water-leak': ['Woda wypływa spod asfaltu.', 'Z hydrantu leci woda na ulicę.', 'Spod studzienki bije woda, zalewa chodnik.'],
  drain: ['Studzienka zapchana liśćmi, po deszczu wielka kałuża.', 'Zalane skrzyżowanie po każdym deszczu.', 'Kratka ściekowa zatkana piaskiem.'],
  manhole: ['Brak pokrywy studzienki na chodniku, ktoś położył gałąź.', 'Pokrywa włazu stuka przy każdym przejeździe.', 'Pęknięta pokrywa na środku jezdni.'],
  stop: ['Zbita szyba w wiacie przystankowej.', 'Na przystanku nie ma rozkładu jazdy.', 'Tablica z odjazdami nie działa.'],
  'transport-complaint': [
    'Autobus odjechał 5 minut przed czasem.',
    'Kierowca nie zatrzymał się na przystanku na żądanie.',
    'Tramwaj przepełniony, kursuje za rzadko.',
  ],
  'timetable-info': ['Od kiedy obowiązuje nowy rozkład?', 'Czy linia 12 będzie kursować w święta?', 'Gdzie kupić bilet miesięczny?'],
  noise: ['Głośna muzyka z lokalu do późna w nocy.', 'Prace budowlane zaczynają się o 5 rano.', 'Impreza na podwórku, krzyki po 23.'],
  neighbours: ['Sąsiedzi regularnie zakłócają ciszę nocną.', 'Awantury za ścianą, proszę o interwencję.'],
  'abandoned-vehicle': ['Samochód bez tablic stoi od pół roku.', 'Przyczepa porzucona na parkingu, zarasta trawą.', 'Wrak z wybitymi szybami.'],
  parking: ['Samochód zaparkowany na całym chodniku, nie da się przejść z wózkiem.', 'Auto na przejściu dla pieszych.', 'Ktoś blokuje wjazd do posesji.'],
  'stray-animal': ['Błąka się pies bez obroży, wygląda na wystraszonego.', 'Ranny kot przy śmietniku.', 'Ptak ze złamanym skrzydłem na chodniku.'],
  'dead-animal': ['Martwy kot na jezdni.', 'Potrącona sarna na poboczu.', 'Martwy ptak na placu zabaw.'],
  'wild-boar': ['Wataha dzików przy śmietnikach na osiedlu.', 'Dziki ryją trawnik przy szkole.', 'Locha z warchlakami w parku.'],
  'city-info': ['W jakich godzinach pracuje urząd w sobotę?', 'Jak zgłosić zmianę danych do podatku od nieruchomości?', 'Gdzie odbędzie się festyn miejski?'],
  'waste-schedule': ['Kiedy jest odbiór szkła na mojej ulicy?', 'Nie odebrano bioodpadów, kiedy następny termin?', 'Gdzie znajdę harmonogram na nowy rok?'],
  suggestion: [
    'Proponuję ustawić więcej ławek wzdłuż bulwaru.',
    'Przydałby się stojak na rowery przy bibliotece.',
    'Warto wyznaczyć przejście dla pieszych przy szkole.',
  ],
};

/** Contact details some residents put into the description itself (scrubbed on public pages). */
export const CONTACT_TAILS: readonly string[] = [' Proszę o kontakt: 600 123 456.', ' Mój mail: mieszkaniec@example.com', ' W razie pytań tel. 501 200 300.'];

export const PUBLIC_NOTES = {
  acknowledged: ['Zgłoszenie przyjęte i przekazane do właściwej jednostki.', 'Dziękujemy, zgłoszenie trafiło do realizacji.'],
  in_progress: ['Ekipa jest w drodze.', 'Prace rozpoczęte.', 'Zlecono wykonawcy, prace w toku.'],
  planned: ['Naprawa zaplanowana w najbliższym harmonogramie prac.', 'Zadanie ujęte w planie na przyszły miesiąc.'],
  waiting_for_resident: ['Prosimy o doprecyzowanie lokalizacji.', 'Prosimy o zdjęcie miejsca.'],
  referred_external: ['Teren nie należy do miasta; sprawę przekazano zarządcy.', 'Sprawa przekazana do GDDKiA.'],
  fixed: ['Usterka usunięta.', 'Naprawiono.', 'Sprzątnięte.', 'Prace zakończone, dziękujemy za zgłoszenie.'],
  answered: ['Udzielono odpowiedzi mieszkańcowi.', 'Informacja przekazana telefonicznie.'],
  no_further_action: ['Na miejscu nie stwierdzono problemu.', 'Zgłoszenie nie wymaga dalszych działań.'],
  not_responsible: ['Miasto nie zarządza tym terenem; właściciel został powiadomiony.'],
  cancelled: ['Zgłoszenie wycofane przez mieszkańca.'],
  duplicate: ['Ten problem był już zgłoszony; połączyliśmy zgłoszenia, poinformujemy o postępach.'],
  reopened: ['Problem powrócił, zgłoszenie otwarte ponownie.'],
} as const;

export const INTERNAL_NOTES: readonly string[] = [
  'Zlecono brygadzie nr 2.',
  'Sprawdzić w czwartek przy objeździe.',
  'Wykonawca potwierdził termin.',
  'Mieszkaniec dzwonił ponownie.',
];
