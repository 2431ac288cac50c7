/**
 * writePlan is the inverse of the loader, for every bundled package: written and read back, a plan
 * is the same plan; and the GeoJSON files it writes are the committed files byte for byte, because
 * the writer formats them as the derivation does (data/derive/derive.mjs `writeCompact`:
 * `JSON.stringify(fc)` + "\n", properties in the schema's order).
 *
 * plan.json is NOT compared byte for byte: the derivation writes the manifest in the format's field
 * order (derive.mjs `manifestOf`: … rules, targets, lineStyles, files, clusters, belts, attribution)
 * while writePlan puts targets, clusters and belts last, and writePlan writes the defaults the loader
 * filled in (a target's `reported: []`), which the derivation leaves out. So for plan.json only the
 * parsed contents are compared, with those defaults filled in.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFrom } from '../../src/io/loadPlan';
import { readFiles, writePlan } from '../../src/io/writePlan';
import { DATA, bundledPlans, loadPackage } from '../helpers/bundledPlan';

describe.each(bundledPlans())('writePlan round trip of $id', ({ id, url }) => {
  const dir = resolve(DATA, 'plans', id);
  const committed = (file: string) => readFileSync(resolve(dir, file), 'utf8');

  it('planFrom(readFiles(writePlan(plan))) equals the plan', () => {
    const plan = loadPackage(url);
    expect(planFrom(readFiles(writePlan(plan)))).toEqual(plan);
  });

  it('writes the files the package has, and only those', () => {
    const plan = loadPackage(url);
    expect(Object.keys(writePlan(plan)).sort()).toEqual(['plan.json', ...Object.values(plan.manifest.files)].sort());
  });

  it('reproduces the committed GeoJSON files byte for byte', () => {
    const plan = loadPackage(url);
    const written = writePlan(plan);
    const geojson = Object.keys(written).filter((f) => f.endsWith('.geojson'));
    expect(geojson.length).toBeGreaterThan(0);
    for (const file of geojson) expect(written[file] === committed(file), file).toBe(true);
  });

  it('writes a plan.json equal to the committed one once defaults are filled in (order and defaults differ; see above)', () => {
    const plan = loadPackage(url);
    const written = JSON.parse(writePlan(plan)['plan.json']!) as Record<string, unknown>;
    const manifest = JSON.parse(committed('plan.json')) as { targets: Record<string, unknown>[] } & Record<string, unknown>;
    const filled = { ...manifest, targets: manifest.targets.map((t) => ({ reported: [], ...t })) };
    expect(written).toEqual(filled);
    expect(writePlan(plan)['plan.json']!.endsWith('}\n')).toBe(true);
  });
});
