/**
 * importIntoPlan end to end in Node: the fixtures of test/fixtures/import/ (synthetic, see its README)
 * and a few files written here, into the bundled default plan (data/plan.json, 625 villages of
 * Huairou and Mentougou). Positions of the Gauss–Krüger Shapefile are checked against PROJ.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundledPlan } from '../../test/helpers/bundledPlan';
import { lookup } from '../plan/lookup';
import type { Plan } from '../types/plan';
import { fromWgs84 } from './crs';
import { exportPlan } from './exportPlan';
import { parseRole } from '../plan/importRows';
import { importIntoPlan, rejectedRowsCsv, type ImportFileOptions } from './importFile';
import { readImportFile } from './readers/index';
import { writePlan } from './writePlan';

const FIX = resolve(import.meta.dirname, '../../test/fixtures/import');
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(resolve(FIX, name))) });
const text = (name: string, s: string) => ({ name, bytes: strToU8(s) });

let plan: Plan;
let before: Plan;
beforeAll(() => {
  plan = loadBundledPlan();
  before = structuredClone(plan);
});

const village = (p: Plan, code: string) => lookup(p).villageByCode.get(code)!;
const position = (p: Plan, code: string) => village(p, code).geometry?.coordinates as [number, number] | undefined;
/** Great-circle distance in metres and initial bearing in degrees (0 = north, 90 = east). */
function distanceBearing([lon1, lat1]: number[], [lon2, lat2]: number[]): { m: number; bearing: number } {
  const r = Math.PI / 180;
  const [f1, f2, dl] = [lat1! * r, lat2! * r, (lon2! - lon1!) * r];
  const a = Math.sin((f2 - f1) / 2) ** 2 + Math.cos(f1) * Math.cos(f2) * Math.sin(dl / 2) ** 2;
  const m = 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
  const bearing = (Math.atan2(Math.sin(dl) * Math.cos(f2), Math.cos(f1) * Math.sin(f2) - Math.sin(f1) * Math.cos(f2) * Math.cos(dl)) / r + 360) % 360;
  return { m, bearing };
}
async function failure(p: Promise<unknown>): Promise<Error & { zh: string }> {
  try {
    await p;
  } catch (e) {
    expect((e as { zh?: unknown }).zh).toEqual(expect.any(String));
    return e as Error & { zh: string };
  }
  throw new Error('expected the import to reject');
}
const GCJ_WARNING = /GCJ-02.*BD-09.*500 m/;

// The register's villages the fixtures name (codes from the NBS 2023 register in data/).
const LIULIQU = '110109007204'; // 琉璃渠村委会, 龙泉地区
const SANJIADIAN = '110109007205'; // 三家店村委会
const LINGSHUI = '110109106224'; // 灵水村委会, 斋堂镇
const MALAN = '110109106203'; // 马栏村委会

