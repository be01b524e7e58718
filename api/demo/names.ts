/**
 * Name pools of the fictional city. Street names follow the usual Polish patterns (patrons in the
 * genitive, trees, birds, crafts, neighbouring towns, dates); none is meant to be a real address.
 */

/** Street names without prefix; drawn without replacement, so each is used once. */
export const STREET_NAMES: readonly string[] = [
  // patrons
  'Mickiewicza', 'Słowackiego', 'Kościuszki', 'Sienkiewicza', 'Reymonta', 'Konopnickiej', 'Orzeszkowej', 'Prusa',
  'Żeromskiego', 'Kopernika', 'Chopina', 'Moniuszki', 'Matejki', 'Kilińskiego', 'Traugutta', 'Pułaskiego',
  'Narutowicza', 'Wyspiańskiego', 'Norwida', 'Kochanowskiego', 'Fredry', 'Skłodowskiej-Curie', 'Staszica', 'Kołłątaja',
  'Lelewela', 'Wybickiego', 'Dąbrowskiego', 'Sobieskiego', 'Krasickiego', 'Asnyka', 'Tuwima', 'Broniewskiego',
  'Gałczyńskiego', 'Iwaszkiewicza', 'Nałkowskiej', 'Dąbrowskiej', 'Szymanowskiego', 'Paderewskiego', 'Kasprowicza', 'Staffa',
  'Korczaka', 'Batorego', 'Chrobrego', 'Mieszka I', 'Kazimierza Wielkiego', 'Jadwigi', 'Zamoyskiego', 'Czackiego',
  // trees and plants
  'Lipowa', 'Klonowa', 'Brzozowa', 'Dębowa', 'Jesionowa', 'Akacjowa', 'Kasztanowa', 'Wiśniowa', 'Jabłoniowa', 'Różana',
  'Tulipanowa', 'Konwaliowa', 'Bzowa', 'Jaśminowa', 'Sosnowa', 'Świerkowa', 'Modrzewiowa', 'Jodłowa', 'Grabowa', 'Bukowa',
  'Olchowa', 'Wierzbowa', 'Topolowa', 'Leszczynowa', 'Malinowa', 'Poziomkowa', 'Jagodowa', 'Wrzosowa', 'Makowa', 'Słonecznikowa',
  // birds and animals
  'Słowicza', 'Skowronkowa', 'Jaskółcza', 'Sokola', 'Orla', 'Łabędzia', 'Bociania', 'Żurawia', 'Czaplowa', 'Sikorek',
  'Gołębia', 'Wróbla', 'Dzięciołów', 'Kukułcza', 'Sarnia', 'Wiewiórcza',
  // crafts and places
  'Ogrodowa', 'Rybacka', 'Młyńska', 'Piekarska', 'Szewska', 'Garncarska', 'Tkacka', 'Flisacka', 'Kupiecka', 'Kowalska',
  'Polna', 'Leśna', 'Łąkowa', 'Spacerowa', 'Słoneczna', 'Krótka', 'Długa', 'Szeroka', 'Wąska', 'Kręta', 'Cicha', 'Zielona',
  'Wesoła', 'Nadrzeczna', 'Wiślana', 'Portowa', 'Kolejowa', 'Dworcowa', 'Szkolna', 'Kościelna', 'Targowa', 'Zamkowa',
  'Parkowa', 'Graniczna', 'Przemysłowa', 'Fabryczna', 'Składowa', 'Magazynowa', 'Pocztowa', 'Sportowa', 'Stawowa', 'Źródlana',
  'Piaskowa', 'Kamienna', 'Górna', 'Dolna', 'Boczna', 'Prosta', 'Miodowa', 'Mostowa', 'Przewozowa', 'Nadbrzeżna',
  // towns and regions
  'Krakowska', 'Warszawska', 'Lubelska', 'Radomska', 'Sandomierska', 'Kielecka', 'Gdańska', 'Poznańska', 'Wrocławska',
  'Łódzka', 'Toruńska', 'Opolska', 'Rzeszowska', 'Tarnowska', 'Zamojska', 'Mazowiecka', 'Śląska', 'Kaszubska', 'Podhalańska',
  // dates and events
  'Trzeciego Maja', 'Jedenastego Listopada', 'Armii Krajowej', 'Grunwaldzka', 'Racławicka', 'Westerplatte', 'Legionów',
  'Powstańców Styczniowych', 'Kombatantów', 'Harcerska', 'Strażacka', 'Wojska Polskiego', 'Obrońców Pokoju', 'Żołnierzy Wyklętych',
];

