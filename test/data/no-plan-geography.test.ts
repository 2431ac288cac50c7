/**
 * Nothing of one plan belongs in the code: no district, line or view name of any bundled package may
 * appear in src/ outside tests, benchmarks and comments. Everything particular to a plan comes from
 * its package.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPlans, loadPackage } from '../helpers/bundledPlan';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.(test|bench)\.ts$/.test(name) ? [path] : [];
  });
}

/** The code without its comments (block, JSDoc and line comments; strings are kept). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Every district, line and view name of the bundled packages (a view spanning the whole plan has a generic label). */
function planNames(): string[] {
  const names = new Set<string>();
  for (const entry of bundledPlans()) {
    const plan = loadPackage(entry.url);
    for (const d of plan.districts.features) {
      names.add(d.properties.name);
      if (d.properties.name.length > 2) names.add(d.properties.name.replace(/[区县市]$/, ''));
      if (d.properties.name_en) names.add(d.properties.name_en);
    }
    for (const f of [...plan.corridors.features, ...plan.cultureBelts.features]) {
      for (const n of [f.properties.id, f.properties.name, f.properties.name_en]) if (n) names.add(n);
    }
    for (const v of plan.manifest.views.slice(1)) for (const n of [v.id, v.label.zh, v.label.en]) names.add(n);
  }
  return [...names].filter((n) => n.length >= 2);
}

describe('src/ holds no plan geography', () => {
  const names = planNames();

  it('collects the names of every bundled package', () => {
    expect(names.length).toBeGreaterThan(40);
    for (const n of ['门头沟区', 'Mentougou', 'g109', '永定河', '西湖区', 'Zhenhai', '密云']) expect(names).toContain(n);
  });

  it.each(sources(SRC).map((p) => relative(ROOT, p)))('%s names no district, line or view of a plan', (file) => {
    const text = code(readFileSync(join(ROOT, file), 'utf8'));
    const found = names.filter((n) => (/^[\x20-\x7e]+$/.test(n) ? new RegExp(`\\b${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text) : text.includes(n)));
    expect(found).toEqual([]);
  });
});