describe('a GBK CSV (区划代码, 村名, 乡镇, 角色, 年度, 经度, 纬度)', () => {
  it('joins the rows to the register by code, with roles and years, and rejects the row it cannot place with a reason', async () => {
    const { plan: next, report } = await importIntoPlan(plan, fixture('villages-gbk.csv'));
    expect(report).toMatchObject({ file: 'villages-gbk.csv', format: 'csv', encoding: 'GB18030', crs: 'WGS84', crsSource: 'guessed', as: 'villages', replaced: false, rows: 5 });
    expect(report.columns).toEqual({ code: '区划代码', name: '村名', town: '乡镇', role: '角色', year: '年度', lon: '经度', lat: '纬度' });
    // What the dialog's column mapping offers: every header in file order, and the first rows' cells.
    expect(report.fileColumns).toEqual(['区划代码', '村名', '乡镇', '角色', '年度', '经度', '纬度']);
    expect(report.sample).toHaveLength(3);
    expect(report.sample[0]).toMatchObject({ 区划代码: LIULIQU });
    expect([report.added, report.updated, report.unchanged]).toEqual([0, 4, 0]);
    expect(report.matches.map((m) => [m.row, m.code, m.how])).toEqual([
      [2, LIULIQU, 'code'],
      [3, SANJIADIAN, 'code'],
      [5, LINGSHUI, 'code'],
      [6, MALAN, 'code'],
    ]);
    // 示范村 → the plan's core role, 提升村 → its member role; 2025年 → 2025.
    expect([LIULIQU, SANJIADIAN, LINGSHUI, MALAN].map((c) => [village(next, c).properties.role, village(next, c).properties.year])).toEqual([
      ['demonstration', 2025],
      ['upgrade', 2025],
      ['demonstration', 2026],
      ['upgrade', 2026],
    ]);
    // The register's Chinese names stay (the file's 琉璃渠村 is the register's 琉璃渠村委会).
    expect(village(next, LIULIQU).properties.name).toBe('琉璃渠村委会');
    // 琉璃渠 had no position in the register: it gets the file's.
    expect(position(plan, LIULIQU)).toBeUndefined();
    expect(position(next, LIULIQU)).toEqual([116.0815, 39.9685]);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ row: 7 });
    expect(report.rejected[0]!.reason).toMatch(/not in the register.*爨底下村（古村落, 明清）.*斋堂镇.*add/);
    expect(report.rejected[0]!.zh).toMatch(/不在村庄名录中.*爨底下村/);
    expect(report.rejected[0]!.cells).toEqual({ 区划代码: '', 村名: '爨底下村（古村落, 明清）', 乡镇: '斋堂镇', 角色: '示范村', 年度: '2027', 经度: '115.6366', 纬度: '39.9986' });
    // Geographic, no crs chosen: never silently WGS84.
    expect(report.warnings.some((w) => GCJ_WARNING.test(w.en) && /GCJ-02.*BD-09.*500 米/.test(w.zh))).toBe(true);
    // The download holds the row as the file had it, after its number and reason.
    expect(rejectedRowsCsv(report, 'zh')).toBe(
      '\ufeff行号,原因,区划代码,村名,乡镇,角色,年度,经度,纬度\r\n' + `7,"${report.rejected[0]!.zh}",,"爨底下村（古村落, 明清）",斋堂镇,示范村,2027,115.6366,39.9986\r\n`,
    );
  });

  it('is one new plan; the input plan is untouched', async () => {
    const { plan: next } = await importIntoPlan(plan, fixture('villages-gbk.csv'));
    expect(next).not.toBe(plan);
    expect(plan).toEqual(before);
    // What the import does not touch keeps its identity.
    expect(next.corridors).toBe(plan.corridors);
    expect(village(next, '110116108208')).toBe(village(plan, '110116108208'));
  });

  it("adds the unmatched row outside the register with unmatched: 'add'", async () => {
    const { plan: next, report } = await importIntoPlan(plan, fixture('villages-gbk.csv'), { unmatched: 'add' });
    expect(report.added).toBe(1);
    expect(report.rejected).toEqual([]);
    const added = next.villages.features.find((f) => f.properties.outside_register);
    expect(added?.properties).toMatchObject({ name: '爨底下村（古村落, 明清）', role: 'demonstration', year: 2027, town: '斋堂镇' });
    expect(added?.properties.source).toMatch(/villages-gbk\.csv.*row 7/);
    expect(next.villages.features).toHaveLength(plan.villages.features.length + 1);
    // In English it is shown by machine pinyin, made at import and said in the report (#10 §3); its town is the plan's, already romanised.
    expect(added?.properties.name_en).toBe('Cuandixiacun（gucunluo, mingqing）');
    expect(added?.properties.town_en).toBeUndefined();
    expect(report.warnings.filter((w) => /machine pinyin/.test(w.en) && /拼音/.test(w.zh))).toHaveLength(1);
  });

  it('gives a line a machine-pinyin English name, and a name already English none, saying how many', async () => {
    const line = (name: string) => ({ type: 'Feature', properties: { name }, geometry: { type: 'LineString', coordinates: [[116.0, 40.0], [116.1, 40.05]] } });
    const json = JSON.stringify({ type: 'FeatureCollection', features: [line('京密引水渠'), line('Old Road')] });
    const { plan: next, report } = await importIntoPlan(plan, text('lines.geojson', json), { as: 'corridor' });
    expect(report.lines.map((l) => l.name)).toEqual(['京密引水渠', 'Old Road']);
    const names = report.lines.map((l) => next.corridors.features.find((f) => f.properties.id === l.id)!.properties.name_en);
    expect(names).toEqual(['Jingmiyinshuiqu', '']);
    expect(report.warnings.find((w) => /machine pinyin/.test(w.en))?.en).toMatch(/^1 name had no English name.*京密引水渠 → Jingmiyinshuiqu/);
  });

  it("joins by name within the town when there is no code, lists an ambiguous name until it is picked, and takes the user's column mapping", async () => {
    const csv = '名字,镇街,类别,批次\n琉璃渠,龙泉地区,诗画乡村,2026年度\n灵水村委会,斋堂镇,提升村,2025\n';
    const { plan: next, report } = await importIntoPlan(plan, text('names.csv', csv), { columns: { name: '名字', town: '镇街' } });
    expect(report.columns).toMatchObject({ name: '名字', town: '镇街', role: '类别', year: '批次' });
    expect(report.matches.map((m) => [m.code, m.how])).toEqual([[LINGSHUI, 'name+town']]);
    expect(village(next, LINGSHUI).properties).toMatchObject({ role: 'upgrade', year: 2025 });
    // 琉璃渠 is both 琉璃渠村委会 and 琉璃渠社区居委会 in 龙泉地区: never guessed.
    expect(report.ambiguous).toEqual([
      {
        row: 2,
        name: '琉璃渠',
        candidates: [
          // With their romanised names, for the dialog in English.
          { code: '110109007005', name: '琉璃渠社区居委会', town: '龙泉地区', name_en: 'Liuliqu Shequ', town_en: 'Longquan Diqu' },
          { code: LIULIQU, name: '琉璃渠村委会', town: '龙泉地区', name_en: 'Liuliqu Cun', town_en: 'Longquan Diqu' },
        ],
      },
    ]);
    expect(report.rejected.map((r) => r.row)).toEqual([2]);
    expect(report.rejected[0]!.reason).toMatch(/fits 2 villages.*pick one/);
    const picked = await importIntoPlan(plan, text('names.csv', csv), { columns: { name: '名字', town: '镇街' }, picks: { 2: LIULIQU } });
    expect(village(picked.plan, LIULIQU).properties).toMatchObject({ role: 'poetic', year: 2026 });
    expect(picked.report.rejected).toEqual([]);
    expect(report.crs).toBeNull(); // no coordinates
    expect(report.warnings).toEqual([]);
  });

  it('joins a row whose code is not in the register by its name within the town, and says which code it used', async () => {
    const csv = `区划代码,村名,乡镇,角色\n110109106299,灵水村,斋堂镇,示范村\n`;
    const { plan: next, report } = await importIntoPlan(plan, text('typo.csv', csv));
    expect(report.matches).toEqual([{ row: 2, code: LINGSHUI, how: 'name+town', codeWritten: '110109106299', changes: { role: 'demonstration' } }]);
    expect(village(next, LINGSHUI).properties.role).toBe('demonstration');
    expect(report.warnings).toEqual([
      {
        en: `Row 2: the code 110109106299 is not in the register; the row was joined by its name to 灵水村委会 (${LINGSHUI}) instead. Correct the code if that is not the village meant.`,
        zh: `第 2 行：代码 110109106299 不在村庄名录中，已按名称匹配到 灵水村委会（${LINGSHUI}）。如果不是这个村庄，请更正代码。`,
      },
    ]);
    expect(structuredClone(report)).toEqual(report);
  });

  it("imports a year outside the plan's years, with one warning naming the rows", async () => {
    const csv = `区划代码,角色,年度\n${LIULIQU},示范村,2031\n${SANJIADIAN},提升村,2025\n${LINGSHUI},示范村,2031年\n`;
    const { plan: next, report } = await importIntoPlan(plan, text('later.csv', csv));
    expect(report.rejected).toEqual([]);
    expect(village(next, LIULIQU).properties.year).toBe(2031);
    expect(report.warnings).toEqual([
      {
        en: "Rows 2, 4: the year 2031 is outside the plan's years 2024–2027; the villages were imported with it. The rule check, as of the plan's last year 2027, counts them toward no target; no rule flags the year itself.",
        zh: '第 2、4 行：年度 2031 不在本方案的年度 2024–2027 之内；这些村庄已按该年度导入。规则检查截至本方案最后一年（2027 年），不将其计入任何目标；没有规则会提示该年度。',
      },
    ]);
  });
});

