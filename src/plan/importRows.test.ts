/**
 * Importing a planner's table into a plan, on a small synthetic plan (made up for these tests, not a
 * real place; test/helpers/handPlan.ts, `importRowsPlan`): two towns, 甲镇 and 乙镇, each with a 河口村
 * (the same short name); a village with an NBS bracketed name, 小（氵甸）村委会; a cluster; five roles
 * (core, member, two selected, none). The year check also uses the hand-worked plan (`handPlan`).
 */
import { describe, expect, it } from 'vitest';
import { planFrom } from '../io/loadPlan';
import { readFiles, writePlan } from '../io/writePlan';
import type { Plan } from '../types/plan';
import { applyImport, guessColumns, joinRows, normaliseName, parseRole, parseYear, type ColumnMapping, type ImportRow } from './importRows';
import { applyCommand } from './commands';
import { lookup } from './lookup';
import { checkPlan } from './checkPlan';
import { strings } from '../state/i18n';
import { A1, A2, A3, A4, A5, B1, B2, D1, JIA, P1, YI, handPlan, importRowsPlan } from '../../test/helpers/handPlan';

const props = (plan: Plan, code: string) => lookup(plan).villageByCode.get(code)!.properties;
const M: ColumnMapping = { code: '区划代码', name: '村名', town: '乡镇', role: '角色', year: '年度', lon: '经度', lat: '纬度' };
/** Rows numbered from 2 (row 1 is the header, as in a spreadsheet). */
const rows = (...values: Record<string, string>[]): ImportRow[] => values.map((v, i) => ({ row: i + 2, values: v }));
const join = (values: Record<string, string>[], options?: Parameters<typeof joinRows>[3], mapping = M) => joinRows(importRowsPlan(), rows(...values), mapping, options);

// ---- text

describe('normaliseName', () => {
  it('strips the committee and place suffixes, so every way of writing a name gives one key', () => {
    for (const n of ['琉璃渠村委会', '琉璃渠村民委员会', '琉璃渠村', '琉璃渠', ' 琉璃渠 村 ', '琉璃渠村　委会']) expect(normaliseName(n)).toBe('琉璃渠');
    expect(normaliseName('北岭社区居委会')).toBe('北岭');
    expect(normaliseName('北岭居民委员会')).toBe('北岭');
    expect(normaliseName('北岭社区')).toBe('北岭');
  });

  it('turns NBS bracketed parts, full- or half-width, into one key', () => {
    expect(normaliseName('小（氵甸）村委会')).toBe('小氵甸');
    expect(normaliseName('小(氵甸)村')).toBe('小氵甸');
    expect(normaliseName('小 ( 氵甸 )')).toBe('小氵甸');
  });

  it('folds full-width letters and digits, and never strips a name to nothing', () => {
    expect(normaliseName('Ａ１村')).toBe('A1');
    expect(normaliseName('村')).toBe('村');
    expect(normaliseName('')).toBe('');
  });
});

describe('guessColumns', () => {
  it('recognises Chinese headers', () => {
    expect(guessColumns(['序号', '统计用区划代码', '村庄名称', '所属乡镇', '区县', '村庄类型', '批次', '经度', '纬度'], [])).toEqual({
      code: '统计用区划代码',
      name: '村庄名称',
      town: '所属乡镇',
      district: '区县',
      role: '村庄类型',
      year: '批次',
      lon: '经度',
      lat: '纬度',
    });
    expect(guessColumns(['代码', '行政村', '街道', '区', '示范类型', '年份', 'X坐标', 'Y坐标'], [])).toEqual({
      code: '代码',
      name: '行政村',
      town: '街道',
      district: '区',
      role: '示范类型',
      year: '年份',
      lon: 'X坐标',
      lat: 'Y坐标',
    });
  });

  it('recognises English and pinyin-coded headers, in any case, with units in brackets', () => {
    expect(guessColumns(['Code', 'NAME', 'Town', 'District', 'Role', 'Year', 'Longitude', 'Latitude'], [])).toEqual({
      code: 'Code', name: 'NAME', town: 'Town', district: 'District', role: 'Role', year: 'Year', lon: 'Longitude', lat: 'Latitude',
    });
    expect(guessColumns(['XZQDM', 'XZQMC', 'lng', 'lat'], [])).toEqual({ code: 'XZQDM', name: 'XZQMC', lon: 'lng', lat: 'lat' });
    expect(guessColumns(['村代码', '村名', '镇', '角色', '年度', '经度（°）', '纬度(°)', 'X', 'Y'], [])).toMatchObject({ code: '村代码', town: '镇', lon: '经度（°）', lat: '纬度(°)', x: 'X', y: 'Y' });
    expect(guessColumns(['东坐标', '北坐标'], [])).toEqual({ x: '东坐标', y: '北坐标' });
  });

  it('takes a header that contains a key word, town before name (乡镇名称 is the town)', () => {
    expect(guessColumns(['村庄名称（全称）', '乡镇名称', '乡镇代码', '入选年度'], [])).toEqual({ name: '村庄名称（全称）', town: '乡镇名称', year: '入选年度' });
  });

  it('falls back to content: 12-digit codes, lon/lat degrees, projected metres, village names', () => {
    const sample = [
      { a: '990001001201', b: '东庄村', c: '116.0123', d: '40.0012', e: '39512345.6', f: '4429876.1', g: '1' },
      { a: '990001001202', b: '西庄村委会', c: '116.1', d: '40.05', e: '39514000', f: '4430000', g: '2' },
    ];
    expect(guessColumns(['a', 'b', 'c', 'd', 'e', 'f', 'g'], sample)).toEqual({ code: 'a', name: 'b', lon: 'c', lat: 'd', x: 'e', y: 'f' });
    // Without the zone prefix the easting has 6 digits and the northing 7: still told apart, in either order.
    expect(guessColumns(['n', 'e'], [{ n: '4429876', e: '512345' }])).toEqual({ x: 'e', y: 'n' });
  });

  it('follows the values when a coordinate header says the other kind', () => {
    expect(guessColumns(['X坐标', 'Y坐标'], [{ X坐标: '512345.2', Y坐标: '4429876.5' }])).toEqual({ x: 'X坐标', y: 'Y坐标' });
    expect(guessColumns(['X', 'Y'], [{ X: '116.05', Y: '40.02' }])).toEqual({ lon: 'X', lat: 'Y' });
  });
});

