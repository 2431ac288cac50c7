/** XLSX workbooks with SheetJS (`@e965/xlsx`, as ../readers/xlsx.ts reads them): text cells stay text (codes keep their digits), numbers are numbers. */
import * as XLSX from '@e965/xlsx';

export type XlsxCell = string | number | null | undefined;

export interface SheetSpec {
  /** The sheet's name (cut to Excel's 31 characters, without : \ / ? * [ ]). */
  name: string;
  /** The header row. */
  header: string[];
  rows: XlsxCell[][];
}

/** Display width of text in Excel's character units: CJK and other wide characters count two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

/**
 * A sheet name Excel accepts, unique among `taken`: the forbidden characters : \ / ? * [ ] become -,
 * the name is cut to 31 characters, an empty one is `Sheet`, a repeat gets ` (2)`, ` (3)`…
 *
 * @param name - the wanted name
 * @param taken - names already used (compared case-insensitively, as Excel does)
 * @returns the name to use
 */
export function sheetName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const base = Array.from(String(name ?? '').replace(/[:\\/?*[\]]/g, '-').replace(/^'+|'+$/g, '').trim() || 'Sheet').slice(0, 31).join('');
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  let out = base;
  for (let n = 2; used.has(out.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    out = `${Array.from(base).slice(0, 31 - suffix.length).join('')}${suffix}`;
  }
  return out;
}

/**
 * An .xlsx file of the sheets, in order. Text cells are written as text (t: 's', never a formula), so a
 * 12-digit code keeps its digits; numbers as numbers; null and undefined as empty cells. Columns are
 * as wide as their content (up to 60 characters), the header row is the first row.
 *
 * @param sheets - {@link SheetSpec}s (at least one)
 * @returns the file's bytes
 * @example
 * ```ts
 * workbookBytes([{ name: '村庄', header: ['区划代码', '名称'], rows: [['110109001201', '琉璃渠村委会']] }]);
 * ```
 */
export function workbookBytes(sheets: readonly SheetSpec[]): Uint8Array {
  if (sheets.length === 0) throw new Error('workbookBytes: no sheets');
  const wb = XLSX.utils.book_new();
  const taken = new Set<string>();
  for (const s of sheets) {
    const aoa: XlsxCell[][] = [s.header, ...s.rows].map((r) => r.map((v) => (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? null : v)));
    const ws = XLSX.utils.aoa_to_sheet(aoa, { sheetStubs: false });
    ws['!cols'] = s.header.map((_, c) => ({
      wch: Math.min(60, Math.max(6, ...aoa.slice(0, 2000).map((r) => (r[c] === null || r[c] === undefined ? 0 : displayWidth(String(r[c])) + 1)))),
    }));
    const name = sheetName(s.name, taken);
    taken.add(name);
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  const out = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}