describe('rejected rows, downloaded to be fixed and imported again', () => {
  const csv = [
    '区划代码,村名,乡镇,角色,年度,备注',
    `${SANJIADIAN},三家店村,龙泉地区,提升村,2025,`,
    `${LINGSHUI},"灵水村 ""举人村"", 斋堂",斋堂镇,重点村,2026,"=HYPERLINK(""http://example.com"")"`,
    `${MALAN},马栏村,斋堂镇,示范村,二〇二六,-3.5`,
    `${LIULIQU},琉璃渠村,龙泉地区,重点村,2025,@见附件`,
  ].join('\n');
  const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

  it('holds each rejected row with its original cells, quoted, formulas defused', async () => {
    const { report } = await importIntoPlan(plan, text('list.csv', csv));
    expect(report.rejected.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(report.rejected[0]!.cells).toEqual({ 区划代码: LINGSHUI, 村名: '灵水村 "举人村", 斋堂', 乡镇: '斋堂镇', 角色: '重点村', 年度: '2026', 备注: '=HYPERLINK("http://example.com")' });
    const lines = rejectedRowsCsv(report, 'en').split('\r\n');
    expect(lines[0]).toBe('\ufeffrow,reason,区划代码,村名,乡镇,角色,年度,备注');
    expect(lines[1]).toBe(`3,${quoted(report.rejected[0]!.reason)},${LINGSHUI},"灵水村 ""举人村"", 斋堂",斋堂镇,重点村,2026,"'=HYPERLINK(""http://example.com"")"`);
    expect(lines[2]).toBe(`4,${quoted(report.rejected[1]!.reason)},${MALAN},马栏村,斋堂镇,示范村,二〇二六,-3.5`);
    expect(lines[3]).toBe(`5,${quoted(report.rejected[2]!.reason)},${LIULIQU},琉璃渠村,龙泉地区,重点村,2025,"'@见附件"`);
    expect(lines.slice(4)).toEqual(['']);
  });

  it('reads back as the same cells, and imports once fixed', async () => {
    const { report } = await importIntoPlan(plan, text('list.csv', csv));
    const download = rejectedRowsCsv(report, 'zh');
    // As downloaded: the original columns come back, mapped as before, with the original cells (a
    // defused formula keeps its ').
    const again = await importIntoPlan(plan, text('rejected.csv', download));
    expect(again.report.fileColumns).toEqual(['行号', '原因', ...report.fileColumns]);
    expect(again.report.columns).toEqual(report.columns);
    const read = await readImportFile('rejected.csv', strToU8(download));
    expect(read.kind === 'table' && read.rows.map(({ values: { 行号: _n, 原因: _why, ...cells } }) => cells)).toEqual([
      { ...report.rejected[0]!.cells, 备注: `'${report.rejected[0]!.cells['备注']}` },
      report.rejected[1]!.cells,
      { ...report.rejected[2]!.cells, 备注: `'${report.rejected[2]!.cells['备注']}` },
    ]);
    // Fixed (a role and a year of the plan), the rows import.
    const fixed = download.replace(/,重点村,/g, ',示范村,').replace(/,二〇二六,/, ',2026,');
    const { plan: next, report: done } = await importIntoPlan(plan, text('rejected.csv', fixed));
    expect(done.rejected).toEqual([]);
    expect(done.matches.map((m) => [m.code, m.how])).toEqual([
      [LINGSHUI, 'code'],
      [MALAN, 'code'],
      [LIULIQU, 'code'],
    ]);
    expect([LINGSHUI, MALAN, LIULIQU].map((c) => [village(next, c).properties.role, village(next, c).properties.year])).toEqual([
      ['demonstration', 2026],
      ['demonstration', 2026],
      ['demonstration', 2025],
    ]);
  });

  it("a feature's properties are its cells; columns only rejected features have come after the file's", async () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 区划代码: SANJIADIAN, 角色: '提升村' }, geometry: { type: 'Point', coordinates: [116.0905, 39.956] } },
        { type: 'Feature', properties: { name: '永定河', 等级: '干流' }, geometry: { type: 'LineString', coordinates: [[116.0, 39.9], [116.1, 39.95]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[116, 40], [116.1, 40], [116.1, 40.1], [116, 40]]] } },
      ],
    });
    const { report } = await importIntoPlan(plan, text('mixed.geojson', geojson));
    expect(report.fileColumns).toEqual(['区划代码', '角色']);
    expect(report.rejected.map((r) => [r.row, r.cells])).toEqual([
      [2, { name: '永定河', 等级: '干流' }],
      [3, {}],
    ]);
    const lines = rejectedRowsCsv(report, 'zh').split('\r\n');
    expect(lines[0]).toBe('\ufeff行号,原因,区划代码,角色,name,等级');
    expect(lines[1]).toMatch(/^2,.*,,,永定河,干流$/);
    expect(lines[2]).toMatch(/^3,.*,,,,$/);
    // A lines import's rejected points keep their properties too.
    const roads = await importIntoPlan(plan, text('mixed.geojson', geojson), { as: 'corridor' });
    expect(roads.report.rejected.map((r) => [r.row, r.cells])).toEqual([
      [1, { 区划代码: SANJIADIAN, 角色: '提升村' }],
      [3, {}],
    ]);
    // Its fileColumns are every feature's property names, the line's too.
    expect(roads.report.fileColumns).toEqual(['区划代码', '角色', 'name', '等级']);
    expect(rejectedRowsCsv(roads.report, 'en').split('\r\n')[0]).toBe('\ufeffrow,reason,区划代码,角色,name,等级');
  });
});

