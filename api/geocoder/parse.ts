/**
 * Understanding what people type as an address (pure, unit-tested): Polish street prefixes
 * (ul., al., pl., os., rondo, ...) are dropped, the house number is found before or after the
 * street ("Marszałkowska 12A", "12A Marszałkowska", "Hoża 5/7", "Złota 3 m. 4"), and an
 * intersection is recognised ("Marszałkowska / Złota", "róg Marszałkowskiej i Złotej",
 * "Marszałkowska x Złota").
 */

export interface ParsedAddress {
  /** Street name as typed, without prefix or number. */
  street: string;
  /** Street type written before the name, normalised (ul., al., pl., os., rondo), when given. */
  prefix?: string;
  /** House number as typed, upper-cased letters: 12A, 5/7. */
  number?: string;
  /** Second street of an intersection. */
  cross?: string;
}

const PREFIXES: Array<[RegExp, string]> = [
  [/^(ul\.?|ulica|ulicy)\s+/i, 'ul.'],
  [/^(al\.?|aleja|alei|aleje|alej)\s+/i, 'al.'],
  [/^(pl\.?|plac|placu)\s+/i, 'pl.'],
  [/^(os\.?|osiedle|osiedla)\s+/i, 'os.'],
  [/^(rondo|ronda)\s+/i, 'rondo'],
  [/^(skwer|bulwar|park)\s+/i, ''],
];

const NUMBER = /^\d+[A-Za-z]?(\/\d+[A-Za-z]?)?$/;

function stripPrefix(s: string): { name: string; prefix?: string } {
  let name = s.trim().replace(/^(róg|rog|skrzyżowanie|skrzyzowanie)\s+/i, '');
  for (const [re, prefix] of PREFIXES) {
    if (re.test(name)) return { name: name.replace(re, '').trim(), prefix: prefix || undefined };
  }
  // "ul.Marszałkowska" without a space
  const glued = /^(ul|al|pl|os)\.(\S.*)$/i.exec(name);
  if (glued) return { name: glued[2].trim(), prefix: `${glued[1].toLowerCase()}.` };
  return { name };
}

export function parseAddress(text: string): ParsedAddress {
  const clean = text
    .replace(/\s+/g, ' ')
    .replace(/,\s*(warszawa|warsaw|polska|poland)\s*$/i, '')
    .replace(/\b\d{2}-\d{3}\b/, '')
    .trim();
  const cross = /^(.+?)\s*(?:\/|\bx\b|&|\bi\b|\bróg\b|\bcorner\b)\s*(.+)$/i.exec(clean);
  if (cross && !/\d\/\d/.test(clean)) {
    const a = stripPrefix(cross[1]);
    const b = stripPrefix(cross[2]);
    if (a.name && b.name && !NUMBER.test(b.name)) return { street: a.name, prefix: a.prefix, cross: b.name };
  }
  // drop a flat number: "Złota 3 m. 4", "Złota 3 lok. 4"
  const noFlat = clean
    .replace(/\s+(m\.?|lok\.?|mieszk\.?)\s*\d+\w*$/i, '')
    .replace(/[,;]+/g, ' ')
    .trim();
  const tokens = noFlat.split(' ').filter(Boolean);
  let number: string | undefined;
  if (tokens.length > 1 && NUMBER.test(tokens[tokens.length - 1])) number = tokens.pop();
  else if (tokens.length > 1 && NUMBER.test(tokens[0])) number = tokens.shift();
  // "12 a" typed with a space
  else if (tokens.length > 2 && /^[A-Za-z]$/.test(tokens[tokens.length - 1]) && /^\d+$/.test(tokens[tokens.length - 2])) {
    const letter = tokens.pop()!;
    number = tokens.pop()! + letter;
  }
  const { name, prefix } = stripPrefix(tokens.join(' '));
  return { street: name, prefix, number: number?.toUpperCase() };
}
