/**
 * Reads the JSON files of a city pack (city.json, units.json, services.json, routing.json) and checks
 * them against their JSON Schemas with ajv. These files cannot be streamed (a parser needs all of
 * one), so a file above MAX_JSON_BYTES is refused before it is read: a 2 GB units.json is a
 * mistake, not a city.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import citySchema from './schemas/city.schema.json';
import unitsSchema from './schemas/units.schema.json';
import servicesSchema from './schemas/services.schema.json';
import routingSchema from './schemas/routing.schema.json';
import landmarkSchema from './schemas/landmark.schema.json';
import type { ProblemList } from './problems';

export const MAX_JSON_BYTES = 20 * 1024 * 1024;

export type PackJsonFile = 'city.json' | 'units.json' | 'services.json' | 'routing.json';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validators: Record<PackJsonFile, ValidateFunction> = {
  'city.json': ajv.compile(citySchema),
  'units.json': ajv.compile(unitsSchema),
  'services.json': ajv.compile(servicesSchema),
  'routing.json': ajv.compile(routingSchema),
};

const landmarkProperties = ajv.compile(landmarkSchema);

/**
 * The problems of one landmark feature's properties (schemas/landmark.schema.json), each with the
 * path inside the properties (`$.kind`); empty when they are fine.
 */
export function landmarkPropertyProblems(properties: unknown): Array<{ location: string; reason: string }> {
  if (landmarkProperties(properties)) return [];
  const seen = new Set<string>();
  return (landmarkProperties.errors ?? []).map(describe).filter((p) => !seen.has(`${p.location}|${p.reason}`) && seen.add(`${p.location}|${p.reason}`));
}

/** `/2/name/pl` -> `$[2].name.pl`: a path a person can follow into the file. */
export function jsonPath(instancePath: string): string {
  return (
    '$' +
    instancePath
      .split('/')
      .slice(1)
      .map((part) => {
        const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
        return /^\d+$/.test(key) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
      })
      .join('')
  );
}

function describe(error: ErrorObject): { location: string; reason: string } {
  const location = jsonPath(error.instancePath);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { location, reason: `"${String(p.missingProperty)}" is required` };
    case 'additionalProperty':
    case 'additionalProperties':
      return { location, reason: `unknown property "${String(p.additionalProperty)}"` };
    case 'enum':
      return { location, reason: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { location, reason: error.message ?? error.keyword };
  }
}

/**
 * Reads and validates one JSON file of the pack. Returns the parsed value, or undefined after
 * adding the problems to `problems` (missing optional files return undefined without a problem).
 */
export function readPackJson<T>(dir: string, file: PackJsonFile, problems: ProblemList, required: boolean): T | undefined {
  const full = path.join(dir, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    if (required) problems.add(file, undefined, 'the file is missing; every city pack needs it');
    return undefined;
  }
  if (!stat.isFile()) {
    problems.add(file, undefined, 'is not a file');
    return undefined;
  }
  if (stat.size > MAX_JSON_BYTES) {
    problems.add(file, undefined, `the file is ${stat.size} bytes, above the limit of ${MAX_JSON_BYTES} bytes for a JSON file; it was not read`);
    return undefined;
  }
  const text = fs.readFileSync(full, 'utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    problems.add(file, undefined, 'the file is empty');
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    problems.add(file, undefined, `is not valid JSON: ${(err as Error).message}`);
    return undefined;
  }
  const validate = validators[file];
  if (!validate(value)) {
    // With allErrors an anyOf failure also reports each branch; keep one line per location and keyword.
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      const { location, reason } = describe(error);
      const key = `${location}|${reason}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.add(file, location, reason);
    }
    return undefined;
  }
  return value as T;
}