describe('rejectedRowsCsv', () => {
  const report = (rejected: { row: number; reason: string; zh: string; cells: Record<string, string> }[], fileColumns: string[]) => ({ rejected, fileColumns });

  it('is the header alone when nothing was rejected', () => {
    expect(rejectedRowsCsv(report([], ['村名', '角色']), 'en')).toBe('\ufeffrow,reason,村名,角色\r\n');
    expect(rejectedRowsCsv(report([], []), 'zh')).toBe('\ufeff行号,原因\r\n');
  });

  it('quotes as RFC 4180 says, and defuses formulas but not numbers', () => {
    const cells = { a: 'x,y', b: 'say "hi"', c: 'two\nlines', d: '=1+2', e: '+86 10 1234', f: '-cmd', g: '@SUM(A1)', h: '-3.5', i: '+7', j: '\tx', k: 'plain', l: '' };
    const csv = rejectedRowsCsv(report([{ row: 2, reason: 'why', zh: '原因', cells }], Object.keys(cells)), 'en');
    expect(csv).toBe(`\ufeffrow,reason,a,b,c,d,e,f,g,h,i,j,k,l\r\n2,why,"x,y","say ""hi""","two\nlines","'=1+2","'+86 10 1234","'-cmd","'@SUM(A1)",-3.5,+7,"'\tx",plain,\r\n`);
  });

  it('writes the reason in the language asked, and renames its own columns when the file has them', () => {
    const r = report([{ row: 4, reason: 'unknown role', zh: '未知角色', cells: { row: '1', 行号: '9', reason: 'r' } }], ['row', '行号', 'reason']);
    expect(rejectedRowsCsv(r, 'en')).toBe('\ufeffrow (import),reason (import),row,行号,reason\r\n4,unknown role,1,9,r\r\n');
    expect(rejectedRowsCsv(r, 'zh')).toBe('\ufeff行号（导入）,原因,row,行号,reason\r\n4,未知角色,1,9,r\r\n');
  });
});

