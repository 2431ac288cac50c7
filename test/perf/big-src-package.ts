/**
 * A SYNTHETIC plan package of `count` villages for measure:big-src (test/perf/big-src.ts): the
 * Huairou–Mentougou package of data/plans/ with its 625 villages repeated, each copy with its own
 * made-up code (9 + the district code's last 5 digits + a 6-digit counter: no real code starts with 9), a made-up name and its position shifted by up to
 * ~2 km. Not real places: a load test only. The manifest's clusters and belts still name the real
 * villages' codes, which the copies with counter < 625 keep.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const DIR = resolve(import.meta.dirname, '../../data/plans/huairou-mentougou');

type Village = { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: 'Point'; coordinates: [number, number] } | null };

/** The package's files (name → text), with `villages.geojson` replaced by `count` synthetic villages. */
export async function bigPackage(count: number): Promise<Record<string, string>> {
  const manifest = JSON.parse(await readFile(resolve(DIR, 'plan.json'), 'utf8')) as { files: Record<string, string> };
  const files: Record<string, string> = { 'plan.json': JSON.stringify(manifest) };
  for (const name of Object.values(manifest.files)) files[name] = await readFile(resolve(DIR, name), 'utf8');
  const real = (JSON.parse(files['villages.geojson']!) as { features: Village[] }).features;
  const located = real.filter((f) => f.geometry);
  // A deterministic jitter (no Math.random: the same package every run).
  let seed = 1;
  const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) - 0.5;
  const features: Village[] = [];
  for (let i = 0; i < count; i++) {
    if (i < real.length) {
      features.push(real[i]!);
      continue;
    }
    const t = located[i % located.length]!;
    const p = t.properties;
    const [x, y] = t.geometry!.coordinates;
    features.push({
      type: 'Feature',
      properties: {
        code: `9${String(p['district_code']).slice(1)}${String(i).padStart(6, '0')}`,
        name: `合成村${i}`,
        name_en: `Synthetic ${i}`,
        kind: p['kind'],
        town: p['town'],
        town_code: p['town_code'],
        district: p['district'],
        district_code: p['district_code'],
        role: i % 50 === 0 ? 'upgrade' : 'other',
        year: null,
        source: 'synthetic (measure:big-src)',
        accuracy: 'synthetic position',
      },
      geometry: { type: 'Point', coordinates: [+(x + rand() * 0.04).toFixed(6), +(y + rand() * 0.04).toFixed(6)] },
    });
  }
  files['villages.geojson'] = JSON.stringify({ type: 'FeatureCollection', features });
  return files;
}
