/**
 * The one module of the console page that knows the API's URLs, so a changed endpoint is edited here only. Every call sends
 * the session cookie (same origin) and, for changes, the CSRF token from the login answer.
 */
// The call, the CSRF token and the error type are shared with the unit page (web/lib/staff-api.ts).
import { ApiError, call, qs, setCsrf } from '../lib/staff-api';
export { ApiError, setCsrf };

export const api = {
  me: () => call<{ staff: Staff; csrfToken: string }>('GET', '/api/auth/me'),
  login: (email: string, password: string) => call<{ staff: Staff; csrfToken: string }>('POST', '/api/auth/login', { email, password }),
  logout: () => call('POST', '/api/auth/logout', {}),
  settings: () => call<Settings>('GET', '/api/console/settings'),
  locate: (q: string) => call<{ candidates: LocateCandidate[]; ms: number }>('GET', `/api/console/locate?${qs({ q })}`),
  resolve: (lat: number, long: number, serviceCode?: string, locale?: string) =>
    call<{ resolution: Resolution; ms: number }>('GET', `/api/console/resolve?${qs({ lat, long, service_code: serviceCode, locale })}`),
  services: () => call<{ services: Service[] }>('GET', '/api/console/services'),
  callers: (phone?: string, email?: string) => call<CallerHistory>('GET', `/api/console/callers?${qs({ phone, email })}`),
  openContact: (channel: string, phone?: string, email?: string) => call<{ contact: Contact }>('POST', '/api/console/contacts', { channel, phone, email }),
  closeContact: (id: number, body: { outcome: string; articleId?: number; topic?: string; note?: string; channel?: string }) =>
    call<{ contact: Contact }>('POST', `/api/console/contacts/${id}/close`, body),
  fileReport: (body: Record<string, unknown>) => call<ReportResult>('POST', '/api/console/reports', body),
  request: (id: string) => call<{ request: RequestDetail }>('GET', `/api/console/requests/${encodeURIComponent(id)}`),
  addNote: (id: string, text: string, isPublic: boolean) =>
    call<{ request: RequestDetail }>('POST', `/api/console/requests/${encodeURIComponent(id)}/notes`, { text, public: isPublic }),
  setStatus: (id: string, detailedStatus: string, note?: string) =>
    call<{ request: RequestDetail }>('POST', `/api/console/requests/${encodeURIComponent(id)}/status`, { detailedStatus, note }),
  merge: (id: string, into: string) => call<{ request: RequestDetail }>('POST', `/api/console/requests/${encodeURIComponent(id)}/merge`, { into }),
  unmerge: (id: string) => call<{ request: RequestDetail }>('POST', `/api/console/requests/${encodeURIComponent(id)}/unmerge`, {}),
  mapUrl: (layer: 'requests' | 'districts' | 'addresses' | 'streets', params: Record<string, string | number | undefined>) =>
    `/api/console/map/${layer}?${qs(params)}`,
  kb: (q: string, district?: string, includeInactive?: boolean) =>
    call<{ articles: Article[]; ms: number }>('GET', `/api/console/kb?${qs({ q, district, include_inactive: includeInactive ? 1 : undefined })}`),
  saveKb: (slug: string, body: ArticleInput & { create?: boolean }) => call<{ article: Article }>('PUT', `/api/console/kb/${encodeURIComponent(slug)}`, body),
  shift: () => call<{ shift: Shift }>('GET', '/api/console/shift'),
  forward: (body: Record<string, unknown>) => call<{ inquiry: Inquiry }>('POST', '/api/console/inquiries', body),
  inquiries: (status: string) => call<{ inquiries: InquiryListItem[] }>('GET', `/api/console/inquiries?${qs({ status })}`),
  reassign: (id: string, unitCode: string) =>
    call<{ inquiry: { publicId: string; unit: { code: string; name: string }; dueAt: string } }>(
      'POST',
      `/api/console/inquiries/${encodeURIComponent(id)}/reassign`,
      { unitCode },
    ),
};

