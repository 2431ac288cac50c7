/**
 * Machine romanisation of Chinese place names, for the names an import brings without an English one
 * (#10 §3): the same rule as the bundled data's `name_en` (data/derive/lib.mjs `romanise`): pinyin
 * without tones, a word's syllables joined with an apostrophe before a/o/e, the generic suffix as its
 * own word ("琉璃渠村" → "Liuliqu Cun"). Nobody checks it; polyphonic characters may be wrong.
 *
 * Only the import (its worker) loads this module: pinyin-pro's dictionary stays out of the first load.
 */
import { pinyin } from 'pinyin-pro';

/** Generic suffixes romanised as separate words, longest first. */
const SUFFIXES = ['满族乡', '村委会', '居委会', '社区', '街道', '地区', '村', '镇', '乡', '区'];

/** Machine pinyin of one word: "琉璃渠" → "Liuliqu"; text that is not Chinese is kept. */
export function pinyinWord(s: string): string {
  const syl = pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  let out = '';
  syl.forEach((x, i) => {
    if (i > 0 && /^[aoe]/.test(x) && /[a-zü]$/.test(out)) out += "'";
    out += x;
  });
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * A place name in machine pinyin, its generic suffix as its own word; a name without Chinese
 * characters is returned as it is.
 *
 * @param name - a Chinese place name, e.g. "琉璃渠村"
 * @returns e.g. "Liuliqu Cun"
 * @example
 * ```ts
 * romanise('长哨营满族乡'); // 'Changshaoying Manzu Xiang'
 * ```
 */
export function romanise(name: string): string {
  if (!/\p{Script=Han}/u.test(name)) return name;
  for (const suf of SUFFIXES) {
    if (name.endsWith(suf) && name.length > suf.length) {
      const sufEn = suf === '满族乡' ? 'Manzu Xiang' : pinyinWord(suf);
      return `${pinyinWord(name.slice(0, -suf.length))} ${sufEn}`;
    }
  }
  return pinyinWord(name);
}
