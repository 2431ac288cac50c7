/**
 * The export writers one by one: CSV fields, safe file names, the UTF-8 DBF, the .prj WKT, Shapefile
 * layers and XLSX workbooks — each read back with the project's own readers (and papaparse, SheetJS),
 * so what is written is checked by what reads it, not by the writer's own idea of it.
 */
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Geometry, Position } from 'geojson';
import { crsFromPrj, gaussKrugerZone, type CrsId } from '../crs';
import { readDbf } from '../readers/dbf';
import { readShapefile } from '../readers/shapefile';
import { csvField, csvText } from './csv';
import { DBF_MAX_TEXT_BYTES, utf8Within, writeDbf } from './dbf';
import { safeFileStem } from './fileName';
import { esriWkt } from './prj';
import { shapefileFiles, type ShapefileLayer } from './shapefile';
import { sheetName, workbookBytes } from './xlsx';

const utf8 = new TextDecoder('utf-8', { fatal: true });

describe('csvField and csvText', () => {
  it('defuses text a spreadsheet would run as a formula, and leaves plain numbers alone', () => {
    for (const f of ['=1+1', '+86 10', '-x', '@SUM(A1)', '\tx', '\rx']) expect(csvField(f)).toBe(`"'${f.replace(/"/g, '""')}"`);
    for (const n of ['-3.5', '+2', '1e-3', '-0.25']) expect(csvField(n)).toBe(n);
    expect(csvField(-116.25)).toBe('-116.25');
  });

  it('quotes a comma, a quote or a line break as RFC 4180 says; null and undefined are empty', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('writes a BOM and CRLF lines that papaparse reads back cell for cell', () => {
    const rows = [
      ['名称', '说明', '数'],
      ['琉璃渠村委会', '古村落, "明清"\r\n第二行', 116.123456789012],
      ['小（氵甸）村委会', '', -0.5],
    ];
    const text = csvText(rows);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/"[^"]*(?:""[^"]*)*"/g, '').split('\n').every((l) => l === '' || l.endsWith('\r'))).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(parsed).toEqual(rows.map((r) => r.map(String)));
  });
});

