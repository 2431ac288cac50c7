/**
 * The tables of `<belt-feature-list>`, one function per tab. Every value from data goes through a
 * Lit text binding, so a property holding markup is shown as text and never parsed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang, Strings } from '../../state/i18n.js';
import { textLang } from '../../state/i18n.js';
import type { Plan } from '../../types/plan.js';
import type { ZoneResult } from '../../state/zones.js';
import type { Proposal } from '../../state/proposals.js';
import type { UnclusteredTown } from '../../geo/proposeClusters.js';
import { proposalReasonText, unclusteredText } from '../l10n-text.js';
import { townText } from '../plan-text.js';
import type { PlanIssue } from '../../plan/checkPlan.js';
import type { PlanMetrics } from '../../plan/planMetrics.js';
import type { Selection } from '../panel-events.js';
import type { ListFilter, ListSort } from './filter.js';
import {
  cellContent, clusterModel, sortedModel, lineModel, rulesModel, statsModels, tableFileData, villageModel, zoneModel,
  type TableFileData, type TableModel,
} from './table-models.js';

/** A table download asked for: the table's columns and rows as shown, and the file format. */
export type OnTableDownload = (data: TableFileData, format: 'csv' | 'xlsx') => void;

/** The engine's pending proposal: proposed clusters and the towns it left out. */
export interface ProposalState {
  proposals: readonly Proposal[];
  unclustered: readonly UnclusteredTown[];
}

/** Sorting of a table by its headers: the current order and how to change it. */
export interface Sorting {
  t: Strings;
  sort: ListSort | null | undefined;
  onSort: (sort: ListSort | null) => void;
}

/**
 * The header row of a model's table. With `sorting`, each header is a button: ascending, then
 * descending, then the plan's own order; the sorted column carries `aria-sort`.
 */