describe('parseRole', () => {
  const plan = importRowsPlan();
  it('reads the role id and the zh and en labels', () => {
    expect(parseRole('demo', plan)).toBe('demo');
    expect(parseRole('示范村', plan)).toBe('demo');
    expect(parseRole('提升村', plan)).toBe('upgrade');
    expect(parseRole('诗画乡村', plan)).toBe('poetic');
    expect(parseRole('未来乡村', plan)).toBe('future');
    expect(parseRole('Upgrade village', plan)).toBe('upgrade');
    expect(parseRole('其他', plan)).toBe('other');
  });

  it('tolerates whitespace, full-width characters, case and suffixes', () => {
    expect(parseRole(' 示范 村 ', plan)).toBe('demo');
    expect(parseRole('ＤＥＭＯ', plan)).toBe('demo');
    expect(parseRole('demonstration', plan)).toBe('demo');
    expect(parseRole('提升', plan)).toBe('upgrade');
    expect(parseRole('示范村庄', plan)).toBe('demo');
    expect(parseRole('市级示范村', plan)).toBe('demo');
    expect(parseRole('核心村', plan)).toBe('demo');
    expect(parseRole('未来乡村（第一批）', plan)).toBe('future');
  });

  it('is null for an empty cell and for a role the plan does not have', () => {
    expect(parseRole('', plan)).toBeNull();
    expect(parseRole('  ', plan)).toBeNull();
    expect(parseRole('xx', plan)).toBeNull();
    expect(parseRole('和美乡村', plan)).toBeNull();
  });
});

describe('parseYear', () => {
  it('reads the ways planners write a year', () => {
    for (const y of [2025, '2025', '2025年', '2025年度', ' 2025 ', '２０２５年', '2025.0', '2025年第一批']) expect(parseYear(y)).toBe(2025);
  });

  it('is null for empty cells and non-years, and never throws', () => {
    for (const y of ['', '  ', 'abc', '25', '1800', '2025.5', 2025.5, '二〇二五', '2025-06']) expect(parseYear(y)).toBeNull();
    expect(parseYear(undefined as unknown as string)).toBeNull();
    expect(parseYear(null as unknown as string)).toBeNull();
  });
});

// ---- the join

