/**
 * Report in under a minute from a phone (issue #6 §2): where (tap / locate me / address) -> the
 * district and unit appear -> what (grouped, searchable services) -> "Is it one of these?" (me too)
 * -> details (attributes, description, photos with their EXIF position offered, optional contact
 * with consent) -> filed with /api/public/reports (the Open311 form, no API key) -> the tracking page.
 */
import type { Api, NearbyRequest, Place, Service, ServiceGroup } from '../lib/api';
import { gpsFromJpeg } from '../lib/exif';
import { lang, pick, t, formatDate } from '../lib/i18n';
import { h, clear } from './dom';
import type MapView from './MapView';
import { fold } from '../../kernel/fold';

export interface ReportFlowOptions {
  api: Api;
  map: MapView;
  sheet: HTMLElement;
  groups: () => Promise<ServiceGroup[]>;
  /** Called with the new (or followed) request's id and a banner text. */
  done: (id: string, banner: string) => void;
  cancel: () => void;
}

export default class ReportFlow {
  private lon: number | null = null;
  private lat: number | null = null;
  private place: Place | null = null;
  private service: Service | null = null;
  private photos: File[] = [];
  private readonly o: ReportFlowOptions;
  private placeInfo = h('p', { class: 'place', role: 'status', 'aria-live': 'polite' });
  private nextButton = h('button', { type: 'button', class: 'primary', disabled: true }, t('next'));

  constructor(options: ReportFlowOptions) {
    this.o = options;
  }

  start(): void {
    this.o.map.picking = true;
    this.stepWhere();
  }

  /** The map was tapped while choosing the place. */
  async setPoint(lon: number, lat: number, pan = false): Promise<void> {
    this.lon = lon;
    this.lat = lat;
    this.o.map.setMarker(lon, lat, pan);
    this.placeInfo.textContent = t('loading');
    try {
      this.place = await this.o.api.place(lat, lon, this.service?.code);
      if (!this.place.district) {
        this.placeInfo.textContent = t('outside');
        this.nextButton.disabled = true;
        return;
      }
      this.placeInfo.textContent = [
        `${t('district')}: ${this.place.district.name}`,
        this.place.unit ? `${t('unit')}: ${this.place.unit.name}` : null,
        this.place.address,
      ]
        .filter(Boolean)
        .join(' · ');
      this.nextButton.disabled = false;
    } catch (err) {
      this.placeInfo.textContent = t('error', { msg: (err as Error).message });
    }
  }

  private show(...children: Array<Node | null>): void {
    clear(this.o.sheet);
    const close = h('button', { type: 'button', class: 'close', 'aria-label': t('close'), onclick: () => this.stop() }, '×');
    this.o.sheet.append(close, ...children.filter((c): c is Node => c !== null));
    this.o.sheet.hidden = false;
    (this.o.sheet.querySelector('h2') as HTMLElement | null)?.focus();
  }

  stop(): void {
    this.o.map.picking = false;
    this.o.map.setMarker(null, null);
    this.o.cancel();
  }

