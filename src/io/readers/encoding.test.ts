/**
 * Bytes valid in no encoding are never replaced silently. The files are SYNTHETIC, written here:
 * Chinese text in UTF-8 or GB18030 with stray bytes put in.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadBundledPlan } from '../../../test/helpers/bundledPlan';
import { importIntoPlan } from '../importFile';
import { ImportReadError, readImportFile, type FeaturesRead, type TableRead } from './index.js';
import { decodeText } from './text';

const cat = (...parts: (string | number[])[]) => {
  const chunks = parts.map((p) => (typeof p === 'string' ? strToU8(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.length));
  return out;
};
const gbk = (s: string) => {
  // 灵水村 in GBK (C1E9 CBAE B4E5), the only GBK text the tests need.
  if (s !== '灵水村') throw new Error('no GBK table here');
  return [0xc1, 0xe9, 0xcb, 0xae, 0xb4, 0xe5];
};

describe('decodeText', () => {
  it('valid UTF-8 and valid GB18030: no undecodable bytes', () => {
    expect(decodeText(strToU8('村名\n灵水村\n'))).toEqual({ text: '村名\n灵水村\n', encoding: 'UTF-8' });
    expect(decodeText(cat('name\n', gbk('灵水村'), '\n'))).toEqual({ text: 'name\n灵水村\n', encoding: 'GB18030' });
  });
  it('a genuine U+FFFD in UTF-8 is not counted', () => {
    expect(decodeText(strToU8('a\uFFFDb')).undecodable).toBeUndefined();
  });
  it('UTF-8 with a stray byte stays UTF-8 (no GB18030 mojibake) and says where', () => {
    const d = decodeText(cat('村名,乡镇\n灵水村,斋堂镇\n爨底下村', [0xff], ',斋堂镇\n'));
    expect(d.encoding).toBe('UTF-8');
    expect(d.text).toContain('灵水村,斋堂镇');
    expect(d.undecodable).toEqual({ count: 1, line: 3 });
  });
  it('GB18030 with an invalid byte: GB18030, reported', () => {
    const d = decodeText(cat('name\n', gbk('灵水村'), '\n', gbk('灵水村'), [0xff], '\n'));
    expect(d.encoding).toBe('GB18030');
    expect(d.text.startsWith('name\n灵水村\n灵水村')).toBe(true);
    expect(d.undecodable).toEqual({ count: 1, line: 3 });
  });
});

describe('import: undecodable bytes are reported', () => {
  it('CSV and GeoJSON readers carry them', async () => {
    const csv = (await readImportFile('a.csv', cat('村名\n灵水', [0xff], '村\n'))) as TableRead;
    expect(csv.undecodable).toEqual({ count: 1, line: 2 });
    expect(csv.rows[0]!.values['村名']).toBe('灵水\uFFFD村');
    const gj = (await readImportFile('a.geojson', cat('{"type":"Feature","geometry":null,"properties":{"name":"灵水', [0xc0], '村"}}'))) as FeaturesRead;
    expect(gj.undecodable).toEqual({ count: 1, line: 1 });
  });
  it('importIntoPlan warns in both languages, naming the count and the line', async () => {
    const { report } = await importIntoPlan(loadBundledPlan(), { name: 'a.csv', bytes: cat('村名,角色\n灵水村,示范村\n斋堂', [0xff], '村,示范村\n') });
    const w = report.warnings.find((x) => x.en.startsWith('The file is not valid'));
    expect(w?.en).toBe('The file is not valid UTF-8: 1 byte could not be read and show as "\uFFFD" (first on line 3). Names with "\uFFFD" are not as in the file: save it as UTF-8 and import it again.');
    expect(w?.zh).toMatch(/^文件不是有效的 UTF-8 编码：1 处字节无法读取.*首处在第 3 行/);
  });
  it('a plan package (zip) with a file that is not UTF-8 is refused, naming the file', async () => {
    const zip = zipSync({ 'plan.json': cat('{"format":"belt-map-plan/2","name":{"zh":"甲', [0xff], '","en":"x"},"files":{}}') });
    const e = await importIntoPlan(loadBundledPlan(), { name: 'p.zip', bytes: zip }).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(ImportReadError);
    expect((e as ImportReadError).message).toBe("p.zip: plan.json is not valid UTF-8 (1 byte could not be read, the first on line 1): a plan package's files must be UTF-8");
    expect((e as ImportReadError).zh).toMatch(/^p\.zip：plan\.json 不是有效的 UTF-8 编码/);
  });
});

describe('DBF attributes (a synthetic GBK shapefile fixture, test/fixtures/import, changed here)', async () => {
  const { readFileSync } = await import('node:fs');
  const { resolve } = await import('node:path');
  const { unzipSync } = await import('fflate');
  const { readDbf } = await import('./dbf.js');
  const dbf = unzipSync(readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/import/villages-shp-cpg936.zip')))['villages.dbf']!;
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const headerLen = view.getUint16(8, true);
  const recLen = view.getUint16(10, true);
  /** Offset of field `index` within a record (after the deletion flag). */
  const fieldOffset = (index: number) => 1 + Array.from({ length: index }, (_, i) => dbf[32 + i * 32 + 16]!).reduce((a, b) => a + b, 0);

  it('a byte GB18030 cannot read in record 2 is counted, not silent', () => {
    const copy = new Uint8Array(dbf);
    copy.set([0xff, 0x41], headerLen + recLen + fieldOffset(1)); // record 2's name begins with a bad byte, then "A"
    const r = readDbf(copy, 'GBK');
    expect(readDbf(dbf, 'GBK').undecodable).toBeUndefined();
    expect(r.undecodable).toEqual({ count: 1, line: 2 });
  });
  it('a field named __proto__ is left out and listed', () => {
    const copy = new Uint8Array(dbf);
    copy.set([...strToU8('__proto__'), 0, 0], 32 + 2 * 32); // field 3 ("town")
    const r = readDbf(copy, 'GBK');
    expect(r.reservedKeys).toEqual(['__proto__']);
    expect(Object.keys(r.records[0]!)).not.toContain('town');
    expect(Object.getPrototypeOf(r.records[0])).toBe(Object.prototype);
    expect(r.records[0]).toMatchObject({ name: '琉璃渠村' });
  });
});
