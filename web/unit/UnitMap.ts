/**
 * A small map of the place an inquiry is about: the city's districts (the public layer, so it
 * works offline), a background only when the configuration names a tile URL, and one pin.
 * Created once and re-centred per inquiry.
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
import { fromLonLat } from 'ol/proj';
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from 'ol/style';

export default class UnitMap {
  private readonly map: Map;
  private readonly pin = new Feature<Point>();

  constructor(target: HTMLElement, tileUrl: string | null) {
    const districts = new VectorLayer({
      source: new VectorSource({ url: '/api/public/districts', format: new GeoJSON({ featureProjection: 'EPSG:3857', dataProjection: 'EPSG:4326' }) }),
      style: (f) =>
        new Style({
          stroke: new Stroke({ color: '#3a4a8c', width: 1.5 }),
          fill: new Fill({ color: 'rgba(58,74,140,0.05)' }),
          text: new Text({ text: String(f.get('name') ?? ''), font: '600 12px system-ui, sans-serif', fill: new Fill({ color: '#3a4a8c' }) }),
        }),
    });
    const pinLayer = new VectorLayer({
      source: new VectorSource({ features: [this.pin] }),
      style: new Style({ image: new CircleStyle({ radius: 8, fill: new Fill({ color: '#c0142b' }), stroke: new Stroke({ color: '#fff', width: 2 }) }) }),
    });
    this.map = new Map({
      target,
      layers: [...(tileUrl ? [new TileLayer({ source: new XYZ({ url: tileUrl }) })] : []), districts, pinLayer],
      view: new View({ center: [0, 0], zoom: 2 }),
    });
  }

  show(lat: number, long: number): void {
    const at = fromLonLat([long, lat]);
    this.pin.setGeometry(new Point(at));
    this.map.updateSize();
    this.map.getView().setCenter(at);
    this.map.getView().setZoom(15);
  }
}
