/**
 * The one module of the console page that knows the API's URLs, so a changed endpoint is edited here only. Every call sends
 * the session cookie (same origin) and, for changes, the CSRF token from the login answer.
 */
// The call, the CSRF token and the error type are shared with the unit page (web/lib/staff-api.ts).
import { ApiError, call, qs, setCsrf } from '../lib/staff-api';
// Request and answer types come from the server's contract (api/console/contract.ts), type-only: one source.
import type * as C from '../../api/console/contract';
export { ApiError, setCsrf };

export const api = {
  me: () => call<{ staff: Staff; csrfToken: string }>('GET', '/api/auth/me'),
  login: (email: string, password: string) => call<{ staff: Staff; csrfToken: string }>('POST', '/api/auth/login', { email, password }),
  logout: () => call('POST', '/api/auth/logout', {}),
  settings: () => call<C.SettingsAnswer>('GET', '/api/console/settings'),
  locate: (q: string) => call<C.LocateAnswer>('GET', `/api/console/locate?${qs({ q })}`),
  resolve: (lat: number, long: number, serviceCode?: string, locale?: string) =>
    call<C.ResolveAnswer>('GET', `/api/console/resolve?${qs({ lat, long, service_code: serviceCode, locale })}`),
  services: () => call<C.ServicesAnswer>('GET', '/api/console/services'),
  callers: (phone?: string, email?: string) => call<C.CallerHistory>('GET', `/api/console/callers?${qs({ phone, email })}`),
  openContact: (channel: string, phone?: string, email?: string) => call<C.ContactAnswer>('POST', '/api/console/contacts', { channel, phone, email }),
  closeContact: (id: number, body: C.CloseContactBody) => call<C.ContactAnswer>('POST', `/api/console/contacts/${id}/close`, body),
  fileReport: (body: C.ReportBody) => call<C.ReportResult>('POST', '/api/console/reports', body),
  request: (id: string) => call<C.RequestAnswer>('GET', `/api/console/requests/${encodeURIComponent(id)}`),
  addNote: (id: string, text: string, isPublic: boolean) =>
    call<C.RequestAnswer>('POST', `/api/console/requests/${encodeURIComponent(id)}/notes`, { text, public: isPublic }),
  setStatus: (id: string, detailedStatus: string, note?: string) =>
    call<C.RequestAnswer>('POST', `/api/console/requests/${encodeURIComponent(id)}/status`, { detailedStatus, note }),
  merge: (id: string, into: string) => call<C.RequestAnswer>('POST', `/api/console/requests/${encodeURIComponent(id)}/merge`, { into }),
  unmerge: (id: string) => call<C.RequestAnswer>('POST', `/api/console/requests/${encodeURIComponent(id)}/unmerge`, {}),
  mapUrl: (layer: 'requests' | 'districts' | 'addresses' | 'streets', params: Record<string, string | number | undefined>) =>
    `/api/console/map/${layer}?${qs(params)}`,
  kb: (q: string, district?: string, includeInactive?: boolean) =>
    call<C.KbAnswer>('GET', `/api/console/kb?${qs({ q, district, include_inactive: includeInactive ? 1 : undefined })}`),
  saveKb: (slug: string, body: C.ArticleBody) => call<C.ArticleAnswer>('PUT', `/api/console/kb/${encodeURIComponent(slug)}`, body),
  shift: () => call<C.ShiftAnswer>('GET', '/api/console/shift'),
  forward: (body: C.ForwardBody) => call<C.ForwardAnswer>('POST', '/api/console/inquiries', body),
  inquiries: (status: string) => call<C.InquiriesAnswer>('GET', `/api/console/inquiries?${qs({ status })}`),
  reassign: (id: string, unitCode: string) => call<C.ReassignAnswer>('POST', `/api/console/inquiries/${encodeURIComponent(id)}/reassign`, { unitCode }),
};

export type Staff = C.SettingsAnswer['staff'];
export type Settings = C.SettingsAnswer;
export type LocateCandidate = C.LocateAnswer['candidates'][number];
export type Resolution = C.ResolveAnswer['resolution'];
export type Candidate = Resolution['candidates'][number];
export type Service = C.ServicesAnswer['services'][number];
export type Attribute = Service['attributes'][number];
export type Contact = C.ContactAnswer['contact'];
export type ReportResult = C.ReportResult;
export type RequestDetail = C.RequestDetail;
export type Article = C.Article;
/** What an admin sends to create or edit an article; validFrom/validTo as calendar days (YYYY-MM-DD) in the city's time zone. */
export type ArticleInput = C.ArticleBody;
export type Shift = C.ShiftAnswer['shift'];
export type Inquiry = C.ForwardAnswer['inquiry'];
export type InquiryListItem = C.InquiriesAnswer['inquiries'][number];
export type CallerHistory = C.CallerHistory;
