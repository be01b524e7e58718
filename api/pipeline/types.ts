/**
 * The contract of the intake + resolution pipeline (issue #4). Every intake path (Open311 POST,
 * agent console, public portal, e-mail/SMS later, demo and historical imports) hands a report to
 * `submitReport` in `./intake.ts`; nothing else inserts into `requests`.
 *
 * validate -> locate -> address -> district -> unit -> duplicates -> SLA -> store
 */

export type Channel = 'phone' | 'in_person' | 'fax' | 'email' | 'sms' | 'chat' | 'web' | 'mobile' | 'open311' | 'import' | 'other';

/** Where the report is, in one of the forms residents, agents and clients give it. */
export type LocationInput =
  | { kind: 'wgs84'; lat: number; long: number }
  /** A point typed in another CRS, e.g. EPSG:2180 x/y from an agent. */
  | { kind: 'projected'; x: number; y: number; srid: number }
  | { kind: 'address_string'; text: string }
  | { kind: 'address_id'; id: string };

export interface ReporterInput {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  /** How the reporter wants to hear back. */
  notify?: 'none' | 'email' | 'sms';
  /** Language of the notices; default: the language of the report when the resident filed it themselves. */
  locale?: 'pl' | 'en';
  deviceId?: string;
  accountId?: string;
}

export interface ReportInput {
  /** Optional with one jurisdiction; required (or found from the point) with several. */
  jurisdictionId?: string;
  serviceCode: string;
  location: LocationInput;
  description?: string;
  /** Open311 attribute values by code, already parsed from the form: string or list of strings. */
  attributes?: Record<string, string | string[]>;
  channel: Channel;
  reporter?: ReporterInput;
  /** The reporter chose an existing request ("me too" / agent attaches the caller): no new request. */
  attachTo?: string;
  apiClientId?: number;
  staffId?: number;
  /** Defaults to now; historical imports pass the original time. */
  requestedAt?: Date;
  /** Media rows (media.id) already stored, to link to the request. */
  mediaIds?: number[];
  /** Language for texts in the result (reasons, notices). */
  locale?: 'pl' | 'en';
}

/** One step's outcome with the reason shown to agents, e.g. "district Mokotów (point in polygon)". */
export interface Reason {
  step: 'location' | 'address' | 'district' | 'unit' | 'duplicates' | 'sla';
  text: string;
}

export interface DuplicateCandidate {
  publicId: string;
  serviceCode: string;
  serviceName: string;
  distanceM: number;
  ageDays: number;
  status: string;
  reporterCount: number;
  description: string;
  /**
   * The service's privacy: the public pin-drop answer (/api/geo/resolve) keeps only `public` ones,
   * because the distance is measured from the exact point (see api/geo/routes.ts).
   */
  privacy: 'public' | 'fuzzed' | 'private';
  /** 0..1, higher is a better match. */
  score: number;
  /** Human-readable reason: "38 m, same category, 2 days ago". */
  reason: string;
}

export interface Resolution {
  jurisdictionId: string;
  lat: number;
  long: number;
  address?: { id: number; sourceId: string; label: string; postcode: string | null; distanceM: number } | { street: string; distanceM: number };
  /**
   * `via`: `polygon` (the point is in it; `others` also cover the point, `decidedBy` the overlap
   * rule that chose) or `nearest` (in no district but inside the city outline; `distanceM` away).
   */
  district?: {
    id: number;
    code: string;
    name: string;
    via?: 'polygon' | 'nearest';
    distanceM?: number;
    others?: Array<{ code: string; name: string }>;
    decidedBy?: 'priority' | 'smaller' | 'code';
  };
  unit?: { id: number; code: string; name: string; ruleId: number | null; ruleCode: string | null };
  candidates: DuplicateCandidate[];
  /** When the policy merged (or the reporter attached) into an existing request. */
  mergeInto?: string;
  responseDueAt?: Date;
  expectedAt?: Date;
  reasons: Reason[];
}

export interface ReportResult {
  /** The request that now holds the report: new, or the existing one it was merged into. */
  publicId: string;
  requestId: number;
  /**
   * The report's own request row: equal to publicId, except after an automatic merge, where the
   * report is kept as its own (closed, duplicate) row pointing at publicId. Open311 answers with
   * this one, so every report has its own id (issue #12 item 3). For `attachTo` there is no row
   * of its own and this is publicId.
   */
  ownPublicId: string;
  /** Open311 token for batch services. */
  token?: string;
  merged: boolean;
  /** Open311 service_notice, e.g. when merged: "Already reported as 7K3M-Q9X-A2B; you will be kept informed." */
  serviceNotice?: string;
  resolution: Resolution;
}
