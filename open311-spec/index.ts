/**
 * The contract as code: our JSON Schemas for every Open311 document (ajv), and XML shape rules
 * derived from the same schemas. Used by the server's input checks, by the tests (every response
 * the suite produces is validated) and by `kontakt open311 check` against any server.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { XMLParser } from 'fast-xml-parser';

export const DOCUMENTS = {
  discovery: { schema: 'discovery.schema.json', root: 'discovery' },
  services: { schema: 'services.schema.json', root: 'services' },
  serviceDefinition: { schema: 'service-definition.schema.json', root: 'service_definition' },
  postRequestResponse: { schema: 'post-request.response.schema.json', root: 'service_requests' },
  token: { schema: 'token.schema.json', root: 'service_requests' },
  requests: { schema: 'requests.schema.json', root: 'service_requests' },
  errors: { schema: 'errors.schema.json', root: 'errors' },
  requestUpdates: { schema: 'request-updates.schema.json', root: 'service_request_updates' },
  postUpdateResponse: { schema: 'post-update.response.schema.json', root: 'service_request_updates' },
  postRequestInput: { schema: 'post-request.input.schema.json', root: '' },
  postUpdateInput: { schema: 'post-update.input.schema.json', root: '' },
} as const;

export type DocumentName = keyof typeof DOCUMENTS;

const SCHEMA_DIR = path.join(__dirname, 'schemas');
type Schema = Record<string, unknown>;
const schemas = new Map<string, Schema>();
for (const file of fs.readdirSync(SCHEMA_DIR)) if (file.endsWith('.json')) schemas.set(file, JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')));

const ajv = new Ajv({ allErrors: true, strict: false });
for (const s of schemas.values()) ajv.addSchema(s);
const compiled = new Map<DocumentName, ValidateFunction>();

function validator(name: DocumentName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    v = ajv.getSchema((schemas.get(DOCUMENTS[name].schema) as { $id: string }).$id)!;
    compiled.set(name, v);
  }
  return v;
}

export interface Problem {
  /** Where in the document: a JSON pointer or an XML element path. */
  at: string;
  message: string;
}

const describe = (errors: ErrorObject[] | null | undefined): Problem[] =>
  (errors ?? []).map((e) => ({
    at: e.instancePath || '/',
    message: `${e.message}${e.params && 'allowedValues' in e.params ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : ''}`,
  }));

/** Validates a JSON document (already parsed) against the schema of `name`. */
export function validateJson(name: DocumentName, doc: unknown): Problem[] {
  const v = validator(name);
  return v(doc) ? [] : describe(v.errors);
}

