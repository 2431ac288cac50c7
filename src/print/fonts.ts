/**
 * The print font stack: every character a sheet prints gets a glyph.
 *
 * The print font is Noto Sans SC (OFL-1.1) as @fontsource/noto-sans-sc ships it: the `chinese-simplified`
 * file (the primary face: 7,946 characters, the GB 2312 hanzi, ASCII and CJK punctuation) and the
 * segments Google Fonts cuts the whole font into (`latin`, `latin-ext`, …, `[4]`…`[119]`, each with the
 * unicode-range of the package's `unicode.json`). A character the primary face lacks — "→", pinyin with
 * tone marks (ǎ, Ā), "≥", a rare or traditional hanzi in a planner's village name — is taken from the
 * first segment whose range covers it. Only the faces a sheet's texts need are fetched; jsPDF embeds
 * each as a subset of the glyphs used.
 *
 * Pure except the loaders at the end (they fetch; `useCanvasFonts` needs `document.fonts`).
 */
import { jsPDF } from 'jspdf';
import unicodeRanges from '@fontsource/noto-sans-sc/unicode.json';
import { woffToTtf } from './woff.js';

/** The primary face: its coverage is its cmap (the package gives it no unicode-range). */
export const PRIMARY_FACE = 'chinese-simplified';

/** Segments tried, in this order, for a character the primary face lacks: the small named ones first. */
const NAMED_SEGMENTS = ['latin', 'latin-ext', 'vietnamese', 'cyrillic'];

/** URLs of the 400-weight WOFF files (bundled as assets; one is fetched only when a sheet needs it). */
const WOFF_URLS = import.meta.glob<string>('../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-*-400-normal.woff', {
  query: '?url',
  import: 'default',
  eager: true,
});

/** A face of the stack: its id (`chinese-simplified`, `latin-ext`, `[109]`, …) and unicode-range. */
export interface PrintFace {
  id: string;
  /** CSS unicode-range; absent for the primary face. */
  unicodeRange?: string;
  /** Sorted, inclusive code-point ranges of `unicodeRange`. */
  ranges: [number, number][];
}

/** The file name of a face in @fontsource/noto-sans-sc/files. */
export function faceFile(id: string): string {
  return `noto-sans-sc-${id.replace(/[[\]]/g, '')}-400-normal.woff`;
}

/** Parses a CSS unicode-range (`U+0-FF,U+2192,U+4E00-9FFF`) into sorted inclusive ranges. */
export function parseUnicodeRange(range: string): [number, number][] {
  return range
    .split(',')
    .map((s) => s.trim().replace(/^U\+/i, ''))
    .filter(Boolean)
    .map((s): [number, number] => {
      const [a, b] = s.split('-');
      if (a!.includes('?')) return [parseInt(a!.replace(/\?/g, '0'), 16), parseInt(a!.replace(/\?/g, 'F'), 16)];
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
    })
    .sort((x, y) => x[0] - y[0]);
}

