/**
 * data/ is what data/derive/derive.mjs makes from the reference data: re-deriving into a scratch
 * folder gives byte-identical files for the whole tree (plans.json, plan.json, plans/<id>/…), and
 * every package it writes passes the app's own validator. Skipped where the reference data is
 * absent (outside this workspace).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackage } from '../../src/plan/validate';
import { PLAN_FILE_KEYS } from '../../src/types/plan';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const DATA = join(ROOT, 'data');
const REFERENCE = process.env.BELT_REFERENCE ?? resolve(ROOT, '../shared/reference');
const scratch = mkdtempSync(join(tmpdir(), 'belt-derive-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every .json / .geojson file under `dir`, relative, sorted; data/derive/ (the inputs) left out. */
function dataFiles(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true })
    .flatMap((e) => {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) return path === 'derive' ? [] : dataFiles(dir, path);
      return /\.(geo)?json$/.test(e.name) ? [path] : [];
    })
    .sort();
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe.skipIf(!existsSync(REFERENCE))('data/ derivation', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'data/derive/derive.mjs')], {
      env: { ...process.env, BELT_OUT: scratch, BELT_REFERENCE: REFERENCE },
      stdio: 'pipe',
    });
  });

  it('re-derives every committed data file byte for byte', () => {
    const committed = dataFiles(DATA);
    expect(dataFiles(scratch)).toEqual(committed);
    expect(committed).toContain('plans.json');
    expect(committed).toContain('plan.json');
    for (const file of committed) expect(readFileSync(join(scratch, file), 'utf8'), file).toBe(readFileSync(join(DATA, file), 'utf8'));
  });

  it('lists the packages in plans.json, the default first, and data/plan.json is the default at the old URL', () => {
    const index = readJson(join(DATA, 'plans.json')) as { id: string; name: { zh: string; en: string }; url: string }[];
    expect(index.map((p) => p.id)).toEqual(['huairou-mentougou', 'miyun', 'xihu', 'zhenhai']);
    for (const p of index) expect(p.url).toBe(`plans/${p.id}/plan.json`);
    const def = readJson(join(DATA, 'plans/huairou-mentougou/plan.json')) as { files: Record<string, string> };
    const old = readJson(join(DATA, 'plan.json')) as { files: Record<string, string> };
    expect(old).toEqual({ ...def, files: Object.fromEntries(Object.entries(def.files).map(([k, f]) => [k, `plans/huairou-mentougou/${f}`])) });
  });

  it('writes packages the app validator accepts with no problems', () => {
    const index = readJson(join(DATA, 'plans.json')) as { url: string }[];
    for (const url of [...index.map((p) => p.url), 'plan.json']) {
      const manifestPath = join(DATA, url);
      const manifest = readJson(manifestPath) as { format: string; files: Record<string, string> };
      expect(manifest.format, url).toBe('belt-map-plan/2');
      const files: Record<string, unknown> = {};
      for (const key of PLAN_FILE_KEYS) if (manifest.files[key]) files[key] = readJson(join(dirname(manifestPath), manifest.files[key]));
      const { problems } = readPackage({ manifest, files });
      expect(problems, url).toEqual([]);
    }
  });
});
