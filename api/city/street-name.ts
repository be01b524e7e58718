/**
 * Splits a street as written in an address register into its type prefix and its name, so the
 * geocoder can search names without the prefix (`ul. Marszałkowska` -> `ul.` + `Marszałkowska`).
 */

// Longest first, so `al.` does not take the start of `aleja`. Full words are written as they are used.
const PREFIXES: Array<[RegExp, string]> = [
  [/^(ulica|ul\.?)\s+/i, 'ul.'],
  [/^(aleje|aleja|al\.?|aleya)\s+/i, 'al.'],
  [/^(plac|pl\.?)\s+/i, 'pl.'],
  [/^(osiedle|os\.?)\s+/i, 'os.'],
  [/^(rondo)\s+/i, 'rondo'],
  [/^(skwer)\s+/i, 'skwer'],
  [/^(bulwar|bulw\.?)\s+/i, 'bulwar'],
  [/^(wybrzeże|wyb\.?)\s+/i, 'wyb.'],
];

export interface StreetName {
  /** ul., al., pl., os., rondo, ...; empty for a place written without one. */
  prefix: string;
  name: string;
}

/**
 * @example
 * splitStreetName('al. Jerozolimskie'); // { prefix: 'al.', name: 'Jerozolimskie' }
 * splitStreetName('Rondo ONZ');        // { prefix: 'rondo', name: 'ONZ' }
 * splitStreetName('Stare Miasto');     // { prefix: '', name: 'Stare Miasto' }
 */
export function splitStreetName(street: string): StreetName {
  const text = street.trim().replace(/\s+/g, ' ');
  for (const [pattern, prefix] of PREFIXES) {
    const m = pattern.exec(text);
    if (m && text.length > m[0].length) return { prefix, name: text.slice(m[0].length) };
  }
  return { prefix: '', name: text };
}

/** The street as displayed: prefix and name. */
export const streetLabel = (s: StreetName) => (s.prefix ? `${s.prefix} ${s.name}` : s.name);
