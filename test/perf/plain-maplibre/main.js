/**
 * Plain MapLibre drawing the plan package's files: fetch the manifest, add every file of `files` as
 * a GeoJSON source with one layer per geometry kind and the features' names, fit the plan's first view. `window.__plainReady`
 * is set (performance.now()) at the map's first `idle` after the sources are added.
 */
import { Map, setWorkerUrl } from '/maplibre/maplibre-gl.mjs';

setWorkerUrl('/maplibre/maplibre-gl-worker.mjs');

const manifestUrl = new URL('/data/plan.json', location.href);
const manifest = await (await fetch(manifestUrl)).json();
const map = new Map({
  container: 'map',
  style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } }] },
  bounds: manifest.views?.[0]?.bounds,
  attributionControl: false,
});
await map.once('load');
const colours = ['#8d6e63', '#1e88e5', '#43a047', '#e53935', '#fb8c00', '#8e24aa'];
Object.entries(manifest.files ?? {}).forEach(([key, path], i) => {
  const colour = colours[i % colours.length];
  map.addSource(key, { type: 'geojson', data: new URL(path, manifestUrl).href });
  map.addLayer({ id: `${key}-fill`, type: 'fill', source: key, filter: ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false], paint: { 'fill-color': colour, 'fill-opacity': 0.15 } });
  map.addLayer({ id: `${key}-line`, type: 'line', source: key, filter: ['match', ['geometry-type'], ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'], true, false], paint: { 'line-color': colour, 'line-width': 1.5 } });
  map.addLayer({ id: `${key}-circle`, type: 'circle', source: key, filter: ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false], paint: { 'circle-color': colour, 'circle-radius': 4 } });
  // Names, as the app labels its features (MapLibre draws the glyphs itself: no glyph server offline).
  map.addLayer({ id: `${key}-label`, type: 'symbol', source: key, layout: { 'text-field': ['coalesce', ['get', 'name'], ''], 'text-font': ['sans-serif'], 'text-size': 12, 'text-offset': [0, 0.8], 'text-anchor': 'top' }, paint: { 'text-color': '#333', 'text-halo-color': '#fff', 'text-halo-width': 1 } });
});
map.once('idle', () => (window.__plainReady = performance.now()));
