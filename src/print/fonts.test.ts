import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import unicodeRanges from '@fontsource/noto-sans-sc/unicode.json';
import en from '../locales/en.js';
import zhCN from '../locales/zh-CN.js';
import { readFaceFile } from '../../test/helpers/printFonts.js';
import { cmapOf, collectTexts, faceOf, faceRuns, facesNeeded, loadPrintFonts, missingGlyphs, parseUnicodeRange, PRINT_FACES, PRIMARY_FACE } from './fonts.js';
import { woffToTtf } from './woff.js';

const DATA = join(import.meta.dirname, '../../data');

/** Every .json / .geojson file the build ships from data/ (not the derivation's inputs in data/derive/). */
function shippedDataFiles(dir = DATA): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'derive' ? [] : shippedDataFiles(path);
    return /\.(geo)?json$/.test(e.name) ? [path] : [];
  });
}

/** What belt-map may print: the interface strings in both languages and the bundled plans' texts. */
function printedTexts(): Set<string> {
  const texts = collectTexts([zhCN, en]);
  for (const file of shippedDataFiles()) collectTexts(JSON.parse(readFileSync(file, 'utf8')), texts);
  return texts;
}

const cmaps = new Map<string, Set<number>>();
async function cmapOfFace(id: string): Promise<Set<number>> {
  let c = cmaps.get(id);
  if (!c) {
    c = cmapOf(await woffToTtf(await readFaceFile(PRINT_FACES.find((f) => f.id === id)!)));
    cmaps.set(id, c);
  }
  return c;
}

describe('the print font stack', () => {
  it('parses unicode-range syntax (single code points, ranges, wildcards) into sorted ranges', () => {
    expect(parseUnicodeRange('U+4E00-9FFF, U+2192,u+00??')).toEqual([
      [0x0000, 0x00ff],
      [0x2192, 0x2192],
      [0x4e00, 0x9fff],
    ]);
  });

  it("has the primary face first and every segment of the package's unicode.json after it", () => {
    expect(PRINT_FACES[0]!.id).toBe(PRIMARY_FACE);
    expect(PRINT_FACES.slice(1).map((f) => f.id).sort()).toEqual(Object.keys(unicodeRanges).sort());
    for (const f of PRINT_FACES.slice(1)) expect(f.unicodeRange).toBe((unicodeRanges as Record<string, string>)[f.id]);
  });

  it('splits text into runs by face; spaces and combining marks stay with the run before them', () => {
    // Synthetic coverage: the primary has CJK and ASCII letters only.
    const primary = (cp: number) => (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x41 && cp <= 0x7a);
    const arrow = faceOf(0x2192, () => false);
    expect(arrow).toBeGreaterThan(0);
    expect(faceRuns('示范村 → 提升村', primary)).toEqual([
      { face: 0, text: '示范村 ' },
      { face: arrow, text: '→ ' },
      { face: 0, text: '提升村' },
    ]);
    // U+0301 (combining acute) follows its base letter whatever face covers it.
    expect(faceRuns('e\u0301', primary)).toEqual([{ face: 0, text: 'e\u0301' }]);
    // A private-use character is in no face.
    expect(faceRuns('村\ue000', primary)).toEqual([
      { face: 0, text: '村' },
      { face: -1, text: '\ue000' },
    ]);
    expect(missingGlyphs(['村\ue000 '], primary)).toEqual(['\ue000']);
    expect(facesNeeded(['示范村 → 提升村'], primary)).toEqual([0, arrow]);
  });

  describe('with the real fonts (cmaps read from the WOFF files)', () => {
    let primary: Set<number>;
    let texts: Set<string>;
    beforeAll(async () => {
      primary = await cmapOfFace(PRIMARY_FACE);
      texts = printedTexts();
    });

    it('the strings belt-map prints in zh and en include what the primary face lacks ("→", pinyin tone marks)', () => {
      const all = [...texts].join('');
      expect(all).toContain('→');
      expect(primary.has(0x2192), 'the primary face has no "→": the stack is what prints it').toBe(false);
      expect(texts.size).toBeGreaterThan(1000);
    });

    it('no missing glyph: every character printed is drawn by a face whose cmap has it', async () => {
      const has = (cp: number) => primary.has(cp);
      expect(missingGlyphs(texts, has)).toEqual([]);
      const chars = new Set([...[...texts].join('')]);
      const bad: string[] = [];
      for (const ch of chars) {
        if (/\s/.test(ch)) continue;
        const face = faceOf(ch.codePointAt(0)!, has);
        if (face < 0 || !(await cmapOfFace(PRINT_FACES[face]!.id)).has(ch.codePointAt(0)!)) bad.push(`${ch} U+${ch.codePointAt(0)!.toString(16)} → ${PRINT_FACES[face]?.id ?? 'none'}`);
      }
      expect(bad).toEqual([]);
    });

    it('the check sees a missing face: without the segment that has "→", "→" is missing', () => {
      const has = (cp: number) => primary.has(cp);
      const arrowFace = PRINT_FACES[faceOf(0x2192, has)]!;
      expect(missingGlyphs(texts, has, PRINT_FACES.filter((f) => f !== arrowFace))).toContain('→');
    });

    it('a rare hanzi of a village name the primary face lacks comes from a segment, as does pinyin with tones', async () => {
      // 垕 (U+5795) is outside GB 2312 (the primary face's set); ǎ is a pinyin tone mark.
      for (const ch of ['垕', 'ǎ']) {
        const cp = ch.codePointAt(0)!;
        expect(primary.has(cp), ch).toBe(false);
        const face = faceOf(cp, (c) => primary.has(c));
        expect(face, ch).toBeGreaterThan(0);
        expect((await cmapOfFace(PRINT_FACES[face]!.id)).has(cp), ch).toBe(true);
      }
    });

    it('loadPrintFonts loads only the faces the texts need and runs index into them', async () => {
      const fonts = await loadPrintFonts(['示范村—提升村连线', 'Demonstration → upgrade village link'], readFaceFile);
      expect(fonts.faces.map((f) => f.face.id)).toEqual([PRIMARY_FACE, PRINT_FACES[faceOf(0x2192, (c) => primary.has(c))]!.id]);
      expect(fonts.runs('A → B')).toEqual([
        { face: 0, text: 'A ' },
        { face: 1, text: '→ ' },
        { face: 0, text: 'B' },
      ]);
      expect(fonts.missing).toEqual([]);
      expect((await loadPrintFonts(['村'], readFaceFile)).faces).toHaveLength(1);
    });
  });

  it('collects strings from objects, arrays, templates (called with sample arguments) and feature properties, not geometry', () => {
    const texts = collectTexts({ a: ['甲', { b: '乙' }], page: (i: number) => `第 ${i} 页`, f: { type: 'Feature', properties: { name: '丙' }, geometry: { type: 'Point', coordinates: [1, 2] } } });
    expect([...texts].sort()).toEqual(['乙', '丙', '甲', '第 1 页', '第 x 页'].sort());
  });
});
