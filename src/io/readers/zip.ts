/** Zip archives: entries by path, names decoded right (Chinese Windows zips write GBK names with no UTF-8 flag). */
import { unzipSync } from 'fflate';
import { isUtf8 } from './text.js';
import { ImportReadError } from './types.js';

export const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);

/** fflate gives names without the UTF-8 flag as one char per byte: re-decode those as UTF-8, else GB18030. */
function entryName(n: string): string {
  if (!/[\u0080-\u00ff]/.test(n) || /[^\u0000-\u00ff]/.test(n)) return n;
  const bytes = Uint8Array.from(n, (c) => c.charCodeAt(0));
  return new TextDecoder(isUtf8(bytes) ? 'utf-8' : 'gb18030').decode(bytes);
}

/** The archive's files (directories and macOS resource forks left out). */
export function unzipFiles(name: string, bytes: Uint8Array): Record<string, Uint8Array> {
  let raw: Record<string, Uint8Array>;
  try {
    raw = unzipSync(bytes);
  } catch (e) {
    throw new ImportReadError(name, `not a readable zip archive (${(e as Error).message})`, `无法读取的 zip 压缩包（${(e as Error).message}）`);
  }
  const out: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.endsWith('/') || k.startsWith('__MACOSX/') || k.includes('/__MACOSX/') || /(^|\/)\._/.test(k)) continue;
    out[entryName(k)] = v;
  }
  return out;
}

/** Case-insensitive extension test on an entry path. */
export const hasExt = (path: string, ext: string) => path.toLowerCase().endsWith(`.${ext}`);
