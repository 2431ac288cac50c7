/**
 * How the panels name and link a plan's features. Every value from data leaves here as a string
 * (or a template of text bindings), never as markup.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { local, type Lang, type Strings, textLang } from '../state/i18n.js';
import { clusterPlace, districtName, lookup, townName } from '../plan/lookup.js';
import type { Citation, Plan } from '../types/plan.js';
import type { Selection } from './panel-events.js';

/** A role id as the plan names it in `lang`. */
export function roleText(plan: Plan, lang: Lang, role: unknown): string {
  const r = typeof role === 'string' ? lookup(plan).roleById.get(role) : undefined;
  return r ? local(lang, r.label) : String(role ?? '');
}

/**
 * A feature's town and district as the interface names them: Chinese, or in English the romanised
 * names of the data (`town_en` / the town seat's and the districts file's `name_en`); a name the
 * data has no romanisation for stays Chinese (a proper name, never replaced by a code).
 */
export function placeText(
  plan: Plan,
  lang: Lang,
  p: { town?: unknown; town_code?: unknown; town_en?: unknown; district?: unknown; district_code?: unknown },
): { town: string; district: string } {
  const en = textLang(lang) === 'en';
  const district = typeof p.district === 'string' ? p.district : '';
  const code = typeof p.district_code === 'string' ? p.district_code : '';
  const districtEn = en && code ? plan.districts.features.find((f) => f.properties.adcode === code)?.properties.name_en : '';
  return { town: townName(plan, p, en), district: districtEn || district || (code ? districtName(plan, code, en) : '') };
}

/** A town named by its Chinese name (as the engine's proposals do), in `lang`: see {@link placeText}. */
export function townText(plan: Plan, lang: Lang, town: string): string {
  if (textLang(lang) !== 'en') return town;
  const v = plan.villages.features.find((f) => f.properties.town === town);
  return v ? townName(plan, v.properties, true) : town;
}

/**
 * A line's via places in `lang`, joined by arrows: the cited names in Chinese; in English each place's
 * romanised name (the village's or town seat's `name_en`), the cited name where it has none.
 */
export function viaText(plan: Plan, lang: Lang, via: readonly { name: string; code: string }[]): string {
  const en = textLang(lang) === 'en';
  const nameEn = (code: string) => lookup(plan).villageByCode.get(code)?.properties.name_en || plan.townSeats.features.find((f) => f.properties.code === code)?.properties.name_en;
  return via.map((v) => (en && nameEn(v.code)) || v.name).join(' → ');
}

/**
 * The language of a quoted original (a seed sentence, a cited title), which stays as it is in either
 * interface language: `zh` when it has Chinese script, `en` when it has Latin letters only, else none.
 */
export function quoteLang(text: string): 'zh' | 'en' | typeof nothing {
  return /\p{Script=Han}/u.test(text) ? 'zh' : /[A-Za-z]{2,}/.test(text) ? 'en' : nothing;
}

/** The language of a credit line kept verbatim (a licence wants it so): English when it has English words, even with a Chinese name in brackets. */
export function creditLang(text: string): 'zh' | 'en' | typeof nothing {
  return /[A-Za-z]{3,}/.test(text) ? 'en' : quoteLang(text);
}

/**
 * Only http(s) links are made clickable; any other scheme is shown as text. The title is the cited
 * page's own, kept as it is and marked with its language ({@link quoteLang}; also for a screen reader's voice).
 */
export function citationLink(c: Citation): TemplateResult {
  let ok = false;
  try {
    ok = ['http:', 'https:'].includes(new URL(c.url).protocol);
  } catch {
    ok = false;
  }
  const lang = quoteLang(c.title);
  const title = c.title ? titleParts(c.title) : c.url;
  return ok
    ? html`<a href=${c.url} target="_blank" rel="noopener noreferrer" lang=${lang}>${title}</a>`
    : html`<span lang=${lang}>${title}</span> ${c.url}`;
}

/**
 * A Chinese title with a Latin-letter remark in brackets (a collector's note such as "(title not returned)")
 * in parts, the remark marked as English: each part in its own language, as text.
 */
function titleParts(title: string): string | TemplateResult[] {
  if (quoteLang(title) !== 'zh') return title;
  const parts = title.split(/(\([A-Za-z][^()]*\))/);
  return parts.length === 1 ? title : parts.map((p, i) => (i % 2 ? html`<span lang="en">${p}</span>` : html`${p}`));
}

/** What a selected cluster shows in its details (one place for the map, the lists and the tables). */
export function clusterSelection(plan: Plan, lang: Lang, id: string): Record<string, unknown> {
  const c = lookup(plan).clusterById.get(id);
  if (!c) return { id };
  const core = c.core ? lookup(plan).villageByCode.get(c.core) : undefined;
  const at = clusterPlace(plan, c);
  return {
    id: c.id, name: c.name, name_en: c.name_en, town: at.town, town_code: at.town_code, district: at.district, district_code: at.district_code, year: c.year,
    core: core ? (textLang(lang) === 'en' ? core.properties.name_en || core.properties.short_name : core.properties.short_name) : (c.core ?? ''),
    memberCount: c.members.length, reason: c.reason, reason_zh: c.reason_zh,
  };
}

/** The selection of a village (by code) or cluster (by id) that a table names; null for anything else. */
export function selectionById(plan: Plan, lang: Lang, layer: string, id: string): Selection | null {
  if (layer === 'villages') {
    const v = plan.villages.features.find((f) => f.properties.code === id);
    return v ? { layer: 'villages', properties: { ...v.properties }, lngLat: v.geometry ? [v.geometry.coordinates[0]!, v.geometry.coordinates[1]!] : null } : null;
  }
  if (layer === 'clusters') {
    const c = lookup(plan).clusterById.get(id);
    if (!c) return null;
    const core = c.core ? lookup(plan).villageByCode.get(c.core) : undefined;
    const lngLat = core?.geometry ? ([core.geometry.coordinates[0]!, core.geometry.coordinates[1]!] as [number, number]) : null;
    return { layer: 'clusters', properties: clusterSelection(plan, lang, c.id), lngLat };
  }
  return null;
}

/** A line's `geometry_source` in words: surveyed, schematic or drawn by hand. */
export function geometryText(t: Strings, source: unknown): string {
  return source === 'schematic' ? t.schematic : source === 'drawn' ? t.draw.drawn : t.surveyed;
}
