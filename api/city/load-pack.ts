/**
 * First phase of an import: read and check every file of a pack without touching the database,
 * collecting every problem (issue #2: "validate every file first and collect ALL problems").
 * Addresses are only checked for their header here; their rows are streamed during the import.
 */
import type { Geometry } from 'geojson';
import { polygonProblems, geometryCoordinateProblem } from '../../gis';
import type { CityFile, RoutingEntry, ServiceEntry, UnitEntry } from './pack-types';
import { ImportProblem, ProblemList } from './problems';
import { readPackJson } from './validate-json';
import { findFile, readGeoFile, SourceFeature } from './read-geo-files';
import { checkAddressHeader } from './read-addresses';
import { LandmarkInput, readLandmarks } from './read-landmarks';
import { codeFromName as kernelCodeFromName } from '../../kernel/fold';
import { checkCitySettings } from '../../kernel/city-settings';

export interface DistrictInput {
  index: number;
  code: string;
  name: string;
  nameEn: string | null;
  /** From districts.priority_property: in an overlap the highest wins; null when not given. */
  priority: number | null;
  properties: Record<string, unknown>;
  /** EPSG:4326 Polygon or MultiPolygon, possibly invalid (repaired in SQL). */
  geometry: Geometry;
}

export interface RoutingInput extends RoutingEntry {
  index: number;
  /** EPSG:4326 area from routing-areas.geojson or inline, when the rule has one. */
  areaGeometry?: Geometry;
}

export interface LoadedPack {
  dir: string;
  city: CityFile;
  districtsFile: string;
  districts: DistrictInput[];
  /** The city outline (boundary.geojson / boundary.json / boundary.shp), EPSG:4326; undefined: built from the districts. */
  boundary?: { file: string; geometries: Geometry[] };
  units?: UnitEntry[];
  services?: ServiceEntry[];
  routing?: RoutingInput[];
  streets?: SourceFeature[];
  /** From landmarks.geojson; undefined when the pack has none. */
  landmarks?: LandmarkInput[];
  /** Things worth knowing that do not stop the import. */
  warnings: ImportProblem[];
}

export interface LoadOptions {
  srid?: number;
  exclude?: Array<{ key: string; value: string }>;
  log?: (line: string) => void;
}

/** A property used as text: a string, or a number (a numeric dBASE field, N(5,0)) written as text; undefined when absent or blank. */
export function propertyText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim()) return value.trim();
  return undefined;
}

/** "is missing (this feature has: BoroCD, Shape_Area)" or "is empty": says what the feature does have. */
function missingProperty(props: Record<string, unknown>, name: string, what: string): string {
  if (name in props)
    return `property "${name}" (${what}) is ${props[name] === null || props[name] === '' ? 'empty' : `not text or a number (${JSON.stringify(props[name])})`}`;
  const keys = Object.keys(props);
  return `property "${name}" (${what}) is missing; the feature has ${keys.length ? keys.map((k) => `"${k}"`).join(', ') : 'no properties'}`;
}

/** `Praga Południe` -> `praga-poludnie`: a district code made from its name. */
export function codeFromName(name: string): string {
  return kernelCodeFromName(name);
}

function duplicates<T>(items: T[], key: (t: T) => string, file: string, what: string, problems: ProblemList): Set<string> {
  const first = new Map<string, number>();
  const all = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    all.add(k);
    const at = first.get(k);
    if (at === undefined) first.set(k, i);
    else problems.add(file, `$[${i}].code`, `duplicate ${what} code ${JSON.stringify(k)} (first at $[${at}])`);
  });
  return all;
}

function checkServices(services: ServiceEntry[], problems: ProblemList): void {
  duplicates(services, (s) => s.code, 'services.json', 'service', problems);
  services.forEach((s, i) => {
    const attrs = s.attributes ?? [];
    const codes = new Map<string, number>();
    const orders = new Map<number, number>();
    attrs.forEach((a, j) => {
      const where = `$[${i}].attributes[${j}]`;
      if (codes.has(a.code))
        problems.add('services.json', `${where}.code`, `duplicate attribute code ${JSON.stringify(a.code)} in service ${JSON.stringify(s.code)}`);
      if (orders.has(a.order)) problems.add('services.json', `${where}.order`, `order ${a.order} is used twice in service ${JSON.stringify(s.code)}`);
      codes.set(a.code, j);
      orders.set(a.order, j);
      const isList = a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist';
      if (isList && !(a.values && a.values.length)) problems.add('services.json', `${where}.values`, `a ${a.datatype} needs at least one value`);
      if (!isList && a.values && a.values.length)
        problems.add('services.json', `${where}.values`, `only list attributes have values (datatype is ${a.datatype})`);
      const keys = new Set<string>();
      (a.values ?? []).forEach((v, k) => {
        if (keys.has(v.key)) problems.add('services.json', `${where}.values[${k}].key`, `duplicate value key ${JSON.stringify(v.key)}`);
        keys.add(v.key);
      });
    });
  });
}

