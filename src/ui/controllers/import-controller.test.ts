/**
 * importPreview: what the map previews for an import, from a real import of a small CSV (written here)
 * into the synthetic test plan of test/helpers/handPlan.ts (importRowsPlan).
 */
import { describe, expect, it } from 'vitest';
import { importIntoPlan } from '../../io/importFile';
import { A1, A2, A3, B2, importRowsPlan } from '../../../test/helpers/handPlan';
import { importPreview } from './import-controller';

const csv = (text: string) => ({ name: 'x.csv', bytes: new TextEncoder().encode(text) });

describe('importPreview', () => {
  it('a point per accepted row with a position, its status; a moved village gets a link from its old position', async () => {
    const plan = importRowsPlan();
    const { plan: next, report } = await importIntoPlan(
      plan,
      csv(
        [
          '区划代码,村名,角色,年度,经度,纬度',
          `${A1},东庄村,示范村,2024,116.0,40.0`, // unchanged: same role, year and position
          `${A2},西庄村,提升村,2025,116.011,40.0`, // updated and moved
          `${A3},南沟村,,,,`, // unchanged, no position given: keeps its own
          `${B2},北岭社区,,,,`, // matched, unlocated: nothing to draw
          ',新村,提升村,2025,116.05,40.02', // added outside the register
        ].join('\n'),
      ),
      { crs: 'WGS84', unmatched: 'add' },
    );
    expect([report.added, report.updated, report.unchanged]).toEqual([1, 1, 3]);
    const fc = importPreview(plan, next, report);
    const added = report.matches.find((m) => m.how === 'added')!.code;
    expect(fc.features.map((f) => [f.properties!['status'], f.properties!['code'], f.geometry])).toEqual([
      ['unchanged', A1, { type: 'Point', coordinates: [116.0, 40.0] }],
      ['updated', A2, { type: 'Point', coordinates: [116.011, 40.0] }],
      ['moved', A2, { type: 'LineString', coordinates: [[116.01, 40.0], [116.011, 40.0]] }],
      ['unchanged', A3, { type: 'Point', coordinates: [116.02, 40.01] }],
      ['added', added, { type: 'Point', coordinates: [116.05, 40.02] }],
    ]);
    expect(fc.features[0]!.properties!['name']).toBe('东庄村');
    // The input plans are not changed by the preview.
    expect(importPreview(plan, next, report)).toEqual(fc);
  });

  it('a new line from a lines import; nothing for a file that changes nothing', async () => {
    const plan = importRowsPlan();
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: '踏勘路' }, geometry: { type: 'LineString', coordinates: [[116, 40], [116.02, 40.01]] } }],
    });
    const lines = await importIntoPlan(plan, { name: 'r.geojson', bytes: new TextEncoder().encode(geojson) }, { as: 'corridor' });
    const fc = importPreview(plan, lines.plan, lines.report);
    expect(fc.features).toEqual([
      { type: 'Feature', properties: { status: 'line', name: '踏勘路', id: lines.report.lines[0]!.id }, geometry: { type: 'LineString', coordinates: [[116, 40], [116.02, 40.01]] } },
    ]);
    const none = await importIntoPlan(plan, csv(`区划代码,村名\n${B2},北岭社区`));
    expect(none.plan).toBe(plan);
    expect(importPreview(plan, none.plan, none.report).features).toEqual([]);
  });
});
