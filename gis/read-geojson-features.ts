import type { Feature } from 'geojson';
import { readTextChunks } from './read-text-stream';

/** What the streaming reader reports: a top-level member other than `features`, or one feature. */
export type GeoJSONEvent = { kind: 'member'; key: string; value: unknown } | { kind: 'feature'; index: number; feature: Feature };

export interface GeoJSONStreamOptions {
  /** A single feature or top-level member longer than this is an error; default 16 MB. */
  maxValueLength?: number;
  highWaterMark?: number;
}

/** A GeoJSON file that cannot be read; `location` says where (e.g. "feature 3"). */
export class GeoJSONReadError extends Error {
  constructor(
    readonly location: string | undefined,
    reason: string,
  ) {
    super(location ? `${location}: ${reason}` : reason);
    this.name = 'GeoJSONReadError';
  }
}

const WS = new Set([' ', '\t', '\n', '\r', '\uFEFF']);

/**
 * Streams a GeoJSON FeatureCollection: yields each top-level member (`type`, `crs`, `name`, ...)
 * and each feature as soon as it has been read, holding at most one feature in memory, so files
 * of gigabytes can be read. Features are numbered from 1. The `crs` member is only useful to the
 * caller when it comes before `features`, as GDAL writes it.
 *
 * @example
 * for await (const e of readGeoJSONFeatures('addresses.geojson')) if (e.kind === 'feature') use(e.feature);
 */
export async function* readGeoJSONFeatures(file: string, options: GeoJSONStreamOptions = {}): AsyncGenerator<GeoJSONEvent> {
  const maxLength = options.maxValueLength ?? 16 * 1024 * 1024;
  // Phases of the top-level object: before '{', between members, in a key, before ':', in a member
  // value, before the features '[', between features, inside a feature, after the final '}'.
  type Phase = 'start' | 'members' | 'key' | 'colon' | 'value' | 'featuresOpen' | 'features' | 'feature' | 'end';
  let phase: Phase = 'start';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let capture: string[] | undefined;
  let captureStart = 0;
  let captureLength = 0;
  let key = '';
  let featureIndex = 0;
  let sawFeatures = false;
  let typeValue: unknown;
  const fail = (reason: string, location?: string): never => {
    throw new GeoJSONReadError(location, reason);
  };
  const parse = (text: string, where: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (err) {
      return fail(`is not valid JSON (${(err as Error).message})`, where);
    }
  };

  for await (const chunk of readTextChunks(file, { highWaterMark: options.highWaterMark })) {
    const events: GeoJSONEvent[] = [];
    if (capture) captureStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') {
          inString = false;
          if (phase === 'key') {
            key = parse(capture!.join('') + chunk.slice(captureStart, i + 1), 'a member name') as string;
            capture = undefined;
            phase = 'colon';
          }
        }
        continue;
      }
      if (c === '"') {
        inString = true;
        if (phase === 'members') {
          phase = 'key';
          capture = [];
          captureStart = i;
          continue;
        }
      } else if (c === '{' || c === '[') {
        depth++;
      } else if (c === '}' || c === ']') {
        depth--;
      }
      switch (phase) {
        case 'start':
          if (c === '{') phase = 'members';
          else if (!WS.has(c)) fail('the file is not a GeoJSON object (it should start with "{")');
          break;
        case 'members':
          if (depth === 0) phase = 'end';
          else if (c !== ',' && !WS.has(c)) fail(`unexpected ${JSON.stringify(c)} between top-level members`);
          break;
        case 'colon':
          if (c === ':') phase = key === 'features' ? 'featuresOpen' : 'value';
          else if (!WS.has(c)) fail(`expected ":" after ${JSON.stringify(key)}`);
          if (phase === 'value') {
            capture = [];
            captureStart = i + 1;
            captureLength = 0;
          }
          break;
        case 'value':
          // The value ends at a comma between members or at the '}' closing the top-level object.
          if ((c === ',' && depth === 1) || depth === 0) {
            const value = parse(capture!.join('') + chunk.slice(captureStart, i), `member "${key}"`);
            capture = undefined;
            if (key === 'type') typeValue = value;
            events.push({ kind: 'member', key, value });
            phase = depth === 0 ? 'end' : 'members';
          }
          break;
        case 'featuresOpen':
          if (c === '[') {
            phase = 'features';
            sawFeatures = true;
          } else if (!WS.has(c)) fail('"features" is not an array');
          break;
        case 'features':
          if (c === '{' && depth === 3) {
            phase = 'feature';
            featureIndex++;
            capture = [];
            captureStart = i;
            captureLength = 0;
          } else if (depth === 1) {
            phase = 'members';
          } else if (c !== ',' && !WS.has(c)) {
            fail('is not a JSON object', `feature ${featureIndex + 1}`);
          }
          break;
        case 'feature':
          if (depth === 2) {
            const text = capture!.join('') + chunk.slice(captureStart, i + 1);
            capture = undefined;
            events.push({ kind: 'feature', index: featureIndex, feature: parse(text, `feature ${featureIndex}`) as Feature });
            phase = 'features';
          }
          break;
        case 'end':
          if (!WS.has(c)) fail('unexpected text after the end of the GeoJSON object');
          break;
        default:
          break;
      }
    }
    if (capture) {
      capture.push(chunk.slice(captureStart));
      captureLength += chunk.length - captureStart;
      if (captureLength > maxLength) {
        fail(`is longer than ${maxLength} characters; is this really GeoJSON?`, phase === 'feature' ? `feature ${featureIndex}` : `member "${key}"`);
      }
    }
    for (const e of events) yield e;
  }
  if (phase === 'start') fail('the file is empty');
  if (phase !== 'end') fail(phase === 'feature' ? `the file ends inside feature ${featureIndex}` : 'the file ends before the GeoJSON object is closed');
  if (typeValue !== 'FeatureCollection') fail(`the top-level "type" is ${JSON.stringify(typeValue ?? null)}; expected "FeatureCollection"`);
  if (!sawFeatures) fail('the FeatureCollection has no "features" array');
}