describe('a Shapefile zip in CGCS2000 3° Gauss–Krüger CM 117°E (EPSG:4548), GBK DBF', () => {
  // PROJ 9 (Debian proj-bin), northing first as EPSG:4548 orders its axes:
  //   echo "4426435.501745397 421529.1186295931" | cs2cs -d 10 EPSG:4548 EPSG:4490  → 39.9685000000 116.0815000000
  //   echo "4425039.666996143 422283.8816713278" | cs2cs -d 10 EPSG:4548 EPSG:4490  → 39.9560000000 116.0905000000
  //   echo "4430447.33539068 391366.84707861795" | cs2cs -d 10 EPSG:4548 EPSG:4490  → 40.0012880000 115.7278520000
  //   echo "4423237.682524695 387911.73714872834" | cs2cs -d 10 EPSG:4548 EPSG:4490 → 39.9359220000 115.6886420000
  const PROJ: [string, number, number][] = [
    [LIULIQU, 116.0815, 39.9685],
    [SANJIADIAN, 116.0905, 39.956],
    [LINGSHUI, 115.727852, 40.001288],
    [MALAN, 115.688642, 39.935922],
  ];

  it('reads the .prj, converts to WGS84 as PROJ does (within 1e-8°, about 1 mm) and joins the attributes', async () => {
    const { plan: next, report } = await importIntoPlan(plan, fixture('villages-shp-cpg936.zip'));
    expect(report).toMatchObject({ format: 'shapefile', encoding: 'GB18030', crs: 'EPSG:4548', crsSource: 'prj', layer: 'villages', rows: 5, updated: 4 });
    // Not geographic: no GCJ-02 warning.
    expect(report.warnings).toEqual([]);
    for (const [code, lon, lat] of PROJ) {
      const p = position(next, code)!;
      expect(Math.abs(p[0] - lon)).toBeLessThan(1e-8);
      expect(Math.abs(p[1] - lat)).toBeLessThan(1e-8);
    }
    expect(village(next, LINGSHUI).properties).toMatchObject({ role: 'demonstration', year: 2026 });
    expect(report.rejected.map((r) => r.row)).toEqual([5]); // 爨底下村: not in the register
    // The DBF's lon/lat attributes are not positions: the geometry is.
    expect(report.columns.lon).toBeUndefined();
  });

  it('without a .prj, guesses the zone from the plan\'s centre and says so', async () => {
    const { plan: next, report } = await importIntoPlan(plan, fixture('villages-shp-guess.zip'));
    expect(report).toMatchObject({ crs: 'EPSG:4548', crsSource: 'guessed' });
    expect(report.warnings.some((w) => /6 digits.*117°E.*EPSG:4548/.test(w.en) && /117°E/.test(w.zh))).toBe(true);
    const p = position(next, LIULIQU)!;
    expect(Math.abs(p[0] - 116.0815) + Math.abs(p[1] - 39.9685)).toBeLessThan(1e-8);
  });

  it('a chosen crs overrides the .prj', async () => {
    const { report } = await importIntoPlan(plan, fixture('villages-shp-cpg936.zip'), { crs: 'EPSG:4549' });
    expect(report).toMatchObject({ crs: 'EPSG:4549', crsSource: 'chosen' });
    // CM 120°E puts the points ~250 km east, far outside the plan: rejected with the reason.
    expect(report.updated).toBe(0);
    expect(report.rejected.filter((r) => /far outside the plan's extent/.test(r.reason))).toHaveLength(5);
  });
});

describe('an 奥维-style KML', () => {
  const options: ImportFileOptions = { columns: { role: 'folder' } }; // 奥维 keeps the category in the folder: 村庄/示范村

  it('imports its points as villages (name → name), warns that it may be GCJ-02, and rejects its line suggesting as', async () => {
    const { plan: next, report } = await importIntoPlan(plan, fixture('ovital.kml'), options);
    expect(report).toMatchObject({ format: 'kml', crs: 'WGS84', crsSource: 'file', rows: 3, updated: 1 });
    expect(report.columns).toMatchObject({ name: 'name', code: '区划代码', year: '年度', role: 'folder' });
    expect(village(next, LIULIQU).properties).toMatchObject({ role: 'demonstration', year: 2025 });
    expect(position(next, LIULIQU)).toEqual([116.0815, 39.9685]);
    expect(report.warnings.some((w) => GCJ_WARNING.test(w.en))).toBe(true);
    expect(report.rejected.map((r) => r.row)).toEqual([2, 3]);
    expect(report.rejected[0]!.reason).toMatch(/灵水村 & 举人村/);
    expect(report.rejected[1]!.reason).toMatch(/feature 3 \(永定河文化带\) is a line.*as a corridor or a culture belt.*as: 'corridor' \| 'culture-belt'/);
    expect(report.rejected[1]!.zh).toMatch(/是线/);
  });

  it("with crs 'GCJ-02' the positions move about 500 m west-southwest, and there is no warning", async () => {
    const wgs = position((await importIntoPlan(plan, fixture('ovital.kml'), options)).plan, LIULIQU)!;
    const { plan: next, report } = await importIntoPlan(plan, fixture('ovital.kml'), { ...options, crs: 'GCJ-02' });
    expect(report).toMatchObject({ crs: 'GCJ-02', crsSource: 'chosen' });
    expect(report.warnings).toEqual([]);
    const gcj = position(next, LIULIQU)!;
    const { m, bearing } = distanceBearing(wgs, gcj);
    expect(m).toBeGreaterThan(400);
    expect(m).toBeLessThan(700);
    expect(bearing).toBeGreaterThan(200); // west-southwest: 247.5° ± 45°
    expect(bearing).toBeLessThan(290);
  });

  it('the KMZ reads the same', async () => {
    const { report } = await importIntoPlan(plan, fixture('ovital.kmz'), options);
    expect(report).toMatchObject({ format: 'kmz', updated: 1 });
  });

  it('takes the folder as the role column by its values (村庄/示范村 is a role of the plan) when no header names one', async () => {
    const { plan: next, report } = await importIntoPlan(plan, fixture('ovital.kml'));
    expect(report.columns).toEqual({ name: 'name', code: '区划代码', year: '年度', role: 'folder' });
    expect(village(next, LIULIQU).properties).toMatchObject({ role: 'demonstration', year: 2025 });
    expect(report).toMatchObject({ updated: 1 });
  });

  it("never overrides the user's columns: role '' leaves the role out, a field given the folder keeps it", async () => {
    const unmapped = await importIntoPlan(plan, fixture('ovital.kml'), { columns: { role: '' } });
    expect(unmapped.report.columns.role).toBeUndefined();
    expect(village(unmapped.plan, LIULIQU).properties.role).toBe(village(plan, LIULIQU).properties.role);
    const elsewhere = await importIntoPlan(plan, fixture('ovital.kml'), { columns: { district: 'folder' } });
    expect(elsewhere.report.columns).toMatchObject({ district: 'folder' });
    expect(elsewhere.report.columns.role).toBeUndefined();
  });

  it('guesses no role column when a value is not a role, and prefers a column named folder when several are', async () => {
    const kml = (folders: string[]) =>
      text(
        'pins.kml',
        `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${folders
          .map((f) => `<Folder><name>${f}</name><Placemark><name>琉璃渠村</name><Point><coordinates>116.0815,39.9685</coordinates></Point></Placemark></Folder>`)
          .join('')}</Document></kml>`,
      );
    expect((await importIntoPlan(plan, kml(['第一批', '示范村']))).report.columns.role).toBeUndefined();
    expect((await importIntoPlan(plan, kml(['村庄']))).report.columns.role).toBeUndefined();
    // Only the plan's none-kind role (其他村庄/社区 parses as 'other'): a folder that says nothing of the plan.
    expect(parseRole('其他村庄/社区', plan)).toBe('other');
    expect((await importIntoPlan(plan, kml(['其他村庄/社区']))).report.columns.role).toBeUndefined();
    expect((await importIntoPlan(plan, kml(['其他村庄/社区', '提升村']))).report.columns.role).toBe('folder');
    const geojson = text(
      'pins.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { 区划代码: LIULIQU, 说明: '提升村', folder: '示范村' }, geometry: { type: 'Point', coordinates: [116.0815, 39.9685] } }],
      }),
    );
    const { plan: next, report } = await importIntoPlan(plan, geojson);
    expect(report.columns.role).toBe('folder');
    expect(village(next, LIULIQU).properties.role).toBe('demonstration');
  });
});

