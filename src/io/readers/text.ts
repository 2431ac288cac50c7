/** Text decoding for imported files: UTF-8 (with or without BOM), UTF-16 by BOM, else GB18030 — never mojibake. */
import type { TextEncoding, Undecodable } from './types.js';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Bytes that are valid in neither UTF-8 nor GB18030, each shown as U+FFFD (�); absent when every byte decoded. */
  undecodable?: Undecodable;
}


/** U+FFFD in `text` that the bytes did not hold as a valid U+FFFD (EF BF BD): the decoder's replacements. */
function replacements(text: string, bytes: Uint8Array): Undecodable | undefined {
  let count = 0;
  let first = -1;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    count++;
    if (first === -1) first = i;
  }
  let genuine = 0;
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) genuine++;
  count -= genuine;
  if (count <= 0) return undefined;
  return { count, line: text.slice(0, first).split('\n').length };
}

/** The bytes decoded as `label` (a file's declared encoding), with what could not be decoded. */
export function decodeAs(label: string, bytes: Uint8Array): { text: string; undecodable?: Undecodable } {
  const text = new TextDecoder(label).decode(bytes);
  const undecodable = replacements(text, bytes);
  return { text, ...(undecodable ? { undecodable } : {}) };
}

/** The bytes as `label` when they are valid in it, else null. */
function decodeStrict(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
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
 * "Unicode text"), valid UTF-8 is UTF-8, valid GB18030 is GB18030 (a superset of GBK and GB2312, what
 * Chinese Windows and Excel write as "ANSI"). Bytes valid in neither are never replaced silently: the
 * encoding that leaves fewer of them undecoded is used (UTF-8 on a tie) and `undecodable` says how many and where.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    const text = new TextDecoder('utf-8').decode(body);
    const undecodable = replacements(text, body);
    return { text, encoding: 'UTF-8 (BOM)', ...(undecodable ? { undecodable } : {}) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  }
  const utf8 = decodeStrict('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8' };
  const asUtf8 = new TextDecoder('utf-8').decode(bytes);
  const u = replacements(asUtf8, bytes)!;
  // Mostly UTF-8 (more valid non-ASCII characters than broken bytes: GBK text almost never forms UTF-8
  // sequences) with a few bad bytes: UTF-8, reported — not the whole file as GB18030 mojibake.
  const valid = asUtf8.replace(/[\x00-\x7f\uFFFD]/g, '').length;
  if (valid > u.count) return { text: asUtf8, encoding: 'UTF-8', undecodable: u };
  const gb = decodeStrict('gb18030', bytes);
  if (gb !== null) return { text: gb, encoding: 'GB18030' };
  const asGb = new TextDecoder('gb18030').decode(bytes);
  const g = replacements(asGb, bytes);
  if (u.count <= (g?.count ?? 0)) return { text: asUtf8, encoding: 'UTF-8', undecodable: u };
  return { text: asGb, encoding: 'GB18030', ...(g ? { undecodable: g } : {}) };
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
