/**
 * A small dBASE (.dbf) reader for Shapefile attributes, with the encoding chosen by the caller or found
 * here: `.cpg`, else the header's language driver byte, else UTF-8 when every text is valid UTF-8, else GB18030.
 * Layout: 32-byte header (record count @4, header length @8, record length @10, language driver @29),
 * 32-byte field descriptors (name 11 bytes, type @11, length @16, decimals @17) up to 0x0D, then
 * records of a deletion flag ('*' = deleted) and fixed-width fields.
 */
import { RESERVED_KEYS } from '../../plan/jsonGuard.js';
import { decoderLabel, encodingName, isUtf8 } from './text.js';
import type { Undecodable } from './types.js';

export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
}

export interface DbfRead {
  fields: DbfField[];
  /** One per record, deleted ones as null (so they still line up with the .shp records). */
  records: (Record<string, string | number> | null)[];
  /** The decoder label used ('gb18030', 'utf-8', …) and its reported name. */
  label: string;
  encoding: string;
  encodingSource: 'cpg' | 'ldid' | 'guess';
  /** The language driver byte. */
  ldid: number;
  /** Text bytes the decoder could not read (each shown as U+FFFD); `line` is the 1-based record. */
  undecodable?: Undecodable;
  /** Field names JavaScript reserves (`__proto__`, `constructor`, `prototype`), left out of the records. */
  reservedKeys?: string[];
}

/**
 * Language driver ids that name a code page outright (ESRI / dBASE tables). 0x57 "ANSI" means the writer's
 * system code page and 0x00 means nothing: those are guessed from the bytes.
 */
export const LDID_CODEPAGES: Record<number, string> = {
  0x4d: 'gb18030', // 936 Chinese (PRC) GBK
  0x7a: 'gb18030', // 936 PRC GBK
  0x4f: 'big5', // 950 Chinese (Taiwan) Big5
  0x78: 'big5', // 950
  0x4e: 'euc-kr', // 949 Korean
  0x79: 'euc-kr', // 949
  0x13: 'shift_jis', // 932 Japanese
  0x7b: 'shift_jis', // 932
  0x7d: 'windows-1255',
  0x7e: 'windows-1256',
  0xc8: 'windows-1250',
  0xc9: 'windows-1251',
  0x03: 'windows-1252',
  0xcb: 'windows-1253',
  0xca: 'windows-1254',
  0xcc: 'windows-1257',
};

const trimRight = (b: Uint8Array): Uint8Array => {
  let e = b.length;
  while (e > 0 && (b[e - 1] === 0x20 || b[e - 1] === 0)) e--;
  let s = 0;
  while (s < e && b[s] === 0x20) s++;
  return b.subarray(s, e);
};

/** The field name bytes (up to the first NUL). */
const nameBytes = (b: Uint8Array): Uint8Array => {
  const z = b.indexOf(0);
  return trimRight(z === -1 ? b : b.subarray(0, z));
};

export function readDbf(bytes: Uint8Array, cpg?: string): DbfRead {
  if (bytes.length < 32) throw new Error('the .dbf is too short for a header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLen = view.getUint16(8, true);
  const recLen = view.getUint16(10, true);
  const ldid = bytes[29] ?? 0;

  const rawFields: { name: Uint8Array; type: string; length: number; decimals: number; offset: number }[] = [];
  let recOffset = 1; // after the deletion flag
  for (let o = 32; o + 32 <= Math.min(headerLen, bytes.length) && bytes[o] !== 0x0d; o += 32) {
    const length = bytes[o + 16] ?? 0;
    rawFields.push({ name: nameBytes(bytes.subarray(o, o + 11)), type: String.fromCharCode(bytes[o + 11] ?? 0x43), length, decimals: bytes[o + 17] ?? 0, offset: recOffset });
    recOffset += length;
  }

  const texts = (): Uint8Array[] => {
    const out = rawFields.map((f) => f.name);
    for (let r = 0; r < count; r++) {
      const base = headerLen + r * recLen;
      for (const f of rawFields) if (f.type === 'C') out.push(trimRight(bytes.subarray(base + f.offset, base + f.offset + f.length)));
    }
    return out;
  };
  const allUtf8 = () => texts().every(isUtf8);

  let label: string | undefined;
  let encodingSource: DbfRead['encodingSource'] = 'guess';
  const fromCpg = cpg?.trim() ? decoderLabel(cpg) : undefined;
  if (fromCpg) {
    // A .cpg saying UTF-8 over bytes that are not UTF-8 is mislabelled (it happens): guess instead.
    if (fromCpg !== 'utf-8' || allUtf8()) [label, encodingSource] = [fromCpg, 'cpg'];
  } else if (LDID_CODEPAGES[ldid]) {
    [label, encodingSource] = [LDID_CODEPAGES[ldid], 'ldid'];
  }
  label ??= allUtf8() ? 'utf-8' : 'gb18030';
  const decoder = new TextDecoder(label);
  let bad = 0;
  let badRecord = 0;
  let record = 0;
  /** Decoded text; U+FFFD the bytes did not hold (EF BF BD) are counted, never silent. */
  const text = (b: Uint8Array) => {
    const s = decoder.decode(b);
    if (s.includes('\uFFFD')) {
      const made = (s.match(/\uFFFD/g)?.length ?? 0) - (label === 'utf-8' ? (new TextDecoder('latin1').decode(b).match(/\xef\xbf\xbd/g)?.length ?? 0) : 0);
      if (made > 0 && bad === 0) badRecord = record;
      bad += Math.max(0, made);
    }
    return s.trim();
  };

  const fields: DbfField[] = rawFields.map((f) => ({ name: text(f.name), type: f.type, length: f.length, decimals: f.decimals }));
  const records: DbfRead['records'] = [];
  const reserved = fields.filter((f) => RESERVED_KEYS.includes(f.name)).map((f) => f.name);
  for (let r = 0; r < count; r++) {
    record = r + 1;
    const base = headerLen + r * recLen;
    if (base + recLen > bytes.length || bytes[base] === 0x1a) break;
    if (bytes[base] === 0x2a) {
      records.push(null);
      continue;
    }
    const rec: Record<string, string | number> = {};
    rawFields.forEach((f, i) => {
      const name = fields[i]!.name;
      if (RESERVED_KEYS.includes(name)) return;
      const raw = bytes.subarray(base + f.offset, base + f.offset + f.length);
      const s = f.type === 'C' || f.type === 'M' ? text(trimRight(raw)) : new TextDecoder('latin1').decode(trimRight(raw)).trim();
      switch (f.type) {
        case 'N':
        case 'F': {
          // Empty or unparseable numbers are left out, as null attributes; long integers (beyond 2^53) stay text.
          if (s === '' || /^\*+$/.test(s)) return;
          const n = Number(s);
          rec[name] = Number.isFinite(n) && !(/^-?\d{16,}$/.test(s) && !Number.isSafeInteger(n)) ? n : s;
          return;
        }
        case 'D':
          if (/^\d{8}$/.test(s)) rec[name] = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
          else if (s) rec[name] = s;
          return;
        case 'L':
          if (/^[TtYy]$/.test(s)) rec[name] = 'true';
          else if (/^[FfNn]$/.test(s)) rec[name] = 'false';
          return;
        default:
          rec[name] = s;
      }
    });
    records.push(rec);
  }
  return {
    fields,
    records,
    label,
    encoding: encodingName(label),
    encodingSource,
    ldid,
    ...(bad > 0 ? { undecodable: { count: bad, line: badRecord } } : {}),
    ...(reserved.length ? { reservedKeys: reserved } : {}),
  };
}