describe('a GPX', () => {
  it("imports its track and route as corridors (surveyed, the user's data), rejecting the waypoints with a reason", async () => {
    const { plan: next, report } = await importIntoPlan(plan, fixture('survey.gpx'), { as: 'corridor' });
    expect(report).toMatchObject({ format: 'gpx', as: 'corridor', crs: 'WGS84', crsSource: 'file', added: 2, updated: 0 });
    expect(report.lines).toEqual([
      { id: 'import-1', name: '踏勘轨迹', layer: 'corridors', feature: 1 },
      { id: 'import-2', name: '进村道路', layer: 'corridors', feature: 2 },
    ]);
    expect(next.corridors.features).toHaveLength(plan.corridors.features.length + 2);
    const track = lookup(next).lineById.get('import-1')!.feature;
    expect(track.properties).toMatchObject({ kind: 'road', geometry_source: 'surveyed', name: '踏勘轨迹' });
    expect(track.properties.source).toMatch(/user's own data.*survey\.gpx/);
    expect(track.properties.source_zh).toMatch(/用户自有数据.*survey\.gpx/);
    expect(track.properties.accuracy_zh).toMatch(/^按用户文件的测量/);
    expect(track.properties.accuracy).toMatch(/user's file/);
    // The two-segment track stays a MultiLineString, heights dropped.
    expect(track.geometry).toEqual({
      type: 'MultiLineString',
      coordinates: [
        [
          [116.0815, 39.9685],
          [116.083, 39.965],
        ],
        [
          [116.085, 39.96],
          [116.0905, 39.956],
        ],
      ],
    });
    expect(report.rejected.map((r) => r.row)).toEqual([3, 4]);
    expect(report.rejected[0]!.reason).toMatch(/waypoint.*as villages/);
    // Every feature's property names, in first-seen order, and the first features' cells.
    expect(report.fileColumns).toEqual(['name', 'type', 'time', 'gpxType', 'desc']);
    expect(report.sample).toEqual([
      { name: '踏勘轨迹', type: 'walking', time: '2025-04-01T02:00:00Z', gpxType: 'track' },
      { name: '进村道路', gpxType: 'route' },
      { name: '琉璃渠村', desc: '村委会', gpxType: 'waypoint' },
    ]);
    expect(rejectedRowsCsv(report, 'en').split('\r\n')[0]).toBe('\ufeffrow,reason,name,type,time,gpxType,desc');
    expect(report.warnings.some((w) => GCJ_WARNING.test(w.en))).toBe(true);
    expect(plan).toEqual(before);
  });

  it('as a culture belt, named by lineName; as a river corridor', async () => {
    const belt = await importIntoPlan(plan, fixture('survey.gpx'), { as: 'culture-belt', lineName: '永定河文化带' });
    expect(belt.report.lines.map((l) => [l.name, l.layer])).toEqual([
      ['永定河文化带', 'cultureBelts'],
      ['永定河文化带 (2)', 'cultureBelts'],
    ]);
    expect(lookup(belt.plan).lineById.get('import-1')!.feature.properties.kind).toBe('culture-belt');
    const river = await importIntoPlan(plan, fixture('survey.gpx'), { as: 'corridor', lineKind: 'river' });
    expect(lookup(river.plan).lineById.get('import-2')!.feature.properties.kind).toBe('river');
  });

  it('its waypoints as villages', async () => {
    const { report } = await importIntoPlan(plan, fixture('survey.gpx'));
    expect(report.matches.map((m) => [m.row, m.code, m.how])).toEqual([[4, SANJIADIAN, 'name']]);
    expect(report.ambiguous.map((a) => a.row)).toEqual([3]); // 琉璃渠村: 村委会 or 社区居委会?
    expect(report.rejected.map((r) => r.row)).toEqual([1, 2, 3]); // the lines, and the ambiguous name
  });
});

describe('an XLSX', () => {
  it('reads the first sheet with data and says which others there are', async () => {
    const { report } = await importIntoPlan(plan, fixture('villages.xlsx'));
    expect(report).toMatchObject({ format: 'xlsx', sheet: '村庄', sheets: ['村庄', '道路'], updated: 4 });
    expect(report.warnings.some((w) => /2 sheets.*村庄, 道路.*options\.sheet/.test(w.en) && /工作表/.test(w.zh))).toBe(true);
  });

  it('reads the sheet chosen', async () => {
    const chosen = await importIntoPlan(plan, fixture('villages.xlsx'), { sheet: '村庄', unmatched: 'add' });
    expect(chosen.report).toMatchObject({ sheet: '村庄', added: 1, updated: 4, rejected: [] });
    expect(chosen.report.warnings.some((w) => /sheets/.test(w.en))).toBe(false);
    const roads = await importIntoPlan(plan, fixture('villages.xlsx'), { sheet: '道路' });
    expect(roads.report).toMatchObject({ sheet: '道路', rows: 2, updated: 0 });
    expect(roads.report.rejected.map((r) => r.row)).toEqual([2, 4]);
    expect(roads.plan).toBe(plan);
  });
});

describe('BD-09 and GCJ-02 tables', () => {
  // Where the register puts 灵水 and 马栏, written as Baidu would show them.
  const truth = [LINGSHUI, MALAN].map((c) => [c, ...(position(loadBundledPlan(), c) ?? [])] as [string, number, number]);
  const bd = fromWgs84(
    'BD-09',
    truth.map(([, lon, lat]) => [lon, lat]),
  );
  const csv = `代码,经度,纬度,角色\n${truth.map(([c], i) => `${c},${bd[i]![0].toFixed(7)},${bd[i]![1].toFixed(7)},示范村`).join('\n')}\n`;

  it("with crs 'BD-09' the positions come back within 0.5 m", async () => {
    const { plan: next, report } = await importIntoPlan(plan, text('baidu.csv', csv), { crs: 'BD-09' });
    expect(report).toMatchObject({ crs: 'BD-09', crsSource: 'chosen', updated: 2, warnings: [] });
    for (const [code, lon, lat] of truth) expect(distanceBearing([lon, lat], position(next, code)!).m).toBeLessThan(0.5);
  });

  it('without a crs they land hundreds of metres off — and the report warns', async () => {
    const { plan: next, report } = await importIntoPlan(plan, text('baidu.csv', csv));
    expect(report.crs).toBe('WGS84');
    expect(report.warnings.some((w) => GCJ_WARNING.test(w.en))).toBe(true);
    for (const [code, lon, lat] of truth) expect(distanceBearing([lon, lat], position(next, code)!).m).toBeGreaterThan(500);
  });
});

describe('projected tables', () => {
  it("reads a surveyor's X = northing, Y = easting with the zone prefix", async () => {
    const [[e, n]] = fromWgs84('EPSG:4527', [[116.0905, 39.956]]) as [[number, number]];
    const csv = `村名,X,Y\n三家店村,${n.toFixed(3)},${e.toFixed(3)}\n`;
    const { plan: next, report } = await importIntoPlan(plan, text('gk.csv', csv));
    expect(report).toMatchObject({ crs: 'EPSG:4527', crsSource: 'guessed', updated: 1 });
    expect(report.warnings.some((w) => /zone prefix 39.*swapped/.test(w.en))).toBe(true);
    expect(distanceBearing(position(next, SANJIADIAN)!, [116.0905, 39.956]).m).toBeLessThan(0.01);
  });

  it('rejects a row whose position does not fit the chosen system, with the reason, and applies the others', async () => {
    const [[e1, n1], [e2, n2]] = fromWgs84('EPSG:4527', [
      [116.0815, 39.9685],
      [116.0905, 39.956],
    ]) as [[number, number], [number, number]];
    const csv = `区划代码,东坐标,北坐标\n${LIULIQU},${e1},${n1}\n${SANJIADIAN},${e2! - 39e6},${n2}\n`;
    const { plan: next, report } = await importIntoPlan(plan, text('gk.csv', csv), { crs: 'EPSG:4527' });
    expect(report.updated).toBe(1);
    expect(position(next, LIULIQU)).toBeDefined();
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.row).toBe(3);
    expect(report.rejected[0]!.reason).toMatch(/not in CGCS2000 3° Gauss–Krüger zone 39 \(EPSG:4527\).*zone prefix.*EPSG:4548/);
  });

  it('a few rows in another zone do not leave the file undecided: the system most rows fit is taken, the others rejected', async () => {
    const codes = plan.villages.features.filter((f) => f.geometry && f.properties.district === '门头沟区').slice(0, 10);
    const gk = fromWgs84(
      'EPSG:4527',
      codes.map((f) => f.geometry!.coordinates as [number, number]),
    );
    const csv = `区划代码,X,Y\n${codes.map((f, i) => `${f.properties.code},${i === 9 ? gk[i]![0] + 1e6 : gk[i]![0]},${gk[i]![1]}`).join('\n')}\n`;
    const { report } = await importIntoPlan(plan, text('zones.csv', csv));
    expect(report).toMatchObject({ crs: 'EPSG:4527', crsSource: 'guessed', updated: 9 }); // positions equal to the register's within round-off
    expect(report.rejected.map((r) => r.row)).toEqual([11]);
    expect(report.rejected[0]!.reason).toMatch(/zone prefix 39/);
    expect(report.warnings.some((w) => /9 of 10 positions fit one coordinate system/.test(w.en))).toBe(true);
  });

  it('when the system cannot be decided, imports no positions, says which choice to make, and keeps the other columns', async () => {
    // Two different zone prefixes: no one system fits.
    const csv = `区划代码,角色,X,Y\n${LIULIQU},示范村,39421529.1,4426435.5\n${SANJIADIAN},提升村,38500000.0,4425039.6\n`;
    const { plan: next, report } = await importIntoPlan(plan, text('mixed.csv', csv));
    expect(report).toMatchObject({ crs: null, crsSource: null, updated: 2, rejected: [] });
    expect(report.warnings.map((w) => w.en).join(' ')).toMatch(/different zone prefixes \(38, 39\).*choose.*Positions were not imported: choose the coordinate system \(options\.crs\)/);
    expect(report.warnings.some((w) => /未导入位置/.test(w.zh))).toBe(true);
    expect(village(next, LIULIQU).properties.role).toBe('demonstration');
    expect(position(next, LIULIQU)).toBeUndefined();
  });
});

describe('a plan package', () => {
  it('opens as a whole plan (replacing it) when imported without as', async () => {
    const files = writePlan(plan);
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([p, s]) => [`my-plan/${p}`, strToU8(s)])));
    const { plan: opened, report } = await importIntoPlan(plan, { name: 'my-plan.zip', bytes: zip });
    expect(report).toMatchObject({ format: 'package', as: 'package', replaced: true, added: 0, rejected: [] });
    expect(opened).not.toBe(plan);
    expect(opened).toEqual(plan);
    await expect(importIntoPlan(plan, { name: 'my-plan.zip', bytes: zip }, { as: 'villages' })).rejects.toThrow(/plan package.*without options\.as/);
  });

  it('a package that does not validate rejects with both languages', async () => {
    const e = await failure(importIntoPlan(plan, fixture('plan-package.zip')));
    expect(e.message).toMatch(/^plan-package\.zip: /);
    expect(e.zh).toMatch(/^plan-package\.zip：/);
  });
});

