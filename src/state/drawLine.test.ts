/**
 * Drawing lines, the pure part, on the hand-worked plan (test/helpers/handPlan.ts: cores D1 at
 * 116.0E 40.0N for c1 and D2 at 116.3E 40.0N for c2, synthetic) and commandsPlan (one corridor road-1).
 */
import { describe, expect, it } from 'vitest';
import { distance, lineString, point, pointToLineDistance } from '@turf/turf';
import { addBelt, addLine, replaceLine } from '../plan/commands';
import { planFrom } from '../io/loadPlan';
import { readFiles, writePlan } from '../io/writePlan';
import { lookup } from '../plan/lookup';
import { CORE1, CORE2, D1, D2, U2, commandsPlan, handPlan } from '../../test/helpers/handPlan';
import type { LineFeature } from '../types/plan';
import { linesArea } from './linesArea';
import {
  beltAlongLine,
  cleanLine,
  clustersAlong,
  drawnLineFeature,
  exactSnap,
  metresPerPixel,
  nearestWithin,
  newLineId,
  renamedLine,
  reshapedLine,
  snapTargets,
} from './drawLine';

const straight = (coordinates: [number, number][]): LineFeature => drawnLineFeature(handPlan(), 'corridors', { name: '测试线', kind: 'road' }, { coordinates, zoom: 11, on: coordinates.map(() => null) });

describe('nearestWithin (snapping on screen)', () => {
  it('picks the nearest point within the distance, inclusive, else -1', () => {
    const pts = [{ x: 30, y: 10 }, { x: 14, y: 13 }, { x: 10, y: 22 }];
    expect(nearestWithin(10, 10, pts, 12)).toBe(1); // 5 px
    expect(nearestWithin(10, 10, pts, 5)).toBe(1); // exactly 5 px: inclusive
    expect(nearestWithin(10, 10, pts, 4.9)).toBe(-1);
    expect(nearestWithin(10, 10, [], 100)).toBe(-1);
  });

  it('keeps the first of equally near points', () => {
    expect(nearestWithin(0, 0, [{ x: 3, y: 4 }, { x: 4, y: 3 }], 10)).toBe(0);
  });
});

describe('exactSnap', () => {
  const targets = snapTargets(handPlan());

  it('lists the located villages only', () => {
    const plan = handPlan();
    expect(targets.length).toBe(lookup(plan).located.features.length);
    expect(targets.length).toBeLessThan(plan.villages.features.length); // O2 has no position
  });

  it('gives vertices a drawing tool rounded the village’s exact coordinates, and says which village', () => {
    const d2 = targets.find((t) => t.code === D2)!.coordinates;
    const { coordinates, on } = exactSnap([[CORE1[0] + 4e-7, CORE1[1] - 3e-7], [116.15, 40.2], [d2[0] - 1e-7, d2[1]]], targets);
    expect(coordinates).toEqual([CORE1, [116.15, 40.2], d2]);
    expect(on).toEqual([D1, null, D2]);
  });

  it('leaves a vertex farther than the tolerance as it is', () => {
    const { coordinates, on } = exactSnap([[CORE1[0] + 1e-4, CORE1[1]]], targets);
    expect(coordinates).toEqual([[CORE1[0] + 1e-4, CORE1[1]]]);
    expect(on).toEqual([null]);
  });
});

describe('cleanLine', () => {
  it('drops repeated consecutive vertices (a double-click) and refuses a line of one point', () => {
    expect(cleanLine([[1, 2], [1, 2], [3, 4], [3, 4]])).toEqual([[1, 2], [3, 4]]);
    expect(cleanLine([[1, 2], [1, 2]])).toBeNull();
    expect(cleanLine([])).toBeNull();
  });
});

describe('drawnLineFeature', () => {
  it('is a new line drawn by hand: a free id, the names, drawn (not surveyed, not schematic), no via or citations', () => {
    const plan = commandsPlan();
    const f = drawnLineFeature(plan, 'corridors', { name: ' 新路 ', name_en: 'New road', kind: 'river' }, { coordinates: [[116, 40], [116, 40], [116.1, 40.05]], zoom: 12, on: [D1, D1, null] });
    expect(f.properties).toMatchObject({ id: 'drawn-1', name: '新路', name_en: 'New road', kind: 'river', geometry_source: 'drawn', via: [], citations: [] });
    expect(f.geometry).toEqual({ type: 'LineString', coordinates: [[116, 40], [116.1, 40.05]] });
    expect(f.properties.source).toBe('drawn on the map in belt-map');
    expect(f.properties.source_zh).toBe('在 belt-map 地图上手绘');
    expect(f.properties.accuracy_zh).toMatch(/按 12\.0 级缩放手绘，约 ±44 米/);
    // 3 px at zoom 12 and 40°N ≈ 3 × 14.6 m.
    expect(f.properties.accuracy).toContain('±44 m');
    expect(f.properties.accuracy).toContain('12.0');
  });

  it('is accepted by addLine and survives the package writer', () => {
    const plan = commandsPlan();
    const f = drawnLineFeature(plan, 'cultureBelts', { name: '文化带', kind: 'road' }, { coordinates: [[116, 40], [116.1, 40.05]], zoom: 10, on: [null, null] });
    expect(f.properties.kind).toBe('culture-belt'); // a culture belt is of kind culture-belt, whatever was asked
    const next = addLine(plan, 'cultureBelts', f);
    expect(next.cultureBelts.features.at(-1)!.properties.id).toBe('drawn-1');
    expect(planFrom(readFiles(writePlan(next)))).toEqual(next);
    expect(newLineId(next)).toBe('drawn-2');
  });

  it('refuses an empty name and a line of one point', () => {
    const plan = commandsPlan();
    const g = { coordinates: [[116, 40], [116.1, 40]], zoom: 10, on: [null, null] };
    expect(() => drawnLineFeature(plan, 'corridors', { name: '  ', kind: 'road' }, g)).toThrow(/name/);
    expect(() => drawnLineFeature(plan, 'corridors', { name: 'x', kind: 'road' }, { ...g, coordinates: [[116, 40], [116, 40]] })).toThrow(/2 different points/);
  });
});

