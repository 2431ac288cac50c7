/**
 * `<belt-map src>` loads its package in the plan-loading worker (#10 §5), under the strict CSP
 * (`worker-src 'self'`): a SYNTHETIC 50,000-village package (test/perf/big-src-package.ts) arrives
 * whole and in order, and a package that does not validate is refused with exactly the problems the
 * page-thread `planFrom` finds (computed here in Node on the same files).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFrom, PlanLoadError } from '../../src/io/loadPlan.js';
import { bigPackage } from '../perf/big-src-package.js';
import { launch, recordEvents, serveDist, watchedPage, type StaticServer } from './harness.js';

const CSP = "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'";
const COUNT = 50_000;
const page = (src: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8" />
<script type="module" src="./belt-map.js"></script><link rel="stylesheet" href="./big.css" /></head>
<body><belt-map src="${src}"></belt-map></body></html>`;

let browser: Browser;
let server: StaticServer;
let files: Record<string, string>;
let broken: Record<string, string>;

beforeAll(async () => {
  files = await bigPackage(COUNT);
  const villages = JSON.parse(files['villages.geojson']!) as { features: { properties: Record<string, unknown> }[] };
  // Two bad roles and a missing name, far into the file.
  villages.features[40_000]!.properties['role'] = 'demo';
  villages.features[45_000]!.properties['role'] = 'nope';
  delete villages.features[49_999]!.properties['name'];
  broken = { ...files, 'villages.geojson': JSON.stringify(villages) };
  const routes: Record<string, string> = { '/favicon.ico': '', '/big.css': 'belt-map { width: 1000px; height: 640px; }', '/big.html': page('./big/plan.json'), '/broken.html': page('./broken/plan.json') };
  for (const [name, text] of Object.entries(files)) routes[`/big/${name}`] = text;
  for (const [name, text] of Object.entries(broken)) routes[`/broken/${name}`] = text;
  server = await serveDist(routes, { headers: { 'content-security-policy': CSP } });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The package as planFrom takes it (what loadPlan parses from the files). */
const input = (f: Record<string, string>) => {
  const manifest = JSON.parse(f['plan.json']!) as { files: Record<string, string> };
  return { manifest, files: Object.fromEntries(Object.entries(manifest.files).map(([k, n]) => [k, JSON.parse(f[n]!)])) };
};

describe('<belt-map src> in the plan-loading worker', () => {
  it('loads a 50,000-village package whole and in order, in the worker, with no CSP violation', async () => {
    const w = await watchedPage(browser);
    try {
      await w.page.addInitScript(() => {
        const list: string[] = [];
        (window as unknown as { __violations: string[] }).__violations = list;
        document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.effectiveDirective} ${e.blockedURI}`));
      });
      const recorded = await recordEvents(w.page, ['belt-ready', 'belt-error']);
      await w.page.goto(`${server.origin}/big.html`);
      await w.page.waitForFunction(() => (window as unknown as { __recorded: Record<string, unknown[]> }).__recorded['belt-ready']!.length > 0, undefined, { timeout: 90_000 });
      expect((await recorded())['belt-error']).toEqual([]);
      // The worker's script was fetched, and the package's files by the worker only once each.
      expect(w.requests.some((u) => /\/assets\/loadPlan\.worker-[\w-]+\.js$/.test(u))).toBe(true);
      expect(w.requests.filter((u) => u.endsWith('/big/villages.geojson'))).toHaveLength(1);
      const shown = await w.page.evaluate(() => {
        const plan = (document.querySelector('belt-map') as unknown as { plan: { villages: { features: { properties: { code: string } }[] } } }).plan;
        const codes = plan.villages.features.map((f) => f.properties.code);
        return { count: codes.length, first: codes.slice(0, 3), last: codes.slice(-3), at: [codes[5000], codes[5001], codes[44_999]] };
      });
      const expected = planFrom(input(files)).villages.features.map((f) => f.properties.code);
      expect(shown).toEqual({ count: COUNT, first: expected.slice(0, 3), last: expected.slice(-3), at: [expected[5000], expected[5001], expected[44_999]] });
      expect(await w.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
      expect(w.errors).toEqual([]);
    } finally {
      await w.context.close();
    }
  });

  it('refuses a package that does not validate with the same message and problems as planFrom', async () => {
    let thrown: PlanLoadError | undefined;
    try {
      planFrom(input(broken));
    } catch (e) {
      thrown = e as PlanLoadError;
    }
    expect(thrown).toBeInstanceOf(PlanLoadError);
    expect(thrown!.problems.length).toBeGreaterThanOrEqual(3);
    const w = await watchedPage(browser);
    try {
      const recorded = await recordEvents(w.page, ['belt-ready', 'belt-error']);
      await w.page.goto(`${server.origin}/broken.html`);
      await w.page.waitForFunction(() => (window as unknown as { __recorded: Record<string, unknown[]> }).__recorded['belt-error']!.length > 0, undefined, { timeout: 90_000 });
      const { 'belt-error': errors, 'belt-ready': ready } = await recorded();
      expect(ready).toEqual([]);
      expect(errors).toEqual([{ message: thrown!.message, src: './broken/plan.json', problems: thrown!.problems }]);
      // The banner says it in the element's language (Chinese by default), as planFrom's Chinese has it.
      const banner = await w.page.evaluate(() => document.querySelector('belt-map')!.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? '');
      expect(banner).toContain(thrown!.zh);
    } finally {
      await w.context.close();
    }
  });
});
