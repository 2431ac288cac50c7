/**
 * Public bad-input corpora (issue 10 §5) through the import, in Node: every invalid fixture of
 * mapbox/geojsonhint and every example of chrieke/geojson-invalid-geometry (test/fixtures/corpora/,
 * sources and licences in each SOURCE.md), read as a `.geojson` file imported as villages and as a
 * corridor, and as the villages file of the bundled plan package opened from a zip. Each must end in a
 * clean load (a report) or a refusal (an ImportReadError); no other exception may escape, and every
 * message a person sees — a refusal, a rejected feature's reason, a warning — is short, in English and
 * Chinese, names the file (refusals) and quotes at most the first few features.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundledPlan, readPackageFiles } from '../../test/helpers/bundledPlan';
import type { Plan } from '../types/plan';
import { importIntoPlan, type ImportFileOptions, type ImportReport } from './importFile';
import { ImportReadError } from './readers/index';

const CORPORA = resolve(import.meta.dirname, '../../test/fixtures/corpora');
/** Characters a message may have: one line of a dialog, not a page. */
const LIMIT = 300;
/** Features a refusal may quote. */
const MAX_FEATURES_QUOTED = 3;
const CJK = /[\u4e00-\u9fff]/;

function geojsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? geojsonFiles(p) : n.endsWith('.geojson') ? [p] : [];
    });
}

const corpora = {
  geojsonhint: geojsonFiles(join(CORPORA, 'geojsonhint')),
  'geojson-invalid-geometry': geojsonFiles(join(CORPORA, 'geojson-invalid-geometry')),
};

type Path = 'villages' | 'corridor' | 'package';
type Outcome = { kind: 'loaded'; report: ImportReport } | { kind: 'refused'; en: string; zh: string } | { kind: 'uncaught'; error: string };

interface Finding {
  fixture: string;
  path: Path;
  outcome: Outcome['kind'];
  /** What is wrong with the outcome; empty when it is handled well. */
  faults: string[];
}

let plan: Plan;
let planBefore: string;
/** The bundled package's files by zip path, to swap the villages file for a fixture. */
let packageFiles: Record<string, Uint8Array>;
let villagesPath: string;

beforeAll(() => {
  plan = loadBundledPlan();
  planBefore = JSON.stringify(plan);
  const pkg = readPackageFiles('plan.json') as { manifest: { files: Record<string, string> }; files: Record<string, unknown> };
  packageFiles = { 'plan.json': strToU8(JSON.stringify(pkg.manifest)) };
  for (const [key, value] of Object.entries(pkg.files)) packageFiles[pkg.manifest.files[key]!] = strToU8(JSON.stringify(value));
  villagesPath = pkg.manifest.files['villages']!;
});

async function run(name: string, bytes: Uint8Array, path: Path): Promise<Outcome> {
  const file = path === 'package' ? { name: name.replace(/\.geojson$/, '.zip'), bytes: zipSync({ ...packageFiles, [villagesPath]: bytes }) } : { name, bytes };
  const options: ImportFileOptions = path === 'corridor' ? { as: 'corridor' } : {};
  try {
    const { report } = await importIntoPlan(plan, file, options);
    return { kind: 'loaded', report };
  } catch (error) {
    if (error instanceof ImportReadError) return { kind: 'refused', en: error.message, zh: error.zh };
    return { kind: 'uncaught', error: `${(error as Error)?.name}: ${(error as Error)?.message}` };
  }
}

