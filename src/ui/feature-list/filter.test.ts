/**
 * The feature list's filters (role, year, town, cluster) and its column sort, on the hand-made plan
 * (test/helpers/handPlan: two towns, two clusters of a core and four members each).
 */
import { describe, expect, it } from 'vitest';
import { D1, D2, U1, U5, handPlan } from '../../../test/helpers/handPlan';
import { lookup } from '../../plan/lookup';
import { strings } from '../../state/i18n';
import { NONE, sortRows, villageShown, type ListFilter } from './filter';
import { sortedModel, tableFileData, villageModel } from './table-models';

const base: ListFilter = { filter: '', onlyUnlocated: false, onlyPlan: false };
const plan = handPlan();
const none = lookup(plan).roleOfKind.none!.id;
const shown = (state: Partial<ListFilter>) =>
  plan.villages.features.filter((f) => villageShown(f, { ...base, ...state }, none, lookup(plan).clustersOf)).map((f) => f.properties.code);
const all = plan.villages.features.map((f) => f.properties);

describe('villageShown: the choice filters', () => {
  it('by role: exactly the villages of that role', () => {
    const role = plan.manifest.roles.find((r) => r.kind === 'core')!.id;
    expect(shown({ role })).toEqual(all.filter((p) => p.role === role).map((p) => p.code));
    expect(shown({ role }).length).toBeGreaterThan(0);
  });

  it('by year: those selected that year; "no year" those without one', () => {
    const year = all.find((p) => p.year != null)!.year!;
    expect(shown({ year: String(year) })).toEqual(all.filter((p) => p.year === year).map((p) => p.code));
    expect(shown({ year: NONE })).toEqual(all.filter((p) => p.year == null).map((p) => p.code));
    expect(shown({ year: NONE }).length).toBeGreaterThan(0);
  });

  it('by town, and combined with the text filter', () => {
    const town = all[0]!.town;
    expect(shown({ town })).toEqual(all.filter((p) => p.town === town).map((p) => p.code));
    expect(shown({ town }).length).toBeLessThan(all.length);
    expect(shown({ town, filter: D2 })).toEqual([]);
  });

  it('by cluster: its core and members; "in no cluster" the others', () => {
    const [c1, c2] = plan.clusters;
    expect(new Set(shown({ cluster: c1!.id }))).toEqual(new Set([c1!.core, ...c1!.members]));
    expect(shown({ cluster: c1!.id })).toContain(D1);
    expect(shown({ cluster: c1!.id })).toContain(U1);
    expect(shown({ cluster: c1!.id })).not.toContain(U5);
    const listed = new Set(plan.clusters.flatMap((c) => [c.core, ...c.members]));
    expect(shown({ cluster: NONE })).toEqual(all.filter((p) => !listed.has(p.code)).map((p) => p.code));
    expect(shown({ cluster: c2!.id })).toContain(D2);
  });
});

describe('sortRows', () => {
  it('numbers as numbers, text by collation, empty cells last either way, stable', () => {
    const rows = [{ v: 10 }, { v: null }, { v: 9 }, { v: 100 }, { v: 9 }];
    expect(sortRows(rows, (r) => r.v).map((r) => r.v)).toEqual([9, 9, 10, 100, null]);
    expect(sortRows(rows, (r) => r.v, true).map((r) => r.v)).toEqual([100, 10, 9, 9, null]);
    const nines = sortRows(rows, (r) => r.v).filter((r) => r.v === 9);
    expect(nines[0]).toBe(rows[2]);
    expect(sortRows(['村10', '村9', '', '村1'], (s) => s)).toEqual(['村1', '村9', '村10', '']);
    expect(rows.map((r) => r.v)).toEqual([10, null, 9, 100, 9]);
  });

  it('a table sorted by a column is what its download holds', () => {
    const zh = strings('zh-CN');
    const model = villageModel(zh, 'zh-CN', plan, base, () => undefined);
    const byYear = tableFileData(sortedModel(model, { key: 'year', descending: true })).rows.map((r) => r['year']);
    const years = all.map((p) => p.year);
    const expected = [...years.filter((y): y is number => y != null).sort((a, b) => b - a), ...years.filter((y) => y == null)];
    expect(byYear).toEqual(expected);
    expect(sortedModel(model, null)).toBe(model);
    expect(sortedModel(model, { key: 'no-such-column', descending: false })).toBe(model);
  });
});
