/**
 * The console map: the city's own layers from our database (districts, street lines from zoom 14,
 * address points from zoom 16, requests
 * clustered by the server per zoom), so it works offline; a background tile layer only when the
 * configuration names a tile URL. One draggable pin marks the caller's place.
 */
import Map from 'ol/Map';
import View from 'ol/View';
import Feature from 'ol/Feature';
import Point from 'ol/geom/Point';
import TileLayer from 'ol/layer/Tile';
import XYZ from 'ol/source/XYZ';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import GeoJSON from 'ol/format/GeoJSON';
import Collection from 'ol/Collection';
import Translate from 'ol/interaction/Translate';
import { bbox as bboxStrategy } from 'ol/loadingstrategy';
import { fromLonLat, toLonLat, transformExtent } from 'ol/proj';
import { Circle as CircleStyle, Fill, Stroke, Style, Text, Icon } from 'ol/style';
import type { FeatureLike } from 'ol/Feature';
import { api } from './api';

export interface ConsoleMapOptions {
  /** Element to draw in. */
  target: HTMLElement;
  /** City extent [minLong, minLat, maxLong, maxLat]; the view fits it at start. */
  extent: [number, number, number, number] | null;
  /** Optional background tiles, e.g. OpenStreetMap; none by default (offline). */
  tileUrl?: string | null;
  /** Called when the agent puts or drags the pin. */
  onPin: (lat: number, long: number) => void;
  /** Called when the agent clicks a single request. */
  onRequest: (publicId: string) => void;
  /** Current filter values for the request layer. */
  filters: () => Record<string, string | undefined>;
}

const format = new GeoJSON({ featureProjection: 'EPSG:3857', dataProjection: 'EPSG:4326' });