/** Reads and checks the whole pack; returns the pack only when no problem was found. */
export async function loadPack(dir: string, options: LoadOptions, problems: ProblemList): Promise<LoadedPack | undefined> {
  const city = readPackJson<CityFile>(dir, 'city.json', problems, true);
  // The settings' schema and defaults live in the kernel (one reader for every surface).
  for (const problem of city ? checkCitySettings(city.settings) : []) {
    const [field, ...reason] = problem.split(': ');
    problems.add('city.json', field, reason.join(': '));
  }
  const units = readPackJson<UnitEntry[]>(dir, 'units.json', problems, false);
  const services = readPackJson<ServiceEntry[]>(dir, 'services.json', problems, false);
  const routing = readPackJson<RoutingEntry[]>(dir, 'routing.json', problems, false);

  // Districts.
  const exclude = [
    ...Object.entries(city?.districts?.exclude ?? {}).flatMap(([key, v]) => (Array.isArray(v) ? v : [v]).map((value) => ({ key, value: String(value) }))),
    ...(options.exclude ?? []),
  ];
  const districtsFile = findFile(dir, ['districts.geojson', 'districts.json', 'districts.shp']);
  const districts: DistrictInput[] = [];
  if (!districtsFile) {
    problems.add('districts.geojson', undefined, 'the file is missing: a pack needs districts.geojson or districts.shp (with .dbf and .prj)');
  } else {
    const read = await readGeoFile(dir, districtsFile, { srid: options.srid, exclude, shape: 'polygon', log: options.log }, problems);
    if (read) {
      const nameProp = city?.districts?.name_property ?? 'name';
      const codeProp = city?.districts?.code_property;
      const nameEnProp = city?.districts?.name_en_property ?? 'name_en';
      const priorityProp = city?.districts?.priority_property;
      const seen = new Map<string, number>();
      for (const f of read.features) {
        const location = `feature ${f.index}`;
        const name = propertyText(f.properties[nameProp]);
        if (name === undefined) {
          problems.add(districtsFile, location, missingProperty(f.properties, nameProp, 'the district name'));
          continue;
        }
        const rawCode = codeProp ? propertyText(f.properties[codeProp]) : undefined;
        if (codeProp && rawCode === undefined) {
          problems.add(districtsFile, location, missingProperty(f.properties, codeProp, 'the district code'));
          continue;
        }
        let priority: number | null = null;
        if (priorityProp && f.properties[priorityProp] !== undefined && f.properties[priorityProp] !== null && f.properties[priorityProp] !== '') {
          const n = Number(f.properties[priorityProp]);
          if (!Number.isInteger(n) || Math.abs(n) > 2 ** 31 - 1) {
            problems.add(
              districtsFile,
              location,
              `property "${priorityProp}" (the district priority) must be a whole number, not ${JSON.stringify(f.properties[priorityProp])}`,
            );
            continue;
          }
          priority = n;
        }
        const code = codeProp ? rawCode! : codeFromName(name);
        const at = seen.get(code);
        if (at !== undefined) {
          problems.add(districtsFile, location, `district code ${JSON.stringify(code)} is used twice (also feature ${at})`);
          continue;
        }
        seen.set(code, f.index);
        const nameEn = f.properties[nameEnProp];
        districts.push({
          index: f.index,
          code,
          name,
          nameEn: propertyText(nameEn) ?? null,
          priority,
          properties: f.properties,
          geometry: f.geometry,
        });
      }
      if (read.features.length === 0 && problems.size === 0)
        problems.add(districtsFile, undefined, 'no district is left to import (all features were excluded or the file has none)');
    }
  }

  // The city outline: optional; without it the import builds one from the districts.
  let boundary: LoadedPack['boundary'];
  const boundaryFile = findFile(dir, ['boundary.geojson', 'boundary.json', 'boundary.shp']);
  if (boundaryFile) {
    const read = await readGeoFile(dir, boundaryFile, { srid: options.srid, shape: 'polygon', log: options.log }, problems);
    if (read && read.features.length === 0 && !problems.has(boundaryFile)) problems.add(boundaryFile, undefined, 'the outline has no polygon');
    if (read) boundary = { file: boundaryFile, geometries: read.features.map((f) => f.geometry) };
  }

  // Units, services, routing: duplicates and references.
  const unitCodes = units ? duplicates(units, (u) => u.code, 'units.json', 'unit', problems) : undefined;
  units?.forEach((u, i) => {
    if (u.parent && !unitCodes!.has(u.parent)) problems.add('units.json', `$[${i}].parent`, `parent ${JSON.stringify(u.parent)} is not a unit of this pack`);
    if (u.parent === u.code) problems.add('units.json', `$[${i}].parent`, 'a unit cannot be its own parent');
  });
  if (services) checkServices(services, problems);

  let routingInputs: RoutingInput[] | undefined;
  if (routing) {
    const areasFile = findFile(dir, ['routing-areas.geojson']);
    const areas = areasFile ? await readGeoFile(dir, areasFile, { srid: options.srid, shape: 'polygon', log: options.log }, problems) : undefined;
    const serviceCodes = services ? new Set(services.map((s) => s.code)) : undefined;
    const groupCodes = services ? new Set(services.flatMap((s) => (s.group ? [s.group.code] : []))) : undefined;
    const districtCodes = new Set(districts.map((d) => d.code));
    duplicates(routing, (r) => r.code, 'routing.json', 'rule', problems);
    routingInputs = routing.map((rule, i) => {
      const at = (field: string) => `$[${i}].${field}`;
      if (rule.service !== undefined && rule.group !== undefined)
        problems.add('routing.json', at('service'), 'a rule names either a service or a group, not both');
      if (rule.district !== undefined && rule.area !== undefined)
        problems.add('routing.json', at('district'), 'a rule names either a district or an area, not both');
      // Without units.json/services.json in the pack, references are checked against the database during the import.
      if (unitCodes && !unitCodes.has(rule.unit)) problems.add('routing.json', at('unit'), `unit ${JSON.stringify(rule.unit)} is not in units.json`);
      if (rule.service !== undefined && serviceCodes && !serviceCodes.has(rule.service))
        problems.add('routing.json', at('service'), `service ${JSON.stringify(rule.service)} is not in services.json`);
      if (rule.group !== undefined && groupCodes && !groupCodes.has(rule.group))
        problems.add('routing.json', at('group'), `group ${JSON.stringify(rule.group)} is not the group of any service in services.json`);
      if (rule.district !== undefined && districtsFile && !problems.has(districtsFile) && !districtCodes.has(rule.district))
        problems.add('routing.json', at('district'), `district ${JSON.stringify(rule.district)} is not in ${districtsFile}`);
      if (rule.valid_from && rule.valid_to && rule.valid_from >= rule.valid_to)
        problems.add('routing.json', at('valid_to'), 'valid_to must be after valid_from');
      let areaGeometry: Geometry | undefined;
      if (typeof rule.area === 'string') {
        const name = rule.area;
        const feature = areas?.features.find((f) => f.properties.rule === name || f.properties.code === name);
        if (feature) areaGeometry = feature.geometry;
        else if (!problems.has('routing-areas.geojson'))
          problems.add('routing.json', at('area'), `area ${JSON.stringify(name)} is not a feature of routing-areas.geojson (property "rule")`);
      } else if (rule.area) {
        const inline = rule.area as Geometry;
        const shape = polygonProblems(inline);
        const range = shape.length ? undefined : geometryCoordinateProblem(inline, 4326);
        for (const reason of range ? [range] : shape) problems.add('routing.json', at('area'), reason);
        if (!shape.length && !range) areaGeometry = inline;
      }
      return { ...rule, index: i, areaGeometry };
    });
  }

  let streets: SourceFeature[] | undefined;
  const streetsFile = findFile(dir, ['streets.geojson']);
  if (streetsFile) {
    const read = await readGeoFile(dir, streetsFile, { srid: options.srid, shape: 'line', log: options.log }, problems);
    streets = read?.features;
    read?.features.forEach((f) => {
      if (typeof f.properties.name !== 'string' || !f.properties.name.trim()) problems.add(streetsFile, `feature ${f.index}`, 'property "name" is missing');
    });
  }

  const landmarks = await readLandmarks(dir, { srid: options.srid, log: options.log }, problems);

  await checkAddressHeader(dir, problems);

  if (problems.size || !city || !districtsFile) return undefined;
  const warnings: ImportProblem[] = [];
  if (!city.districts?.code_property) {
    warnings.push({
      file: 'city.json',
      location: '$.districts.code_property',
      reason: 'not set: district codes are made from the names, so renaming a district later closes it and opens a new one',
    });
  }
  return { dir, city, districtsFile, districts, boundary, units, services, routing: routingInputs, streets, landmarks, warnings };
}
