/**
 * The feature list's tables as data: for each table its columns (header, the cell's value, and how the
 * cell is shown when that is more than its text) and its rows. `./tables.ts` renders them; a
 * download writes the same columns and rows ({@link tableFileData}), so what a planner downloads is
 * what the list shows, in the UI language, and a column is defined once.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { TableColumn } from '../../io/exportPlan.js';
import { clusterPlace, districtName, lookup } from '../../plan/lookup.js';
import type { PlanIssue } from '../../plan/checkPlan.js';
import type { PlanMetrics } from '../../plan/planMetrics.js';
import { local, type Lang, type Strings, textLang } from '../../state/i18n.js';
import type { ZoneResult } from '../../state/zones.js';
import type { LineFeature, Plan, VillageFeature, VillageProperties } from '../../types/plan.js';
import type { Selection } from '../panel-events.js';
import { citationLink, clusterSelection, geometryText, placeText, quoteLang, roleText, viaText } from '../plan-text.js';
import { ruleTitle, severityText } from '../l10n-text.js';
import { matches, sortRows, villageShown, type ListFilter, type ListSort } from './filter.js';

/** A cell's value: what the file holds and, unless the column shows more, what the table shows. */
export type CellValue = string | number | null;

/** A column of a table. */
export interface Column<R> {
  /** The key of the value in a downloaded row. */
  key: string;
  /** The header, in the UI language (the file's header too). */
  label: string;
  value: (row: R) => CellValue;
  /** How the cell is shown (a link, a note under the text); default: the value as text. */
  show?: (row: R) => TemplateResult | string;
}

/** A table: its title (the download's name), columns, the rows shown, and how many there are without the filter. */
export interface TableModel<R> {
  title: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  total: number;
}

/** A table as {@link tableFile} takes it: plain data, so it can travel in an event. */
export interface TableFileData {
  title: string;
  columns: TableColumn[];
  rows: Record<string, CellValue>[];
}

/** The columns and rows of a model, as a download writes them. */
export function tableFileData<R>(model: TableModel<R>): TableFileData {
  return {
    title: model.title,
    columns: model.columns.map(({ key, label }) => ({ key, label })),
    rows: model.rows.map((r) => Object.fromEntries(model.columns.map((c) => [c.key, c.value(r)]))),
  };
}

/** The model with its rows ordered by the column `sort` names (unchanged when null or not a column). */
export function sortedModel<R>(model: TableModel<R>, sort: ListSort | null | undefined): TableModel<R> {
  const column = sort && model.columns.find((c) => c.key === sort.key);
  return column ? { ...model, rows: sortRows(model.rows, column.value, sort.descending) } : model;
}

/** What a cell shows: its `show`, else its value as text. */
export function cellContent<R>(column: Column<R>, row: R): TemplateResult | string {
  if (column.show) return column.show(row);
  const v = column.value(row);
  return v === null ? '' : String(v);
}

const lngLatOf = (f: { geometry: { coordinates: number[] } | null } | undefined): [number, number] | null =>
  f?.geometry ? [f.geometry.coordinates[0]!, f.geometry.coordinates[1]!] : null;
const sepOf = (lang: Lang) => (textLang(lang) === 'en' ? ', ' : '、');
const villageLabel = (lang: Lang, p: VillageProperties) => (textLang(lang) === 'en' ? p.name_en : p.short_name);
/** A number rounded as the table shows it (so the file holds the same figure, as a number). */
const fixed = (x: number, digits: number) => Number(x.toFixed(digits));

export function villageModel(t: Strings, lang: Lang, plan: Plan, state: ListFilter, onSelect: (s: Selection) => void): TableModel<VillageFeature> {
  const all = plan.villages.features;
  const none = lookup(plan).roleOfKind.none?.id ?? '';
  const c = t.col;
  return {
    title: t.download.tables.villages,
    total: all.length,
    rows: all.filter((f) => villageShown(f, state, none, lookup(plan).clustersOf)),
    columns: [
      {
        key: 'name', label: c.name, value: (f) => villageLabel(lang, f.properties),
        show: (f) => {
          const lngLat = lngLatOf(f);
          return html`<button type="button" class="link" @click=${() => onSelect({ layer: 'villages', properties: { ...f.properties }, lngLat })}
            title=${lngLat ? t.showOnMap : t.details}>${villageLabel(lang, f.properties)}</button>`;
        },
      },
      { key: 'code', label: c.code, value: (f) => f.properties.code },
      { key: 'town', label: c.town, value: (f) => placeText(plan, lang, f.properties).town },
      { key: 'district', label: c.district, value: (f) => placeText(plan, lang, f.properties).district },
      { key: 'role', label: c.role, value: (f) => roleText(plan, lang, f.properties.role) },
      { key: 'year', label: c.year, value: (f) => f.properties.year ?? null },
      { key: 'cluster', label: c.cluster, value: (f) => (f.properties.cluster as string | null | undefined) ?? null },
      { key: 'position', label: c.position, value: (f) => (f.geometry ? t.located : t.notLocated) },
    ],
  };
}

