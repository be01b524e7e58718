/**
 * The one module of the front end that knows the server's URLs, so a changed endpoint is edited here only. Public reads
 * come from /api/public, geocoding from /api/geo; reports are filed with /api/public/reports,
 * which takes the Open311 POST form (and runs the same code) but needs no API key: the page holds
 * none (issue #11).
 */
// Types only, from the contracts the server validates against (issue #13 item 3); esbuild drops these imports.
import type * as PublicApi from '../../api/public/contract';
import type { ResolveAnswer, AutocompleteAnswer } from '../../api/geo/contract';

export type Names = { pl: string; en: string };

export interface MapFilters {
  group?: string;
  status?: string;
  district?: string;
  start_date?: string;
  end_date?: string;
}

export type MapView = PublicApi.MapViewAnswer;
export type Cluster = Extract<MapView, { kind: 'clusters' }>['clusters'][number];
export type MapPoint = Extract<MapView, { kind: 'points' }>['points'][number];

// The server's answers as JSON delivers them (dates as ISO strings), from the one contract of /api/public.
export type PublicRequest = PublicApi.PublicRequestAnswer;
export type NearbyRequest = PublicApi.NearbyAnswer;
export type ServiceGroup = PublicApi.ServiceGroupAnswer;
export type Service = ServiceGroup['services'][number];
export type ServiceAttribute = Service['attributes'][number];

export interface Place {
  district: { code?: string; name: string } | null;
  unit: { name: string } | null;
  address: string | null;
}

export interface AddressHit {
  label: string;
  lat: number;
  lon: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) {
    let message = res.statusText;
    try {
      const body = await res.json();
      const list = Array.isArray(body) ? body : body.errors;
      if (Array.isArray(list) && list.length) message = list.map((e: { description: string }) => e.description).join('; ');
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, message);
  }
  return res.json() as Promise<T>;
}

const get = <T>(url: string) => fetch(url, { headers: { Accept: 'application/json' } }).then((r) => json<T>(r));
const qs = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export function createApi(jurisdictionId: string | undefined) {
  return {
    /** `fresh`: skip the browser cache (answers may be cached 15 s), e.g. right after filing a report. */
    mapView: (bbox: number[], zoom: number, filters: MapFilters, fresh = false) =>
      fetch(`/api/public/map?${qs({ bbox: bbox.map((n) => n.toFixed(6)).join(','), zoom: zoom.toFixed(2), ...filters })}`, {
        headers: { Accept: 'application/json' },
        cache: fresh ? 'no-cache' : 'default',
      }).then((r) => json<MapView>(r)),
    services: () => get<ServiceGroup[]>('/api/public/services'),
    districts: () => get<PublicApi.DistrictsAnswer>('/api/public/districts'),
    request: (id: string) => get<PublicRequest>(`/api/public/requests/${encodeURIComponent(id)}`),
    nearby: (lat: number, lon: number, serviceCode: string) => get<NearbyRequest[]>(`/api/public/nearby?${qs({ lat, long: lon, service_code: serviceCode })}`),
    follow: (id: string, body: PublicApi.FollowBody & { locale: string }) =>
      fetch(`/api/public/requests/${encodeURIComponent(id)}/follow`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => json<PublicApi.FollowAnswer>(r)),

    /** District, responsible unit and address of a point: the pipeline's resolver, else our own lookup. */
    async place(lat: number, lon: number, serviceCode?: string): Promise<Place> {
      try {
        const r = await get<ResolveAnswer>(`/api/geo/resolve?${qs({ lat, long: lon, service_code: serviceCode })}`);
        return { district: r.district ?? null, unit: r.unit ?? null, address: r.address?.label ?? r.address?.street ?? null };
      } catch {
        const r = await get<PublicApi.PlaceAnswer>(`/api/public/place?${qs({ lat, long: lon })}`);
        return { district: r.district ? { code: r.district.code, name: r.district.name.pl } : null, unit: null, address: r.address };
      }
    },

    async searchAddress(text: string): Promise<AddressHit[]> {
      const r = await get<AutocompleteAnswer>(`/api/geo/autocomplete?${qs({ q: text })}`);
      return r.candidates
        .map((h) => ({ label: h.label, lat: h.lat, lon: h.long }))
        .filter((h) => h.label && Number.isFinite(h.lat) && Number.isFinite(h.lon))
        .slice(0, 8);
    },

    /** Files a report: the Open311 POST Service Request form, multipart so photos travel with it. */
    async fileReport(report: {
      serviceCode: string;
      lat: number;
      lon: number;
      description: string;
      attributes: Record<string, string | string[]>;
      email?: string;
      phone?: string;
      photos: File[];
      locale: string;
    }) {
      const form = new FormData();
      if (jurisdictionId) form.append('jurisdiction_id', jurisdictionId);
      form.append('service_code', report.serviceCode);
      form.append('lat', String(report.lat));
      form.append('long', String(report.lon));
      if (report.description) form.append('description', report.description);
      for (const [code, value] of Object.entries(report.attributes)) {
        for (const v of Array.isArray(value) ? value : [value]) if (v !== '') form.append(`attribute[${code}]`, v);
      }
      if (report.email) form.append('email', report.email);
      if (report.phone) form.append('phone', report.phone);
      // The page passes contact details only when the resident ticked the consent box.
      if (report.email || report.phone) form.append('consent', 'true');
      for (const photo of report.photos) form.append('media', photo, photo.name);
      const res = await fetch('/api/public/reports', { method: 'POST', body: form, headers: { Accept: 'application/json', 'Accept-Language': report.locale } });
      return json<PublicApi.ReportAnswer>(res);
    },
  };
}

export type Api = ReturnType<typeof createApi>;
