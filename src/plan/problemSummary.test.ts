/**
 * summarizeProblems: a banner-sized message however many problems there are. The problems are
 * SYNTHETIC (made up here), shaped like geojson-validation's per-position complaints.
 */
import { describe, expect, it } from 'vitest';
import { problem, featureEntry, type PlanProblem } from './problems';
import { clipText, summarizeProblems } from './problemSummary';

const LEAD = { en: 'The plan package is not valid', zh: '规划数据包无效' };
/** One problem whose message lists `positions` ring positions, as a long geojson-validation trace does. */
const ringProblem = (i: number, positions: number): PlanProblem =>
  problem(
    { file: 'districts.geojson', entry: featureEntry(`d${i}`) },
    {
      en: `is not a valid GeoJSON Feature (RFC 7946): ${Array.from({ length: positions }, (_, k) => `position ${k} [116.${k}, 39.${k}] is not closed`).join('; ')}`,
      zh: `不是有效的 GeoJSON 要素（RFC 7946）：${Array.from({ length: positions }, (_, k) => `第 ${k} 个位置 [116.${k}, 39.${k}] 未闭合`).join('；')}`,
    },
  );

describe('summarizeProblems', () => {
  it('a 60,000-character list becomes a short message naming the file, the first 5 problems and how many more', () => {
    const problems = Array.from({ length: 40 }, (_, i) => ringProblem(i, 40));
    problems.push(problem({ file: 'plan.json', field: 'format' }, { en: '"format" is wrong', zh: '“format” 有误' }));
    expect(problems.reduce((n, p) => n + p.message.length, 0)).toBeGreaterThan(60_000);
    const s = summarizeProblems(LEAD, problems);
    for (const text of [s.en, s.zh]) expect(text.length).toBeLessThan(1_200);
    expect(s.en.startsWith('The plan package is not valid: 41 problems in districts.geojson, plan.json: districts.geojson: feature d0: ')).toBe(true);
    expect(s.zh.startsWith('规划数据包无效：districts.geojson、plan.json 中有 41 个问题：districts.geojson：要素 d0：')).toBe(true);
    for (const id of ['d0', 'd1', 'd2', 'd3', 'd4']) expect(s.en).toContain(`feature ${id}:`);
    expect(s.en).not.toContain('feature d5:');
    expect(s.en.endsWith('(and 36 more)')).toBe(true);
    expect(s.zh.endsWith('（另有 36 个问题）')).toBe(true);
  });
  it('a single short problem is quoted whole, without a count of more', () => {
    const p = problem({ file: 'villages.geojson', entry: featureEntry('v1'), field: 'role' }, { en: 'role "x" is unknown', zh: '角色 "x" 未知' });
    expect(summarizeProblems(LEAD, [p])).toEqual({
      en: 'The plan package is not valid: 1 problem in villages.geojson: villages.geojson: feature v1: role "x" is unknown',
      zh: '规划数据包无效：villages.geojson 中有 1 个问题：villages.geojson：要素 v1：角色 "x" 未知',
    });
  });
  it('clipText cuts by characters, never inside a surrogate pair', () => {
    expect(clipText('abcdef', 4)).toBe('abc…');
    expect(clipText('abc', 4)).toBe('abc');
    expect(clipText('𠀀𠀀𠀀𠀀𠀀', 3)).toBe('𠀀𠀀…');
  });
});
