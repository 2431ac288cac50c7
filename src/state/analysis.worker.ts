/**
 * The analysis worker: holds a large imported village set (up to a country's ~490,000 villages)
 * and runs the engine on it, so the page never freezes. Only counts, a sample and the positions
 * (as one transferred Float32Array) go back to the page.
 */
/// <reference lib="webworker" />
import type { Feature, FeatureCollection, Point } from 'geojson';
import { villagesAlong } from '../geo/villagesAlong.js';
import { ZONE_SAMPLE_SIZE, type AnalysisRequest, type AnalysisResponse, type ZoneSample } from './analysis-protocol.js';

type ImportedVillage = Feature<Point, { code: string; name: string; town: string }>;

declare const self: DedicatedWorkerGlobalScope;
let villages: FeatureCollection<Point, ImportedVillage['properties']> | null = null;

const post = (message: AnalysisResponse, transfer: Transferable[] = []) => self.postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<AnalysisRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'import') await importVillages(request.id, request.file);
    else if (request.type === 'zones') analyseZones(request.id, request.zones);
  } catch (error) {
    post({ type: 'error', id: request.id, message: (error as Error).message });
  }
};

async function importVillages(id: number, file: Blob): Promise<void> {
  post({ type: 'progress', id, phase: 'read', done: 0, total: 1 });
  const text = await file.text();
  post({ type: 'progress', id, phase: 'parse', done: 0, total: 1 });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new Error(`The file is not valid JSON: ${(cause as Error).message}`);
  }
  const features = (json as FeatureCollection)?.features;
  if ((json as FeatureCollection)?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw new Error('The file is not a GeoJSON FeatureCollection');
  }
  const kept: ImportedVillage[] = [];
  let skipped = 0;
  const total = features.length;
  for (let i = 0; i < total; i++) {
    const f = features[i]!;
    const c = f?.geometry?.type === 'Point' ? f.geometry.coordinates : null;
    if (!c || !Number.isFinite(c[0]) || !Number.isFinite(c[1]) || Math.abs(c[0]!) > 180 || Math.abs(c[1]!) > 90) {
      skipped++;
      continue;
    }
    const p = (f.properties ?? {}) as Record<string, unknown>;
    kept.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c[0]!, c[1]!] },
      properties: { code: String(p['code'] ?? i), name: String(p['name'] ?? p['short_name'] ?? ''), town: String(p['town'] ?? '') },
    });
    if (i % 50_000 === 0) post({ type: 'progress', id, phase: 'index', done: i, total });
  }
  villages = { type: 'FeatureCollection', features: kept };
  const positions = new Float32Array(kept.length * 2);
  let [w, s, e, n] = [180, 90, -180, -90];
  kept.forEach((v, i) => {
    const [lon, lat] = v.geometry.coordinates as [number, number];
    positions[2 * i] = lon;
    positions[2 * i + 1] = lat;
    w = Math.min(w, lon); e = Math.max(e, lon); s = Math.min(s, lat); n = Math.max(n, lat);
  });
  post({ type: 'imported', id, count: kept.length, skipped, positions, bbox: [w, s, e, n] }, [positions.buffer]);
}

function analyseZones(id: number, zones: { line: Parameters<typeof villagesAlong>[1]; km: number }[]): void {
  if (!villages) throw new Error('No villages imported');
  const start = performance.now();
  const results = zones.map(({ line, km }, i) => {
    post({ type: 'progress', id, phase: 'analyse', done: i, total: zones.length });
    const along = villagesAlong(villages!, line, { km }).features;
    const sample: ZoneSample[] = along.slice(0, ZONE_SAMPLE_SIZE).map((v) => ({
      code: v.properties.code, name: v.properties.name, town: v.properties.town,
      distanceKm: v.properties.distanceKm, chainageKm: v.properties.chainageKm,
    }));
    return { lineId: String((line.properties as { id?: string } | null)?.id ?? i), km, count: along.length, sample };
  });
  post({ type: 'zones', id, results, ms: performance.now() - start });
}