/** Form fields (ordered pairs) -> the object the input schemas describe. */
export function formObject(pairs: Array<[string, string]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of pairs) {
    // An empty optional parameter is the same as an absent one (SPEC "Optional Arguments").
    if (v.trim() === '') continue;
    if (k === 'media_url') ((out.media_url ??= []) as string[]).push(v);
    else if (!(k in out)) out[k] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// XML shape rules, read from the same schemas: the declaration first, the root element, list
// containers holding only the singular element, no attributes or namespaces, booleans as
// true/false, numbers as numbers; then the converted document must pass the JSON schema too.

const SINGULAR: Record<string, string> = { service_requests: 'request', service_request_updates: 'request_update', media_urls: 'media_url', notes: 'note' };
const singular = (n: string) => SINGULAR[n] ?? n.replace(/s$/, '');

function resolve(schema: Schema | undefined, file: string): { schema: Schema; file: string } {
  let s = schema ?? {};
  let f = file;
  for (let guard = 0; guard < 10 && typeof s.$ref === 'string'; guard++) {
    const [refFile, pointer] = (s.$ref as string).split('#');
    if (refFile) f = refFile;
    let target: unknown = schemas.get(f);
    for (const part of (pointer ?? '').split('/').filter(Boolean)) target = (target as Record<string, unknown>)[part];
    s = (target ?? {}) as Schema;
  }
  return { schema: s, file: f };
}

function typesOf(schema: Schema | undefined, file: string): Set<string> {
  const { schema: s, file: f } = resolve(schema, file);
  const types = new Set<string>();
  if (s.type) for (const t of [s.type].flat() as string[]) types.add(t);
  if (s.enum) types.add('string');
  for (const alt of (s.anyOf as Schema[] | undefined) ?? []) for (const t of typesOf(alt, f)) types.add(t);
  return types;
}

type XmlNode = Record<string, unknown>;
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

function nodeName(n: XmlNode): string | undefined {
  return Object.keys(n).find((k) => k !== ':@');
}

function textOf(children: XmlNode[], at: string, problems: Problem[]): string {
  let text = '';
  for (const c of children) {
    const name = nodeName(c);
    if (name === '#text') text += String(c['#text']);
    else problems.push({ at, message: `unexpected element <${name}> inside a value` });
  }
  return text;
}

function convert(name: string, node: XmlNode, schema: Schema | undefined, file: string, at: string, problems: Problem[]): unknown {
  const children = (node[name] as XmlNode[]) ?? [];
  if (node[':@']) problems.push({ at, message: `<${name}> has attributes; Open311 XML has none` });
  if (name.includes(':')) problems.push({ at, message: `<${name}> uses a namespace prefix` });
  const { schema: s, file: f } = resolve(schema, file);
  const types = typesOf(s, f);
  const elements = children.filter((c) => nodeName(c) !== '#text');
  const strayText = children.filter((c) => nodeName(c) === '#text' && String(c['#text']).trim() !== '');
  if (types.has('array')) {
    if (strayText.length) problems.push({ at, message: `<${name}> holds text; a list holds only <${singular(name)}> elements` });
    return elements.map((c, i) => {
      const child = nodeName(c)!;
      if (child !== singular(name)) problems.push({ at: `${at}/${child}`, message: `<${name}> may only hold <${singular(name)}>, found <${child}>` });
      return convert(child, c, s.items as Schema, f, `${at}/${child}[${i + 1}]`, problems);
    });
  }
  if (types.has('object')) {
    if (strayText.length) problems.push({ at, message: `<${name}> holds text next to elements` });
    const out: Record<string, unknown> = {};
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const c of elements) {
      const child = nodeName(c)!;
      if (child in out) problems.push({ at: `${at}/${child}`, message: `<${child}> appears more than once` });
      out[child] = convert(child, c, props[child], f, `${at}/${child}`, problems);
    }
    return out;
  }
  if (elements.length && !types.has('array') && !types.has('object')) {
    problems.push({ at, message: `<${name}> should hold a value, found element <${nodeName(elements[0])}>` });
    return null;
  }
  const text = textOf(children, at, problems);
  if (text === '' && types.has('null')) return null;
  if (types.has('boolean')) {
    if (text === 'true' || text === 'false') return text === 'true';
    problems.push({ at, message: `<${name}> must be true or false, found ${JSON.stringify(text.slice(0, 40))}` });
    return text;
  }
  if (types.has('number') || types.has('integer')) {
    const n = Number(text);
    if (text.trim() !== '' && Number.isFinite(n)) return n;
    if (!types.has('string')) {
      problems.push({ at, message: `<${name}> must be a number, found ${JSON.stringify(text.slice(0, 40))}` });
      return text;
    }
  }
  return text;
}

/** Checks an XML document of kind `name`; returns every problem (empty when it conforms). */
export function validateXml(name: DocumentName, xml: string): { problems: Problem[]; json?: unknown } {
  const problems: Problem[] = [];
  if (!/^<\?xml version="1\.0" encoding="utf-8"\?>/i.test(xml))
    problems.push({ at: '/', message: 'the document must start with <?xml version="1.0" encoding="utf-8"?>' });
  // We never resolve entities from a DTD: any DOCTYPE is refused before parsing (no XXE).
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { problems: [...problems, { at: '/', message: 'DOCTYPE/ENTITY declarations are not allowed' }] };
  let nodes: XmlNode[];
  try {
    nodes = parser.parse(xml) as XmlNode[];
  } catch (err) {
    return { problems: [...problems, { at: '/', message: `not well-formed XML: ${(err as Error).message}` }] };
  }
  const roots = nodes.filter((n) => nodeName(n) !== '#text' || String(n['#text']).trim() !== '');
  if (roots.length !== 1) return { problems: [...problems, { at: '/', message: `expected one root element, found ${roots.length}` }] };
  const rootName = nodeName(roots[0])!;
  const expected = DOCUMENTS[name].root;
  if (rootName !== expected) problems.push({ at: '/', message: `root element must be <${expected}>, found <${rootName}>` });
  const file = DOCUMENTS[name].schema;
  const json = convert(rootName, roots[0], schemas.get(file), file, `/${rootName}`, problems);
  for (const p of validateJson(name, json)) problems.push({ at: `/${rootName}${p.at === '/' ? '' : p.at}`, message: p.message });
  return { problems, json };
}
