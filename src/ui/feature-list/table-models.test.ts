/**
 * The feature list's tables as data: what a download writes is the table as shown — its columns (the
 * UI language's headers) and its rows after the filter. Expected values come from the plan and the
 * engines (planMetrics, ZoneCalculator, planIssues), not from the models.
 */
import { describe, expect, it } from 'vitest';
import { commandsPlan } from '../../../test/helpers/handPlan';
import { tableFile } from '../../io/exportPlan';
import { metricsAsOf, planIssues } from '../../state/derive';
import { strings } from '../../state/i18n';
import { ZoneCalculator } from '../../state/zones';
import { clusterModel, rulesModel, statsModels, tableFileData, villageModel, zoneModel } from './table-models';

const none = () => undefined;
const noFilter = { filter: '', onlyUnlocated: false, onlyPlan: false };
const zh = strings('zh-CN');
const en = strings('en');

describe('table models', () => {
  it('villages: the headers of the list in the UI language, the rows the filter keeps, the values shown', () => {
    const plan = commandsPlan();
    const data = tableFileData(villageModel(zh, 'zh-CN', plan, { ...noFilter, onlyUnlocated: true }, none));
    expect(data.title).toBe('村庄');
    expect(data.columns.map((c) => c.label)).toEqual([zh.col.name, zh.col.code, zh.col.town, zh.col.district, zh.col.role, zh.col.year, zh.col.cluster, zh.col.position]);
    const unlocated = plan.villages.features.filter((f) => f.geometry === null);
    expect(data.rows).toHaveLength(unlocated.length);
    expect(data.rows[0]).toMatchObject({ name: unlocated[0]!.properties.short_name, code: unlocated[0]!.properties.code, position: zh.notLocated, year: null });
    const english = tableFileData(villageModel(en, 'en', plan, noFilter, none));
    expect(english.columns[0]!.label).toBe('Name');
    expect(english.rows.map((r) => r['name'])).toEqual(plan.villages.features.map((f) => f.properties.name_en));
    expect(english.rows.map((r) => r['role'])).toEqual(plan.villages.features.map((f) => plan.manifest.roles.find((x) => x.id === f.properties.role)!.label.en));
  });

  it('clusters: core and members by their names, the filter applied', () => {
    const plan = commandsPlan();
    const data = tableFileData(clusterModel(zh, 'zh-CN', plan, { ...noFilter, filter: '甲二' }, none));
    expect(data.rows).toEqual([{ name: '甲二片区', town: expect.any(String), district: expect.any(String), year: 2025, core: '甲四村', members: '甲五村' }]);
  });

  it('villages along a zone: one row per village in the zone, chainage and distance as the numbers shown', () => {
    const plan = commandsPlan();
    const results = new ZoneCalculator().compute(plan, [{ lineId: 'road-1', km: 3 }]);
    const model = zoneModel(zh, 'zh-CN', plan, results, '', none);
    const data = tableFileData(model);
    expect(data.columns.map((c) => c.label)).toEqual([zh.line, zh.chainage, zh.distance, zh.col.name, zh.col.code, zh.col.town, zh.col.role]);
    const villages = results[0]!.villages;
    expect(villages.length).toBeGreaterThan(2);
    expect(data.rows.map((r) => r['code'])).toEqual(villages.map((v) => v.properties.code));
    data.rows.forEach((r, i) => {
      expect(r['chainage']).toBe(Number(villages[i]!.properties.chainageKm.toFixed(1)));
      expect(r['distance']).toBe(Number(villages[i]!.properties.distanceKm.toFixed(2)));
      // What the table shows is the same figure.
      expect(model.columns[1]!.show!(model.rows[i]!)).toBe(villages[i]!.properties.chainageKm.toFixed(1));
    });
    expect(tableFileData(zoneModel(zh, 'zh-CN', plan, results, '甲四', none)).rows.map((r) => r['name'])).toEqual(['甲四村']);
  });

  it('statistics: the towns table with a column per selected role; the file holds it', () => {
    const plan = commandsPlan();
    const m = metricsAsOf(plan, null);
    const data = tableFileData(statsModels(zh, 'zh-CN', plan, m, none).towns);
    const roles = plan.manifest.roles.filter((r) => r.kind !== 'none');
    expect(data.columns.map((c) => c.label)).toEqual([zh.col.town, zh.col.district, zh.tabVillages, zh.located, ...roles.map((r) => r.label.zh), zh.tabClusters]);
    expect(data.rows).toHaveLength(m.towns.length);
    expect(data.rows[0]).toMatchObject({ town: m.towns[0]!.town, villages: m.towns[0]!.villages, clusters: m.towns[0]!.clusters, [`role:${roles[0]!.id}`]: m.towns[0]!.roles[roles[0]!.id] ?? 0 });
    const file = tableFile(data.title, data.columns, data.rows, 'csv');
    expect(file.name).toBe('统计-镇乡.csv');
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes).split('\r\n')[0]).toBe(`\ufeff${data.columns.map((c) => c.label).join(',')}`);
  });

  it('rule check: every issue, with all its features (the table shows the first 12)', () => {
    // Clusters of 2 and 1 members against a rule of 3–5: two issues.
    const base = commandsPlan();
    const plan = { ...base, manifest: { ...base.manifest, rules: [{ rule: 'cluster-size', min: 3, max: 5, source: 'synthetic' }] } } as typeof base;
    const issues = planIssues(plan);
    expect(issues.length).toBeGreaterThan(0);
    const data = tableFileData(rulesModel(zh, 'zh-CN', issues, none));
    expect(data.rows).toHaveLength(issues.length);
    issues.forEach((issue, i) => {
      // The file says the rule as the screen does, by its title (the only rule here is cluster-size).
      expect(issue.rule).toBe('cluster-size');
      expect(data.rows[i]!['rule']).toBe('片区规模');
      expect(String(data.rows[i]!['features'])).toBe(issue.features.map((f) => f.id).join('、'));
    });
  });
});
