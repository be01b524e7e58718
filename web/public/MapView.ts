/**
 * The OpenLayers map of the portal: optional background tiles (only when configured, so nothing
 * external loads by default), districts as the base map, and the requests layer, which asks the
 * server for clusters or points of the current viewport after every move (server-side clustering per
 * extent; see api/map/view.ts).
 */
import Map from 'ol/Map';
import View from 'ol/View';
import Feature from 'ol/Feature';
import Point from 'ol/geom/Point';
import Circle from 'ol/geom/Circle';
import TileLayer from 'ol/layer/Tile';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import XYZ from 'ol/source/XYZ';
import GeoJSON from 'ol/format/GeoJSON';
import { fromLonLat, toLonLat, transformExtent } from 'ol/proj';
import { Style, Fill, Stroke, Circle as CircleStyle, Text } from 'ol/style';
import { defaults as defaultControls } from 'ol/control/defaults';
import type { Api, MapFilters, MapView as MapData } from '../lib/api';

export interface MapViewOptions {
  target: HTMLElement;
  api: Api;
  /** [lon, lat] */
  center: [number, number];
  zoom: number;
  tileUrl: string | null;
  onRequest: (id: string) => void;
  onTap: (lon: number, lat: number) => void;
  onLoaded?: (data: MapData) => void;
}

const STATUS_COLOURS: Record<string, string> = { open: '#c2410c', closed: '#15803d' };

export default class MapView {
  readonly map: Map;
  private readonly requests = new VectorSource();
  private readonly marker = new VectorSource();
  private filters: MapFilters = {};
  private serial = 0;
  private readonly options: MapViewOptions;
  private readonly styleCache = new globalThis.Map<string, Style>();

  constructor(options: MapViewOptions) {
    this.options = options;
    const districts = new VectorSource({ format: new GeoJSON(), url: '/api/public/districts' });
    const layers = [];
    if (options.tileUrl) layers.push(new TileLayer({ source: new XYZ({ url: options.tileUrl, crossOrigin: 'anonymous' }) }));
    layers.push(
      new VectorLayer({
        source: districts,
        style: (f, resolution) =>
          new Style({
            fill: new Fill({ color: options.tileUrl ? 'rgba(255,255,255,0)' : 'rgba(241,245,249,0.9)' }),
            stroke: new Stroke({ color: '#64748b', width: 1 }),
            text:
              resolution < 120
                ? new Text({ text: String(f.get('name')), font: '12px system-ui, sans-serif', fill: new Fill({ color: '#334155' }), overflow: false })
                : undefined,
          }),
      }),
      new VectorLayer({ source: this.requests, style: (f) => this.styleFor(f as Feature) }),
      new VectorLayer({
        source: this.marker,
        style: new Style({ image: new CircleStyle({ radius: 10, fill: new Fill({ color: '#0b4f8a' }), stroke: new Stroke({ color: '#fff', width: 3 }) }) }),
      }),
    );
    this.map = new Map({
      target: options.target,
      layers,
      controls: defaultControls({ attribution: !!options.tileUrl, rotate: false }),
      view: new View({ center: fromLonLat(options.center), zoom: options.zoom, maxZoom: 19, minZoom: 8 }),
    });
    this.map.on('moveend', () => void this.reload());
    // Lets tests (and anyone watching) know the data of the last viewport is drawn.
    this.map.on('rendercomplete', () => (options.target.dataset.rendered = options.target.dataset.loaded ?? ''));
    this.map.on('singleclick', (e) => {
      if (this.picking) {
        const [lon, lat] = toLonLat(e.coordinate);
        this.options.onTap(lon, lat);
        return;
      }
      const hit = this.map.forEachFeatureAtPixel(e.pixel, (f) => f as Feature, { layerFilter: (l) => l.getSource() === this.requests, hitTolerance: 6 });
      if (!hit) return;
      const id = hit.get('id') as string | undefined;
      if (id) this.options.onRequest(id);
      else
        this.map
          .getView()
          .animate({ center: (hit.getGeometry() as Point).getCoordinates(), zoom: Math.min(19, (this.map.getView().getZoom() ?? 10) + 2), duration: 250 });
    });
  }