describe('what cannot be imported rejects with a bilingual error and changes nothing', () => {
  it('an empty file, a file that is not what it says, a bad option, a table as lines', async () => {
    expect((await failure(importIntoPlan(plan, { name: 'x.csv', bytes: new Uint8Array() }))).zh).toMatch(/文件是空的/);
    expect((await failure(importIntoPlan(plan, text('x.kmz', 'not a zip')))).message).toMatch(/not a zip/);
    expect((await failure(importIntoPlan(plan, fixture('villages-gbk.csv'), { crs: 'EPSG:3857' as never }))).message).toMatch(/options\.crs/);
    expect((await failure(importIntoPlan(plan, fixture('villages-gbk.csv'), { columns: { name: '名称' } }))).message).toMatch(/no column "名称".*村名/);
    expect((await failure(importIntoPlan(plan, fixture('villages-gbk.csv'), { columns: { colour: 'x' } as never }))).message).toMatch(/unknown field "colour"/);
    expect((await failure(importIntoPlan(plan, fixture('villages-gbk.csv'), { as: 'corridor' }))).message).toMatch(/holds no lines/);
    expect(plan).toEqual(before);
  });
});

describe("belt-map's own GeoJSON and KML export, imported again", () => {
  it.each(['geojson', 'kml'] as const)('%s: only the layer "villages" is read as villages; town seats are not added even with unmatched: add', async (format) => {
    const file = exportPlan(plan, { format });
    const seats = plan.townSeats.features.map((f) => f.properties.code);
    expect(seats.length).toBeGreaterThan(0);
    const { plan: next, report } = await importIntoPlan(plan, file, { unmatched: 'add' });
    expect(report.added).toBe(0);
    expect(report.rejected).toEqual([]);
    const located = plan.villages.features.filter((f) => f.geometry !== null).length;
    expect(report.unchanged).toBe(format === 'kml' ? located : plan.villages.features.length);
    for (const code of seats) expect(lookup(next).villageByCode.has(code), code).toBe(false);
    expect(next).toEqual(plan);
    expect(report.warnings.some((w) => /belt-map export/.test(w.en) && /belt-map 导出/.test(w.zh))).toBe(true);
  });

  it('a file whose own "layer" property means something else is read whole', async () => {
    const v = plan.villages.features.find((f) => f.geometry !== null)!;
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { layer: 'villages', code: v.properties.code, name: v.properties.name }, geometry: v.geometry },
        { type: 'Feature', properties: { layer: 'poi', name: '新庄村委会', town: v.properties.town }, geometry: { type: 'Point', coordinates: [116.05, 40.02] } },
      ],
    };
    const { report } = await importIntoPlan(plan, text('mine.geojson', JSON.stringify(fc)), { unmatched: 'add' });
    expect(report.rows).toBe(2);
    expect(report.unchanged + report.updated).toBe(1);
    expect(report.added).toBe(1);
  });
});
