/** CSV / TXT reader: encoding (UTF-8, UTF-8 BOM, UTF-16 BOM, else GB18030), delimiter (comma, tab, semicolon), true line numbers. */
import Papa from 'papaparse';
import { decodeText } from './text.js';
import { ImportReadError, type TableRead } from './types.js';

const DELIMITERS = [',', '\t', ';'] as const;
type Delimiter = (typeof DELIMITERS)[number];

/** Header names: trimmed, an empty one named `column N`, repeats suffixed ` (2)`, ` (3)`… */
export function headerNames(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    const base = c.trim() || `column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** Picks the delimiter: the one papaparse guesses, else the one giving the most consistent column count. */
function guessDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 64 * 1024);
  const guess = Papa.parse<string[]>(sample, { preview: 50, delimitersToGuess: [...DELIMITERS], skipEmptyLines: 'greedy' });
  const undetected = guess.errors.some((e) => e.code === 'UndetectableDelimiter');
  if (!undetected && (DELIMITERS as readonly string[]).includes(guess.meta.delimiter)) return guess.meta.delimiter as Delimiter;
  // papaparse could not tell (e.g. one column, or quoted line breaks): score each by rows with the header's width > 1.
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { preview: 50, delimiter: d, skipEmptyLines: 'greedy' }).data;
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const score = rows.filter((r) => r.length === width).length * width;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

/**
 * Sets a row's cell as an own property whatever the header says: a column headed `__proto__` is kept as
 * a column (plain assignment would change the row's prototype and lose the column).
 */
export function setCell(values: Record<string, string>, column: string, value: string): void {
  Object.defineProperty(values, column, { value, writable: true, enumerable: true, configurable: true });
}

export function readCsv(name: string, bytes: Uint8Array): TableRead {
  const { text, encoding, undecodable } = decodeText(bytes);
  if (!text.trim()) throw new ImportReadError(name, 'the file is empty', '文件是空的');
  const delimiter = guessDelimiter(text);

  // Line starts, to give each record the number of the line it begins on (quoted fields may span lines).
  const lineStarts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const records: { line: number; cells: string[] }[] = [];
  let start = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (r) => {
      // A record starts where the previous one ended (papaparse's cursor is past its line break).
      records.push({ line: lineAt(start), cells: r.data });
      start = r.meta.cursor;
    },
  });

  const isEmpty = (cells: string[]) => cells.every((c) => c.trim() === '');
  const headerAt = records.findIndex((r) => !isEmpty(r.cells));
  const header = records[headerAt];
  if (!header) throw new ImportReadError(name, 'the file is empty', '文件是空的');
  const columns = headerNames(header.cells);
  const rows: TableRead['rows'] = [];
  for (const rec of records.slice(headerAt + 1)) {
    if (isEmpty(rec.cells)) continue;
    for (let i = columns.length; i < rec.cells.length; i++) {
      if ((rec.cells[i] ?? '').trim() !== '') while (columns.length <= i) columns.push(`column ${columns.length + 1}`);
    }
    const values: Record<string, string> = {};
    columns.forEach((c, i) => setCell(values, c, (rec.cells[i] ?? '').trim()));
    rows.push({ row: rec.line, values });
  }
  // Rows read before a later row widened the table get '' for the new columns.
  for (const r of rows) for (const c of columns) if (!Object.hasOwn(r.values, c)) setCell(r.values, c, '');
  return { kind: 'table', format: 'csv', encoding, delimiter, columns, rows, ...(undecodable ? { undecodable } : {}) };
}