describe('joinRows: the join', () => {
  it('joins by code first, whatever the name says', () => {
    const r = join([{ 区划代码: A3, 村名: '别的名字', 角色: '诗画乡村', 年度: '2025年' }]);
    expect(r.matches).toEqual([{ row: 2, code: A3, how: 'code', changes: { role: 'poetic', year: 2025 } }]);
    expect(r.commands).toEqual([{ type: 'set-village-role', code: A3, role: 'poetic', year: 2025 }]);
  });

  it('cleans codes as Excel writes them', () => {
    expect(join([{ 区划代码: `'${A3}`, 角色: '诗画乡村' }]).matches[0]).toMatchObject({ code: A3, how: 'code' });
    expect(join([{ 区划代码: `${A3}.0`, 角色: '诗画乡村' }]).matches[0]).toMatchObject({ code: A3, how: 'code' });
  });

  it('joins by name with and without suffix, and NBS bracketed names', () => {
    for (const name of ['南沟村委会', '南沟村', '南沟', ' 南 沟 ']) expect(join([{ 村名: name, 角色: '提升村' }]).matches[0]).toMatchObject({ code: A3, how: 'name' });
    for (const name of ['小（氵甸）村委会', '小(氵甸)村', '小氵甸']) expect(join([{ 村名: name, 角色: '提升村' }]).matches[0]).toMatchObject({ code: A4, how: 'name' });
    expect(join([{ 村名: '北岭社区', 角色: '未来乡村' }]).matches[0]).toMatchObject({ code: B2, how: 'name', changes: { role: 'future' } });
  });

  it('joins a name shared by two towns within the given town, by name or code, normalised', () => {
    expect(join([{ 村名: '河口村', 乡镇: '乙镇', 角色: '提升村' }]).matches[0]).toMatchObject({ code: B1, how: 'name+town' });
    expect(join([{ 村名: '河口', 乡镇: '甲', 角色: '提升村' }]).matches[0]).toMatchObject({ code: A5, how: 'name+town' });
    expect(join([{ 村名: '河口村委会', 乡镇: '990001002000', 角色: '提升村' }]).matches[0]).toMatchObject({ code: B1, how: 'name+town' });
    expect(join([{ 村名: '河口村委会', 乡镇: '990001002', 角色: '提升村' }]).matches[0]).toMatchObject({ code: B1, how: 'name+town' });
  });

  it('lists a name that fits several villages as ambiguous, never guessing, and rejects it until the user picks', () => {
    const r = join([{ 村名: '河口村', 角色: '提升村' }]);
    expect(r.matches).toEqual([]);
    expect(r.ambiguous).toEqual([
      {
        row: 2,
        name: '河口村',
        candidates: [
          { code: A5, name: '河口村委会', town: '甲镇' },
          { code: B1, name: '河口村委会', town: '乙镇' },
        ],
      },
    ]);
    expect(r.rejected[0]!.reason.en).toMatch(/the name "河口村" fits 2 villages: 河口村委会 \(甲镇\) 990001001205; 河口村委会 \(乙镇\) 990001002201; give the town or the code/);
    expect(r.rejected[0]!.reason.zh).toMatch(/名称 “河口村” 对应 2 个村庄/);
    expect(r.commands).toEqual([]);
    const picked = join([{ 村名: '河口村', 角色: '提升村' }], { picks: { 2: B1 } });
    expect(picked.matches).toEqual([{ row: 2, code: B1, how: 'name', changes: { role: 'upgrade' } }]);
    expect(picked.ambiguous).toEqual([]);
    expect(join([{ 村名: '河口村', 角色: '提升村' }], { picks: { 2: A1 } }).rejected[0]!.reason.en).toMatch(/picked/);
  });

  it('joins a row whose code is not in the register by its name only when the name fits one village, and says so', () => {
    const r = join([
      { 区划代码: '990001001299', 村名: '南沟村', 角色: '诗画乡村' },
      { 区划代码: '990001009999', 村名: '河口村', 乡镇: '乙镇', 角色: '提升村' },
    ]);
    expect(r.rejected).toEqual([]);
    expect(r.matches).toEqual([
      { row: 2, code: A3, how: 'name', codeWritten: '990001001299', changes: { role: 'poetic' } },
      { row: 3, code: B1, how: 'name+town', codeWritten: '990001009999', changes: { role: 'upgrade' } },
    ]);
    expect(r.warnings).toEqual([
      {
        en: `Rows 2, 3: the codes written are not in the register; the rows were joined by their names instead: row 2, 990001001299 → 南沟村委会 (${A3}); row 3, 990001009999 → 河口村委会 (${B1}). Correct the codes where that is not the village meant.`,
        zh: `第 2、3 行：所填代码不在村庄名录中，已按名称匹配：第 2 行 990001001299 → 南沟村委会（${A3}）；第 3 行 990001009999 → 河口村委会（${B1}）。如有不符，请更正代码。`,
      },
    ]);
    const one = join([{ 区划代码: "'990001001299", 村名: '南沟村', 角色: '诗画乡村' }]).warnings;
    expect(one).toEqual([
      {
        en: `Row 2: the code 990001001299 is not in the register; the row was joined by its name to 南沟村委会 (${A3}) instead. Correct the code if that is not the village meant.`,
        zh: `第 2 行：代码 990001001299 不在村庄名录中，已按名称匹配到 南沟村委会（${A3}）。如果不是这个村庄，请更正代码。`,
      },
    ]);
    // A code Excel shortened is named as such.
    const sci = join([{ 区划代码: '9.90001E+11', 村名: '南沟村', 角色: '诗画乡村' }]);
    expect(sci.matches[0]).toMatchObject({ code: A3, how: 'name', codeWritten: '9.90001E+11' });
    expect(sci.warnings[0]!.en).toMatch(/^Row 2: the code 9\.90001E\+11 \(shortened by Excel to scientific notation\) is not in the register/);
    expect(sci.warnings[0]!.zh).toMatch(/^第 2 行：代码 9\.90001E\+11 不在村庄名录中（已被 Excel 转为科学计数法），已按名称匹配到 南沟村委会/);
  });

  it('rejects a row whose code is not in the register and whose name fits several villages or none in its town, naming the code', () => {
    const r = join([
      { 区划代码: '990001009999', 村名: '河口村', 角色: '提升村' },
      { 区划代码: '990001009998', 村名: '南沟', 乡镇: '乙镇', 角色: '提升村' },
      { 区划代码: '990001009997', 村名: '新庄村', 角色: '提升村' },
    ]);
    expect(r.matches).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.ambiguous.map((a) => [a.row, a.candidates.map((c) => c.code)])).toEqual([[2, [A5, B1]]]);
    expect(r.rejected.map((x) => [x.row, x.reason.en])).toEqual([
      [2, `the code 990001009999 is not in the register, and the name "河口村" fits 2 villages: 河口村委会 (甲镇) ${A5}; 河口村委会 (乙镇) ${B1}; correct the code, give the town, or pick one`],
      [3, 'the code 990001009998 is not in the register, and no village named "南沟" in town "乙镇" (there is one in 甲镇)'],
      [4, 'not in the register: no village with code 990001009997, name "新庄村" (to add it, choose "Add them as villages outside the register" under "Rows not in the register")'],
    ]);
    expect(r.rejected.map((x) => x.reason.zh)).toEqual([
      `代码 990001009999 不在村庄名录中，且名称 “河口村” 对应 2 个村庄：河口村委会（甲镇） ${A5}；河口村委会（乙镇） ${B1}；请更正代码、填写乡镇，或选择其一`,
      '代码 990001009998 不在村庄名录中，且乡镇 “乙镇” 没有名为 “南沟” 的村庄（甲镇 有）',
      '不在村庄名录中：没有代码 990001009997、名称 “新庄村”的村庄（如需加入，可在“名录中找不到的行”中选择“作为名录外的村庄加入”）',
    ]);
    // The user's pick joins the ambiguous one, still noting the code written.
    const picked = join([{ 区划代码: '990001009999', 村名: '河口村', 角色: '提升村' }], { picks: { 2: B1 } });
    expect(picked.matches).toEqual([{ row: 2, code: B1, how: 'name', codeWritten: '990001009999', changes: { role: 'upgrade' } }]);
    expect(picked.warnings[0]!.en).toMatch(/^Row 2: the code 990001009999 is not in the register; the row was joined by its name to 河口村委会 \(990001002201\)/);
    // With unmatched: 'add', a name that fits no village is added under the code written.
    expect(join([{ 区划代码: '990001009997', 村名: '新庄村' }], { unmatched: 'add' }).matches[0]).toMatchObject({ code: '990001009997', how: 'added' });
  });

  it('skips an unmatched row by default, with a reason', () => {
    const r = join([{ 村名: '新庄村', 乡镇: '甲镇', 角色: '提升村' }]);
    expect(r.matches).toEqual([]);
    expect(r.rejected).toEqual([
      {
        row: 2,
        reason: {
          en: 'not in the register: no village with name "新庄村" in town "甲镇" (to add it, choose "Add them as villages outside the register" under "Rows not in the register")',
          zh: '不在村庄名录中：没有名称 “新庄村”（乡镇 “甲镇”）的村庄（如需加入，可在“名录中找不到的行”中选择“作为名录外的村庄加入”）',
        },
        cells: { 村名: '新庄村', 乡镇: '甲镇', 角色: '提升村' },
      },
    ]);
    expect(join([{ 村名: '南沟', 乡镇: '乙镇' }]).rejected[0]!.reason.en).toBe('no village named "南沟" in town "乙镇" (there is one in 甲镇)');
  });

  it("names the import dialog's choice that adds an unmatched row, in its words", () => {
    const { reason } = join([{ 村名: '新庄村' }]).rejected[0]!;
    // The choice's label without its bracketed note: "… (flagged)", “…（标注为名录外）”.
    const choice = (label: string) => label.replace(/\s*[（(][^（）()]*[）)]$/, '');
    const en = strings('en').imp;
    const zh = strings('zh-CN').imp;
    expect(reason.en).toContain(`choose "${choice(en.unmatchedAdd)}" under "${en.unmatched}"`);
    expect(reason.zh).toContain(`在“${zh.unmatched}”中选择“${choice(zh.unmatchedAdd)}”`);
  });

  it('adds an unmatched row as a village outside the register, flagged, when asked', () => {
    const r = join(
      [
        { 村名: '新庄村', 乡镇: '甲镇', 角色: '提升村', 年度: '2026', 经度: '116.05', 纬度: '40.03' },
        { 区划代码: '990001002299', 村名: '后山居委会', 乡镇: '丙镇' },
      ],
      { unmatched: 'add', positions: [[116.05, 40.03], null], file: 'villages.csv' },
    );
    expect(r.matches).toEqual([
      { row: 2, code: 'x-2', how: 'added', changes: { role: 'upgrade', year: 2026, position: [116.05, 40.03] } },
      { row: 3, code: '990001002299', how: 'added', changes: { role: 'other', year: null } },
    ]);
    expect(r.added).toBe(2);
    expect(r.commands).toHaveLength(1);
    const next = applyImport(importRowsPlan(), r);
    expect(props(next, 'x-2')).toMatchObject({ name: '新庄村', ...JIA, role: 'upgrade', year: 2026, outside_register: true, source: expect.stringMatching(/user's file \(villages.csv, row 2\)/) });
    // Its provenance in both languages, each in its own field (#10 §3): the English one has no Chinese, the Chinese one no English.
    expect(props(next, 'x-2')).toMatchObject({ source_zh: '用户文件导入（villages.csv，第 2 行），名录外', accuracy_zh: expect.stringMatching(/^(按用户文件|无位置)$/) });
    expect(`${String(props(next, 'x-2').source)} ${String(props(next, 'x-2').accuracy)}`).not.toMatch(/\p{Script=Han}/u);
    expect(lookup(next).villageByCode.get('x-2')!.geometry).toEqual({ type: 'Point', coordinates: [116.05, 40.03] });
    expect(props(next, '990001002299')).toMatchObject({ name: '后山居委会', kind: '居委会', town: '丙镇', town_code: '', role: 'other', year: null, outside_register: true });
    expect(lookup(next).villageByCode.get('990001002299')!.geometry).toBeNull();
  });

  it('gives an added village x-<row> when its code is taken by a town seat', () => {
    const r = join([{ 区划代码: JIA.town_code, 村名: '镇中心' }], { unmatched: 'add' });
    expect(r.matches[0]).toMatchObject({ code: 'x-2', how: 'added' });
  });

  it('treats a role for a cluster core or member as a role change only', () => {
    const r = join([{ 区划代码: A1, 角色: '提升村' }]);
    expect(r.commands).toEqual([{ type: 'set-village-role', code: A1, role: 'upgrade' }]);
    const next = applyImport(importRowsPlan(), r);
    expect(props(next, A1)).toMatchObject({ role: 'upgrade', year: 2024, name: '东庄村委会', town: '甲镇' });
    expect(next.clusters).toEqual(importRowsPlan().clusters);
  });
});

describe('joinRows: roles, years and positions', () => {
  it('reads roles in Chinese and as ids', () => {
    const r = join([
      { 区划代码: A3, 角色: '诗画乡村', 年度: '2025' },
      { 区划代码: A4, 角色: 'future', 年度: '2026年度' },
      { 区划代码: A5, 角色: '示范村', 年度: '2027年' },
    ]);
    expect(r.matches.map((m) => m.changes)).toEqual([
      { role: 'poetic', year: 2025 },
      { role: 'future', year: 2026 },
      { role: 'demo', year: 2027 },
    ]);
  });

  it('rejects an unknown role, listing the plan’s roles in both languages', () => {
    expect(join([{ 区划代码: A3, 角色: 'xx' }]).rejected).toEqual([
      {
        row: 2,
        reason: {
          en: 'unknown role "xx" (the plan\'s roles are Demonstration village (demo), Upgrade village (upgrade), Poetic village (poetic), Future village (future), Other (other))',
          zh: '未知角色 “xx”（本方案的角色为：示范村（demo）、提升村（upgrade）、诗画乡村（poetic）、未来乡村（future）、其他（other））',
        },
        cells: { 区划代码: A3, 角色: 'xx' },
      },
    ]);
  });

  it('rejects a bad year in both languages', () => {
    for (const y of ['abc', '1800', '2025.5'])
      expect(join([{ 区划代码: A3, 角色: '诗画乡村', 年度: y }]).rejected).toEqual([
        { row: 2, reason: { en: `year "${y}" is not a year (write e.g. 2025 or 2025年)`, zh: `年度 “${y}” 不是年份（应写作 2025 或 2025年 等）` }, cells: { 区划代码: A3, 角色: '诗画乡村', 年度: y } },
      ]);
  });

  it('rejects a year for a village whose role has no year', () => {
    const r = join([{ 区划代码: A3, 年度: '2025' }, { 区划代码: A5, 角色: '其他', 年度: '2025' }]);
    expect(r.rejected.map((x) => x.row)).toEqual([2, 3]);
    expect(r.rejected[0]!.reason.en).toMatch(/year 2025 given for 南沟村委会, whose role "Other" has no year/);
    expect(r.rejected[0]!.reason.zh).toMatch(/为 南沟村委会 填写了年度 2025，但其角色 “其他” 没有年度/);
  });

  it("accepts a year outside the plan's years, with one warning naming the rows and the plan's years", () => {
    const r = join(
      [
        { 区划代码: A3, 角色: '诗画乡村', 年度: '2031' },
        { 区划代码: A4, 角色: '诗画乡村', 年度: '2025' },
        { 村名: '新庄村', 乡镇: '甲镇', 角色: '未来乡村', 年度: '2031年' },
      ],
      { unmatched: 'add' },
    );
    expect(r.rejected).toEqual([]);
    expect(r.matches.map((m) => [m.row, m.changes.year])).toEqual([
      [2, 2031],
      [3, 2025],
      [4, 2031],
    ]);
    expect(r.warnings).toEqual([
      {
        en: "Rows 2, 4: the year 2031 is outside the plan's years 2024–2027; the villages were imported with it. The rule check, as of the plan's last year 2027, counts them toward no target; no rule flags the year itself.",
        zh: '第 2、4 行：年度 2031 不在本方案的年度 2024–2027 之内；这些村庄已按该年度导入。规则检查截至本方案最后一年（2027 年），不将其计入任何目标；没有规则会提示该年度。',
      },
    ]);
    const next = applyImport(importRowsPlan(), r);
    expect(props(next, A3).year).toBe(2031);
    expect(props(next, 'x-4').year).toBe(2031);
    expect(join([{ 区划代码: A3, 角色: '诗画乡村', 年度: '2024' }]).warnings).toEqual([]);
  });

  it('puts several such years in the same one warning, and says what the rule check does with earlier and later years', () => {
    const r = join([
      { 区划代码: A3, 角色: '诗画乡村', 年度: '2031' },
      { 区划代码: A4, 角色: '诗画乡村', 年度: '2019' },
      { 区划代码: A5, 角色: '诗画乡村', 年度: '2031' },
    ]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.en).toBe(
      "Row 3 (2019); rows 2, 4 (2031): these years are outside the plan's years 2024–2027; the villages were imported with them. The rule check, as of the plan's last year 2027, counts those of a later year toward no target and those of an earlier year as selected in that year; no rule flags the year itself.",
    );
    expect(r.warnings[0]!.zh).toBe(
      '第 3 行（2019 年）；第 2、4 行（2031 年）：这些年度不在本方案的年度 2024–2027 之内；村庄已按所填年度导入。规则检查截至本方案最后一年（2027 年）：年度较晚的村庄不计入任何目标，年度较早的按该年度入选计算；没有规则会提示该年度。',
    );
    const one = join([{ 区划代码: A4, 角色: '诗画乡村', 年度: '2019' }]).warnings[0]!;
    expect(one.en).toBe(
      "Row 2: the year 2019 is outside the plan's years 2024–2027; the village was imported with it. The rule check counts it as selected in that year (per-year targets judge that year too); no rule flags the year itself.",
    );
    expect(one.zh).toBe('第 2 行：年度 2019 不在本方案的年度 2024–2027 之内；该村庄已按该年度导入。规则检查按该年度入选计算（按年目标也会评价该年度）；没有规则会提示该年度。');
  });

  it("names the plan's years as runs, a year missing between them included, and lists at most 20 rows", () => {
    const gappy = importRowsPlan();
    const plan = { ...gappy, manifest: { ...gappy.manifest, years: [2021, 2023, 2024, 2025] } };
    const r = joinRows(plan, rows({ 区划代码: A3, 角色: '诗画乡村', 年度: '2022' }), M);
    expect(r.warnings[0]!.en).toMatch(/^Row 2: the year 2022 is outside the plan's years 2021, 2023–2025; .* counts it as selected in that year/);
    expect(r.warnings[0]!.zh).toMatch(/^第 2 行：年度 2022 不在本方案的年度 2021、2023–2025 之内/);
    const added = joinRows(
      plan,
      Array.from({ length: 25 }, (_, i) => ({ row: i + 2, values: { 村名: `新${i}村`, 角色: '诗画乡村', 年度: '2030' } })),
      M,
      { unmatched: 'add' },
    );
    expect(added.warnings[0]!.en).toMatch(/^Rows 2, 3, .*, 21 and 5 more: the year 2030/);
    expect(added.warnings[0]!.zh).toMatch(/^第 2、3、.*、21 等 25 行：年度 2030/);
  });

  it('says truthfully what checkPlan does with such a year (the hand-worked plan, with its targets)', () => {
    // The poetic village P1 (2024) counts toward the per-year target of 2–3 a year, with D1.
    const plan = handPlan();
    expect(checkPlan(plan)).toEqual([]);
    const issuesAfter = (year: string) => {
      const r = joinRows(plan, rows({ 区划代码: P1, 年度: year }), M);
      expect(r.warnings).toHaveLength(1);
      return checkPlan(applyImport(plan, r));
    };
    // A later year: P1 counts toward no target (2024 now has D1 alone), and no issue names P1 or 2031.
    const later = issuesAfter('2031');
    expect(later.map((i) => [i.rule, i.features.map((f) => f.id)])).toEqual([['yearly-range', ['t-poetic-year', D1]]]);
    expect(JSON.stringify(later)).not.toMatch(/2031/);
    // An earlier year: P1 is counted as selected in 2019, and the per-year target judges 2019 too.
    const earlier = issuesAfter('2019');
    expect(earlier.map((i) => [i.rule, i.features.map((f) => f.id)])).toEqual([
      ['yearly-range', ['t-poetic-year', P1]],
      ['yearly-range', ['t-poetic-year', D1]],
    ]);
    expect(earlier[0]!.message.en).toMatch(/^测试区 2019: 1 /);
  });

  it('sets the year alone, and clears it when the none-kind role is given', () => {
    const r = join([{ 区划代码: B2, 年度: '2026' }, { 区划代码: A2, 角色: '其他' }]);
    expect(r.commands).toEqual([
      { type: 'set-village-year', code: B2, year: 2026 },
      { type: 'set-village-role', code: A2, role: 'other' },
    ]);
    expect(r.matches[1]!.changes).toEqual({ role: 'other', year: null });
  });

  it('moves villages to the given positions, and rejects positions outside WGS84 or far from the plan', () => {
    const r = join(
      [
        { 区划代码: A3, 经度: '116.025', 纬度: '40.015' },
        { 区划代码: A4, 经度: '512345', 纬度: '4429876' },
        { 区划代码: A5, 经度: '40.0', 纬度: '116.04' },
        { 区划代码: B1, 经度: '121.5', 纬度: '31.2' },
        { 区划代码: B2, 经度: 'abc', 纬度: '40' },
        { 区划代码: A1, 经度: '', 纬度: '' },
      ],
      { positions: [[116.025, 40.015], [512345, 4429876], [40.0, 116.04], [121.5, 31.2], null, null] },
    );
    expect(r.matches).toEqual([
      { row: 2, code: A3, how: 'code', changes: { position: [116.025, 40.015] } },
      { row: 7, code: A1, how: 'code', changes: {} },
    ]);
    expect(r.commands).toEqual([{ type: 'set-village-position', code: A3, coordinates: [116.025, 40.015] }]);
    expect(r.rejected.map((x) => [x.row, x.reason.en])).toEqual([
      [3, 'the position [512345, 4429876] is outside WGS84 (longitude −180 … 180, latitude −90 … 90): projected coordinates need their coordinate system'],
      [4, 'the position [40, 116.04] is outside WGS84 (longitude −180 … 180, latitude −90 … 90): are longitude and latitude swapped?'],
      [5, "the position [121.5, 31.2] is far outside the plan's extent [115.9, 39.9, 116.2, 40.1]"],
      [6, 'the coordinates "abc", "40" could not be read as a position'],
    ]);
    expect(r.rejected[2]!.reason.zh).toBe('位置 [121.5, 31.2] 远在本方案范围 [115.9, 39.9, 116.2, 40.1] 之外');
  });

  it('asks whether longitude and latitude are swapped when swapping would land in the plan', () => {
    const swapped = joinRows(importRowsPlan(), rows({ 区划代码: A3 }), M, { positions: [[40.01, 116.02]] }).rejected[0]!.reason;
    expect(swapped.en).toBe('the position [40.01, 116.02] is outside WGS84 (longitude −180 … 180, latitude −90 … 90): are longitude and latitude swapped?');
    expect(swapped.zh).toBe('位置 [40.01, 116.02] 超出 WGS84 范围（经度 −180 … 180，纬度 −90 … 90）：经度和纬度是否颠倒？');
  });
});

describe('joinRows: the report', () => {
  const table = (): Record<string, string>[] => [
    /* 2 */ { 区划代码: A3, 角色: '诗画乡村', 年度: '2025年' },
    /* 3 */ { 村名: '西庄村', 角色: '提升村', 年度: '2024' },
    /* 4 */ { 村名: '南沟村委会', 角色: '示范村' },
    /* 5 */ { 村名: '', 区划代码: '', 角色: '示范村' },
    /* 6 */ { 村名: '河口村', 角色: '提升村' },
    /* 7 */ { 村名: '新庄村', 乡镇: '乙镇', 角色: '未来乡村', 年度: '2027' },
    /* 8 */ { 村名: '小(氵甸)', 乡镇: '甲镇', 角色: 'poetic', 年度: '二〇二五' },
    /* 9 */ { 村名: '小(氵甸)', 乡镇: '甲镇', 角色: '诗画乡村', 年度: '2026年度' },
    /* 10 */ { 区划代码: '1.10109E+11', 村名: '', 角色: '示范村' },
    /* 11 */ { 村名: '北岭', 乡镇: '乙镇' },
  ];

  it('counts added, updated and unchanged rows and rejects the rest, each with its reason, nothing dropped', () => {
    const r = join(table(), { unmatched: 'add' });
    expect(r.matches.map((m) => [m.row, m.how, m.code])).toEqual([
      [2, 'code', A3],
      [3, 'name', A2],
      [7, 'added', 'x-7'],
      [9, 'name+town', A4],
      [11, 'name+town', B2],
    ]);
    expect({ added: r.added, updated: r.updated, unchanged: r.unchanged }).toEqual({ added: 1, updated: 2, unchanged: 2 });
    expect(r.rejected.map((x) => [x.row, x.reason.en])).toEqual([
      [4, `duplicate row for the same village as row 2 (南沟村委会, ${A3})`],
      [5, 'the row has no name and no code'],
      [6, expect.stringMatching(/^the name "河口村" fits 2 villages/)],
      [8, 'year "二〇二五" is not a year (write e.g. 2025 or 2025年)'],
      [10, 'the code "1.10109E+11" was shortened to scientific notation (format the column as text in Excel)'],
    ]);
    expect(r.rejected[0]!.reason.zh).toBe(`与第 2 行重复（同一村庄：南沟村委会，${A3}）`);
    expect(r.rejected[1]!.reason.zh).toBe('该行既无名称也无代码');
    expect(r.matches.length + r.rejected.length).toBe(table().length);
    // Unchanged rows make no command.
    expect(r.commands.map((c) => c.type)).toEqual(['add-villages', 'set-village-role', 'set-village-role']);
  });

  it("keeps each rejected row's original cells, every column, as read", () => {
    const r = join(table(), { unmatched: 'add' });
    expect(r.rejected.map((x) => [x.row, x.cells])).toEqual([4, 5, 6, 8, 10].map((row) => [row, table()[row - 2]]));
    const values = { 村名: '新庄村', 乡镇: '甲镇', 角色: 'xx', 备注: '=A1' };
    const one = joinRows(importRowsPlan(), [{ row: 2, values }], M).rejected[0]!;
    expect(one.cells).toEqual(values);
    expect(one.cells).not.toBe(values);
  });

  it('applies as one new plan with the expected villages; the input plan stays as it was', () => {
    const plan = importRowsPlan();
    const copy = structuredClone(plan);
    const r = joinRows(plan, rows(...table()), M, { unmatched: 'add' });
    const next = applyImport(plan, r);
    expect(plan).toEqual(copy);
    expect(next).not.toBe(plan);
    expect(props(next, A3)).toMatchObject({ role: 'poetic', year: 2025 });
    expect(props(next, A2)).toMatchObject({ role: 'upgrade', year: 2024 });
    expect(props(next, A4)).toMatchObject({ role: 'poetic', year: 2026, name: '小（氵甸）村委会', code: A4, town: '甲镇' });
    expect(props(next, B2)).toEqual(props(plan, B2));
    expect(props(next, 'x-7')).toMatchObject({ name: '新庄村', ...YI, role: 'future', year: 2027, outside_register: true });
    // Everything else is as it was.
    const others = [A1, A5, B1];
    for (const code of others) expect(lookup(next).villageByCode.get(code)).toBe(lookup(plan).villageByCode.get(code));
    expect(next.villages.features).toHaveLength(plan.villages.features.length + 1);
    expect(next.clusters).toBe(plan.clusters);
    expect(next.manifest).toBe(plan.manifest);
    // The same as applying the commands one by one.
    expect(next).toEqual(r.commands.reduce(applyCommand, plan));
  });

  it('applies positions, roles and years of many rows together', () => {
    const plan = importRowsPlan();
    const r = joinRows(plan, rows({ 区划代码: A3, 角色: '诗画乡村', 年度: '2025' }, { 区划代码: B2, 角色: '其他' }, { 区划代码: A5, 经度: '116.045', 纬度: '40.005' }), M, {
      positions: [null, null, [116.045, 40.005]],
    });
    expect(r.commands.map((c) => c.type)).toEqual(['set-village-role', 'set-village-role', 'set-village-position']);
    const next = applyImport(plan, r);
    expect(next).toEqual(r.commands.reduce(applyCommand, plan));
    expect(props(next, B2)).toMatchObject({ role: 'other', year: null });
  });

  it('reports a command that does not fit the plan as the command would', () => {
    const r = joinRows(importRowsPlan(), rows({ 区划代码: A3, 角色: '诗画乡村' }), M);
    const bad = { ...r, commands: [{ type: 'set-village-year' as const, code: 'nope', year: 2025 }] };
    expect(() => applyImport(importRowsPlan(), bad)).toThrow(/setVillageYear: code nope/);
    const wrong = { ...r, commands: [{ type: 'set-village-year' as const, code: A3, year: 2025 }] };
    expect(() => applyImport(importRowsPlan(), wrong)).toThrow(/setVillageYear: year must be null/);
  });

  it('round-trips through the package writer, added villages’ extra property included', () => {
    const plan = importRowsPlan();
    const r = joinRows(plan, rows(...table(), { 村名: '后山村', 经度: '116.15', 纬度: '40.06' }), M, {
      unmatched: 'add',
      positions: [...table().map(() => null), [116.15, 40.06]],
    });
    const next = applyImport(plan, r);
    expect(props(next, 'x-12')).toMatchObject({ outside_register: true });
    const again = planFrom(readFiles(writePlan(next)));
    expect(again).toEqual(next);
    expect(props(again, 'x-12').outside_register).toBe(true);
  });

  it('an import that changes nothing applies as the same plan', () => {
    const plan = importRowsPlan();
    const r = joinRows(plan, rows({ 区划代码: A1, 角色: '示范村', 年度: '2024' }, { 村名: '西庄', 角色: 'upgrade' }), M);
    expect({ updated: r.updated, unchanged: r.unchanged, commands: r.commands }).toEqual({ updated: 0, unchanged: 2, commands: [] });
    expect(applyImport(plan, r)).toBe(plan);
  });

  it('works with a guessed mapping', () => {
    const table = [{ 统计用区划代码: A3, 村庄名称: '南沟村委会', 村庄类型: '诗画乡村', 批次: '2025年' }];
    const mapping = guessColumns(Object.keys(table[0]!), table);
    expect(joinRows(importRowsPlan(), rows(...table), mapping).matches).toEqual([{ row: 2, code: A3, how: 'code', changes: { role: 'poetic', year: 2025 } }]);
  });
});