export interface Staff {
  id: number;
  email: string;
  name: string | null;
  role: string;
  jurisdictionId: string | null;
}
export interface Settings {
  jurisdiction: { id: string; name: string; nameEn: string | null; localSrid: number; defaultLocale: string; timeZone: string };
  extent: [number, number, number, number] | null;
  districts: Array<{ code: string; name: string; nameEn: string | null }>;
  units: Array<{ code: string; name: string; nameEn: string | null }>;
  tileUrl: string | null;
  channels: string[];
  staff: Staff;
  csrfToken: string;
}
export interface LocateCandidate {
  kind: string;
  label: string;
  lat: number;
  long: number;
  score: number;
  publicId?: string;
  addressId?: number;
  reading?: string;
  labelEn?: string;
  code?: string;
  landmarkKind?: string;
}
export interface Candidate {
  publicId: string;
  serviceCode: string;
  serviceName: string;
  distanceM: number;
  ageDays: number;
  status: string;
  reporterCount: number;
  description: string;
  score: number;
  reason: string;
}
export interface Resolution {
  lat: number;
  long: number;
  address?: { label?: string; street?: string; distanceM: number };
  district?: { code: string; name: string };
  unit?: { code: string; name: string };
  candidates: Candidate[];
  expectedAt?: string;
  reasons: Array<{ step: string; text: string }>;
}
export interface Attribute {
  code: string;
  order: number;
  datatype: string;
  variable: boolean;
  required: boolean;
  descriptionPl: string;
  descriptionEn: string;
  values: Array<{ key: string; name_pl?: string; name_en?: string; name?: string }>;
}
export interface Service {
  code: string;
  namePl: string;
  nameEn: string;
  group: string | null;
  groupNamePl: string | null;
  groupNameEn: string | null;
  keywords: string[];
  kind: string;
  attributes: Attribute[];
}
export interface Contact {
  id: number;
  channel: string;
  startedAt: string;
  endedAt: string | null;
  outcome: string | null;
  topic: string | null;
}
export interface ReportResult {
  publicId: string;
  merged: boolean;
  attached: boolean;
  serviceNotice: string | null;
  serviceName: string;
  expectedAt: string | null;
  address: string | null;
  district: { name: string } | null;
  unit: { name: string } | null;
}
export interface RequestDetail {
  publicId: string;
  status: string;
  detailedStatus: string;
  statusNotes: string | null;
  service: { code: string; namePl: string; nameEn: string };
  description: string;
  lat: number | null;
  long: number | null;
  address: string | null;
  district: { name: string } | null;
  unit: { name: string } | null;
  channel: string;
  requestedAt: string;
  expectedAt: string | null;
  reporterCount: number;
  duplicateOf: string | null;
  duplicates: Array<{ publicId: string; requestedAt: string }>;
  reporters: Array<{
    channel: string;
    reportedAt: string;
    name: string | null;
    email: string | null;
    phone: string | null;
    originalPublicId: string | null;
    notices?: Array<{ kind: string; status: string; createdAt: string; sentAt: string | null; lastError?: string | null }>;
  }>;
  events: Array<{ at: string; kind: string; public: boolean; detailedStatus: string | null; note: string | null; actor: string | null }>;
  allowedStatuses: string[];
}
export interface Article {
  id: number;
  slug: string;
  titlePl: string;
  titleEn: string;
  bodyPl: string;
  bodyEn: string;
  tags: string[];
  serviceCodes: string[];
  districtCodes: string[];
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
  updatedAt: string;
  updatedBy: number | null;
}
/** What an admin sends to create or edit an article; validFrom/validTo as calendar days (YYYY-MM-DD) in the city's time zone. */
export interface ArticleInput {
  titlePl: string;
  titleEn: string;
  bodyPl: string;
  bodyEn: string;
  tags: string[];
  serviceCodes: string[];
  districtCodes: string[];
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
}
export interface Shift {
  since: string;
  now: string;
  timeZone: string;
  totals: { contacts: number; closed: number; avgHandlingSeconds: number | null };
  byOutcome: Record<string, number>;
  byChannel: Record<string, number>;
  openContact: { id: number; channel: string; startedAt: string } | null;
  recent: Array<{
    id: number;
    startedAt: string;
    endedAt: string | null;
    channel: string;
    outcome: string | null;
    topic: string | null;
    requestPublicId: string | null;
    inquiryPublicId: string | null;
  }>;
  forwarded: Array<{
    publicId: string;
    topic: string;
    question: string;
    status: string;
    dueAt: string;
    createdAt: string;
    answer: string | null;
    answeredAt: string | null;
    unitName: string;
    overdue: boolean;
  }>;
  atRisk: {
    withinHours: number;
    count: number;
    capped: boolean;
    requests: Array<{
      publicId: string;
      kind: string;
      state: 'breached' | 'due_soon';
      dueAt: string;
      serviceNamePl: string;
      serviceNameEn: string | null;
      address: string | null;
      unitName: string | null;
    }>;
  };
}
export interface Inquiry {
  id: number;
  publicId: string;
  unit: { code: string; name: string };
  dueAt: string;
  topic: string;
}
export interface InquiryListItem {
  publicId: string;
  topic: string;
  status: string;
  dueAt: string;
  unit: { code: string; name: string };
  answer: string | null;
  returnReason: string | null;
  returnedAt: string | null;
}
export interface CallerHistory {
  people: Array<{ id: number; name: string | null; email: string | null; phone: string | null; firstName: string | null; lastName: string | null }>;
  requests: Array<{ publicId: string; detailedStatus: string; address: string | null; requestedAt: string; serviceNamePl: string; serviceNameEn: string }>;
  contacts: Array<{ startedAt: string; outcome: string | null; topic: string | null; channel: string }>;
  inquiries: Array<{
    publicId: string;
    topic: string;
    status: string;
    dueAt: string;
    answer: string | null;
    answeredAt: string | null;
    returnReason: string | null;
  }>;
}