/** Distinct features a message quotes ("feature 3", "feature #0", "第 3 个要素", "要素 #0"). */
function featuresQuoted(text: string): number {
  const found = new Set<string>();
  for (const m of text.matchAll(/feature #?(\d+)|第 (\d+) 个要素|要素 #(\d+)/g)) found.add(m[1] ?? m[2] ?? m[3]!);
  return found.size;
}

function messageFaults(en: string, zh: string, what: string, fileName: string | null): string[] {
  const faults: string[] = [];
  if (!en.trim() || !zh.trim()) faults.push(`${what}: a language is empty`);
  if (!CJK.test(zh)) faults.push(`${what}: the Chinese text has no Chinese: ${zh.slice(0, 80)}`);
  if (en.length > LIMIT) faults.push(`${what}: English is ${en.length} characters`);
  if (zh.length > LIMIT) faults.push(`${what}: Chinese is ${zh.length} characters`);
  if (fileName !== null && !(en.includes(fileName) && zh.includes(fileName))) faults.push(`${what}: does not name ${fileName}`);
  if (featuresQuoted(en) > MAX_FEATURES_QUOTED) faults.push(`${what}: quotes ${featuresQuoted(en)} features`);
  return faults;
}

function judge(fixture: string, name: string, path: Path, outcome: Outcome): Finding {
  const faults: string[] = [];
  if (outcome.kind === 'uncaught') faults.push(outcome.error);
  else if (outcome.kind === 'refused') faults.push(...messageFaults(outcome.en, outcome.zh, 'refusal', path === 'package' ? name.replace(/\.geojson$/, '.zip') : name));
  else {
    const { report } = outcome;
    if (report.rows !== report.added + report.updated + report.unchanged + report.rejected.length)
      faults.push(`report: ${report.rows} features but ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`);
    report.rejected.forEach((r) => faults.push(...messageFaults(r.reason, r.zh, `rejected feature ${r.row}`, null)));
    report.warnings.forEach((w, i) => faults.push(...messageFaults(w.en, w.zh, `warning ${i + 1}`, null)));
  }
  return { fixture, path, outcome: outcome.kind, faults };
}

const findings: Record<keyof typeof corpora, Finding[]> = { geojsonhint: [], 'geojson-invalid-geometry': [] };

describe.each(Object.keys(corpora) as (keyof typeof corpora)[])('%s', (corpus) => {
  it('holds the files its SOURCE.md lists', () => {
    const listed = readFileSync(join(CORPORA, corpus, 'SOURCE.md'), 'utf8');
    expect(corpora[corpus].length).toBe(52);
    for (const f of corpora[corpus]) expect(listed).toContain(relative(join(CORPORA, corpus), f));
  });

  it('every fixture, as villages, as a corridor and inside a plan package: loaded or refused, with short bilingual messages', async () => {
    for (const f of corpora[corpus]) {
      const name = f.split('/').pop()!;
      const bytes = new Uint8Array(readFileSync(f));
      for (const path of ['villages', 'corridor', 'package'] as const) findings[corpus].push(judge(relative(CORPORA, f), name, path, await run(name, bytes, path)));
    }
    const all = findings[corpus];
    const uncaught = all.filter((x) => x.outcome === 'uncaught');
    const long = all.filter((x) => x.faults.some((m) => / is \d+ characters$/.test(m)));
    const handled = new Set(corpora[corpus].map((f) => relative(CORPORA, f)));
    for (const x of all) if (x.faults.length) handled.delete(x.fixture);
    console.info(
      `${corpus}: ${handled.size}/${corpora[corpus].length} handled on all three paths; ${uncaught.length} uncaught, ${long.length} messages over ${LIMIT} characters; ` +
        `outcomes: ${all.filter((x) => x.outcome === 'loaded').length} loaded, ${all.filter((x) => x.outcome === 'refused').length} refused`,
    );
    expect(all).toHaveLength(corpora[corpus].length * 3);
    expect(uncaught).toEqual([]);
    expect(long).toEqual([]);
    expect(all.filter((x) => x.faults.length)).toEqual([]);
    expect(handled.size).toBe(corpora[corpus].length);
  }, 120_000);

  it('leaves the plan it imports into unchanged', () => {
    expect(JSON.stringify(plan)).toBe(planBefore);
  });
});

describe('what the corpora found (fixed in src/io/importFile.ts)', () => {
  const fixture = (p: string) => ({ name: p.split('/').pop()!, bytes: new Uint8Array(readFileSync(join(CORPORA, p))) });

  it('a Feature without a "geometry" member is rejected with a reason (was: TypeError "Cannot read properties of undefined")', async () => {
    for (const p of ['geojsonhint/bad-duplicate-properties.geojson', 'geojson-invalid-geometry/invalid_structure/invalid_feature_wrong_geometry_key.geojson']) {
      for (const options of [{}, { as: 'corridor' as const }]) {
        const { report } = await importIntoPlan(plan, fixture(p), options);
        expect(report.rejected).toEqual([expect.objectContaining({ row: 1, reason: 'feature 1 has no GeoJSON geometry ("geometry" is missing or not a geometry object)' })]);
        expect(report.rejected[0]!.zh).toBe('第 1 个要素没有有效的 GeoJSON 几何对象（“geometry” 缺失或不是几何对象）');
      }
    }
  });

  it('a LineString whose coordinates are one position is rejected as a corridor (was: a plain English Error)', async () => {
    const { report } = await importIntoPlan(plan, fixture('geojson-invalid-geometry/invalid_structure/invalid_geometry_depth_shallow_linestring.geojson'), { as: 'corridor' });
    expect(report.added).toBe(0);
    expect(report.rejected.map((r) => [r.reason, r.zh])).toEqual([['feature 1 has a position that is not a pair of numbers', '第 1 个要素有的位置不是一对数字']]);
  });

  it('a string geometry is rejected as no geometry (was: "feature 1 is a undefined, not a point")', async () => {
    const { report } = await importIntoPlan(plan, fixture('geojson-invalid-geometry/invalid_structure/invalid_feature_geometry_is_string.geojson'));
    expect(report.rejected.map((r) => r.reason)).toEqual(['feature 1 has no GeoJSON geometry ("geometry" is missing or not a geometry object)']);
  });

  it('a plan package with a broken villages file is refused in one short line naming the zip (was ~750 characters)', async () => {
    const outcome = await run('point.geojson', fixture('geojsonhint/point.geojson').bytes, 'package');
    expect(outcome.kind).toBe('refused');
    const { en, zh } = outcome as { en: string; zh: string };
    expect(en).toBe('point.zip: The plan package is not valid: 10 problems in villages.geojson, corridors.geojson, culture-belts.geojson: villages.geojson: is not a GeoJSON FeatureCollection (got "Point") (and 9 more)');
    expect(zh).toBe('point.zip：规划数据包无效：villages.geojson、corridors.geojson、culture-belts.geojson 中有 10 个问题：villages.geojson：不是 GeoJSON FeatureCollection（实际为 "Point"）（另有 9 个问题）');
    expect(en.length).toBeLessThanOrEqual(LIMIT);
  });
});
