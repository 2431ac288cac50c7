/**
 * CSV text as Chinese Excel and WPS open it right: UTF-8 with a byte-order mark, CRLF line ends,
 * fields quoted as RFC 4180 says, and text that a spreadsheet would run as a formula defused.
 *
 * The one CSV writer of the project: the exports here and `rejectedRowsCsv` in ../importFile.ts use it.
 *
 * @module
 */

/** Text a spreadsheet would run as a formula: = + - @ (and tab, carriage return) first. */
const FORMULA = /^[=+\-@\t\r]/;
/** A plain number (-3.5, 1e-3) starts with - or + and is safe. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A cell: text, a number, or nothing. */
export type CsvCell = string | number | null | undefined;

/**
 * One CSV field: a number as JavaScript writes it (shortest form that reads back to the same double),
 * text with a would-be formula defused by a leading `'`, quoted when it holds a comma, a quote or a line
 * break (or was defused). null and undefined are empty.
 *
 * @param value - the cell
 * @returns the field as written between the commas
 * @example
 * ```ts
 * csvField('=1+1'); // `"'=1+1"`
 * csvField('-3.5'); // '-3.5'
 * csvField('a, b'); // '"a, b"'
 * ```
 */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const formula = FORMULA.test(value) && !PLAIN_NUMBER.test(value);
  const s = formula ? `'${value}` : value;
  return formula || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A table as CSV text: a byte-order mark, then one CRLF-terminated line per row.
 *
 * @param rows - the header row first, then the data rows
 * @returns the text (encode it with `TextEncoder` for the UTF-8 file)
 * @example
 * ```ts
 * csvText([['区划代码', '名称'], ['110109001201', '琉璃渠村委会']]); // '\ufeff区划代码,名称\r\n110109001201,琉璃渠村委会\r\n'
 * ```
 */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return `\ufeff${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