describe('metresPerPixel', () => {
  it('is the 512-px world of MapLibre: the equator’s length over 512 px at zoom 0, halved per zoom level', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78271.52, 1);
    expect(metresPerPixel(3, 60)).toBeCloseTo(78271.52 / 8 / 2, 1);
  });
});

describe('renamedLine, reshapedLine', () => {
  it('renames and keeps everything else', () => {
    const road = commandsPlan().corridors.features[0]!;
    const r = renamedLine(road, { name: '新名', name_en: 'New name' });
    expect(r.properties).toEqual({ ...road.properties, name: '新名', name_en: 'New name' });
    expect(renamedLine(road, { name: '新名' }).properties.name_en).toBe(road.properties.name_en);
    expect(r.geometry).toBe(road.geometry);
  });

  it('a line reshaped by hand is drawn from now on, says what it was, and replaceLine takes it', () => {
    const plan = commandsPlan();
    const road = plan.corridors.features[0]!;
    const moved = reshapedLine(road, { coordinates: [[116.0, 40.0], [116.05, 40.02], [116.1, 40.0]], zoom: 11, on: [null, null, null] });
    expect(moved.properties.geometry_source).toBe('drawn');
    expect(moved.properties.source).toContain(`before: ${road.properties.geometry_source}, ${road.properties.source}`);
    expect(moved.properties.source_zh).toMatch(road.properties.geometry_source === 'schematic' ? /；修改前：示意/ : /；修改前：实测/);
    expect(moved.properties.source_zh).not.toContain(road.properties.source);
    expect(moved.properties.id).toBe(road.properties.id);
    const next = replaceLine(plan, road.properties.id, moved);
    expect(next.corridors.features[0]!.geometry).toEqual({ type: 'LineString', coordinates: [[116.0, 40.0], [116.05, 40.02], [116.1, 40.0]] });
  });
});

describe('clustersAlong and beltAlongLine (串点成线 along a drawn line)', () => {
  it('lists the clusters whose core lies within km, by chainage', () => {
    const plan = handPlan();
    const east = straight([[115.9, 40.0], [116.4, 40.0]]);
    const found = clustersAlong(plan, east, 1);
    expect(found.map((c) => c.id)).toEqual(['c1', 'c2']);
    // Cross-checked with Turf: chainage = distance from the start to the core, distance ≈ 0.
    expect(found[0]!.chainageKm).toBeCloseTo(distance(point([115.9, 40.0]), point(CORE1)), 1);
    expect(found[1]!.distanceKm).toBeCloseTo(pointToLineDistance(point(CORE2), lineString([[115.9, 40.0], [116.4, 40.0]]), { method: 'geodesic' }), 3);
    // Drawn the other way: the other order.
    expect(clustersAlong(plan, straight([[116.4, 40.0], [115.9, 40.0]]), 1).map((c) => c.id)).toEqual(['c2', 'c1']);
  });

  it('leaves out clusters whose core is farther than km (members nearer do not count)', () => {
    const plan = handPlan();
    // 2.5 km east of D1 is U2 (a member of c1); a line through U2 running north–south is 2.5 km from D1.
    const u2 = lookup(plan).villageByCode.get(U2)!.geometry!.coordinates as [number, number];
    const ns = straight([[u2[0], 39.9], [u2[0], 40.1]]);
    expect(clustersAlong(plan, ns, 2).map((c) => c.id)).toEqual([]);
    expect(clustersAlong(plan, ns, 3).map((c) => c.id)).toEqual(['c1']);
  });

  it('makes a belt addBelt takes, with a free id, along the line', () => {
    const plan = commandsPlan();
    const belt = beltAlongLine(plan, 'road-1', ['c2', 'c1'], ' 新带 ');
    expect(belt).toEqual({ id: 'belt-3', name: '新带', name_en: '', clusters: ['c2', 'c1'], along: ['road-1'] });
    expect(addBelt(plan, belt).belts.at(-1)).toEqual(belt);
  });
});

describe('linesArea (连线成片)', () => {
  it('is the engine’s union of the zones, with its area in km²', () => {
    const plan = commandsPlan();
    const { area, km2 } = linesArea(plan, ['road-1'], 1);
    expect(area.properties).toEqual({ km: 1, lineCount: 1 });
    // A 1 km zone around an 8.5 km straight road: 2 × 8.5 + π ≈ 20.2 km².
    const len = distance(point([116.0, 40.0]), point([116.1, 40.0]));
    expect(km2).toBeCloseTo(2 * len + Math.PI, 0);
  });

  it('names a line the plan does not have', () => {
    expect(() => linesArea(commandsPlan(), ['nope'], 1)).toThrow(/nope/);
  });
});