export function clusterModel(t: Strings, lang: Lang, plan: Plan, state: ListFilter, onSelect: (s: Selection) => void): TableModel<Plan['clusters'][number]> {
  const { villageByCode } = lookup(plan);
  const label = (code: string) => {
    const v = villageByCode.get(code);
    return v ? villageLabel(lang, v.properties) : code;
  };
  const c = t.col;
  return {
    title: t.download.tables.clusters,
    total: plan.clusters.length,
    rows: plan.clusters.filter((k) => matches(state.filter, k.name, k.name_en, clusterPlace(plan, k).town, clusterPlace(plan, k).district, k.id)),
    columns: [
      {
        key: 'name', label: c.area, value: (k) => (textLang(lang) === 'en' ? k.name_en : k.name),
        show: (k) => {
          const lngLat = lngLatOf(k.core ? villageByCode.get(k.core) : undefined);
          return html`<button type="button" class="link" @click=${() => onSelect({ layer: 'clusters', properties: clusterSelection(plan, lang, k.id), lngLat })}>${textLang(lang) === 'en' ? k.name_en : k.name}</button>`;
        },
      },
      { key: 'town', label: c.town, value: (k) => placeText(plan, lang, clusterPlace(plan, k)).town },
      { key: 'district', label: c.district, value: (k) => placeText(plan, lang, clusterPlace(plan, k)).district },
      { key: 'year', label: c.year, value: (k) => k.year ?? null },
      { key: 'core', label: c.core, value: (k) => (k.core ? label(k.core) : '—') },
      { key: 'members', label: c.members, value: (k) => k.members.map(label).join(sepOf(lang)) },
    ],
  };
}

export type LineRow = readonly ['corridors' | 'culture-belts', LineFeature];

export function lineModel(t: Strings, lang: Lang, plan: Plan, state: ListFilter, onSelect: (s: Selection) => void): TableModel<LineRow> {
  const lines: LineRow[] = [...plan.corridors.features.map((f) => ['corridors', f] as const), ...plan.cultureBelts.features.map((f) => ['culture-belts', f] as const)];
  const c = t.col;
  return {
    title: t.tabLines,
    total: lines.length,
    rows: lines.filter(([, f]) => matches(state.filter, f.properties.name, f.properties.name_en, f.properties.id)),
    columns: [
      {
        key: 'name', label: c.name, value: ([, f]) => (textLang(lang) === 'en' ? f.properties.name_en : f.properties.name),
        show: ([layer, f]) => {
          const p = f.properties;
          const first = f.geometry.type === 'LineString' ? f.geometry.coordinates[0] : f.geometry.coordinates[0]?.[0];
          const lngLat = first ? ([first[0], first[1]] as [number, number]) : null;
          return html`<button type="button" class="link" @click=${() => onSelect({ layer, properties: { ...p }, lngLat })}>${textLang(lang) === 'en' ? p.name_en : p.name}</button>`;
        },
      },
      { key: 'kind', label: c.lineKind, value: ([, f]) => t.lineKind[f.properties.kind] },
      { key: 'geometry', label: c.geometry, value: ([, f]) => geometryText(t, f.properties.geometry_source) },
      { key: 'via', label: c.via, value: ([, f]) => viaText(plan, lang, f.properties.via) },
      {
        key: 'sources', label: c.sources, value: ([, f]) => f.properties.citations.map((x) => [x.title, x.url].filter(Boolean).join(' ')).join('; '),
        show: ([, f]) => html`<ul>${f.properties.citations.map((x) => html`<li>${citationLink(x)}</li>`)}</ul>`,
      },
    ],
  };
}

export type ZoneRow = readonly [ZoneResult, ZoneResult['villages'][number]];

