/**
 * A dBASE III (.dbf) writer for Shapefile attributes in UTF-8 (the `.cpg` beside it says `UTF-8`):
 * what @mapbox/shp-write's `dbf` dependency cannot do — it writes each UTF-16 code unit's low byte, so
 * Chinese text and field names come out as garbage, and every text field is 254 bytes wide.
 *
 * Text fields (`C`) are as wide as their longest value in UTF-8 bytes, at most 254; a longer value is
 * cut at a character boundary (never in the middle of a multi-byte character) and ends with `…`.
 * Number fields (`N`) are right-aligned with the given decimals. Field names are ASCII of at most 10
 * bytes (the format's limit: a Chinese name would be 3 bytes a character). null is an empty field,
 * which the readers take as no value.
 *
 * Layout: 32-byte header (version 3, date, record count, header and record length, language driver 0:
 * the `.cpg` names the encoding), 32-byte field descriptors, 0x0D, the records (each a space for "not
 * deleted", then the fields), 0x1A.
 *
 * @module
 */

export interface DbfFieldSpec {
  /** ASCII, 1–10 characters (e.g. `CODE`, `NAME`, `DIST_CODE`). */
  name: string;
  /** `C` text, `N` number. */
  type: 'C' | 'N';
  /** N: digits after the point (default 0). */
  decimals?: number;
}

export type DbfValue = string | number | null | undefined;

/** The widest text field the format allows, in bytes. */
export const DBF_MAX_TEXT_BYTES = 254;

const encoder = new TextEncoder();

/**
 * `text` in UTF-8, cut to at most `max` bytes at a character boundary (with `…` at the end when cut).
 *
 * @param text - any text
 * @param max - the byte limit (default {@link DBF_MAX_TEXT_BYTES})
 * @returns the bytes and whether the text was cut
 */
export function utf8Within(text: string, max = DBF_MAX_TEXT_BYTES): { bytes: Uint8Array; cut: boolean } {
  const all = encoder.encode(text);
  if (all.length <= max) return { bytes: all, cut: false };
  const ellipsis = encoder.encode('…');
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = encoder.encode(ch).length;
    if (used + n > max - ellipsis.length) break;
    out += ch;
    used += n;
  }
  return { bytes: encoder.encode(`${out}…`), cut: true };
}

function numberText(v: number, decimals: number): string {
  return decimals > 0 ? v.toFixed(decimals) : String(Math.round(v));
}

/**
 * Writes a .dbf of `records` with `fields`.
 *
 * @param fields - the columns, in order
 * @param records - one object per record, values by field name (a missing one is empty)
 * @param options - `date`: the "last update" of the header (default: now)
 * @returns the file's bytes
 * @throws when a field name is not 1–10 ASCII characters or repeats, or a number is too wide (over 20 characters)
 * @example
 * ```ts
 * writeDbf([{ name: 'CODE', type: 'C' }, { name: 'YEAR', type: 'N' }], [{ CODE: '110109001201', YEAR: 2025 }]);
 * ```
 */
export function writeDbf(fields: readonly DbfFieldSpec[], records: readonly Record<string, DbfValue>[], { date = new Date() }: { date?: Date } = {}): Uint8Array {
  const seen = new Set<string>();
  for (const f of fields) {
    if (!/^[\x21-\x7e]{1,10}$/.test(f.name)) throw new Error(`writeDbf: field name ${JSON.stringify(f.name)} is not 1–10 ASCII characters`);
    if (seen.has(f.name.toUpperCase())) throw new Error(`writeDbf: field name ${f.name} repeats`);
    seen.add(f.name.toUpperCase());
  }
  // Every cell's bytes first, to size the fields.
  const cells: Uint8Array[][] = records.map((r) =>
    fields.map((f) => {
      const v = r[f.name];
      if (v === null || v === undefined || v === '') return new Uint8Array(0);
      if (f.type === 'N') {
        if (typeof v !== 'number' || !Number.isFinite(v)) return new Uint8Array(0);
        return encoder.encode(numberText(v, f.decimals ?? 0));
      }
      return utf8Within(String(v)).bytes;
    }),
  );
  const widths = fields.map((f, i) => {
    const longest = Math.max(1, ...cells.map((c) => c[i]!.length));
    if (f.type === 'N') {
      const w = Math.max(longest, (f.decimals ?? 0) + 2);
      if (w > 20) throw new Error(`writeDbf: a value of ${f.name} is wider than 20 characters`);
      return w;
    }
    return Math.min(DBF_MAX_TEXT_BYTES, longest);
  });
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + widths.reduce((a, b) => a + b, 0);
  const bytes = new Uint8Array(headerLength + recordLength * records.length + 1);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 0x03);
  view.setUint8(1, date.getUTCFullYear() - 1900);
  view.setUint8(2, date.getUTCMonth() + 1);
  view.setUint8(3, date.getUTCDate());
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  // Byte 29, the language driver: 0 (the .cpg says UTF-8; no driver id means UTF-8).
  fields.forEach((f, i) => {
    const o = 32 + 32 * i;
    bytes.set(encoder.encode(f.name.toUpperCase()), o);
    bytes[o + 11] = f.type.charCodeAt(0);
    bytes[o + 16] = widths[i]!;
    bytes[o + 17] = f.type === 'N' ? (f.decimals ?? 0) : 0;
  });
  bytes[headerLength - 1] = 0x0d;
  let o = headerLength;
  for (const row of cells) {
    bytes[o++] = 0x20;
    row.forEach((cell, i) => {
      const w = widths[i]!;
      bytes.fill(0x20, o, o + w);
      // Numbers right-aligned, text left-aligned.
      bytes.set(cell, fields[i]!.type === 'N' ? o + w - cell.length : o);
      o += w;
    });
  }
  bytes[o] = 0x1a;
  return bytes;
}