function inRanges(ranges: readonly [number, number][], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

const segmentIds = (): string[] => {
  const all = Object.keys(unicodeRanges as Record<string, string>);
  const numbered = all.filter((id) => /^\[\d+\]$/.test(id)).sort((a, b) => parseInt(a.slice(1)) - parseInt(b.slice(1)));
  return [...NAMED_SEGMENTS.filter((id) => all.includes(id)), ...numbered];
};

/** The stack: the primary face, then every segment in the order they are tried. */
export const PRINT_FACES: readonly PrintFace[] = [
  { id: PRIMARY_FACE, ranges: [] },
  ...segmentIds().map((id) => {
    const unicodeRange = (unicodeRanges as Record<string, string>)[id]!;
    return { id, unicodeRange, ranges: parseUnicodeRange(unicodeRange) };
  }),
];

/** Whether the primary face has a glyph for a code point (from its cmap). */
export type Coverage = (cp: number) => boolean;

/** The face (index into `faces`, default PRINT_FACES) that draws `cp`, or -1 when no face has it. */
export function faceOf(cp: number, primary: Coverage, faces: readonly PrintFace[] = PRINT_FACES): number {
  if (primary(cp)) return 0;
  for (let i = 1; i < faces.length; i++) if (inRanges(faces[i]!.ranges, cp)) return i;
  return -1;
}

/** Spaces, joiners and combining marks are drawn in the face of the character before them. */
const FOLLOWS = /[\s\p{M}\u200d\ufe00-\ufe0f]/u;

/**
 * Splits a text into runs each drawn in one face (-1: no face has these characters).
 *
 * @example
 * faceRuns("示范村 → 提升村", cov); // [{face: 0, text: "示范村 "}, {face: i, text: "→ "}, {face: 0, text: "提升村"}], i: the segment with "→"
 */
export function faceRuns(text: string, primary: Coverage): { face: number; text: string }[] {
  const runs: { face: number; text: string }[] = [];
  for (const ch of text) {
    const last = runs[runs.length - 1];
    const face = last && FOLLOWS.test(ch) ? last.face : faceOf(ch.codePointAt(0)!, primary);
    if (last && last.face === face) last.text += ch;
    else runs.push({ face, text: ch });
  }
  return runs;
}

/** The distinct characters of `texts` no face has (drawn as nothing); spaces and marks excepted. */
export function missingGlyphs(texts: Iterable<string>, primary: Coverage, faces: readonly PrintFace[] = PRINT_FACES): string[] {
  const missing = new Set<string>();
  for (const text of texts) for (const ch of text) if (!FOLLOWS.test(ch) && faceOf(ch.codePointAt(0)!, primary, faces) < 0) missing.add(ch);
  return [...missing];
}

/** The faces `texts` need: the primary always, then the segments in stack order. */
export function facesNeeded(texts: Iterable<string>, primary: Coverage): number[] {
  const faces = new Set<number>([0]);
  for (const text of texts) for (const run of faceRuns(text, primary)) if (run.face > 0) faces.add(run.face);
  return [...faces].sort((x, y) => x - y);
}

/**
 * Every string in `value` (objects and arrays walked; a function — a localised template such as
 * `(n) => \`第 ${n} 页\`` — called with sample arguments; of a GeoJSON feature only its properties),
 * added to `into`: what a sheet may print.
 */
export function collectTexts(value: unknown, into: Set<string> = new Set()): Set<string> {
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') into.add(v);
    else if (typeof v === 'function') {
      for (const args of [[1, 2, 3], ['x', 'y', 'z']]) {
        try {
          walk((v as (...a: unknown[]) => unknown)(...args));
        } catch {
          // A template that cannot take these arguments: its literal text is in the other call.
        }
      }
    } else if (v && typeof v === 'object' && !seen.has(v)) {
      seen.add(v);
      if ((v as { type?: unknown }).type === 'Feature') return walk((v as { properties?: unknown }).properties);
      for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x);
    }
  };
  walk(value);
  return into;
}

/** The code points of a TrueType font's cmap that map to a glyph (jsPDF's parser). */
export function cmapOf(ttf: ArrayBuffer): Set<number> {
  const font = (jsPDF as unknown as { API: { TTFFont: { open(b: Uint8Array): { cmap: { unicode: { codeMap: Record<number, number> } } } } } }).API.TTFFont.open(new Uint8Array(ttf));
  const map = font.cmap.unicode.codeMap;
  return new Set(Object.keys(map).map(Number).filter((cp) => map[cp]! > 0));
}

// ---- Loaders (fetch, once per face per page load) ----

/** A loaded face: its stack index, a PDF font name, the WOFF and the TrueType bytes. */
export interface LoadedFace {
  index: number;
  /** Font name for jsPDF, with its subset tag (`QWERTY+NotoSansSC-latin-ext`). */
  name: string;
  face: PrintFace;
  woff: ArrayBuffer;
  ttf: ArrayBuffer;
}

