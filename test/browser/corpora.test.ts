/**
 * A public XSS corpus in the built app (issue 10 §5): the first 109 payloads of
 * payloadbox/xss-payload-list (test/fixtures/corpora/xss-payload-list, MIT; see its SOURCE.md), each
 * with `alert` / `confirm` / `prompt` / `print` rewritten to call `window.__xss`, as
 * - the names of 109 villages of a plan package (the synthetic far-south plan, villages added),
 * - the `name` and another property of 109 points of an imported GeoJSON (`el.importFile`, added),
 * - the name and note columns of an imported CSV, through the import dialog (preview, then apply).
 * The feature list shows every one; a popup every eighteenth of each source, and the details panel
 * every eighteenth village of the package, which is unlocated (a located village has its details in the
 * popup). Nothing may run: no `window.__xss` call, no dialog, and no element a payload could have made
 * (a script, an iframe, an img, any `on…` attribute or `javascript:` URL) appears in the document or any
 * shadow root, watched from before the page loads. Each payload must be shown verbatim, as text (an
 * imported one with its spaces at both ends trimmed, as an import trims every cell).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, launch, serveDist, waitReady, watchedPage, type StaticServer, type Watched } from './harness.js';

const FAR = resolve(import.meta.dirname, '../fixtures/plans/far-south');
const LIST = resolve(import.meta.dirname, '../fixtures/corpora/xss-payload-list/xss-payload-list-first-109.txt');
/** Every STEP-th payload of each source is opened in a popup; in the package, the one STEP / 2 further is unlocated and opened in the details panel (all are checked in the list). */
const STEP = 18;
const unlocated = (i: number) => i % STEP === Math.floor(STEP / 2);

let browser: Browser;
let server: StaticServer;
let w: Watched;
let payloads: string[];
const dialogs: string[] = [];

/** A payload that ran would call window.__xss instead of showing a dialog (the list's own calls are alert(1), confirm…). */
const armed = (p: string) => p.replace(/\b(alert|confirm|prompt|print)\b/g, '__xss');
/** Codes of the added villages: 990001001301 … 990001001409 (town 东镇 of the far-south plan). */
const code = (i: number) => `990001001${301 + i}`;
/** Positions on a grid inside the far-south plan's hub view. */
const at = (i: number): [number, number] => [172.5 + (i % 11) * 0.018, -43.45 - Math.floor(i / 11) * 0.012];
const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** Payloads the list repeats (its lines 100 and 101 are the same): an import rejects the second as a duplicate row. */
let duplicates: number[];
/** The village each payload went to: by the import's matches (row = payload index + `first`), a repeated payload to its first row's. */
const codesByRow = (matches: { row: number; code: string }[], first: number) => {
  const byRow = new Map(matches.map((m) => [m.row, m.code]));
  return payloads.map((p) => byRow.get(payloads.indexOf(p) + first)!);
};

