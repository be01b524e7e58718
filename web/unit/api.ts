/** The one module of the unit page that knows the API's URLs, so a changed endpoint is edited in one place. */
import { call, qs } from '../lib/staff-api';

export const api = {
  settings: (unit?: string) => call<UnitSettings>('GET', `/api/unit/settings?${qs({ unit })}`),
  inquiries: (params: { status: string; page: number; unit?: string }) => call<InboxPage>('GET', `/api/unit/inquiries?${qs(params)}`),
  inquiry: (id: string) => call<{ inquiry: InquiryDetail }>('GET', `/api/unit/inquiries/${encodeURIComponent(id)}`),
  answer: (id: string, answer: string) => call<{ inquiry: InquiryDetail }>('POST', `/api/unit/inquiries/${encodeURIComponent(id)}/answer`, { answer }),
  giveBack: (id: string, reason: string) => call<{ inquiry: InquiryDetail }>('POST', `/api/unit/inquiries/${encodeURIComponent(id)}/return`, { reason }),
};

export interface UnitSettings {
  jurisdiction: { id: string; name: string; nameEn: string | null };
  unit: { code: string; name: string; nameEn: string | null } | null;
  units: Array<{ code: string; name: string; nameEn: string | null }>;
  tileUrl: string | null;
  limits: { answer: number; reason: number };
  staff: { id: number; email: string; name: string | null; role: string };
  csrfToken: string;
}
export type SlaState = 'on_time' | 'due_soon' | 'overdue' | 'answered_on_time' | 'answered_late';
export interface InquiryItem {
  publicId: string;
  status: string;
  topic: string;
  question: string;
  service: { code: string; namePl: string; nameEn: string | null } | null;
  district: { code: string; name: string } | null;
  unit: { code: string; name: string };
  channel: string;
  replyChannel: string;
  createdAt: string;
  dueAt: string;
  answeredAt: string | null;
  returnedAt: string | null;
  sla: { state: SlaState; workingHoursLeft: number | null };
}
export interface InquiryDetail extends InquiryItem {
  point: { lat: number; long: number } | null;
  forwardedBy: string | null;
  resident: { name: string | null; email?: string; phone?: string } | null;
  answer: string | null;
  answeredBy: string | null;
  returnReason: string | null;
  returnedBy: string | null;
}
export interface InboxPage {
  inquiries: InquiryItem[];
  counts: Record<'open' | 'overdue' | 'answered' | 'returned' | 'all', number>;
  page: number;
  limit: number;
  total: number;
}
