/** XLSX / XLS (and whatever else SheetJS reads) reader: cells as displayed strings, true row numbers, sheet choice. */
import * as XLSX from '@e965/xlsx';
import { headerNames, setCell } from './csv.js';
import { ImportReadError, type TableRead } from './types.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A number as a person reads it: no float noise (0.1+0.2 → 0.3), no exponent for codes (110109001001). */
export function plainNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const r = Number(v.toPrecision(15));
  if (Number.isInteger(r) && Math.abs(r) < 1e21) return r.toFixed(0);
  const s = String(r);
  if (!/e/i.test(s)) return s;
  return r.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** An Excel date serial as YYYY-MM-DD (with the time when it has one). */
function dateText(serial: number, date1904: boolean): string {
  const d = XLSX.SSF.parse_date_code(serial, { date1904 });
  if (!d) return plainNumber(serial);
  const day = `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`;
  if (!d.H && !d.M && !d.S) return day;
  return `${day} ${pad(d.H)}:${pad(d.M)}${d.S ? `:${pad(Math.round(d.S))}` : ''}`;
}

/** The text a cell shows: strings as they are, general numbers without noise, dates as YYYY-MM-DD, other formats as formatted. */
function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return cell?.w?.trim() ?? '';
  switch (cell.t) {
    case 's':
    case 'str' as XLSX.ExcelDataType:
      return String(cell.v).trim();
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? '#ERROR';
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    }
    case 'n': {
      const v = Number(cell.v);
      const fmt = typeof cell.z === 'string' ? cell.z : typeof cell.z === 'number' ? XLSX.SSF.get_table()[cell.z] : undefined;
      if (fmt && XLSX.SSF.is_date(fmt)) return dateText(v, date1904);
      if (!fmt || fmt === 'General' || fmt === '@' || !cell.w) return plainNumber(v);
      return cell.w.trim();
    }
    default:
      return String(cell.w ?? cell.v).trim();
  }
}

interface Grid {
  /** 1-based sheet row numbers and their cells (from column A). */
  rows: { row: number; cells: string[] }[];
}

function sheetGrid(ws: XLSX.WorkSheet, date1904: boolean): Grid {
  const ref = ws['!ref'];
  if (!ref) return { rows: [] };
  const range = XLSX.utils.decode_range(ref);
  const rows: Grid['rows'] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const cells: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) {
      cells.push(cellText(ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined, date1904));
    }
    if (cells.some((v) => v !== '')) rows.push({ row: r + 1, cells });
  }
  return { rows };
}

export function readXlsx(name: string, bytes: Uint8Array, options: { sheet?: string } = {}): TableRead {
  if (bytes.length === 0) throw new ImportReadError(name, 'the file is empty', '文件是空的');
  let wb: XLSX.WorkBook;
  try {
    // Dense-free default; cellNF keeps number formats (dates), no formulas evaluated beyond the cached values.
    wb = XLSX.read(bytes, { type: 'array', cellNF: true, cellDates: false, cellFormula: false, cellHTML: false, cellStyles: false });
  } catch (e) {
    throw new ImportReadError(name, `not a readable spreadsheet (${(e as Error).message})`, `无法读取的电子表格（${(e as Error).message}）`);
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const names = wb.SheetNames;
  const grids = new Map<string, Grid>();
  const grid = (s: string) => {
    let g = grids.get(s);
    if (!g) grids.set(s, (g = sheetGrid(wb.Sheets[s] ?? {}, date1904)));
    return g;
  };
  let sheet: string;
  // The sheets with data are listed whether or not one was chosen, so a chooser can offer them all again.
  const withData = names.filter((s) => grid(s).rows.length > 0);
  const sheets = withData.length > 1 ? withData : undefined;
  if (options.sheet !== undefined) {
    if (!names.includes(options.sheet)) {
      throw new ImportReadError(
        name,
        `sheet "${options.sheet}" not found (sheets: ${names.join(', ')})`,
        `找不到工作表“${options.sheet}”（工作表：${names.join('、')}）`,
      );
    }
    sheet = options.sheet;
  } else {
    const first = withData[0];
    if (first === undefined) throw new ImportReadError(name, 'the workbook has no data', '工作簿中没有数据');
    sheet = first;
  }
  const g = grid(sheet);
  const [header, ...body] = g.rows;
  if (!header) throw new ImportReadError(name, `sheet "${sheet}" is empty`, `工作表“${sheet}”是空的`);
  const width = Math.max(header.cells.length, ...body.map((r) => r.cells.length));
  // Trailing columns with no header and no value are dropped (the used range often runs wider).
  let used = width;
  while (used > 0 && [header, ...body].every((r) => (r.cells[used - 1] ?? '') === '')) used--;
  const columns = headerNames(Array.from({ length: used }, (_, i) => header.cells[i] ?? ''));
  const rows = body.map((r) => {
    const values: Record<string, string> = {};
    columns.forEach((c, i) => setCell(values, c, r.cells[i] ?? ''));
    return { row: r.row, values };
  });
  return { kind: 'table', format: 'xlsx', ...(sheets ? { sheets } : {}), sheet, columns, rows };
}
