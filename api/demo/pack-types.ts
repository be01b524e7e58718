/** The shapes of a city pack's units.json, services.json and routing.json (docs/city-pack.md), as the demo writes them. */
export interface PackUnit {
  code: string;
  name: string;
  name_en: string;
  kind: 'department' | 'district_office' | 'utility' | 'contractor' | 'external' | 'other';
  email: string;
  phone: string;
  parent: string | null;
  /** The unit office (customer service point), added by the generator (landmarks.ts). */
  address?: string;
  location?: { lat: number; long: number };
}

export type Text = { pl: string; en: string };
export type SlaValue = { value: number; unit: 'working_hours' | 'working_days' | 'hours' | 'days' };

export interface PackAttribute {
  code: string;
  order: number;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  variable?: boolean;
  description: Text;
  datatype_description?: Text;
  values?: Array<{ key: string; name: Text }>;
}

export interface PackService {
  code: string;
  name: Text;
  description: Text;
  group: { code: string; pl: string; en: string };
  keywords: string[];
  type: 'realtime' | 'batch' | 'blackbox';
  kind: 'intervention' | 'information' | 'complaint' | 'suggestion';
  active: boolean;
  sla: { response: SlaValue; resolution: SlaValue };
  duplicates: { policy: 'off' | 'suggest' | 'merge'; radius_m: number; window_days: number; group?: string };
  privacy: { mode: 'public' | 'fuzzed' | 'private'; radius_m: number };
  attributes: PackAttribute[];
}

export interface PackRoutingRule {
  code: string;
  description: string;
  service?: string;
  group?: string;
  district?: string;
  area?: string;
  unit: string;
  priority: number;
  valid_from?: string;
  valid_to?: string;
}