  private stepWhere(): void {
    this.o.map.picking = true;
    const search = h('input', { id: 'address-search', type: 'search', autocomplete: 'street-address', placeholder: 'Marszałkowska 10' });
    const hits = h('ul', { class: 'hits', role: 'listbox', 'aria-label': t('searchAddress') });
    let timer: number | undefined;
    search.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(async () => {
        clear(hits);
        if (search.value.trim().length < 3) return;
        try {
          for (const hit of await this.o.api.searchAddress(search.value.trim())) {
            hits.append(
              h(
                'li',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    onclick: () => {
                      clear(hits);
                      search.value = hit.label;
                      void this.setPoint(hit.lon, hit.lat, true);
                    },
                  },
                  hit.label,
                ),
              ),
            );
          }
        } catch {
          /* no geocoder: tapping the map still works */
        }
      }, 250);
    });
    const locate = h(
      'button',
      {
        type: 'button',
        onclick: () => {
          this.placeInfo.textContent = t('locating');
          navigator.geolocation.getCurrentPosition(
            (p) => void this.setPoint(p.coords.longitude, p.coords.latitude, true),
            () => (this.placeInfo.textContent = t('noLocation')),
            { enableHighAccuracy: true, timeout: 10000 },
          );
        },
      },
      t('locateMe'),
    );
    this.nextButton = h(
      'button',
      { type: 'button', class: 'primary', disabled: this.place?.district ? false : true, onclick: () => void this.stepWhat() },
      t('next'),
    );
    this.show(
      h('h2', { tabindex: -1 }, t('whereTitle')),
      h('p', { class: 'help' }, t('whereHelp')),
      h('div', { class: 'row' }, locate),
      h('label', { for: 'address-search' }, t('searchAddress')),
      search,
      hits,
      this.placeInfo,
      h('div', { class: 'row end' }, this.nextButton),
    );
  }

  private async stepWhat(): Promise<void> {
    this.o.map.picking = false;
    const groups = await this.o.groups();
    const search = h('input', { id: 'service-search', type: 'search', placeholder: t('searchService') });
    const list = h('div', { class: 'services' });
    const render = () => {
      clear(list);
      const q = fold(search.value);
      let shown = 0;
      for (const g of groups) {
        const matching = g.services.filter((s) => !q || [pick(s.name), s.name.pl, s.name.en, ...s.keywords, pick(g.name)].some((x) => fold(x).includes(q)));
        if (!matching.length) continue;
        shown += matching.length;
        list.append(
          h(
            'fieldset',
            {},
            h('legend', {}, pick(g.name)),
            matching.map((s) =>
              h('button', { type: 'button', class: 'service', 'data-code': s.code, onclick: () => void this.chooseService(s) }, pick(s.name)),
            ),
          ),
        );
      }
      if (!shown) list.append(h('p', {}, t('noServices')));
    };
    search.addEventListener('input', render);
    render();
    this.show(
      h('h2', { tabindex: -1 }, t('whatTitle')),
      this.placeInfo,
      h('label', { for: 'service-search' }, t('searchService')),
      search,
      list,
      h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => this.stepWhere() }, t('back'))),
    );
  }

  private async chooseService(s: Service): Promise<void> {
    this.service = s;
    let nearby: NearbyRequest[] = [];
    try {
      nearby = await this.o.api.nearby(this.lat!, this.lon!, s.code);
    } catch {
      nearby = [];
    }
    if (nearby.length) this.stepSame(nearby);
    else this.stepDetails();
  }

  /** "Is it one of these?": existing open reports of that kind nearby, first. */
  private stepSame(nearby: NearbyRequest[]): void {
    this.show(
      h('h2', { tabindex: -1 }, t('sameTitle')),
      h('p', { class: 'help' }, t('sameHelp')),
      h(
        'ul',
        { class: 'nearby' },
        nearby.map((n) =>
          h(
            'li',
            { 'data-request': n.id },
            n.photos[0] ? h('img', { src: n.photos[0], alt: '', class: 'thumb' }) : null,
            h('strong', {}, pick(n.service.name)),
            h('span', { class: 'meta' }, ` · ${t('metresAway', { m: n.distanceM })} · ${formatDate(n.requestedAt)} · ${t('reporters')}: ${n.reporters}`),
            n.description ? h('p', {}, n.description) : null,
            h('button', { type: 'button', class: 'primary', onclick: () => void this.meToo(n) }, t('meToo')),
          ),
        ),
      ),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', onclick: () => void this.stepWhat() }, t('back')),
        h('button', { type: 'button', onclick: () => this.stepDetails() }, t('newProblem')),
      ),
    );
  }

  private async meToo(n: NearbyRequest): Promise<void> {
    try {
      const res = await this.o.api.follow(n.id, { locale: lang() });
      this.o.map.picking = false;
      this.o.done(res.id, t('followed', { n: res.reporters }));
    } catch (err) {
      alert(t('error', { msg: (err as Error).message }));
    }
  }

  private stepDetails(): void {
    const s = this.service!;
    const fields = s.attributes.map((a) => attributeField(a));
    const description = h('textarea', { id: 'description', name: 'description', rows: 3, maxlength: 4000 });
    const photoInput = h('input', { id: 'photos', type: 'file', accept: 'image/*', multiple: true });
    const photoNote = h('div', { class: 'photo-note', 'aria-live': 'polite' });
    photoInput.addEventListener('change', async () => {
      this.photos = Array.from(photoInput.files ?? []);
      clear(photoNote);
      for (const file of this.photos) {
        const gps = gpsFromJpeg(new Uint8Array(await file.arrayBuffer()));
        if (!gps) continue;
        photoNote.append(
          h('p', {}, t('photoPlace', { place: `${gps.lat.toFixed(5)}, ${gps.lon.toFixed(5)}` })),
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                void this.setPoint(gps.lon, gps.lat, true);
                photoNote.append(this.placeInfo);
              },
            },
            t('usePhotoPlace'),
          ),
        );
        break;
      }
    });
    const email = h('input', { id: 'email', type: 'email', autocomplete: 'email' });
    const phone = h('input', { id: 'phone', type: 'tel', autocomplete: 'tel' });
    const consent = h('input', { id: 'consent', type: 'checkbox' });
    const message = h('p', { role: 'alert', class: 'message' });
    const send = h('button', { type: 'submit', class: 'primary' }, t('send'));
    const form = h(
      'form',
      {
        class: 'details',
        onsubmit: async (e: Event) => {
          e.preventDefault();
          if ((email.value || phone.value) && !consent.checked) {
            message.textContent = t('consentNeeded');
            consent.focus();
            return;
          }
          send.disabled = true;
          send.textContent = t('sending');
          try {
            const attributes: Record<string, string | string[]> = {};
            for (const a of s.attributes) {
              if (!a.variable) continue;
              const els = form.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[name="attr-${a.code}"]`);
              const values = Array.from(els)
                .filter((el) => (el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : true))
                .map((el) => el.value)
                .filter((v) => v !== '');
              if (values.length) attributes[a.code] = a.datatype === 'multivaluelist' ? values : values[0];
            }
            const res = await this.o.api.fileReport({
              serviceCode: s.code,
              lat: this.lat!,
              lon: this.lon!,
              description: description.value,
              attributes,
              email: consent.checked ? email.value : undefined,
              phone: consent.checked ? phone.value : undefined,
              photos: this.photos,
              locale: lang(),
            });
            const id = res.service_request_id;
            this.o.map.picking = false;
            this.o.map.setMarker(null, null);
            if (id) this.o.done(id, res.service_notice ? `${t('thanks')} ${res.service_notice}` : t('thanks'));
            else message.textContent = res.service_notice ?? t('thanks');
          } catch (err) {
            message.textContent = t('error', { msg: (err as Error).message });
          } finally {
            send.disabled = false;
            send.textContent = t('send');
          }
        },
      },
      h('h2', { tabindex: -1 }, `${t('detailsTitle')}: ${pick(s.name)}`),
      this.placeInfo,
      fields,
      h('p', {}, h('label', { for: 'description' }, t('description')), description),
      h('p', {}, h('label', { for: 'photos' }, t('addPhotos')), photoInput),
      photoNote,
      h(
        'fieldset',
        { class: 'contact' },
        h('legend', {}, t('contactTitle')),
        h('p', {}, h('label', { for: 'email' }, t('email')), email),
        h('p', {}, h('label', { for: 'phone' }, t('phone')), phone),
        h('div', { class: 'check' }, consent, h('label', { for: 'consent' }, t('consent'))),
      ),
      message,
      h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => void this.stepWhat() }, t('back')), send),
    );
    this.show(form);
  }
}

function attributeField(a: Service['attributes'][number]): HTMLElement {
  const id = `attr-${a.code}`;
  const label = h('label', { for: id }, pick(a.description), a.required ? h('span', { class: 'req' }, ` (${t('required')})`) : null);
  if (!a.variable) return h('p', { class: 'info' }, pick(a.description));
  switch (a.datatype) {
    case 'singlevaluelist':
      return h(
        'p',
        {},
        label,
        h(
          'select',
          { id, name: id, required: a.required },
          h('option', { value: '' }, t('choose')),
          a.values.map((v) => h('option', { value: v.key }, pick(v.name))),
        ),
      );
    case 'multivaluelist':
      return h(
        'fieldset',
        {},
        h('legend', {}, pick(a.description)),
        a.values.map((v, i) =>
          h(
            'div',
            { class: 'check' },
            h('input', { type: 'checkbox', id: `${id}-${i}`, name: id, value: v.key }),
            h('label', { for: `${id}-${i}` }, pick(v.name)),
          ),
        ),
      );
    case 'number':
      return h('p', {}, label, h('input', { id, name: id, type: 'number', inputmode: 'decimal', required: a.required }));
    case 'datetime':
      return h('p', {}, label, h('input', { id, name: id, type: 'datetime-local', required: a.required }));
    case 'text':
      return h('p', {}, label, h('textarea', { id, name: id, rows: 2, required: a.required }));
    default:
      return h('p', {}, label, h('input', { id, name: id, type: 'text', required: a.required }));
  }
}
