import { html, nothing, type TemplateResult } from 'lit';
import { metricsAsOf, planIssues } from '../../state/derive.js';
import type { ZoneResult } from '../../state/zones.js';
import type { Plan } from '../../types/plan.js';
import { emit, type Selection } from '../panel-events.js';
import { PanelElement } from '../panel-element.js';
import { placeText, selectionById } from '../plan-text.js';
import { NONE, type ListFilter, type ListSort } from './filter.js';
import { local, textLang } from '../../state/i18n.js';
import { featureName } from '../l10n-text.js';
import { clusterTable, lineTable, proposalsTable, rulesTable, statsTables, villageTable, zoneTable, type OnTableDownload, type ProposalState } from './tables.js';

export type ListTab = 'villages' | 'clusters' | 'lines' | 'zone' | 'stats' | 'rules' | 'proposals';

/** The tabs that have the text filter. */
const FILTERED: readonly ListTab[] = ['villages', 'clusters', 'lines', 'zone'];

/**
 * The feature list below the map: every village (unlocated ones included), cluster and line, the
 * villages along the drawn zones, the plan's statistics, its rule check and the cluster proposals,
 * in tabs, with a filter. Every feature on the map can be reached from here by keyboard. The list's
 * own controls (open, tab, filter, the statistics' year) are its state; what the user picks is reported.
 *
 * @summary The tabbed, filterable list of the plan's features.
 *
 * @event belt-feature-pick - A feature was chosen (to show on the map). `detail`: `{ layer, properties, lngLat }`.
 * @event belt-propose - "Propose" was pressed.
 * @event belt-proposal-decide - A proposal was accepted or rejected. `detail`: `{ id, accept }`.
 * @event belt-stats-year - The user chose the statistics' year. `detail`: `{ year }` (null: every selection).
 * @event belt-table-download - A table's CSV / XLSX button was pressed. `detail`: `{ title, columns, rows, format }`, the table as shown.
 *
 * @csspart list - The list (set on its section; reaches `<belt-map>`'s `::part(list)`).
 */
export class FeatureList extends PanelElement {
  static override properties = {
    plan: { attribute: false },
    zones: { attribute: false },
    proposals: { attribute: false },
    _open: { state: true },
    _tab: { state: true },
    _filter: { state: true },
    _statsYear: { state: true },
  };

  declare plan: Plan | null;
  /** The drawn zones (the "villages along" tab). */
  declare zones: readonly ZoneResult[];
  /** The engine's pending proposal (null until asked for). */
  declare proposals: ProposalState | null;

  declare _open: boolean;
  declare _tab: ListTab;
  declare _filter: ListFilter;
  /** The year the statistics are counted as of (null: every selection). */
  declare _statsYear: number | null;


  constructor() {
    super();
    this.plan = null;
    this.zones = [];
    this.proposals = null;
    this._open = false;
    this._tab = 'villages';
    this._filter = { filter: '', onlyUnlocated: false, onlyPlan: false };
    this._statsYear = null;
  }

  /**
   * The year the statistics are counted as of (null: every selection). The user's choice fires
   * `belt-stats-year`; setting it fires nothing.
   */
  get statsYear(): number | null {
    return this._statsYear;
  }

  set statsYear(year: number | null) {
    this._statsYear = year;
  }

  /** Opens the list (on `tab`, with the given filter settings) and moves the focus to its filter box. */
  async show(options: { tab?: ListTab } & Partial<ListFilter> = {}): Promise<void> {
    const { tab, ...filter } = options;
    this._open = true;
    if (tab) this._tab = tab;
    this._filter = { ...this._filter, ...filter };
    await this.updateComplete;
    this.querySelector<HTMLElement>('.list input[type=search]')?.focus();
  }

  override render() {
    const plan = this.plan;
    if (!plan) return nothing;
    const t = this.t;
    const tabs = this.#tabs(plan);
    const current = tabs.find((tab) => tab.id === this._tab) ?? tabs[0]!;
    const f = this._filter;
    const setFilter = (next: Partial<ListFilter>) => (this._filter = { ...this._filter, ...next });
    return html`
      <section class="list ${this._open ? 'open' : ''}" part="list" aria-label=${t.featureList}>
        <button type="button" class="list-toggle" aria-expanded=${this._open ? 'true' : 'false'} @click=${() => (this._open = !this._open)}>
          ${t.featureList}
        </button>
        ${this._open
          ? html`
              <div role="tablist" aria-label=${t.featureList} @keydown=${(e: KeyboardEvent) => this.#onTabKey(e, tabs.map((tab) => tab.id))}>
                ${tabs.map(
                  (tab) => html`<button type="button" role="tab" id=${`belt-list-tab-${tab.id}`} data-tab=${tab.id} aria-controls="belt-list-panel"
                    aria-selected=${current.id === tab.id ? 'true' : 'false'} tabindex=${current.id === tab.id ? '0' : '-1'}
                    @click=${() => (this._tab = tab.id)}>${tab.label}</button>`,
                )}
              </div>
              ${FILTERED.includes(current.id)
                ? html`<div class="list-controls">
                    <label>${t.filterLabel}
                      <input type="search" .value=${f.filter} placeholder=${t.filterPlaceholder}
                        @input=${(e: Event) => setFilter({ filter: (e.target as HTMLInputElement).value })} />
                    </label>
                    ${current.id === 'villages'
                      ? html`<label><input type="checkbox" .checked=${f.onlyUnlocated}
                            @change=${(e: Event) => setFilter({ onlyUnlocated: (e.target as HTMLInputElement).checked })} />${t.onlyUnlocated}</label>
                          <label><input type="checkbox" .checked=${f.onlyPlan}
                            @change=${(e: Event) => setFilter({ onlyPlan: (e.target as HTMLInputElement).checked })} />${t.onlyPlan}</label>
                          ${this.#choices(plan).map(
                            ({ key, label, options }) => html`<label>${label}
                              <select data-filter=${key} @change=${(e: Event) => setFilter({ [key]: (e.target as HTMLSelectElement).value })}>
                                <option value="" ?selected=${!f[key]}>${t.listFilter.any}</option>
                                ${options.map(([value, text]) => html`<option value=${value} ?selected=${f[key] === value}>${text}</option>`)}
                              </select></label>`,
                          )}`
                      : nothing}
                  </div>`
                : nothing}
              <div class="table-wrap" role="tabpanel" id="belt-list-panel" aria-labelledby=${`belt-list-tab-${current.id}`}>${current.render()}</div>
            `
          : nothing}
      </section>
    `;
  }