function head<R>(model: TableModel<R>, sorting?: Sorting): TemplateResult {
  if (!sorting) return html`<thead><tr>${model.columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>`;
  const { t, sort, onSort } = sorting;
  const next = (key: string): ListSort | null =>
    sort?.key !== key ? { key, descending: false } : sort.descending ? null : { key, descending: true };
  return html`<thead><tr>${model.columns.map((c) => {
    const on = sort?.key === c.key;
    return html`<th scope="col" aria-sort=${on ? (sort!.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" data-sort=${c.key} title=${t.listFilter.sortBy(c.label)} @click=${() => onSort(next(c.key))}>${c.label}<span aria-hidden="true">${on ? (sort!.descending ? ' ▼' : ' ▲') : ''}</span></button>
    </th>`;
  })}</tr></thead>`;
}

/** A row's cells, in column order. */
function cells<R>(model: TableModel<R>, row: R): TemplateResult[] {
  return model.columns.map((c) => html`<td>${cellContent(c, row)}</td>`);
}

/** The CSV / XLSX buttons that download a table as shown (its columns, and its rows after the filter). */
function downloads<R>(t: Strings, model: TableModel<R>, onDownload: OnTableDownload): TemplateResult {
  const d = t.download;
  return html`<span class="table-download" role="group" aria-label=${model.title}>
    <button type="button" class="download-csv" title=${d.tableTitle(model.title, 'CSV')} aria-label=${d.tableTitle(model.title, 'CSV')}
      @click=${() => onDownload(tableFileData(model), 'csv')}>⤓ ${d.tableCsv}</button>
    <button type="button" class="download-xlsx" title=${d.tableTitle(model.title, 'XLSX')} aria-label=${d.tableTitle(model.title, 'XLSX')}
      @click=${() => onDownload(tableFileData(model), 'xlsx')}>⤓ ${d.tableXlsx}</button>
  </span>`;
}

/** "Showing n of m" and the download buttons. */
function bar<R>(t: Strings, model: TableModel<R>, onDownload: OnTableDownload): TemplateResult {
  return html`<div class="table-bar"><p class="count" role="status">${t.rowsShown(model.rows.length, model.total)}</p>${downloads(t, model, onDownload)}</div>`;
}

export function villageTable(t: Strings, lang: Lang, plan: Plan, state: ListFilter, onSelect: (s: Selection) => void, onDownload: OnTableDownload, onSort?: (sort: ListSort | null) => void): TemplateResult {
  const model = sortedModel(villageModel(t, lang, plan, state, onSelect), state.sort);
  return html`
    ${bar(t, model, onDownload)}
    <table>
      ${head(model, onSort && { t, sort: state.sort, onSort })}
      <tbody>${model.rows.map((f) => html`<tr data-code=${f.properties.code}>${cells(model, f)}</tr>`)}</tbody>
    </table>
  `;
}

export function clusterTable(t: Strings, lang: Lang, plan: Plan, state: ListFilter, onSelect: (s: Selection) => void, onDownload: OnTableDownload, onSort?: (sort: ListSort | null) => void): TemplateResult {
  const model = sortedModel(clusterModel(t, lang, plan, state, onSelect), state.sort);
  return html`
    ${bar(t, model, onDownload)}
    <table>
      ${head(model, onSort && { t, sort: state.sort, onSort })}
      <tbody>${model.rows.map((c) => html`<tr data-cluster=${c.id}>${cells(model, c)}</tr>`)}</tbody>
    </table>
  `;
}

export function lineTable(t: Strings, lang: Lang, plan: Plan, state: ListFilter, onSelect: (s: Selection) => void, onDownload: OnTableDownload, onSort?: (sort: ListSort | null) => void): TemplateResult {
  const model = sortedModel(lineModel(t, lang, plan, state, onSelect), state.sort);
  return html`
    ${bar(t, model, onDownload)}
    <table>
      ${head(model, onSort && { t, sort: state.sort, onSort })}
      <tbody>${model.rows.map((r) => html`<tr data-line=${r[1].properties.id}>${cells(model, r)}</tr>`)}</tbody>
    </table>
  `;
}

/** The villages inside the switched-on zones, line by line, by chainage. */
export function zoneTable(
  t: Strings,
  lang: Lang,
  plan: Plan,
  results: readonly ZoneResult[],
  filter: string,
  onSelect: (s: Selection) => void,
  onDownload: OnTableDownload,
): TemplateResult {
  if (results.length === 0) return html`<p>${t.noZone}</p>`;
  const model = zoneModel(t, lang, plan, results, filter, onSelect);
  return html`
    ${bar(t, model, onDownload)}
    <table>
      ${head(model)}
      <tbody>${model.rows.map((r) => html`<tr data-code=${r[1].properties.code} data-line=${r[0].lineId}>${cells(model, r)}</tr>`)}</tbody>
    </table>
  `;
}

/** The engine's proposal, each with its reasons and an accept / reject choice. */
export function proposalsTable(
  t: Strings,
  lang: Lang,
  plan: Plan,
  state: ProposalState | null,
  on: { propose: () => void; accept: (p: Proposal) => void; reject: (p: Proposal) => void; select: (s: Selection) => void },
): TemplateResult {
  const byCode = new Map(plan.villages.features.map((f) => [f.properties.code, f]));
  const label = (code: string) => {
    const v = byCode.get(code);
    return v ? (textLang(lang) === 'en' ? v.properties.name_en : v.properties.short_name) : code;
  };
  const sep = textLang(lang) === 'en' ? ', ' : '、';
  return html`
    <p>${t.proposeHint} <button type="button" class="propose" @click=${on.propose}>${t.propose}</button></p>
    ${state === null
      ? nothing
      : state.proposals.length === 0
        ? html`<p>${t.noProposals}</p>`
        : html`<table>
            <thead><tr>
              <th scope="col">${t.col.town}</th><th scope="col">${t.col.core}</th><th scope="col">${t.col.members}</th>
              <th scope="col">${t.reason}</th><th scope="col"><span class="sr-only">${t.accept} / ${t.reject}</span></th>
            </tr></thead>
            <tbody>
              ${state.proposals.map((p) => {
                const core = byCode.get(p.core);
                const lngLat = core?.geometry ? ([core.geometry.coordinates[0], core.geometry.coordinates[1]] as [number, number]) : null;
                return html`<tr data-proposal=${p.id}>
                  <td>${townText(plan, lang, p.town)}</td>
                  <td><button type="button" class="link" @click=${() => core && on.select({ layer: 'villages', properties: { ...core.properties }, lngLat })}>${label(p.core)}</button></td>
                  <td>${p.members.map(label).join(sep)}</td>
                  <td>${proposalReasonText(t, { ...p.why, town: townText(plan, lang, p.why.town) })}</td>
                  <td class="decide">
                    <button type="button" class="accept" @click=${() => on.accept(p)}>${t.accept}</button>
                    <button type="button" class="reject" @click=${() => on.reject(p)}>${t.reject}</button>
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`}
    ${state && state.unclustered.length
      ? html`<h4>${t.unclustered}</h4><ul>${state.unclustered.map((u) => html`<li>${townText(plan, lang, u.town)}${textLang(lang) === 'en' ? ': ' : '：'}${unclusteredText(t, { ...u.why, town: townText(plan, lang, u.why.town) }, label)}</li>`)}</ul>`
      : nothing}
  `;
}

/** Every broken rule of the plan, with the features involved (choosing one shows it). */
export function rulesTable(
  t: Strings, lang: Lang, issues: readonly PlanIssue[], onFeature: (layer: string, id: string) => void, onDownload: OnTableDownload, name?: (f: PlanIssue['features'][number]) => string,
): TemplateResult {
  if (issues.length === 0) return html`<p>${t.noIssues}</p>`;
  const model = rulesModel(t, lang, issues, onFeature, name);
  return html`
    ${bar(t, model, onDownload)}
    <table>
      ${head(model)}
      <tbody>${model.rows.map((i) => html`<tr data-rule=${i.rule} class=${i.severity}>${cells(model, i)}</tr>`)}</tbody>
    </table>
  `;
}

/** The plan's numbers (planMetrics) as tables, with progress against each target as of `year`; each table downloads on its own. */
export function statsTables(
  t: Strings,
  lang: Lang,
  plan: Plan,
  m: PlanMetrics,
  year: number | null,
  onYear: (year: number | null) => void,
  onFeature: (layer: string, id: string) => void,
  onDownload: OnTableDownload,
): TemplateResult {
  const s = statsModels(t, lang, plan, m, onFeature);
  /** A statistics table: its heading with the download buttons, then the table. */
  const section = <R>(heading: string, model: TableModel<R>, row: (r: R) => TemplateResult, className = '') => html`
    <div class="table-bar" data-table=${model.title}><h4>${heading}</h4>${downloads(t, model, onDownload)}</div>
    <table class=${className}>${head(model)}<tbody>${model.rows.map(row)}</tbody></table>
  `;
  return html`
    <label class="year">${t.asOfYear}
      <select @change=${(e: Event) => onYear((e.target as HTMLSelectElement).value ? Number((e.target as HTMLSelectElement).value) : null)}>
        <option value="" ?selected=${year === null}>—</option>
        ${plan.manifest.years.map((y) => html`<option value=${y} ?selected=${year === y}>${y}</option>`)}
      </select>
    </label>
    ${section(t.target, s.targets, (g) => html`<tr data-target=${g.id} class=${g.met ? 'met' : 'unmet'}>${cells(s.targets, g)}</tr>`, 'targets')}
    ${section(t.col.role, s.roles, (r) => html`<tr>${cells(s.roles, r)}</tr>`)}
    ${section(t.coverage, s.coverage, (c) => html`<tr>${cells(s.coverage, c)}</tr>`)}
    ${section(t.tabClusters, s.clusters, (c) => html`<tr data-cluster=${c.id}>${cells(s.clusters, c)}</tr>`)}
    ${section(t.tabLines, s.lines, (x) => ('line' in x ? html`<tr data-line=${x.line.id}>${cells(s.lines, x)}</tr>` : html`<tr data-belt=${x.belt.id}>${cells(s.lines, x)}</tr>`))}
    ${section(t.col.town, s.towns, (w) => html`<tr>${cells(s.towns, w)}</tr>`)}
  `;
}
