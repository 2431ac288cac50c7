/**
 * Hostile imported files: property keys JavaScript reserves are left out and reported, too deep a
 * GeometryCollection refuses the file with a message (not a stack overflow). All files here are
 * SYNTHETIC, written in the test.
 */
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadBundledPlan } from '../../../test/helpers/bundledPlan';
import { importIntoPlan } from '../importFile';
import { ImportReadError, readImportFile, type FeaturesRead } from './index.js';

const KEYS = '"__proto__":{"polluted":"yes"},"constructor":"c","prototype":"p"';
const point = (props: string) => `{"type":"Feature","geometry":{"type":"Point","coordinates":[116.4,39.9]},"properties":{"name":"甲村",${props}}}`;
const fc = (...features: string[]) => strToU8(`{"type":"FeatureCollection","features":[${features.join(',')}]}`);

async function readError(p: Promise<unknown>): Promise<ImportReadError> {
  const e = await p.then(() => new Error('expected a rejection'), (x: unknown) => x);
  expect(e).toBeInstanceOf(ImportReadError);
  return e as ImportReadError;
}

describe('reserved property keys', () => {
  it('GeoJSON: left out of the properties (prototype untouched) and listed in reservedKeys', async () => {
    const read = (await readImportFile('a.geojson', fc(point(KEYS)))) as FeaturesRead;
    const props = read.features[0]!.properties!;
    expect(Object.keys(props)).toEqual(['name']);
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect((props as Record<string, unknown>).polluted).toBeUndefined();
    expect(read.reservedKeys?.sort()).toEqual(['__proto__', 'constructor', 'prototype']);
  });

  it('KML ExtendedData named "constructor": left out and listed', async () => {
    const kml = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>甲村</name>
      <ExtendedData><Data name="constructor"><value>c</value></Data><Data name="镇"><value>乙镇</value></Data></ExtendedData>
      <Point><coordinates>116.4,39.9</coordinates></Point></Placemark></Document></kml>`;
    const read = (await readImportFile('a.kml', strToU8(kml))) as FeaturesRead;
    expect(Object.hasOwn(read.features[0]!.properties!, 'constructor')).toBe(false);
    expect(read.features[0]!.properties!['镇']).toBe('乙镇');
    expect(read.reservedKeys).toEqual(['constructor']);
  });

  it('a reserved key in a geometry refuses the file, naming the feature and the key', async () => {
    const bad = '{"type":"Feature","geometry":{"type":"Point","coordinates":[116.4,39.9],"constructor":"g"},"properties":{}}';
    const e = await readError(readImportFile('b.geojson', fc(point('"x":1'), bad)));
    expect(e.message).toBe('b.geojson: feature 2: has the key "constructor" (at geometry.constructor), which JavaScript reserves; rename it');
    expect(e.zh).toContain('b.geojson：第 2 个要素：含有 JavaScript 保留的键 “constructor”');
  });

  it('importIntoPlan says so in a warning, in both languages', async () => {
    const plan = loadBundledPlan();
    const { report } = await importIntoPlan(plan, { name: 'a.geojson', bytes: fc(point(KEYS)) }, { unmatched: 'add' });
    const w = report.warnings.find((x) => x.en.includes('JavaScript reserves'));
    expect(w?.en).toMatch(/"__proto__", "constructor", "prototype" were left out/);
    expect(w?.zh).toMatch(/属性 "__proto__"、"constructor"、"prototype" 未读取/);
  });
});

describe('deep nesting', () => {
  const nested = (depth: number) => `${'{"type":"GeometryCollection","geometries":['.repeat(depth)}{"type":"Point","coordinates":[116.4,39.9]}${']}'.repeat(depth)}`;
  it('a 20,000-deep GeometryCollection: refused with a message, not "Maximum call stack size exceeded"', async () => {
    const e = await readError(readImportFile('deep.geojson', strToU8(nested(20_000))));
    expect(e.message).toBe('deep.geojson: feature 1: its geometry nests GeometryCollections more than 32 deep; it is not read');
    expect(e.zh).toBe('deep.geojson：第 1 个要素：几何中 GeometryCollection 嵌套超过 32 层，无法读取');
  });
  it('32 deep is still read', async () => {
    const read = (await readImportFile('ok.geojson', strToU8(nested(32)))) as FeaturesRead;
    expect(read.features).toHaveLength(1);
  });
});

describe('deep nesting in KML', () => {
  it('20,000 nested Folders: refused with a message, not a stack overflow', async () => {
    const depth = 20_000;
    const kml = `<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${'<Folder>'.repeat(depth)}<Placemark><name>深</name><Point><coordinates>116.4,39.9</coordinates></Point></Placemark>${'</Folder>'.repeat(depth)}</Document></kml>`;
    const e = await readError(readImportFile('deep.kml', strToU8(kml)));
    expect(e.message).toMatch(/^deep\.kml: nested too deeply to read/);
    expect(e.zh).toMatch(/^deep\.kml：嵌套过深，无法读取/);
  });
});

describe('table headers JavaScript reserves', () => {
  it('a CSV column headed __proto__ stays a column of its own (the row keeps its prototype)', async () => {
    const read = await readImportFile('t.csv', strToU8('__proto__,constructor,村名\nx,y,甲村\n'));
    expect(read.kind).toBe('table');
    const values = (read as { rows: { values: Record<string, string> }[] }).rows[0]!.values;
    expect(Object.keys(values)).toEqual(['__proto__', 'constructor', '村名']);
    expect(Object.getOwnPropertyDescriptor(values, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(structuredClone(values)).toEqual(values);
  });
});