const PIN_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="30" height="40" viewBox="0 0 30 40"><path d="M15 0C7 0 0 6.6 0 15c0 11 15 25 15 25s15-14 15-25C30 6.6 23 0 15 0z" fill="#c0142b" stroke="#fff" stroke-width="2"/><circle cx="15" cy="15" r="5" fill="#fff"/></svg>`;

const districtStyle = (f: FeatureLike) =>
  new Style({
    stroke: new Stroke({ color: '#3a4a8c', width: 1.5 }),
    fill: new Fill({ color: 'rgba(58,74,140,0.04)' }),
    text: new Text({ text: String(f.get('name') ?? ''), font: '600 12px system-ui, sans-serif', fill: new Fill({ color: '#3a4a8c' }), overflow: true }),
  });

// Street lines with their names along the line once the view is close enough to read them.
const streetStyle = (f: FeatureLike, resolution: number) =>
  new Style({
    stroke: new Stroke({ color: 'rgba(90,90,90,0.55)', width: resolution < 2.5 ? 4 : 2 }),
    text:
      resolution < 4
        ? new Text({
            text: String(f.get('label') ?? ''),
            placement: 'line',
            font: '11px system-ui, sans-serif',
            fill: new Fill({ color: '#333' }),
            stroke: new Stroke({ color: '#fff', width: 3 }),
          })
        : undefined,
  });

const addressStyle = (f: FeatureLike, resolution: number) =>
  new Style({
    image: new CircleStyle({ radius: 2.5, fill: new Fill({ color: '#666' }) }),
    text:
      resolution < 1.2
        ? new Text({
            text: String(f.get('label') ?? '').replace(/^.* /, ''),
            offsetY: -9,
            font: '10px system-ui, sans-serif',
            fill: new Fill({ color: '#444' }),
          })
        : undefined,
  });

const styleCache: Record<string, Style> = {};
function requestStyle(f: FeatureLike): Style {
  const n = Number(f.get('n') ?? 1);
  // Clusters from the public cells carry no open count: drawn as open unless the filter says closed.
  const openCount = f.get('open');
  const open = f.get('status') ? f.get('status') === 'open' : openCount === undefined ? true : Number(openCount) > 0;
  const key = `${n > 1 ? n : 1}-${open}`;
  if (!styleCache[key]) {
    const radius = n > 1 ? Math.min(26, 9 + Math.log2(n) * 2.5) : 7;
    styleCache[key] = new Style({
      image: new CircleStyle({
        radius,
        fill: new Fill({ color: open ? 'rgba(230,110,0,0.85)' : 'rgba(120,120,120,0.8)' }),
        stroke: new Stroke({ color: '#fff', width: 2 }),
      }),
      text: n > 1 ? new Text({ text: String(n), font: '600 11px system-ui, sans-serif', fill: new Fill({ color: '#fff' }) }) : undefined,
    });
  }
  return styleCache[key];
}

export default class ConsoleMap {
  readonly map: Map;
  private readonly requests: VectorSource;
  private readonly pin = new Feature<Point>();
  private readonly pinSource = new VectorSource();
  private lastZoom = -1;

  constructor(private readonly options: ConsoleMapOptions) {
    const extent = options.extent ?? [14.1, 49.0, 24.2, 54.9];
    const districts = new VectorSource({
      format,
      strategy: bboxStrategy,
      url: (ext, resolution, projection) =>
        api.mapUrl('districts', { bbox: transformExtent(ext, projection, 'EPSG:4326').join(','), zoom: Math.round(this.map?.getView().getZoom() ?? 12) }),
    });
    const addresses = new VectorSource({
      format,
      strategy: bboxStrategy,
      url: (ext, resolution, projection) =>
        api.mapUrl('addresses', { bbox: transformExtent(ext, projection, 'EPSG:4326').join(','), zoom: Math.round(this.map?.getView().getZoom() ?? 12) }),
    });
    const streets = new VectorSource({
      format,
      strategy: bboxStrategy,
      url: (ext, resolution, projection) =>
        api.mapUrl('streets', { bbox: transformExtent(ext, projection, 'EPSG:4326').join(','), zoom: Math.round(this.map?.getView().getZoom() ?? 12) }),
    });
    this.requests = new VectorSource({
      strategy: bboxStrategy,
      loader: (ext, _resolution, projection, success, failure) => {
        const zoom = Math.round(this.map.getView().getZoom() ?? 12);
        const url = api.mapUrl('requests', { bbox: transformExtent(ext, projection, 'EPSG:4326').join(','), zoom, ...this.options.filters() });
        fetch(url, { credentials: 'same-origin' })
          .then((r) => r.json())
          .then((json) => {
            const features = format.readFeatures(json) as Feature[];
            this.requests.addFeatures(features);
            success?.(features);
          })
          .catch(() => failure?.());
      },
    });
    this.pin.setGeometry(new Point(fromLonLat([(extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2])));
    this.pin.setStyle(new Style({ image: new Icon({ src: `data:image/svg+xml;utf8,${encodeURIComponent(PIN_SVG)}`, anchor: [0.5, 1] }) }));

    const layers = [];
    if (options.tileUrl) layers.push(new TileLayer({ source: new XYZ({ url: options.tileUrl, crossOrigin: 'anonymous' }) }));
    layers.push(
      new VectorLayer({ source: districts, style: districtStyle }),
      new VectorLayer({ source: streets, style: streetStyle, minZoom: 14, declutter: true }),
      new VectorLayer({ source: addresses, style: addressStyle, minZoom: 16 }),
      new VectorLayer({ source: this.requests, style: requestStyle }),
      new VectorLayer({ source: this.pinSource }),
    );
    this.map = new Map({
      target: options.target,
      layers,
      view: new View({ center: fromLonLat([(extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2]), zoom: 12, maxZoom: 20 }),
    });
    this.map.getView().fit(transformExtent(extent, 'EPSG:4326', 'EPSG:3857'), { padding: [20, 20, 20, 20] });

    const translate = new Translate({ features: new Collection([this.pin]) });
    translate.on('translateend', () => this.emitPin());
    this.map.addInteraction(translate);

    // Clusters depend on the zoom: reload the request layer when the zoom level changes.
    this.map.on('moveend', () => {
      const z = Math.round(this.map.getView().getZoom() ?? 12);
      if (z !== this.lastZoom) {
        this.lastZoom = z;
        this.requests.refresh();
      }
    });
    this.map.on('singleclick', (e) => {
      const hit = this.map.forEachFeatureAtPixel(e.pixel, (f) => (this.requests.hasFeature(f as Feature) ? (f as Feature) : undefined), { hitTolerance: 4 });
      if (hit && hit.get('publicId')) return this.options.onRequest(hit.get('publicId'));
      if (hit && Number(hit.get('n')) > 1) {
        this.map.getView().animate({ center: e.coordinate, zoom: (this.map.getView().getZoom() ?? 12) + 2, duration: 250 });
        return;
      }
      this.pin.getGeometry()!.setCoordinates(e.coordinate);
      this.showPin();
      this.emitPin();
    });
  }

  private showPin(): void {
    if (!this.pinSource.hasFeature(this.pin)) this.pinSource.addFeature(this.pin);
  }

  private emitPin(): void {
    const [long, lat] = toLonLat(this.pin.getGeometry()!.getCoordinates());
    this.options.onPin(lat, long);
  }

  /** Puts the pin at a place and centres the map on it (without emitting onPin). */
  placePin(lat: number, long: number, zoom = 17): void {
    const c = fromLonLat([long, lat]);
    this.pin.getGeometry()!.setCoordinates(c);
    this.showPin();
    this.map.getView().animate({ center: c, zoom: Math.max(zoom, this.map.getView().getZoom() ?? zoom), duration: 200 });
  }

  clearPin(): void {
    this.pinSource.clear();
  }

  /** Reloads the requests (after filing one, or when filters change). */
  refreshRequests(): void {
    this.requests.refresh();
  }
}
