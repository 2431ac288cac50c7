/**
 * The interface's languages. Every string a person sees is in a per-language file in src/locales/
 * (zh-CN.ts is the source and gives the shape, `Strings`; en.ts must match it, a missing key is a type
 * error). The files are registered with @shoelace-style/localize, whose registry resolves a tag
 * (`en-GB` → `en`) and falls back key by key, so a third language is one more translation object given to
 * `registerTranslation` (or `BeltMap.registerTranslation` on a page) — no code changes. See README.
 */

import { LocalizeController, registerTranslation as register, type Translation } from '@shoelace-style/localize';
import type { ReactiveControllerHost } from 'lit';
import type { PlanEdit } from './store.js';
import en from '../locales/en.js';
import zhCN from '../locales/zh-CN.js';

/** Every key of the interface, as the Chinese source file has them. */
export type Strings = typeof zhCN;

/**
 * A language's code as registered (`zh-CN`, `en`, or any other registered translation's `$code`).
 * Code that shows a plan's bilingual data asks `textLang(lang)`, never compares with `'en'`.
 */
export type Lang = 'zh-CN' | 'en' | (string & {});

/**
 * A translation another party provides: the three `$` fields of the library, `$text` for which of a
 * plan's bilingual texts it shows (default: `zh` for Chinese tags, else `en`), and any subset of the keys;
 * a key it lacks is shown in English.
 */
export type BeltTranslation = Translation & { $text?: 'zh' | 'en' } & Partial<Omit<Strings, '$code' | '$name' | '$dir' | '$text'>>;

// English first: the library's fallback is the first translation registered, and a partial third language
// is better completed in English than in Chinese for its readers.
register(en, zhCN);

/** The library resolves terms through a controller of an element; this stand-in host carries only a language. */
function lookup(lang: string): LocalizeController<Strings> {
  const host = { lang, dir: 'ltr', addController() {}, removeController() {}, requestUpdate() {} };
  return new LocalizeController<Strings>(host as unknown as ReactiveControllerHost & HTMLElement);
}

const cache = new Map<string, Strings>();

/**
 * The strings of a language: each key from that language's translation, else from its base language
 * (`en-GB` → `en`), else English. Functions keep their arguments.
 */
export function strings(lang: Lang): Strings {
  let s = cache.get(lang);
  if (!s) {
    const terms = lookup(lang);
    const keys = Object.keys(zhCN) as (keyof Strings)[];
    s = Object.fromEntries(
      keys.map((k) => {
        const shape = zhCN[k];
        // A function is looked up when called, so a translation registered later is still used.
        return [k, typeof shape === 'function' ? (...args: unknown[]) => (terms.term as (key: string, ...a: unknown[]) => string)(k, ...args) : terms.term(k)];
      }),
    ) as unknown as Strings;
    cache.set(lang, s);
  }
  return s;
}

/** Register further translations (or replace keys of a registered one); elements re-render. */
export function registerTranslation(...translations: BeltTranslation[]): void {
  for (const t of translations) {
    if (typeof t?.$code !== 'string' || !t.$code) throw new TypeError('registerTranslation: a translation needs a $code such as "fr" or "zh-TW"');
  }
  register(...translations);
  cache.clear();
}

/** Whether a tag (`en`, `en-GB`, `fr`) has a registered translation, its own or its base language's. */
export function isRegistered(tag: string): boolean {
  try {
    new Intl.Locale(tag);
  } catch {
    return false;
  }
  return lookup(tag).exists('$code', { lang: tag, includeFallback: false });
}

/** A registered language for a tag: the tag's own translation or its base language's, else Chinese. */
export function normaliseLang(tag: string | null | undefined): Lang {
  const code = tag?.replace(/_/g, '-');
  return code && isRegistered(code) ? lookup(code).term('$code') : 'zh-CN';
}

/** Which of a plan's bilingual texts a language shows: its `$text`, else `zh` for Chinese tags, else `en`. */
export function textLang(lang: Lang): 'zh' | 'en' {
  if (lookup(lang).exists('$text', { lang, includeFallback: false })) return strings(lang).$text;
  return /^zh\b/i.test(lang) ? 'zh' : 'en';
}

/** A package's bilingual text in `lang` (the other language when that one is empty). */
export function local(lang: Lang, text: { zh: string; en: string }): string {
  return textLang(lang) === 'en' ? text.en || text.zh : text.zh || text.en;
}

/** A name in `lang`: `name_en` in English when there is one, else the Chinese name. */
export function localName(lang: Lang, x: { name: string; name_en?: string; short_name?: string }): string {
  return textLang(lang) === 'en' && x.name_en ? x.name_en : (x.short_name ?? x.name);
}

/** What an edit of the history was, in `lang`: a command by its kind, an outside edit by its label. */
export function editLabel(lang: Lang, edit: PlanEdit): string {
  if (edit.type === 'dispatch') return strings(lang).edit[edit.command.type];
  return typeof edit.label === 'string' ? edit.label : local(lang, edit.label);
}
