/**
 * The words of the interface's language for what the engines and the data give as codes: rule ids,
 * severities, the proposal engine's reasons and MapLibre's control texts; and which of a plan's provenance
 * fields (`source` / `source_zh` …) to show (a package text only in the other language is kept whole, as its original).
 */
import type { ClusterWhy, UnclusteredWhy } from '../geo/proposeClusters.js';
import type { PlanFeatureRef, PlanRule } from '../plan/checkPlan.js';
import { lookup } from '../plan/lookup.js';
import { local, localName, type Lang, type Strings } from '../state/i18n.js';
import type { Plan } from '../types/plan.js';

/** A rule's title (the id stays for exports and tooltips). */
export function ruleTitle(t: Strings, rule: PlanRule | string): string {
  return (t.l10nZh.rule as Record<string, string>)[rule] ?? rule;
}

/** A severity in words: error / warning / info. */
export function severityText(t: Strings, severity: string): string {
  return (t.l10nZh.severity as Record<string, string>)[severity] ?? severity;
}

const km = (x: number) => x.toFixed(1);

/** Why a proposal has its core and members, in `t`'s language; `name` names a village by code. */
export function proposalReasonText(t: Strings, why: ClusterWhy): string {
  const s = t.l10nZh;
  const range = why.nearestKm === null ? '' : why.nearestKm === why.farthestKm ? `${km(why.nearestKm)} ${t.km}` : `${km(why.nearestKm)}–${km(why.farthestKm!)} ${t.km}`;
  return `${s.round(why.round)}${s.core(why)}${s.later(why.round)}${t.$text === 'zh' ? '；' : '; '}${s.members(why, range)}`;
}

/** Why a town (or its further cluster) was not proposed, in `t`'s language. */
export function unclusteredText(t: Strings, why: UnclusteredWhy, name: (code: string) => string = (c) => c): string {
  const u = t.l10nZh.unclustered;
  const text = why.code === 'all-used' ? u['all-used'](why) : why.code === 'too-few' ? u['too-few'](why) : u['too-sparse'](why, name(why.around));
  return `${t.l10nZh.round(why.round)}${text}`;
}

/** A feature an issue names, by its name in `lang` (its id when the plan has no such feature or name). */
export function featureName(plan: Plan, lang: Lang, ref: PlanFeatureRef): string {
  const { villageByCode, clusterById, lineById } = lookup(plan);
  const named = (x: { name: string; name_en?: string; short_name?: string } | undefined) => (x?.name ? localName(lang, x) : ref.id);
  if (ref.layer === 'villages') return named(villageByCode.get(ref.id)?.properties);
  if (ref.layer === 'clusters') return named(clusterById.get(ref.id));
  if (ref.layer === 'lines') return named(lineById.get(ref.id)?.feature.properties);
  if (ref.layer === 'belts') return named(plan.belts.find((b) => b.id === ref.id));
  const target = plan.targets.find((g) => g.id === ref.id);
  return target ? local(lang, target.label) : ref.id;
}

/** MapLibre's `locale` option (its UI string ids → text) for `t`'s language; empty keeps MapLibre's English. */
export function mapLocale(t: Strings): Record<string, string> {
  return { ...t.l10nZh.maplibre };
}

/** A provenance text (a feature's `source` / `accuracy`, a cluster's `reason`) for one interface language. */
export interface ProvenanceText {
  /** What the interface's language says. */
  text: string;
  /** The package's own text in the other language, when it has none in this one (shown as the original). */
  original: string;
  /** The language of `original`. */
  originalLang: 'zh' | 'en';
}

/** The provenance fields of the plan format that have a Chinese field beside them (`source_zh` …). */
export type ProvenanceField = 'source' | 'accuracy' | 'reason';

const said = (x: unknown): string => (typeof x === 'string' ? x.trim() : '');

/**
 * A provenance field of `properties` in the interface's language, from the data (#10 §3): in Chinese its
 * `<field>_zh`, else its English `<field>`. A text the package has only in the other language is kept
 * whole as `original` (a Chinese interface keeps an English text that has no English words as its text:
 * a code, a bare name, a Chinese note in the English field).
 * @param chinese - whether the interface shows Chinese (textLang 'zh')
 */
export function provenanceText(properties: Readonly<Record<string, unknown>>, field: ProvenanceField, chinese: boolean): ProvenanceText {
  const en = said(properties[field]);
  const zh = said(properties[`${field}_zh`]);
  if (chinese) {
    if (zh) return { text: zh, original: '', originalLang: 'en' };
    return hasEnglish(en) ? { text: '', original: en, originalLang: 'en' } : { text: en, original: '', originalLang: 'en' };
  }
  if (en) return { text: en, original: '', originalLang: 'zh' };
  return { text: '', original: zh, originalLang: 'zh' };
}

/** Whether a text has English words: three Latin letters in a row outside a technical token, file name or address. */
export function hasEnglish(text: string): boolean {
  return /[A-Za-z]{3,}/.test(text.replace(/\b(?:WGS84|GCJ-02|EPSG:\d+|CGCS2000|GeoJSON|CSV|KML|PDF|PNG|SVG)\b|[\w./-]+\.(?:txt|json|geojson)\b|https?:\/\/\S+/g, ''));
}