  /**
   * The tabs' keys (WAI-ARIA APG tabs, automatic activation): Left/Right move to the previous/next tab
   * (wrapping), Home/End to the first/last; the tab moved to is shown and focused (roving tabindex).
   */
  #onTabKey(e: KeyboardEvent, ids: ListTab[]): void {
    const at = ids.indexOf(this._tab);
    const to = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: ids.length - 1 }[e.key];
    if (to === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    this._tab = ids[(to + ids.length) % ids.length]!;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#belt-list-tab-${this._tab}`)?.focus());
  }

  /** The villages tab's choice filters: role, year, town and cluster, with the values the plan has. */
  #choices(plan: Plan): { key: 'role' | 'year' | 'town' | 'cluster'; label: string; options: [string, string][] }[] {
    const t = this.t.listFilter;
    const lang = this.lang;
    const villages = plan.villages.features.map((v) => v.properties);
    const collator = new Intl.Collator(textLang(lang) === 'en' ? 'en' : 'zh-CN', { numeric: true });
    const years = [...new Set(villages.flatMap((v) => (v.year == null ? [] : [v.year])))].sort((a, b) => a - b);
    // A town by its Chinese name; in English by the data's romanisation (town_en, the seat's name_en).
    const towns = [...new Map(villages.filter((v) => v.town).map((v) => [v.town, placeText(plan, lang, v).town])).entries()].sort((a, b) => collator.compare(a[1], b[1]));
    return [
      { key: 'role', label: t.role, options: plan.manifest.roles.map((r) => [r.id, local(lang, r.label)]) },
      { key: 'year', label: t.year, options: [...years.map((y): [string, string] => [String(y), String(y)]), [NONE, t.noYear]] },
      { key: 'town', label: t.town, options: towns },
      { key: 'cluster', label: t.cluster, options: [...plan.clusters.map((c): [string, string] => [c.id, textLang(lang) === 'en' ? c.name_en || c.name : c.name]), [NONE, t.noCluster]] },
    ];
  }

  #chooseYear(year: number | null): void {
    this._statsYear = year;
    emit(this, 'belt-stats-year', { year });
  }

  #tabs(plan: Plan): { id: ListTab; label: string; render: () => TemplateResult }[] {
    const t = this.t;
    const lang = this.lang;
    const f = this._filter;
    const pick = (sel: Selection) => emit(this, 'belt-feature-pick', sel);
    const pickById = (layer: string, id: string) => {
      const sel = selectionById(plan, lang, layer, id);
      if (sel) pick(sel);
    };
    // A table's download: its columns and rows as shown (./table-models.ts), written by the host.
    const download: OnTableDownload = (data, format) => emit(this, 'belt-table-download', { ...data, format });
    const onSort = (sort: ListSort | null) => (this._filter = { ...this._filter, sort });
    return [
      { id: 'villages', label: t.tabVillages, render: () => villageTable(t, lang, plan, f, pick, download, onSort) },
      { id: 'clusters', label: t.tabClusters, render: () => clusterTable(t, lang, plan, f, pick, download, onSort) },
      { id: 'lines', label: t.tabLines, render: () => lineTable(t, lang, plan, f, pick, download, onSort) },
      { id: 'zone', label: t.tabZone, render: () => zoneTable(t, lang, plan, this.zones, f.filter, pick, download) },
      {
        id: 'stats',
        label: t.tabStats,
        render: () => statsTables(t, lang, plan, metricsAsOf(plan, this._statsYear), this._statsYear, (y) => this.#chooseYear(y), pickById, download),
      },
      { id: 'rules', label: t.tabRules, render: () => rulesTable(t, lang, planIssues(plan), pickById, download, (ref) => featureName(plan, lang, ref)) },
      {
        id: 'proposals',
        label: t.tabProposals,
        render: () =>
          proposalsTable(t, lang, plan, this.proposals, {
            propose: () => emit(this, 'belt-propose', {}),
            accept: (p) => emit(this, 'belt-proposal-decide', { id: p.id, accept: true }),
            reject: (p) => emit(this, 'belt-proposal-decide', { id: p.id, accept: false }),
            select: pick,
          }),
      },
    ];
  }
}