/** The villages inside the switched-on zones, line by line, by chainage. */
export function zoneModel(t: Strings, lang: Lang, plan: Plan, results: readonly ZoneResult[], filter: string, onSelect: (s: Selection) => void): TableModel<ZoneRow> {
  const rows = results.flatMap((r) =>
    r.villages.filter((v) => matches(filter, v.properties.name, v.properties.short_name, v.properties.name_en, v.properties.town, v.properties.code)).map((v) => [r, v] as const),
  );
  return {
    title: t.download.tables.zone,
    total: results.reduce((n, r) => n + r.villages.length, 0),
    rows,
    columns: [
      { key: 'line', label: t.line, value: ([r]) => (textLang(lang) === 'en' ? r.name_en : r.name) },
      { key: 'chainage', label: t.chainage, value: ([, v]) => fixed(v.properties.chainageKm, 1), show: ([, v]) => v.properties.chainageKm.toFixed(1) },
      { key: 'distance', label: t.distance, value: ([, v]) => fixed(v.properties.distanceKm, 2), show: ([, v]) => v.properties.distanceKm.toFixed(2) },
      {
        key: 'name', label: t.col.name, value: ([, v]) => villageLabel(lang, v.properties),
        show: ([, v]) => {
          const lngLat = [v.geometry.coordinates[0], v.geometry.coordinates[1]] as [number, number];
          return html`<button type="button" class="link" @click=${() => onSelect({ layer: 'villages', properties: { ...v.properties }, lngLat })}>${villageLabel(lang, v.properties)}</button>`;
        },
      },
      { key: 'code', label: t.col.code, value: ([, v]) => v.properties.code },
      { key: 'town', label: t.col.town, value: ([, v]) => placeText(plan, lang, v.properties).town },
      { key: 'role', label: t.col.role, value: ([, v]) => roleText(plan, lang, v.properties.role) },
    ],
  };
}

/** Every broken rule of the plan, with the features involved (choosing one shows it). */
export function rulesModel(
  t: Strings, lang: Lang, issues: readonly PlanIssue[], onFeature: (layer: string, id: string) => void, name: (f: PlanIssue['features'][number]) => string = (f) => f.id,
): TableModel<PlanIssue> {
  const SHOWN = 12;
  return {
    title: t.download.tables.rules,
    total: issues.length,
    rows: issues,
    columns: [
      { key: 'severity', label: t.severity, value: (i) => severityText(t, i.severity) },
      // The table shows the rule's title (its id in the tooltip); a download keeps the id, the rule's name in the plan.
      { key: 'rule', label: t.rule, value: (i) => ruleTitle(t, i.rule), show: (i) => html`<span title=${t.l10nZh.ruleId(i.rule)}>${ruleTitle(t, i.rule)}</span>` },
      {
        key: 'message', label: t.message, value: (i) => [local(lang, i.message), i.source].filter(Boolean).join('\n'),
        show: (i) => html`${local(lang, i.message)}${i.source ? html`<div class="source" lang=${quoteLang(i.source)}>${i.source}</div>` : nothing}`,
      },
      {
        key: 'features', label: t.features, value: (i) => i.features.map((f) => f.id).join(sepOf(lang)),
        show: (i) =>
          html`${i.features.slice(0, SHOWN).map((f) => html`<button type="button" class="link" title=${f.id} @click=${() => onFeature(f.layer, f.id)}>${name(f)}</button> `)}${i.features.length > SHOWN ? `… (+${i.features.length - SHOWN})` : ''}`,
      },
    ],
  };
}

/** The statistics' tables (planMetrics as of a year), in the order they are shown. */
export interface StatsModels {
  targets: TableModel<PlanMetrics['targets'][number]>;
  roles: TableModel<PlanMetrics['roles'][number]>;
  coverage: TableModel<PlanMetrics['coverage']['all']>;
  clusters: TableModel<PlanMetrics['clusters'][number]>;
  lines: TableModel<{ line: PlanMetrics['lines'][number] } | { belt: PlanMetrics['belts'][number] }>;
  towns: TableModel<PlanMetrics['towns'][number]>;
}

