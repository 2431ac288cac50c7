/**
 * Import file readers against small real-format fixtures in test/fixtures/import/ (synthetic: written by
 * make-fixtures.mjs there with iconv, GDAL ogr2ogr, SheetJS and fflate) and inline ones.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportReadError, readImportFile, type FeaturesRead, type ImportRead, type TableRead } from './index.js';

const FIX = resolve(import.meta.dirname, '../../../test/fixtures/import');
const fixture = (name: string) => new Uint8Array(readFileSync(resolve(FIX, name)));
const read = (name: string, options?: Parameters<typeof readImportFile>[2]) => readImportFile(name, fixture(name), options);
const table = (r: ImportRead): TableRead => {
  if (r.kind !== 'table') throw new Error(`expected a table, got ${r.kind}`);
  return r;
};
const features = (r: ImportRead): FeaturesRead => {
  if (r.kind !== 'features') throw new Error(`expected features, got ${r.kind}`);
  return r;
};
const COLUMNS = ['区划代码', '村名', '乡镇', '角色', '年度', '经度', '纬度'];
async function readError(p: Promise<unknown>): Promise<ImportReadError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImportReadError);
    return e as ImportReadError;
  }
  throw new Error('expected an ImportReadError');
}

describe('CSV / TXT', () => {
  it('reads a GBK CSV as GB18030, with true row numbers across a blank line and a quoted comma', async () => {
    const t = table(await read('villages-gbk.csv'));
    expect(t).toMatchObject({ format: 'csv', encoding: 'GB18030', delimiter: ',', columns: COLUMNS });
    expect(t.rows.map((r) => r.row)).toEqual([2, 3, 5, 6, 7]);
    expect(t.rows[0]!.values).toMatchObject({ 区划代码: '110109007204', 村名: '琉璃渠村', 乡镇: '龙泉地区', 角色: '示范村', 年度: '2025' });
    expect(t.rows[1]!.values.年度).toBe('2025年');
    expect(t.rows[4]!.values.村名).toBe('爨底下村（古村落, 明清）');
  });

  it('reads a UTF-8 CSV with a BOM and semicolons, header cells trimmed', async () => {
    const t = table(await read('villages-bom-semicolon.csv'));
    expect(t).toMatchObject({ encoding: 'UTF-8 (BOM)', delimiter: ';', columns: COLUMNS });
    expect(t.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(t.rows[0]!.values.村名).toBe('琉璃渠村');
  });

  it('reads a tab-separated TXT and skips trailing empty lines', async () => {
    const t = table(await read('villages-tab.txt'));
    expect(t).toMatchObject({ encoding: 'UTF-8', delimiter: '\t', columns: COLUMNS });
    expect(t.rows).toHaveLength(5);
    expect(t.rows[4]!.values).toMatchObject({ 村名: '爨底下村', 区划代码: '' });
  });

  it('numbers a row by the line it starts on when a quoted field spans lines', async () => {
    const text = '\n名称;备注\n"琉璃渠村";"第一行\n第二行"\n\n  ;  \n灵水村;x\n';
    const t = table(await readImportFile('notes.csv', strToU8(text)));
    expect(t.delimiter).toBe(';');
    expect(t.columns).toEqual(['名称', '备注']);
    expect(t.rows).toEqual([
      { row: 3, values: { 名称: '琉璃渠村', 备注: '第一行\n第二行' } },
      { row: 7, values: { 名称: '灵水村', 备注: 'x' } },
    ]);
  });

  it('names empty and repeated header cells, widens for extra values, handles CRLF and a single column', async () => {
    const t = table(await readImportFile('a.csv', strToU8('村名,,村名\r\n琉璃渠村,1,2,extra\r\n')));
    expect(t.columns).toEqual(['村名', 'column 2', '村名 (2)', 'column 4']);
    expect(t.rows[0]).toEqual({ row: 2, values: { 村名: '琉璃渠村', 'column 2': '1', '村名 (2)': '2', 'column 4': 'extra' } });
    const one = table(await readImportFile('names.txt', strToU8('村名\n琉璃渠村\n三家店村\n')));
    expect(one.columns).toEqual(['村名']);
    expect(one.rows.map((r) => r.values.村名)).toEqual(['琉璃渠村', '三家店村']);
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text")', async () => {
    const s = '村名\t年度\n琉璃渠村\t2025\n';
    const bytes = new Uint8Array(2 + s.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < s.length; i++) new DataView(bytes.buffer).setUint16(2 + i * 2, s.charCodeAt(i), true);
    const t = table(await readImportFile('unicode.txt', bytes));
    expect(t).toMatchObject({ encoding: 'UTF-16LE', delimiter: '\t', columns: ['村名', '年度'] });
    expect(t.rows[0]!.values.村名).toBe('琉璃渠村');
  });

  it('rejects an empty file, naming it in English and Chinese', async () => {
    for (const bytes of [new Uint8Array(), strToU8(' \r\n\n')]) {
      const e = await readError(readImportFile('村庄.csv', bytes));
      expect(e.message).toBe('村庄.csv: the file is empty');
      expect(e.zh).toBe('村庄.csv：文件是空的');
    }
  });
});

describe('XLSX', () => {
  it('reads the first sheet with data, lists the sheets with data, shows cells as displayed', async () => {
    const t = table(await read('villages.xlsx'));
    expect(t).toMatchObject({ format: 'xlsx', sheets: ['村庄', '道路'], sheet: '村庄' });
    expect(t.columns).toEqual([...COLUMNS, '面积', '公布日期']);
    expect(t.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(t.rows[0]!.values).toMatchObject({ 区划代码: '110109007204', 村名: '琉璃渠村', 年度: '2025', 经度: '116.0815', 面积: '0.3', 公布日期: '2024-03-05' });
    expect(t.rows[1]!.values.年度).toBe('2025年');
    expect(t.rows[4]!.values.区划代码).toBe('');
  });

  it('reads a chosen sheet, keeping sheet row numbers over a blank row', async () => {
    const t = table(await read('villages.xlsx', { sheet: '道路' }));
    // The sheets with data are listed still, for a chooser to offer them again.
    expect(t.sheets).toEqual(['村庄', '道路']);
    expect(t).toMatchObject({ sheet: '道路', columns: ['名称', '类型'] });
    expect(t.rows).toEqual([
      { row: 2, values: { 名称: '永定河文化带', 类型: '文化带' } },
      { row: 4, values: { 名称: '109国道', 类型: '廊道' } },
    ]);
  });

  it('says which sheets there are when the chosen one is missing', async () => {
    const e = await readError(read('villages.xlsx', { sheet: '规划' }));
    expect(e.message).toBe('villages.xlsx: sheet "规划" not found (sheets: 说明, 村庄, 道路)');
    expect(e.zh).toContain('找不到工作表“规划”');
  });
});

describe('KML / KMZ', () => {
  const check = (r: FeaturesRead, format: 'kml' | 'kmz') => {
    expect(r).toMatchObject({ format, encoding: 'UTF-8', crs: 'WGS84' });
    expect(r.features).toHaveLength(3);
    const [a, b, line] = r.features;
    expect(a!.geometry).toEqual({ type: 'Point', coordinates: [116.0815, 39.9685, 0] });
    expect(a!.properties).toEqual({ name: '琉璃渠村', description: '琉璃之乡 <b>龙泉镇</b>', 区划代码: '110109007204', 年度: '2025', folder: '村庄/示范村' });
    expect(b!.properties).toEqual({ name: '灵水村 & 举人村', folder: '村庄/示范村' });
    expect(line!.geometry?.type).toBe('LineString');
    expect(line!.properties).toEqual({ name: '永定河文化带', folder: '路线' });
  };
  it('reads an 奥维-style KML: nested folders, ExtendedData, CDATA description, a line', async () => {
    check(features(await read('ovital.kml')), 'kml');
  });
  it('reads the KMZ (doc.kml in a zip)', async () => {
    check(features(await read('ovital.kmz')), 'kmz');
  });
  it('sniffs a KML by content and reads a GBK-declared one', async () => {
    const kml = '<?xml version="1.0" encoding="GBK"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>琉璃渠村</name><Point><coordinates>116.08,39.97</coordinates></Point></Placemark></kml>';
    const gbkName = new Uint8Array([0xc1, 0xf0, 0xc1, 0xa7, 0xc7, 0xfe, 0xb4, 0xe5]); // 琉璃渠村 in GBK
    expect(new TextDecoder('gb18030').decode(gbkName)).toBe('琉璃渠村');
    const [before, after] = kml.split('琉璃渠村') as [string, string];
    const bytes = new Uint8Array([...strToU8(before), ...gbkName, ...strToU8(after)]);
    const r = features(await readImportFile('export', bytes));
    expect(r).toMatchObject({ format: 'kml', encoding: 'GB18030' });
    expect(r.features[0]!.properties!.name).toBe('琉璃渠村');
  });
  it('reports malformed XML with its position', async () => {
    const e = await readError(readImportFile('bad.kml', strToU8('<kml>\n<Placemark><name>x</Placemark></kml>')));
    expect(e.message).toMatch(/^bad\.kml: not valid XML \(end tag <\/Placemark> does not match <name> at line 2, column \d+\)$/);
  });
  it('a KMZ without a KML says so', async () => {
    const e = await readError(readImportFile('empty.kmz', zipSync({ 'a.txt': strToU8('x') })));
    expect(e.message).toBe('empty.kmz: no .kml in the archive');
  });
});

describe('GPX', () => {
  it('turns tracks and routes into lines and waypoints into points', async () => {
    const r = features(await read('survey.gpx'));
    expect(r).toMatchObject({ format: 'gpx', crs: 'WGS84' });
    const byType = (t: string) => r.features.filter((f) => f.properties!.gpxType === t);
    const [trk] = byType('track');
    expect(trk!.geometry).toEqual({ type: 'MultiLineString', coordinates: [[[116.0815, 39.9685, 120], [116.083, 39.965, 118]], [[116.085, 39.96], [116.0905, 39.956]]] });
    expect(trk!.properties).toMatchObject({ name: '踏勘轨迹', type: 'walking' });
    const [rte] = byType('route');
    expect(rte!.geometry).toEqual({ type: 'LineString', coordinates: [[116.0815, 39.9685], [116.085, 39.96], [116.0905, 39.956]] });
    expect(rte!.properties!.name).toBe('进村道路');
    const wpts = byType('waypoint');
    expect(wpts.map((f) => f.properties!.name)).toEqual(['琉璃渠村', '三家店村']);
    expect(wpts[0]!.geometry).toEqual({ type: 'Point', coordinates: [116.0815, 39.9685, 120] });
    expect(wpts[0]!.properties!.desc).toBe('村委会');
    // Properties are strings and numbers only.
    for (const f of r.features) for (const v of Object.values(f.properties!)) expect(['string', 'number']).toContain(typeof v);
  });
});

describe('Shapefile zip', () => {
  const PRJ_START = 'PROJCS["CGCS2000_3_Degree_GK_CM_117E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"';
  const checkVillages = (r: FeaturesRead) => {
    expect(r.format).toBe('shapefile');
    expect(r.features).toHaveLength(5);
    const [a] = r.features;
    expect(a!.properties).toEqual({ code: '110109007204', name: '琉璃渠村', town: '龙泉地区', role: '示范村', year: 2025, lon: 116.0815, lat: 39.9685 });
    // In the file's own coordinates (CGCS2000 GK CM 117E, as GDAL projected them), not reprojected.
    const [x, y] = (a!.geometry as { coordinates: number[] }).coordinates as [number, number];
    expect(x).toBeCloseTo(421529.119, 2);
    expect(y).toBeCloseTo(4426435.502, 2);
    expect(r.features[4]!.properties!.name).toBe('爨底下村');
  };
  it('decodes the DBF by a .cpg of 936 and returns the .prj text', async () => {
    const r = features(await read('villages-shp-cpg936.zip'));
    checkVillages(r);
    expect(r).toMatchObject({ encoding: 'GB18030', encodingSource: 'cpg', layer: 'villages' });
    expect(r.prj?.startsWith(PRJ_START)).toBe(true);
    expect(r.prj).toContain('PROJECTION["Gauss_Kruger"]');
    expect(r.crs).toBeUndefined();
  });
  it('without a .cpg, by the DBF language driver byte 0x4D', async () => {
    const r = features(await read('villages-shp-ldid.zip'));
    checkVillages(r);
    expect(r).toMatchObject({ encoding: 'GB18030', encodingSource: 'ldid' });
  });
  it('with neither (LDID 0x57 "ANSI"), by the bytes: not UTF-8 → GB18030; no .prj, in a folder', async () => {
    const r = features(await read('villages-shp-guess.zip'));
    checkVillages(r);
    expect(r).toMatchObject({ encoding: 'GB18030', encodingSource: 'guess' });
    expect(r.prj).toBeUndefined();
  });
  it('chooses among several layers', async () => {
    const src = Object.fromEntries(Object.entries((await import('fflate')).unzipSync(fixture('villages-shp-cpg936.zip'))));
    const two = zipSync({ ...src, 'roads.shp': src['villages.shp']!, 'roads.dbf': src['villages.dbf']! });
    const r = features(await readImportFile('two.zip', two));
    expect(r).toMatchObject({ layers: ['roads', 'villages'], layer: 'roads' });
    expect(features(await readImportFile('two.zip', two, { layer: 'villages' })).layer).toBe('villages');
    const e = await readError(readImportFile('two.zip', two, { layer: 'x' }));
    expect(e.message).toBe('two.zip: layer "x" not found (layers: roads, villages)');
  });
  it('a zip with no .shp says so', async () => {
    const e = await readError(readImportFile('xxx.zip', zipSync({ 'villages.dbf': new Uint8Array(40), 'readme.txt': strToU8('x') })));
    expect(e.message).toBe('xxx.zip: no .shp in the archive (a .dbf alone has no geometry)');
    const e2 = await readError(readImportFile('xxx.zip', zipSync({ 'readme.txt': strToU8('x') })));
    expect(e2.message).toMatch(/^xxx\.zip: no \.shp in the archive/);
    expect(e2.zh).toBe('xxx.zip：压缩包中没有 .shp 文件（也没有 .kml 或 plan.json）');
  });
});

describe('plan package', () => {
  it('returns the files of a zip holding plan.json, relative to its folder', async () => {
    const r = await read('plan-package.zip');
    if (r.kind !== 'package') throw new Error(r.kind);
    expect(Object.keys(r.files).sort()).toEqual(['plan.json', 'villages.geojson']);
    expect(JSON.parse(new TextDecoder().decode(r.files['plan.json']))).toMatchObject({ id: 'fixture' });
  });
});

describe('GeoJSON', () => {
  const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [116.08, 39.97] }, properties: { name: '琉璃渠村', n: 3, ok: true, tags: ['a'], none: null } }] };
  it('reads a FeatureCollection, a Feature, a bare geometry; properties as strings and numbers', async () => {
    const r = features(await readImportFile('v.geojson', strToU8(JSON.stringify(fc))));
    expect(r).toMatchObject({ format: 'geojson', crs: 'WGS84', encoding: 'UTF-8' });
    expect(r.features[0]!.properties).toEqual({ name: '琉璃渠村', n: 3, ok: 'true', tags: '["a"]' });
    const f = features(await readImportFile('f.json', strToU8(JSON.stringify(fc.features[0]))));
    expect(f.features).toHaveLength(1);
    const g = features(await readImportFile('g', strToU8('{"type":"LineString","coordinates":[[0,0],[1,1]]}')));
    expect(g.features[0]!.geometry.type).toBe('LineString');
  });
  it('reports an old-style crs member', async () => {
    const r = features(await readImportFile('p.geojson', strToU8(JSON.stringify({ ...fc, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4548' } } }))));
    expect(r.crs).toBe('EPSG:4548');
  });
  it('reports invalid JSON with its line and column', async () => {
    const e = await readError(readImportFile('bad.geojson', strToU8('{\n  "type": "FeatureCollection",\n  "features": [,]\n}')));
    expect(e.message).toMatch(/^bad\.geojson: not valid JSON at line 3, column 16: /);
    expect(e.zh).toMatch(/^bad\.geojson：不是有效的 JSON（第 3 行第 16 列）/);
  });
  it('rejects JSON that is not GeoJSON', async () => {
    const e = await readError(readImportFile('x.json', strToU8('{"villages": []}')));
    expect(e.message).toBe('x.json: not GeoJSON (no FeatureCollection, Feature or geometry)');
  });
});

describe('JSON error position (for engines that give none)', async () => {
  const { jsonErrorOffset, jsonErrorPosition } = await import('./geojson.js');
  it('finds the first syntax error', () => {
    expect(jsonErrorOffset('{"a": [1, 2,]}')).toBe(12);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
    expect(jsonErrorOffset('{"a": "x\\q"}')).toBe(9);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": 1')).toBe(7);
    expect(jsonErrorPosition('{\n"a" 1}', 'Unexpected number')).toEqual({ line: 2, column: 5 });
    expect(jsonErrorPosition('', 'at line 4 column 2 of the JSON data')).toEqual({ line: 4, column: 2 });
  });
});

describe('built-in XML parser (Node and workers have no DOMParser)', async () => {
  const { parseXmlMini } = await import('./xml.js');
  it('gives togeojson the DOM it reads: names, namespaces, attributes, entities, CDATA, comments', () => {
    const doc = parseXmlMini('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><a xmlns="urn:a" xmlns:b="urn:b" k=\'v &lt; w\'><!-- c --><b:c n="1">x &amp; y &#x6751;</b:c><d><![CDATA[<i>z</i>]]></d><e/></a>');
    const a = doc.documentElement;
    expect(a.tagName).toBe('a');
    expect(a.getAttribute('k')).toBe('v < w');
    expect(a.getAttribute('missing')).toBeNull();
    const c = doc.getElementsByTagName('b:c')[0]!;
    expect(c.localName).toBe('c');
    expect(c.namespaceURI).toBe('urn:b');
    expect(c.textContent).toBe('x & y 村');
    expect(doc.getElementsByTagNameNS('urn:b', '*')).toHaveLength(1);
    expect(doc.getElementsByTagNameNS('urn:a', 'e')).toHaveLength(1);
    const d = doc.getElementsByTagName('d')[0]!;
    expect(d.childNodes.item(0)!.nodeType).toBe(4);
    expect(d.textContent).toBe('<i>z</i>');
    expect(a.textContent).toBe('x & y 村<i>z</i>');
    expect(Array.from(a.children).map((e) => e.tagName)).toEqual(['b:c', 'd', 'e']);
    expect(c.parentNode).toBe(a);
  });
  it('rejects what is not well-formed', () => {
    expect(() => parseXmlMini('<a><b></a>')).toThrow(/does not match/);
    expect(() => parseXmlMini('<a>')).toThrow(/not closed/);
    expect(() => parseXmlMini('<a/><b/>')).toThrow(/second root/);
    expect(() => parseXmlMini('plain text')).toThrow();
  });
});

describe('DBF reader', async () => {
  const { readDbf } = await import('./dbf.js');
  const { unzipSync } = await import('fflate');
  const dbf = unzipSync(fixture('villages-shp-cpg936.zip'))['villages.dbf']!;
  it('reads fields and typed values; a .cpg of UTF-8 over GBK bytes is not believed', () => {
    const r = readDbf(dbf, 'UTF-8');
    expect(r.encodingSource).toBe('guess');
    expect(r.encoding).toBe('GB18030');
    expect(r.fields.map((f) => `${f.name}:${f.type}`)).toEqual(['code:C', 'name:C', 'town:C', 'role:C', 'year:N', 'lon:N', 'lat:N']);
    expect(r.records[0]).toMatchObject({ name: '琉璃渠村', year: 2025 });
  });
  it('honours other .cpg spellings and skips deleted records', () => {
    for (const cpg of ['GBK', 'CP936', 'GB2312', 'ANSI 936', 'gb18030']) expect(readDbf(dbf, cpg)).toMatchObject({ label: 'gb18030', encodingSource: 'cpg' });
    const copy = new Uint8Array(dbf);
    const headerLen = new DataView(copy.buffer).getUint16(8, true);
    copy[headerLen] = 0x2a; // '*' on the first record
    const r = readDbf(copy);
    expect(r.records[0]).toBeNull();
    expect(r.records[1]).toMatchObject({ name: '三家店村' });
  });
});

describe('numbers as displayed', async () => {
  const { plainNumber } = await import('./xlsx.js');
  it('has no float noise and no exponent for codes', () => {
    expect(plainNumber(0.1 + 0.2)).toBe('0.3');
    expect(plainNumber(110109007204)).toBe('110109007204');
    expect(plainNumber(2025)).toBe('2025');
    expect(plainNumber(-1.5e-7)).toBe('-0.00000015');
  });
});