  /** Until then, viewport answers bypass the browser cache (our own change must show at once). */
  private freshUntil = 0;

  /** While reporting, a tap on the map chooses the place instead of opening a request. */
  picking = false;

  setFilters(filters: MapFilters): void {
    this.filters = filters;
    void this.reload();
  }

  setMarker(lon: number | null, lat: number | null, pan = true): void {
    this.marker.clear();
    if (lon === null || lat === null) return;
    this.marker.addFeature(new Feature(new Point(fromLonLat([lon, lat]))));
    if (pan) this.map.getView().animate({ center: fromLonLat([lon, lat]), zoom: Math.max(this.map.getView().getZoom() ?? 16, 17), duration: 250 });
  }

  showPlace(lon: number, lat: number, zoom = 17): void {
    this.map.getView().setCenter(fromLonLat([lon, lat]));
    this.map.getView().setZoom(zoom);
  }

  /** Asks for the current viewport again; `fresh` after a change of ours (a new report, a me-too). */
  async reload(fresh = false): Promise<void> {
    const view = this.map.getView();
    const size = this.map.getSize();
    if (!size) return;
    const extent = transformExtent(view.calculateExtent(size), 'EPSG:3857', 'EPSG:4326');
    const serial = ++this.serial;
    this.options.target.dataset.requested = String(serial);
    const [cLon, cLat] = toLonLat(view.getCenter() ?? [0, 0]);
    this.options.target.dataset.view = `${cLon.toFixed(5)},${cLat.toFixed(5)},${(view.getZoom() ?? 0).toFixed(2)}`;
    if (fresh) this.freshUntil = Date.now() + 20000;
    const data = await this.options.api.mapView(extent, view.getZoom() ?? 10, this.filters, Date.now() < this.freshUntil);
    if (serial !== this.serial) return; // a newer move already asked
    const features: Feature[] = [];
    if (data.kind === 'clusters') {
      for (const c of data.clusters) {
        const f = new Feature(new Point(fromLonLat([c.lon, c.lat])));
        f.set('count', c.count);
        features.push(f);
      }
    } else {
      for (const p of data.points) {
        const centre = fromLonLat([p.lon, p.lat]);
        // Mercator stretches distances by 1/cos(lat): scale the radius so the circle is p.approximateM on the ground.
        const geometry = p.approximateM ? new Circle(centre, p.approximateM / Math.cos((p.lat * Math.PI) / 180)) : new Point(centre);
        const f = new Feature(geometry);
        f.setProperties({ id: p.id, status: p.status, approximate: !!p.approximateM, service: p.serviceCode });
        features.push(f);
      }
    }
    this.requests.clear();
    this.requests.addFeatures(features);
    this.options.target.dataset.loaded = String(serial);
    this.options.target.dataset.kind = data.kind;
    this.options.onLoaded?.(data);
  }

  private styleFor(f: Feature): Style {
    const count = f.get('count') as number | undefined;
    if (count !== undefined) {
      const key = `c${count}`;
      let s = this.styleCache.get(key);
      if (!s) {
        const radius = Math.min(30, 10 + Math.log10(count + 1) * 7);
        s = new Style({
          image: new CircleStyle({ radius, fill: new Fill({ color: 'rgba(11,79,138,0.85)' }), stroke: new Stroke({ color: '#fff', width: 2 }) }),
          text: new Text({
            text: count >= 10000 ? `${Math.round(count / 1000)}k` : String(count),
            font: 'bold 12px system-ui, sans-serif',
            fill: new Fill({ color: '#fff' }),
          }),
        });
        this.styleCache.set(key, s);
      }
      return s;
    }
    const colour = STATUS_COLOURS[f.get('status') as string] ?? '#475569';
    if (f.get('approximate')) {
      return new Style({ fill: new Fill({ color: 'rgba(124,58,237,0.18)' }), stroke: new Stroke({ color: '#7c3aed', width: 2, lineDash: [6, 4] }) });
    }
    return new Style({ image: new CircleStyle({ radius: 8, fill: new Fill({ color: colour }), stroke: new Stroke({ color: '#fff', width: 2 }) }) });
  }
}
