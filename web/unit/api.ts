/** The one module of the unit page that knows the API's URLs, so a changed endpoint is edited in one place. */
import { call, qs } from '../lib/staff-api';
import type * as UnitApi from '../../api/unit/contract';

export const api = {
  settings: (unit?: string) => call<UnitSettings>('GET', `/api/unit/settings?${qs({ unit })}`),
  inquiries: (params: { status: string; page: number; unit?: string }) => call<InboxPage>('GET', `/api/unit/inquiries?${qs(params)}`),
  inquiry: (id: string) => call<{ inquiry: InquiryDetail }>('GET', `/api/unit/inquiries/${encodeURIComponent(id)}`),
  answer: (id: string, answer: string) => call<{ inquiry: InquiryDetail }>('POST', `/api/unit/inquiries/${encodeURIComponent(id)}/answer`, { answer }),
  giveBack: (id: string, reason: string) => call<{ inquiry: InquiryDetail }>('POST', `/api/unit/inquiries/${encodeURIComponent(id)}/return`, { reason }),
};

// The answers as the contract (api/unit/contract.ts) defines them and its test checks them.
export type UnitSettings = UnitApi.UnitSettingsAnswer;
export type InboxPage = UnitApi.InboxPageAnswer;
export type InquiryDetail = UnitApi.InquiryAnswer['inquiry'];
export type InquiryItem = InboxPage['inquiries'][number];
export type SlaState = InquiryItem['sla']['state'];
