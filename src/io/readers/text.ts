/** Text decoding for imported files: UTF-8 (with or without BOM), UTF-16 by BOM, else GB18030 — never mojibake. */
import type { TextEncoding } from './types.js';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** True when the bytes are valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a text file: a UTF-8 BOM is stripped and reported, UTF-16 is recognised by its BOM (Excel's
 * "Unicode text"), valid UTF-8 is UTF-8, anything else is GB18030 (a superset of GBK and GB2312, what
 * Chinese Windows and Excel write as "ANSI").
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 (BOM)' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' };
  }
}

/**
 * The TextDecoder label for an encoding name as files write it (a `.cpg`, an XML declaration):
 * 936 / CP936 / GBK / GB2312 / GB18030 → 'gb18030'; 65001 / UTF-8 → 'utf-8'; 950 / Big5 → 'big5';
 * other code pages as windows-NNNN; undefined when no decoder knows it.
 */
export function decoderLabel(name: string): string | undefined {
  const n = name.trim().toLowerCase().replace(/^ansi[\s_-]*/, '').replace(/^(cp|windows-|ms)(?=\d)/, '');
  if (/^(936|gbk|gb2312|gb_2312-80|gb18030|euc-cn|x-gbk|chinese|csgb2312|54936)$/.test(n)) return 'gb18030';
  if (/^(65001|utf-?8)$/.test(n)) return 'utf-8';
  if (/^(950|big5|big5-hkscs)$/.test(n)) return 'big5';
  const label = /^\d+$/.test(n) ? `windows-${n}` : n;
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return undefined;
  }
}

/** The name reported for a TextDecoder label. */
export function encodingName(label: string): string {
  const l = label.toLowerCase();
  if (l === 'gb18030' || l === 'gbk') return 'GB18030';
  if (l === 'utf-8') return 'UTF-8';
  if (l === 'big5') return 'Big5';
  return new TextDecoder(label).encoding.toUpperCase().replace(/^WINDOWS/, 'windows');
}
