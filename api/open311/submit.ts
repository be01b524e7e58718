/**
 * POST Service Request as a service: form -> checks the HTTP side owns (service, description,
 * attributes, location, media) -> the intake pipeline -> the Open311 answer. Personal fields go to
 * the pipeline's reporter and nowhere else.
 */
import type { Config } from '../config';
import type { Database } from '../db/engine';
import { ErrorDetail, Errors } from '../errors';
import type { LocationInput, ReportInput } from '../pipeline/types';
import { discardUnattachedMedia, storeExternalUrl, storeUpload } from '../media/store';
import { checkAttributes, checkDescription, normaliseText } from '../pipeline/validate';
import { parseW3c } from './render';
import { Form, Params, parseAttributes } from './form';
import type { submitReport } from '../pipeline/intake';
import { parsePoint } from './query';
import { formObject, validateJson } from '../../open311-spec';
import { findService, JurisdictionRow, serviceAttributesByCode } from './store';
import type { Locale } from './views';

const MAX_MEDIA_URLS = 10;

/** What POST requests answers (and what an Idempotency-Key replays). */
export interface PostAnswer {
  service_request_id?: string;
  token?: string;
  service_notice: string | null;
  account_id: string | null;
}

function locationOf(params: Params, problems: ErrorDetail[]): LocationInput | undefined {
  const point = parsePoint(params, problems);
  if (point) return { kind: 'wgs84', ...point };
  if (problems.some((p) => p.field === 'lat' || p.field === 'long')) return undefined;
  const addressString = params.get('address_string');
  if (addressString) return { kind: 'address_string', text: addressString.slice(0, 500) };
  // FixMyStreet's placeholder for "no point" is not an id.
  const addressId = params.get('address_id');
  if (addressId && addressId !== '#NOTPINPOINTED#') return { kind: 'address_id', id: addressId.slice(0, 100) };
  problems.push({ field: 'lat', description: 'a location is required: lat and long, address_string or address_id' });
  return undefined;
}

export async function createServiceRequest(
  deps: { db: Database; config: Config; intake: typeof submitReport },
  jurisdiction: JurisdictionRow,
  form: Form,
  client: { id: number; notifiesReporters: boolean },
  locale: Locale,
  /** The public page files through api/public/reports.ts with the same form: its reports are `web`. */
  channel: 'open311' | 'web' = 'open311',
): Promise<PostAnswer> {
  const { db, config } = deps;
  const params = new Params(form.pairs);
  // The input schema first (open311-spec), so every field is checked the same way everywhere.
  const shape = validateJson('postRequestInput', formObject(form.pairs)).filter((p) => !/api_key/.test(p.message + p.at));
  if (shape.length)
    throw Errors.many(shape.map((p) => ({ field: p.at.replace(/^\//, '') || undefined, description: `${p.at.replace(/^\//, '') || 'form'} ${p.message}` })));
  const code = params.get('service_code');
  if (!code) throw Errors.missing('service_code');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) throw Errors.notFound('service_code', code);
  const [service, definition] = await Promise.all([findService(db.knex, jurisdiction.id, code), serviceAttributesByCode(db.knex, jurisdiction.id, code)]);
  if (!service) throw Errors.notFound('service_code', code);

  const problems: ErrorDetail[] = [];
  // CRLF and CR become LF before the 4,000-character check (FixMyStreet sends CRLF, open311.md §7.4).
  const description = normaliseText(params.get('description')).trim();
  checkDescription(description, problems);
  // Checked here as well as in the pipeline, so a bad form stores no uploaded file.
  const attributes = checkAttributes(definition, parseAttributes(form.pairs), problems, {
    unknown: 'ignore',
    isDatetime: (v) => parseW3c(v, jurisdiction.time_zone) !== undefined,
  });
  const location = locationOf(params, problems);
  // Whether the point lies inside the city is the pipeline's check (with a hint for swapped lat/long).
  const mediaUrls = params
    .all('media_url')
    .map((u) => u.trim())
    .filter(Boolean);
  if (mediaUrls.length > MAX_MEDIA_URLS) problems.push({ field: 'media_url', description: `at most ${MAX_MEDIA_URLS} media_url values` });
  const badUrl = mediaUrls.find((u) => !/^https?:\/\/[^\s]{1,2000}$/i.test(u));
  if (badUrl) problems.push({ field: 'media_url', description: 'media_url must be an http(s) URL' });
  if (problems.length) throw Errors.many(problems);

  // Files are checked (type from the bytes, metadata stripped) before the report is created.
  const mediaIds: number[] = [];
  // Whatever goes wrong from here on (a second file that is no image, the pipeline refusing the
  // report), the files already stored are removed: a refused report leaves nothing behind.
  const discardOnError = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      await discardUnattachedMedia(db.knex, config.dataDir, mediaIds);
      throw err;
    }
  };
  await discardOnError(async () => {
    for (const file of form.files) mediaIds.push((await storeUpload(db.knex, config.dataDir, jurisdiction.id, file.field, file.data)).id);
    for (const url of mediaUrls) mediaIds.push((await storeExternalUrl(db.knex, jurisdiction.id, url)).id);
  });

  const opt = (name: string, max = 200) => params.get(name)?.slice(0, max);
  const input: ReportInput = {
    jurisdictionId: jurisdiction.id,
    serviceCode: service.code,
    location: location!,
    description,
    attributes,
    channel,
    reporter: {
      firstName: opt('first_name'),
      lastName: opt('last_name'),
      email: opt('email'),
      phone: opt('phone', 50),
      // FixMyStreet spells it `deviceid` (open311.md §2.6).
      deviceId: opt('device_id') ?? opt('deviceid'),
      accountId: opt('account_id'),
      // Only for clients that leave notices to us (the portal; migration 20261128001300), and only
      // with the reporter's consent sent along: an address alone is no request for mail.
      notify: client.notifiesReporters && params.get('consent') === 'true' ? (opt('email') ? 'email' : opt('phone', 50) ? 'sms' : 'none') : 'none',
    },
    apiClientId: client.id,
    mediaIds,
    locale,
  };
  // The pipeline links the media to the request that holds the report (new or merged into).
  const result = await discardOnError(() => deps.intake(db, input));
  return answerOf(service.type, result);
}

/**
 * The Open311 answer for a stored report. Also computed before the report is stored, for the
 * Idempotency-Key row kept in the same statement (api/open311/idempotency.ts): one rule for both.
 *
 * Every accepted report is answered with something a client can follow (open311-spec/ids-and-merges.md):
 * a batch service with its token, every other one (blackbox included) with the report's own id, also
 * when it was merged into an existing request (the notice names that one). FixMyStreet treats an
 * answer with neither as a failed send and posts again (issue #12 items 2 and 3).
 */
export function answerOf(
  serviceType: string,
  result: { publicId: string; ownPublicId?: string; token?: string; merged: boolean; serviceNotice?: string },
): PostAnswer {
  const notice = result.serviceNotice ?? null;
  if (serviceType === 'batch' && result.token) return { token: result.token, service_notice: notice, account_id: null };
  return { service_request_id: result.ownPublicId ?? result.publicId, service_notice: notice, account_id: null };
}
