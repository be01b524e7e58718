// geojson-validation ships no types; only what Kontakt calls is declared.
declare module 'geojson-validation' {
  /** Without trace: whether the object is valid GeoJSON; with trace: the list of problems (empty when valid). */
  export function valid(object: unknown, trace: true): string[];
  export function valid(object: unknown, trace?: false): boolean;
  const gjv: { valid: typeof valid };
  export default gjv;
}
