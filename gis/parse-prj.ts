import { CRS_REGISTRY, UnknownCrsError } from './crs-registry';

/** One node of WKT: `NAME["text", child, 1.5, ...]`. */
interface WktNode {
  keyword: string;
  values: Array<string | number | WktNode>;
}

function parseWkt(text: string): WktNode {
  let pos = 0;
  const fail = (why: string): never => {
    throw new UnknownCrsError(`cannot read the .prj file: ${why} at character ${pos + 1}`);
  };
  const skip = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const node = (): WktNode => {
    skip();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos));
    if (!m) return fail('expected a keyword');
    pos += m[0].length;
    skip();
    const open = text[pos];
    if (open !== '[' && open !== '(') return fail('expected "["');
    const close = open === '[' ? ']' : ')';
    pos++;
    const values: WktNode['values'] = [];
    for (;;) {
      skip();
      const c = text[pos];
      if (c === undefined) return fail('unexpected end');
      if (c === close) {
        pos++;
        return { keyword: m[0].toUpperCase(), values };
      }
      if (c === ',') {
        pos++;
        continue;
      }
      if (c === '"') {
        const end = text.indexOf('"', pos + 1);
        if (end < 0) return fail('unterminated string');
        values.push(text.slice(pos + 1, end));
        pos = end + 1;
      } else if (/[-+\d.]/.test(c)) {
        const num = /^[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?/.exec(text.slice(pos));
        if (!num) return fail('bad number');
        values.push(Number(num[0]));
        pos += num[0].length;
      } else {
        values.push(node());
      }
    }
  };
  const root = node();
  skip();
  if (pos < text.length) fail('unexpected text after the definition');
  return root;
}

const fold = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const children = (n: WktNode, keyword: string) => n.values.filter((v): v is WktNode => typeof v === 'object' && v.keyword === keyword);

/**
 * The EPSG code of an ESRI `.prj` (WKT 1). An `AUTHORITY["EPSG", "N"]` on the outer definition
 * wins; otherwise the projection and its parameters are compared with the supported systems, since
 * ESRI software often writes no code at all. No match is an {@link UnknownCrsError}.
 *
 * @example
 * parsePrj('PROJCS["ETRS89 / Poland CS92",GEOGCS[...],PROJECTION["Transverse_Mercator"],' +
 *   'PARAMETER["central_meridian",19],PARAMETER["scale_factor",0.9993],' +
 *   'PARAMETER["false_easting",500000],PARAMETER["false_northing",-5300000],UNIT["metre",1]]'); // 2180
 */
export function parsePrj(wkt: string): number {
  const root = parseWkt(wkt.replace(/^\uFEFF/, '').trim());
  const authority = children(root, 'AUTHORITY')[0];
  if (authority && String(authority.values[0]).toUpperCase() === 'EPSG') {
    const srid = Number(authority.values[1]);
    if (CRS_REGISTRY.has(srid)) return srid;
    throw new UnknownCrsError(`the .prj names EPSG:${srid}, which is not a supported coordinate system`);
  }
  const name = typeof root.values[0] === 'string' ? root.values[0] : '';
  if (root.keyword === 'GEOGCS' || root.keyword === 'GEOGCRS') {
    const datum = children(root, 'DATUM')[0];
    const datumName = fold(String(datum?.values[0] ?? ''));
    if (datumName.includes('wgs1984') || datumName.includes('wgs84')) return 4326;
    throw new UnknownCrsError(`the .prj describes the geographic system ${JSON.stringify(name)}, which is not supported (use WGS 84 or --srid)`);
  }
  if (root.keyword !== 'PROJCS') throw new UnknownCrsError(`the .prj holds a ${root.keyword}, expected PROJCS or GEOGCS`);
  const projection = fold(String(children(root, 'PROJECTION')[0]?.values[0] ?? ''));
  const params: Record<string, number> = {};
  for (const p of children(root, 'PARAMETER')) params[fold(String(p.values[0]))] = Number(p.values[1]);
  // The two standard parallels of a conic projection come in either order; the registry lists the northern one first.
  if (params.standardparallel1 !== undefined && params.standardparallel2 !== undefined) {
    [params.standardparallel1, params.standardparallel2] = [
      Math.max(params.standardparallel1, params.standardparallel2),
      Math.min(params.standardparallel1, params.standardparallel2),
    ];
  }
  // ESRI writes "Latitude_Of_Origin" where others write "latitude_of_center"; only the listed parameters are compared.
  for (const def of CRS_REGISTRY.values()) {
    if (!def.prj || !def.prj.projection.includes(projection)) continue;
    const fits = Object.entries(def.prj.params).every(([key, expected]) => {
      const got = params[key];
      if (got === undefined) return expected === 0;
      return (
        Math.abs(got - expected) <= Math.max(1e-6, Math.abs(expected) * 1e-7) ||
        (key === 'falseeasting' && def.units === 'us-foot' && Math.abs(got - 300000) < 0.01)
      );
    });
    if (fits) return def.srid;
  }
  throw new UnknownCrsError(
    `the .prj describes ${JSON.stringify(name || projection)}, which matches no supported coordinate system (give --srid if you know it)`,
  );
}
