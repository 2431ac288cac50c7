/**
 * Hostile parsed JSON: reserved keys and deep nesting, found without recursion, and a package holding
 * them refused whole by readPackage (never half loaded). All data here is SYNTHETIC, made up for these
 * tests (the package is the real bundled one with ONE hostile feature spliced in as JSON text).
 */
import { describe, expect, it } from 'vitest';
import { readPackageFiles } from '../../test/helpers/bundledPlan';
import { geometryNestingExceeds, hostileFeature, jsonDepthExceeds, MAX_GEOMETRY_NESTING, reservedKeyPath } from './jsonGuard';
import { readPackage } from './validate';

/** A GeometryCollection `depth` deep, as JSON text (so JSON.parse makes it, as from a file). */
export function nestedCollectionText(depth: number): string {
  return `${'{"type":"GeometryCollection","geometries":['.repeat(depth)}{"type":"Point","coordinates":[116.4,39.9]}${']}'.repeat(depth)}`;
}

describe('jsonGuard', () => {
  it('finds reserved keys as JSON.parse makes them (own "__proto__" too), with their path', () => {
    expect(reservedKeyPath(JSON.parse('{"properties":{"__proto__":{"x":1}}}'))).toBe('properties.__proto__');
    expect(reservedKeyPath(JSON.parse('{"geometry":{"type":"Point","coordinates":[0,0],"constructor":"g"}}'))).toBe('geometry.constructor');
    expect(reservedKeyPath(JSON.parse('{"a":[{"b":{"prototype":1}}]}'))).toBe('a[0].b.prototype');
    expect(reservedKeyPath(JSON.parse('{"properties":{"name":"constructor","__proto":1}}'))).toBeNull();
    expect(reservedKeyPath(JSON.parse('{"properties":{"constructor":1}}'), 100, ['properties'])).toBeNull();
  });
  it('measures GeometryCollection nesting up to the limit, and 20,000 deep without overflowing the stack', () => {
    expect(geometryNestingExceeds(JSON.parse(nestedCollectionText(MAX_GEOMETRY_NESTING)))).toBe(false);
    expect(geometryNestingExceeds(JSON.parse(nestedCollectionText(MAX_GEOMETRY_NESTING + 1)))).toBe(true);
    const deep = JSON.parse(nestedCollectionText(20_000));
    expect(geometryNestingExceeds(deep)).toBe(true);
    expect(jsonDepthExceeds(deep)).toBe(true);
    expect(jsonDepthExceeds(JSON.parse('{"a":[[[[1]]]]}'), 5)).toBe(false);
    expect(jsonDepthExceeds(JSON.parse('{"a":[[[[[1]]]]]}'), 5)).toBe(true);
  });
  it('says what is wrong with a feature in both languages', () => {
    const w = hostileFeature(JSON.parse('{"type":"Feature","geometry":null,"properties":{"constructor":"x"}}'))!;
    expect(w.en).toContain('"constructor"');
    expect(w.zh).toContain('“constructor”');
    expect(hostileFeature({ type: 'Feature', geometry: JSON.parse(nestedCollectionText(40)), properties: {} })!.en).toMatch(/GeometryCollections more than 32 deep/);
    expect(hostileFeature({ type: 'Feature', geometry: null, properties: { name: 'x' } })).toBeNull();
  });
});

describe('readPackage refuses hostile features whole', () => {
  /** The bundled package with its first village replaced by `feature` (JSON text). */
  function withVillage(feature: string) {
    const pkg = readPackageFiles('plans/huairou-mentougou/plan.json') as { manifest: unknown; files: Record<string, { features: unknown[] }> };
    const text = JSON.stringify(pkg.files.villages!.features[0]);
    pkg.files.villages!.features[0] = JSON.parse(feature.replace('$F', text.slice(1, -1)));
    return readPackage(pkg);
  }

  it.each([
    ['properties.__proto__', '{$F,"properties":{"code":"x1","name":"甲村","role":"none","__proto__":{"polluted":1}}}'],
    ['properties.constructor', '{$F,"properties":{"code":"x1","name":"甲村","role":"none","constructor":"c"}}'],
    ['prototype', '{$F,"prototype":1}'],
    ['geometry.constructor', '{$F,"geometry":{"type":"Point","coordinates":[116,40],"constructor":"g"}}'],
  ])('%s: no plan, one problem naming the key', (at, feature) => {
    const { plan, problems } = withVillage(feature);
    expect(plan).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe('villages.geojson');
    expect(problems[0]!.message).toContain(`at ${at}`);
    expect(problems[0]!.zh).toContain(`位于 ${at}`);
  });

  it('a 20,000-deep GeometryCollection: a problem, not a stack overflow', () => {
    const { plan, problems } = withVillage(`{$F,"geometry":${nestedCollectionText(20_000)}}`);
    expect(plan).toBeNull();
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^villages\.geojson: feature .*: its geometry nests GeometryCollections more than 32 deep/)]);
  });

  it('a reserved key in the manifest: refused', () => {
    const pkg = readPackageFiles('plans/huairou-mentougou/plan.json');
    const manifest = JSON.parse(JSON.stringify(pkg.manifest).replace('"name":{', '"name":{"__proto__":{"zh":"x"},'));
    const { plan, problems } = readPackage({ ...pkg, manifest });
    expect(plan).toBeNull();
    expect(problems[0]!.message).toBe('plan.json: has the key "__proto__" (at name.__proto__), which JavaScript reserves; rename it');
  });
});