describe('safeFileStem', () => {
  it('replaces what Windows forbids and trims', () => {
    const s = safeFileStem(' a/b\\c:d*e?f"g<h>i|j\u0001 ');
    expect(s).not.toMatch(/[\\/:*?"<>|\u0000-\u001f]/);
    expect(s).toBe('a-b-c-d-e-f-g-h-i-j');
  });

  it('cuts a long name at a character (not half a surrogate pair) and marks the cut', () => {
    const name = '𠀀'.repeat(50);
    const s = safeFileStem(name, { max: 10 });
    expect(Array.from(s)).toHaveLength(11);
    expect(s.endsWith('…')).toBe(true);
    expect(() => encodeURIComponent(s)).not.toThrow(); // no lone surrogate
    expect(safeFileStem('怀柔区、门头沟区乡村振兴示范带（示例方案）', { max: 8 })).toBe('怀柔区、门头沟区…');
  });

  it('never returns a device name or nothing', () => {
    expect(safeFileStem('CON')).toBe('_CON');
    expect(safeFileStem('nul.txt')).toBe('_nul.txt');
    expect(safeFileStem('///')).toBe('belt-map');
    expect(safeFileStem('', { fallback: 'table' })).toBe('table');
  });
});

describe('writeDbf', () => {
  const fields = [
    { name: 'CODE', type: 'C' as const },
    { name: 'NAME', type: 'C' as const },
    { name: 'YEAR', type: 'N' as const },
    { name: 'LENGTH_KM', type: 'N' as const, decimals: 3 },
  ];
  const records = [
    { CODE: '110109001201', NAME: '琉璃渠村委会', YEAR: 2025, LENGTH_KM: 12.3456 },
    { CODE: '110109001202', NAME: '小（氵甸）村委会', YEAR: null, LENGTH_KM: 0 },
    { CODE: '110109001203', NAME: 'Ω & 𠀀', YEAR: 1999 },
  ];

  it('reads back with the project reader: UTF-8 text, numbers, empty values', () => {
    const read = readDbf(writeDbf(fields, records), 'UTF-8');
    expect(read.encoding).toMatch(/UTF-8/i);
    expect(read.fields.map((f) => f.name)).toEqual(fields.map((f) => f.name));
    expect(read.records).toEqual([
      { CODE: records[0]!.CODE, NAME: records[0]!.NAME, YEAR: 2025, LENGTH_KM: 12.346 },
      { CODE: records[1]!.CODE, NAME: records[1]!.NAME, LENGTH_KM: 0 },
      { CODE: records[2]!.CODE, NAME: records[2]!.NAME, YEAR: 1999 },
    ]);
  });

  it('is read as UTF-8 even without the .cpg (all text is valid UTF-8)', () => {
    expect(readDbf(writeDbf(fields, records)).records[0]!['NAME']).toBe(records[0]!.NAME);
  });

  it('sizes text fields by their longest value in bytes', () => {
    const read = readDbf(writeDbf(fields, records), 'UTF-8');
    const longest = Math.max(...records.map((r) => new TextEncoder().encode(r.NAME).length));
    expect(read.fields.find((f) => f.name === 'NAME')!.length).toBe(longest);
  });

  it('cuts a text over 254 bytes at a character boundary, never inside a multi-byte character', () => {
    const long = '乡村振兴示范带'.repeat(30); // 630 bytes
    const dbf = writeDbf([{ name: 'SOURCE', type: 'C' }], [{ SOURCE: long }]);
    const read = readDbf(dbf, 'UTF-8');
    const value = String(read.records[0]!['SOURCE']);
    expect(new TextEncoder().encode(value).length).toBeLessThanOrEqual(DBF_MAX_TEXT_BYTES);
    expect(value.endsWith('…')).toBe(true);
    expect(long.startsWith(value.slice(0, -1))).toBe(true);
    // The raw field bytes are valid UTF-8 (a cut character would make the fatal decoder throw).
    const headerLength = new DataView(dbf.buffer).getUint16(8, true);
    expect(() => utf8.decode(dbf.subarray(headerLength + 1, headerLength + 1 + read.fields[0]!.length))).not.toThrow();
  });

  it('utf8Within keeps text that fits as it is', () => {
    expect(utf8Within('琉璃渠', 9)).toEqual({ bytes: new TextEncoder().encode('琉璃渠'), cut: false });
    expect(utf8.decode(utf8Within('琉璃渠', 8).bytes)).toBe('琉…');
  });

  it('refuses a field name over 10 bytes, a non-ASCII one and a repeated one', () => {
    expect(() => writeDbf([{ name: 'ELEVENCHARS', type: 'C' }], [])).toThrow(/10 ASCII/);
    expect(() => writeDbf([{ name: '名称', type: 'C' }], [])).toThrow(/ASCII/);
    expect(() => writeDbf([{ name: 'A', type: 'C' }, { name: 'a', type: 'C' }], [])).toThrow(/repeats/);
  });
});

describe('esriWkt', () => {
  const gk: CrsId[] = Array.from({ length: 4554 - 4491 + 1 }, (_, i) => `EPSG:${4491 + i}` as CrsId);

  it.each(gk)('%s: crsFromPrj reads the WKT back as the same code', (crs) => {
    expect(crsFromPrj(esriWkt(crs)!)).toBe(crs);
  });

  it('names the zone as ArcGIS does', () => {
    expect(esriWkt('EPSG:4527')).toMatch(/^PROJCS\["CGCS2000_3_Degree_GK_Zone_39"/);
    expect(esriWkt('EPSG:4548')).toMatch(/^PROJCS\["CGCS2000_3_Degree_GK_CM_117E"/);
    const z = gaussKrugerZone(4497)!;
    expect(esriWkt('EPSG:4497')).toContain(`CGCS2000_GK_Zone_${z.zone}`);
  });

  it('geographic systems: WGS84 and CGCS2000; none for GCJ-02 and BD-09', () => {
    expect(crsFromPrj(esriWkt('WGS84')!)).toBe('WGS84');
    expect(crsFromPrj(esriWkt('EPSG:4326')!)).toBe('WGS84');
    expect(crsFromPrj(esriWkt('CGCS2000')!)).toBe('CGCS2000');
    expect(crsFromPrj(esriWkt('EPSG:4490')!)).toBe('CGCS2000');
    expect(esriWkt('GCJ-02')).toBeNull();
    expect(esriWkt('BD-09')).toBeNull();
  });
});

describe('shapefileFiles', () => {
  /** Twice the signed area; positive = counter-clockwise. */
  const area = (ring: Position[]) => ring.reduce((s, p, i) => (i === 0 ? s : s + (ring[i - 1]![0]! * p[1]! - p[0]! * ring[i - 1]![1]!)), 0);
  const read = (layer: ShapefileLayer) => readShapefile(`${layer.name}.zip`, shapefileFiles(layer, esriWkt('WGS84')!));

  it('writes one record per line, MultiLineStrings and LineStrings alike, with their attributes', () => {
    const geometries: Geometry[] = [
      { type: 'LineString', coordinates: [[116, 40], [116.1, 40.1]] },
      { type: 'MultiLineString', coordinates: [[[117, 40], [117.1, 40.1]], [[117.2, 40], [117.3, 40.2], [117.4, 40.3]]] },
      { type: 'LineString', coordinates: [[118, 40], [118.5, 40.5], [119, 40]] },
    ];
    const records = [{ NAME: '一号路' }, { NAME: '二号河' }, { NAME: '三号文化带' }];
    const out = read({ name: 'lines', type: 'POLYLINE', geometries, fields: [{ name: 'NAME', type: 'C' }], records });
    expect(out.features).toHaveLength(3);
    expect(out.features.map((f) => f.properties!['NAME'])).toEqual(records.map((r) => r.NAME));
    // shpjs adds a bbox; the geometry is the same.
    expect(out.features.map((f) => ({ type: f.geometry!.type, coordinates: (f.geometry as { coordinates: unknown }).coordinates }))).toEqual(geometries);
  });

  it('writes outer rings clockwise and holes counter-clockwise (GeoJSON has them the other way)', () => {
    const outer = [[116, 40], [117, 40], [117, 41], [116, 41], [116, 40]];
    const hole = [[116.2, 40.2], [116.2, 40.4], [116.4, 40.4], [116.4, 40.2], [116.2, 40.2]];
    const second = [[118, 40], [119, 40], [119, 41], [118, 40]];
    expect(area(outer)).toBeGreaterThan(0); // GeoJSON's counter-clockwise outer ring
    const layer: ShapefileLayer = {
      name: 'areas',
      type: 'POLYGON',
      geometries: [{ type: 'MultiPolygon', coordinates: [[outer, hole], [second]] }],
      fields: [{ name: 'ID', type: 'C' }],
      records: [{ ID: 'a' }],
    };
    const shp = shapefileFiles(layer, esriWkt('WGS84')!)['areas.shp']!;
    // The record's rings as stored: header 100, record header 8, type 4, box 32, parts 4, points 4.
    const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
    const numParts = view.getInt32(100 + 8 + 36, true);
    const numPoints = view.getInt32(100 + 8 + 40, true);
    const starts = Array.from({ length: numParts }, (_, i) => view.getInt32(100 + 8 + 44 + 4 * i, true));
    const at = 100 + 8 + 44 + 4 * numParts;
    const points = Array.from({ length: numPoints }, (_, i) => [view.getFloat64(at + 16 * i, true), view.getFloat64(at + 16 * i + 8, true)]);
    const rings = starts.map((s, i) => points.slice(s, starts[i + 1] ?? numPoints));
    expect(rings.map((r) => Math.sign(area(r)))).toEqual([-1, 1, -1]);
    // And shpjs (the import reader) makes the same polygons of them.
    const back = readShapefile('areas.zip', shapefileFiles(layer, esriWkt('WGS84')!)).features[0]!.geometry;
    expect(back?.type).toBe('MultiPolygon');
    const polys = (back as { coordinates: Position[][][] }).coordinates;
    expect(polys.map((p) => p.length)).toEqual([2, 1]);
  });

  it('writes the .prj given and a .cpg of UTF-8', () => {
    const files = shapefileFiles(
      { name: 'p', type: 'POINT', geometries: [{ type: 'Point', coordinates: [39500000, 4400000] }], fields: [{ name: 'A', type: 'N' }], records: [{ A: 1 }] },
      esriWkt('EPSG:4527')!,
    );
    expect(Object.keys(files).sort()).toEqual(['p.cpg', 'p.dbf', 'p.prj', 'p.shp', 'p.shx']);
    expect(new TextDecoder().decode(files['p.cpg'])).toBe('UTF-8');
    expect(crsFromPrj(new TextDecoder().decode(files['p.prj']))).toBe('EPSG:4527');
  });

  it('refuses a geometry of another type, and an empty layer', () => {
    const line: Geometry = { type: 'LineString', coordinates: [[0, 0], [1, 1]] };
    expect(() => shapefileFiles({ name: 'x', type: 'POINT', geometries: [line], fields: [], records: [{}] }, '')).toThrow(/LineString/);
    expect(() => shapefileFiles({ name: 'x', type: 'POINT', geometries: [], fields: [], records: [] }, '')).toThrow(/no records/);
  });
});

describe('workbookBytes', () => {
  it('keeps codes as text, numbers as numbers, and null as an empty cell', () => {
    const bytes = workbookBytes([{ name: '村庄', header: ['区划代码', '经度', '备注'], rows: [['110109001201', 116.123456789012, null]] }]);
    const wb = XLSX.read(bytes, { type: 'array' });
    expect(wb.SheetNames).toEqual(['村庄']);
    const ws = wb.Sheets['村庄']!;
    expect(ws['A2']).toMatchObject({ t: 's', v: '110109001201' });
    expect(ws['B2']).toMatchObject({ t: 'n', v: 116.123456789012 });
    expect(ws['C2']).toBeUndefined();
  });

  it('makes sheet names Excel accepts, unique', () => {
    expect(sheetName('a/b:c?[d]*')).toBe('a-b-c--d--');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
    expect(sheetName('村庄', new Set(['村庄']))).toBe('村庄 (2)');
    expect(sheetName('')).toBe('Sheet');
  });
});