export function statsModels(t: Strings, lang: Lang, plan: Plan, m: PlanMetrics, onFeature: (layer: string, id: string) => void): StatsModels {
  const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
  const range = (min: number | null, max: number | null) =>
    min !== null && max !== null ? (min === max ? `${min}` : `${min}–${max}`) : min !== null ? `≥ ${min}` : max !== null ? `≤ ${max}` : '—';
  const name = (x: { name: string; name_en?: string }) => (textLang(lang) === 'en' && x.name_en ? x.name_en : x.name);
  const selected = plan.manifest.roles.filter((r) => r.kind !== 'none');
  const tables = t.download.tables;
  const model = <R>(title: string, rows: readonly R[], columns: Column<R>[]): TableModel<R> => ({ title, rows, total: rows.length, columns });
  const series = (g: PlanMetrics['targets'][number]) => (g.series ? g.series.map((s) => `${s.year}: ${s.value ?? '—'}`).join(' · ') : '');
  const km = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} ${t.km}`);
  return {
    targets: model(tables.targets, m.targets, [
      { key: 'metric', label: t.metric, value: (g) => local(lang, g.label) },
      { key: 'district', label: t.col.district, value: (g) => (g.district ? districtName(plan, g.district, textLang(lang) === 'en') : t.allDistricts) },
      {
        key: 'value', label: t.value, value: (g) => (g.series ? `${g.value ?? '—'} (${series(g)})` : (g.value ?? '—')),
        show: (g) => html`${g.value ?? '—'}${g.series ? html`<div class="series">${series(g)}</div>` : nothing}`,
      },
      { key: 'target', label: t.target, value: (g) => range(g.min, g.max) },
      { key: 'met', label: t.met, value: (g) => (g.met ? t.yes : t.no) },
      { key: 'year', label: t.year, value: (g) => g.year ?? null },
    ]),
    roles: model(tables.roles, m.roles, [
      { key: 'role', label: t.col.role, value: (r) => roleText(plan, lang, r.role) },
      { key: 'villages', label: t.tabVillages, value: (r) => r.register },
      { key: 'located', label: t.located, value: (r) => r.located },
    ]),
    coverage: model(tables.coverage, [...m.coverage.byDistrict, m.coverage.all], [
      { key: 'district', label: t.col.district, value: (c) => (c.district === null ? t.allDistricts : placeText(plan, lang, plan.villages.features.find((v) => v.properties.district === c.district)?.properties ?? c).district) },
      { key: 'inCluster', label: t.inCluster, value: (c) => `${c.registerInCluster} / ${c.register} (${pct(c.registerInClusterShare)})` },
      { key: 'inZone', label: t.inZone(m.coverage.zoneKm), value: (c) => `${c.locatedInZone} / ${c.located} (${pct(c.locatedInZoneShare)})` },
    ]),
    clusters: model(tables.clusterStats, m.clusters, [
      {
        key: 'name', label: t.col.area, value: (c) => name(c),
        show: (c) => html`<button type="button" class="link" @click=${() => onFeature('clusters', c.id)}>${name(c)}</button>`,
      },
      { key: 'year', label: t.col.year, value: (c) => c.year },
      { key: 'members', label: t.col.members, value: (c) => c.members },
      { key: 'located', label: t.located, value: (c) => c.locatedMembers },
      { key: 'area', label: t.areaKm2, value: (c) => c.areaKm2 ?? '—' },
    ]),
    lines: model(tables.lines, [...m.lines.map((line) => ({ line })), ...m.belts.map((belt) => ({ belt }))], [
      { key: 'name', label: t.col.name, value: (x) => name('line' in x ? x.line : x.belt) },
      { key: 'geometry', label: t.col.geometry, value: (x) => ('line' in x ? geometryText(t, x.line.geometry_source) : t.schematic) },
      { key: 'length', label: t.col.length, value: (x) => km('line' in x ? x.line.lengthKm : x.belt.lengthKm) },
    ]),
    towns: model(tables.towns, m.towns, [
      { key: 'town', label: t.col.town, value: (w) => placeText(plan, lang, w).town },
      { key: 'district', label: t.col.district, value: (w) => placeText(plan, lang, w).district },
      { key: 'villages', label: t.tabVillages, value: (w) => w.villages },
      { key: 'located', label: t.located, value: (w) => w.located },
      ...selected.map((r): Column<PlanMetrics['towns'][number]> => ({ key: `role:${r.id}`, label: local(lang, r.label), value: (w) => w.roles[r.id] ?? 0 })),
      { key: 'clusters', label: t.tabClusters, value: (w) => w.clusters },
    ]),
  };
}
