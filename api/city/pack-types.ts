/** The files of a city pack as TypeScript types; the JSON Schemas in ./schemas are the authority (docs/city-pack.md). */

export interface CityFile {
  id: string;
  name: string;
  name_en?: string;
  time_zone?: string;
  default_locale?: 'pl' | 'en';
  local_srid?: number;
  holiday_country?: string;
  working_hours?: Record<string, [string, string]>;
  days_off?: string[];
  districts?: {
    code_property?: string;
    name_property?: string;
    name_en_property?: string;
    priority_property?: string;
    exclude?: Record<string, string | number | Array<string | number>>;
  };
  settings?: Record<string, unknown>;
}

export interface UnitEntry {
  code: string;
  name: string;
  name_en?: string | null;
  kind?: string;
  email?: string | null;
  phone?: string | null;
  parent?: string | null;
  active?: boolean;
  /** The unit office (customer service point): its address as displayed, and where it is (EPSG:4326). */
  address?: string | null;
  location?: { lat: number; long: number } | null;
}

/** The properties of one feature of landmarks.geojson (schemas/landmark.schema.json). */
export interface LandmarkProperties {
  code: string;
  name: string;
  name_en?: string | null;
  kind?: string;
  aliases?: string[];
  address?: string | null;
  /** The `id` of an address point of the register (addresses.csv). */
  address_id?: string | null;
  active?: boolean;
}

export interface LocalText {
  pl: string;
  en: string;
}
export interface SlaTarget {
  value: number;
  unit: string;
}

export interface AttributeEntry {
  code: string;
  order: number;
  datatype: string;
  variable?: boolean;
  required?: boolean;
  description: LocalText;
  datatype_description?: LocalText;
  values?: Array<{ key: string; name: LocalText }>;
}

export interface ServiceEntry {
  code: string;
  name: LocalText;
  description?: LocalText;
  group?: { code: string; pl?: string; en?: string };
  keywords?: string[];
  type?: string;
  kind?: string;
  active?: boolean;
  sort_order?: number;
  sla?: { response?: SlaTarget; resolution?: SlaTarget };
  duplicates?: { policy?: string; radius_m?: number; window_days?: number; group?: string | null };
  privacy?: { mode: string; radius_m?: number };
  attributes?: AttributeEntry[];
}

export interface RoutingEntry {
  code: string;
  description?: string;
  service?: string;
  group?: string;
  district?: string;
  area?: string | { type: string; coordinates: unknown };
  unit: string;
  priority?: number;
  valid_from?: string;
  valid_to?: string;
}