/** The faces a sheet uses, and how its texts split across them. */
export interface PrintFonts {
  faces: LoadedFace[];
  /** Runs of `text` by face; `face` is an index into `faces`. Characters no face has are left out. */
  runs(text: string): { face: number; text: string }[];
  /** Characters of the given texts no face has (reported, printed as nothing). */
  missing: string[];
}

/**
 * The subset tag of a face's PDF font name (ISO 32000 §9.6.4: six capital letters and "+" say the
 * embedded font is a subset, as jsPDF embeds it): from the face id, so a sheet's faces differ.
 */
export function subsetTag(id: string): string {
  let h = 2166136261;
  for (const ch of id) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++, h = Math.floor(h / 26)) tag += String.fromCharCode(65 + (h % 26));
  return tag;
}

/** Reads a face's WOFF bytes. */
export type FaceReader = (face: PrintFace) => Promise<ArrayBuffer>;

/** The bundled file, fetched from the page's origin. */
const fetchFace: FaceReader = async (face) => {
  const url = WOFF_URLS[`../../node_modules/@fontsource/noto-sans-sc/files/${faceFile(face.id)}`];
  if (!url) throw new Error(`The print font has no file for "${face.id}"`);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load the print font (${face.id}: HTTP ${res.status})`);
  return res.arrayBuffer();
};

/** Faces loaded (and the primary's cmap), per reader: each file is read and converted once. */
const caches = new WeakMap<FaceReader, { faces: Map<number, Promise<LoadedFace>>; cmap?: Set<number> }>();

function loadFace(index: number, read: FaceReader): Promise<LoadedFace> {
  let cache = caches.get(read);
  if (!cache) caches.set(read, (cache = { faces: new Map() }));
  const faces = cache.faces;
  let p = faces.get(index);
  if (!p) {
    const face = PRINT_FACES[index]!;
    p = (async () => {
      const woff = await read(face);
      return { index, name: `${subsetTag(face.id)}+NotoSansSC-${face.id.replace(/[[\]]/g, '')}`, face, woff, ttf: await woffToTtf(woff) };
    })();
    // A failed load (offline, say) is tried again next time.
    p.catch(() => faces.delete(index));
    faces.set(index, p);
  }
  return p;
}

/**
 * Loads the faces that `texts` (every string the sheet may print) need: the primary face, and the
 * segments for the characters it lacks.
 *
 * @param read - where the WOFF files come from (default: the bundled files, from the page's origin)
 */
export async function loadPrintFonts(texts: Iterable<string>, read: FaceReader = fetchFace): Promise<PrintFonts> {
  const primary = await loadFace(0, read);
  const cache = caches.get(read)!;
  cache.cmap ??= cmapOf(primary.ttf);
  const cmap = cache.cmap;
  const has: Coverage = (cp) => cmap.has(cp);
  const list = [...texts];
  const needed = facesNeeded(list, has);
  const faces = await Promise.all(needed.map((i) => loadFace(i, read)));
  const slot = new Map(needed.map((index, i) => [index, i]));
  return {
    faces,
    // A character outside `texts` whose segment was not loaded falls back to the primary face.
    runs: (text) => faceRuns(text, has).flatMap((r) => (r.face < 0 ? [] : [{ face: slot.get(r.face) ?? 0, text: r.text }])),
    missing: missingGlyphs(list, has),
  };
}

const registered = new Set<string>();

/**
 * Registers the faces of `fonts` with `document.fonts` under one family (each segment with its
 * unicode-range, so canvas text falls back as CSS does) and waits until they are ready.
 */
export async function useCanvasFonts(fonts: PrintFonts, family: string): Promise<void> {
  for (const f of fonts.faces) {
    const key = `${family}/${f.face.id}`;
    if (registered.has(key)) continue;
    const face = new FontFace(family, f.woff, f.face.unicodeRange ? { unicodeRange: f.face.unicodeRange } : {});
    await face.load();
    (document.fonts as FontFaceSet & { add(face: FontFace): void }).add(face);
    registered.add(key);
  }
}