beforeAll(async () => {
  payloads = (await readFile(LIST, 'utf8')).split('\n').slice(0, 109).map(armed);
  expect(payloads).toHaveLength(109);
  duplicates = payloads.flatMap((p, i) => (payloads.indexOf(p) < i ? [i] : []));
  expect(duplicates).toEqual([100]);
  const routes: Record<string, string> = {};
  for (const f of ['plan.json', 'districts.geojson', 'corridors.geojson']) routes[`/fixtures/xss/${f}`] = await readFile(join(FAR, f), 'utf8');
  const villages = JSON.parse(await readFile(join(FAR, 'villages.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Point | null, Record<string, unknown>>;
  const template = villages.features.find((f) => f.properties['role'] === 'rest')!;
  payloads.forEach((p, i) =>
    villages.features.push({
      ...template,
      properties: { ...template.properties, code: code(i), name: p, short_name: p, name_en: p },
      geometry: unlocated(i) ? null : { type: 'Point', coordinates: at(i) },
    }),
  );
  routes['/fixtures/xss/villages.geojson'] = JSON.stringify(villages);
  routes['/fixtures/plain/villages.geojson'] = await readFile(join(FAR, 'villages.geojson'), 'utf8');
  for (const f of ['plan.json', 'districts.geojson', 'corridors.geojson']) routes[`/fixtures/plain/${f}`] = routes[`/fixtures/xss/${f}`]!;
  // The imports go into the plain plan: into the package above, their names would join its villages.
  for (const dir of ['xss', 'plain'])
    routes[`/page/${dir}.html`] = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="/belt-map.js"></script></head><body style="margin:0"><belt-map src="/fixtures/${dir}/plan.json" plans="none" view="hub" style="height: 760px"></belt-map></body></html>`;
  server = await serveDist(routes);
  browser = await launch();
}, 60_000);

/** Every page's console errors and requests, over the fresh contexts. */
const errors: string[] = [];
const requests: string[] = [];

/**
 * A new browser context (no draft of the test before in its storage) showing the package `dir`, with
 * the calls a payload would make and every element added anywhere recorded from before any script runs.
 */
async function load(dir: 'xss' | 'plain'): Promise<void> {
  if (w) {
    errors.push(...w.errors);
    requests.push(...w.requests);
    await w.context.close();
  }
  w = await watchedPage(browser, { width: 1280, height: 800 });
  w.page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  // Before any script of the page: the calls a payload would make, and every element added anywhere.
  await w.page.addInitScript(() => {
    const win = window as unknown as Record<string, unknown> & { __xssCalls: string[]; __suspicious: string[] };
    win.__xssCalls = [];
    win['__xss'] = (...args: unknown[]) => void win.__xssCalls.push(args.map(String).join(','));
    for (const k of ['alert', 'confirm', 'prompt', 'print']) win[k] = win['__xss'];
    win.__suspicious = [];
    const DANGER = /^(script|iframe|frame|object|embed|img|image|base|video|audio|marquee|isindex|keygen|applet|x|brute|math)$/i;
    const own = (e: Element) => e.tagName === 'SCRIPT' && e.getAttribute('type') === 'module' && /^\/belt-map\.js$|\/assets\//.test(e.getAttribute('src') ?? '');
    const check = (n: Node) => {
      if (n.nodeType !== 1) return;
      const el = n as Element;
      for (const e of [el, ...el.querySelectorAll('*')]) {
        if (DANGER.test(e.tagName) && !own(e)) win.__suspicious.push(`<${e.tagName.toLowerCase()}>`);
        for (const a of e.getAttributeNames()) {
          if (/^on/i.test(a)) win.__suspicious.push(`${e.tagName.toLowerCase()}[${a}]`);
          if (/^\s*javascript:/i.test(e.getAttribute(a) ?? '')) win.__suspicious.push(`${e.tagName.toLowerCase()}[${a}=javascript:]`);
        }
      }
    };
    const watch = (root: Node) =>
      new MutationObserver((ms) => {
        for (const m of ms) {
          m.addedNodes.forEach(check);
          if (m.type === 'attributes') check(m.target);
        }
      }).observe(root, { subtree: true, childList: true, attributes: true });
    watch(document);
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init: ShadowRootInit) {
      const root = attach.call(this, init);
      watch(root);
      return root;
    };
  });
  await w.page.goto(`${server.origin}/page/${dir}.html`);
  await waitReady(w.page);
}

afterAll(async () => {
  await w?.page.screenshot({ path: join(RESULTS, 'corpora-xss.png') }).catch(() => undefined);
  await w?.context.close();
  await browser?.close();
  await server?.close();
});

/** The villages tab's rows by code → text, the list opened if it is closed. */
async function listRows(page: Page): Promise<Record<string, string>> {
  const toggle = page.locator('belt-map .list-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('belt-map [data-tab="villages"]').click();
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelector('belt-map')!.shadowRoot!.querySelectorAll('.list tbody tr[data-code]')].map((tr) => [tr.getAttribute('data-code')!, tr.textContent ?? ''])),
  );
}

/** Picks the village `code` from the list: its popup (located) or details panel (unlocated), as text. */
async function open(page: Page, villageCode: string, located: boolean): Promise<{ popup: string; details: string }> {
  await page.locator(`belt-map .list tr[data-code="${villageCode}"] button.link`).first().click();
  await page.locator(located ? 'belt-map .maplibregl-popup' : 'belt-map .details-panel').waitFor();
  return page.evaluate(() => {
    const root = document.querySelector('belt-map')!.shadowRoot!;
    return { popup: root.querySelector('.maplibregl-popup')?.textContent ?? '', details: root.querySelector('.details-panel')?.textContent ?? '' };
  });
}

/** Nothing ran and nothing a payload could make was added. */
async function nothingRan(page: Page): Promise<void> {
  const seen = await page.evaluate(() => {
    const win = window as unknown as { __xssCalls: string[]; __suspicious: string[] };
    return { calls: win.__xssCalls, suspicious: win.__suspicious, base: document.querySelectorAll('base').length };
  });
  expect(seen.calls).toEqual([]);
  expect(seen.suspicious).toEqual([]);
  expect(seen.base).toBe(0);
  expect(dialogs).toEqual([]);
}

/**
 * The list shows each payload verbatim in its village's row; a popup every STEP-th, the details panel
 * the unlocated ones (package). An import trims a cell's spaces at both ends (as every import does), so
 * an imported payload is the payload trimmed.
 */
async function shownVerbatim(page: Page, codes: string[], what: string, fromPackage: boolean): Promise<number> {
  const rows = await listRows(page);
  const text = (i: number) => (fromPackage ? payloads[i]! : payloads[i]!.trim());
  const missing = payloads.filter((_, i) => !(rows[codes[i]!] ?? '').includes(text(i)));
  expect(missing, `${what}: payloads not shown verbatim in the feature list`).toEqual([]);
  let opened = 0;
  for (let i = 0; i < payloads.length; i++) {
    if (i % STEP === 0) {
      const shown = await open(page, codes[i]!, true);
      expect(shown.popup, `${what}: popup of payload ${i + 1}`).toContain(text(i));
      opened++;
    } else if (fromPackage && unlocated(i)) {
      const shown = await open(page, codes[i]!, false);
      expect(shown.details, `${what}: details of payload ${i + 1}`).toContain(payloads[i]);
      opened++;
    }
  }
  await nothingRan(page);
  return opened;
}

describe('109 XSS payloads (payloadbox/xss-payload-list) as data', () => {
  it("as a plan package's village names: list, popups and details show them as text; nothing runs", async () => {
    await load('xss');
    const n = await w.page.evaluate(() => document.querySelector('belt-map')!.plan!.villages.features.length);
    expect(n).toBe(8 + 109);
    expect(await shownVerbatim(w.page, payloads.map((_, i) => code(i)), 'plan', true)).toBe(13);
  }, 60_000);

  it('as the names and properties of an imported GeoJSON (el.importFile, added): shown as text; nothing runs', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: payloads.map((p, i) => ({ type: 'Feature', properties: { name: p, note: p, [p.slice(0, 40)]: 'key' }, geometry: { type: 'Point', coordinates: at(i).map((c, k) => c + (k ? -0.004 : 0.006)) } })),
    };
    await load('plain');
    const report = await w.page.evaluate(async (text) => {
      const el = document.querySelector('belt-map')!;
      return el.importFile(new File([text], 'xss.geojson'), { unmatched: 'add' });
    }, JSON.stringify(fc));
    expect(report.rejected.map((r) => [r.row, r.reason])).toEqual(duplicates.map((i) => [i + 1, `duplicate row for the same village as row ${payloads.indexOf(payloads[i]!) + 1} (${payloads[i]!.trim()})`]));
    expect(report.added).toBe(109 - duplicates.length);
    expect(report.matches.every((m) => m.how === 'added')).toBe(true);
    const codes = codesByRow(report.matches, 1);
    expect(await shownVerbatim(w.page, codes, 'GeoJSON import', false)).toBe(7);
  }, 60_000);

  it('as the name and note columns of a CSV through the import dialog: the preview and the applied plan show them as text; nothing runs', async () => {
    const csv = ['名称,备注,经度,纬度', ...payloads.map((p, i) => [csvCell(p), csvCell(p), ...at(i).map((c, k) => String(c + (k ? 0.004 : -0.006)))].join(','))].join('\r\n');
    await load('plain');
    await w.page.locator('belt-map .import-open').click();
    await w.page.locator('belt-map input.import-input').setInputFiles({ name: 'xss.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await w.page.locator('belt-map .import-counts').waitFor({ timeout: 30_000 });
    await w.page.locator('belt-map .import-reading').waitFor({ state: 'detached' });
    await w.page.locator('belt-map input[name="unmatched"][value="add"]').check();
    await w.page.locator('belt-map .import-counts').filter({ hasText: String(109 - duplicates.length) }).waitFor({ timeout: 30_000 });
    await w.page.locator('belt-map .import-reading').waitFor({ state: 'detached' });
    const dialogText = (await w.page.locator('belt-map dialog.import-dialog').textContent()) ?? '';
    // The preview quotes the first rows' cells.
    expect(dialogText).toContain(payloads[0]!.trim());
    await nothingRan(w.page);
    const imported = w.page.evaluate(
      () =>
        new Promise<{ code: string; row: number; how: string }[]>((done) =>
          document.querySelector('belt-map')!.addEventListener('belt-import', (e) => done((e as CustomEvent<{ matches: { code: string; row: number; how: string }[] }>).detail.matches), { once: true }),
        ),
    );
    await w.page.locator('belt-map .import-apply').click();
    const matches = await imported;
    expect(matches).toHaveLength(109 - duplicates.length);
    expect(matches.every((m) => m.how === 'added')).toBe(true);
    await w.page.locator('belt-map .import-cancel, belt-map .import-close').first().click().catch(() => undefined);
    expect(await shownVerbatim(w.page, codesByRow(matches, 2), 'CSV import', false)).toBe(7);
  }, 60_000);

  it('logged no page error and stayed on its origin', () => {
    errors.push(...w.errors);
    requests.push(...w.requests);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  });
});