/** Wide streets crossing several districts, written as `al.`. */
export const AVENUE_NAMES: readonly string[] = ['Solidarności', 'Jana Pawła II', 'Niepodległości', 'Wolności'];

/** Housing estates: addresses written `os. Name 12`. */
export const ESTATE_NAMES: readonly string[] = ['Słoneczne', 'Przylesie', 'Zacisze', 'Nad Stawami', 'Kwiatowe', 'Młodych'];

/** Squares: `pl. Name`. */
export const SQUARE_NAMES: readonly string[] = ['Rynek', 'Wolności', 'Kościuszki', 'Zamkowy'];

export const FIRST_NAMES_F: readonly string[] = [
  'Anna', 'Maria', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Krystyna', 'Elżbieta', 'Magdalena', 'Joanna',
  'Zofia', 'Monika', 'Teresa', 'Danuta', 'Natalia', 'Julia', 'Aleksandra', 'Karolina', 'Marta', 'Beata', 'Dorota', 'Halina', 'Jadwiga',
];
export const FIRST_NAMES_M: readonly string[] = [
  'Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Jan', 'Michał', 'Marcin', 'Stanisław', 'Jakub', 'Adam', 'Marek', 'Łukasz',
  'Grzegorz', 'Mateusz', 'Wojciech', 'Mariusz', 'Dariusz', 'Zbigniew', 'Jerzy', 'Kamil', 'Szymon', 'Bartosz', 'Rafał',
];
/** Last names as [masculine, feminine]. */
export const LAST_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['Nowak', 'Nowak'], ['Wójcik', 'Wójcik'], ['Kowalczyk', 'Kowalczyk'], ['Woźniak', 'Woźniak'], ['Mazur', 'Mazur'],
  ['Krawczyk', 'Krawczyk'], ['Kaczmarek', 'Kaczmarek'], ['Zając', 'Zając'], ['Król', 'Król'], ['Wieczorek', 'Wieczorek'],
  ['Wróbel', 'Wróbel'], ['Stępień', 'Stępień'], ['Dudek', 'Dudek'], ['Pawlak', 'Pawlak'], ['Walczak', 'Walczak'], ['Sikora', 'Sikora'],
  ['Baran', 'Baran'], ['Michalak', 'Michalak'], ['Szewczyk', 'Szewczyk'], ['Ostrowski', 'Ostrowska'], ['Tomaszewski', 'Tomaszewska'],
  ['Pietrzak', 'Pietrzak'], ['Jabłoński', 'Jabłońska'], ['Wróblewski', 'Wróblewska'], ['Marciniak', 'Marciniak'], ['Zalewski', 'Zalewska'],
  ['Jakubowski', 'Jakubowska'], ['Sadowski', 'Sadowska'], ['Duda', 'Duda'], ['Włodarczyk', 'Włodarczyk'], ['Wilk', 'Wilk'],
  ['Chmielewski', 'Chmielewska'], ['Borkowski', 'Borkowska'], ['Sokołowski', 'Sokołowska'], ['Szczepański', 'Szczepańska'],
  ['Lewandowski', 'Lewandowska'], ['Kamiński', 'Kamińska'], ['Zieliński', 'Zielińska'], ['Szymański', 'Szymańska'], ['Dąbrowski', 'Dąbrowska'],
  ['Kozłowski', 'Kozłowska'], ['Jankowski', 'Jankowska'], ['Mazurek', 'Mazurek'], ['Kwiatkowski', 'Kwiatkowska'], ['Grabowski', 'Grabowska'],
];
