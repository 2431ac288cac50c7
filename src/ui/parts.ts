/**
 * Templates of `<belt-map>`'s panels. Every value from data goes through a Lit text binding, so a
 * property holding markup is shown as text and never parsed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang } from '../state/i18n.js';
import type { Strings } from '../state/i18n.js';
import type { LegendEntry } from '../state/legend.js';
import { PUBLIC_LAYERS, type PublicLayerId } from '../state/layers.js';
import type { Citation, LineProperties, Plan, VillageProperties } from '../types/plan.js';
import { colourOr } from '../state/colour.js';
import { local } from '../state/i18n.js';
import { clusterPlace, lookup } from '../plan/lookup.js';
import { ZONE_KM_MAX, ZONE_KM_MIN, clampKm, type ZoneResult } from '../state/zones.js';
import type { Proposal } from '../state/proposals.js';
import type { PlanIssue } from '../plan/checkPlan.js';
import type { PlanMetrics } from '../plan/planMetrics.js';
import type { Orientation, PaperSize, PrintFormat } from '../print/types.js';

export type ListTab = 'villages' | 'clusters' | 'lines' | 'zone' | 'stats' | 'rules' | 'proposals';

export interface ListState {
  open: boolean;
  tab: ListTab;
  filter: string;
  onlyUnlocated: boolean;
  onlyPlan: boolean;
}

interface Selectable {
  layer: PublicLayerId;
  properties: Record<string, unknown>;
  lngLat: [number, number] | null;
}

export function renderLayerPanel(
  t: Strings,
  visible: ReadonlySet<PublicLayerId>,
  onToggle: (id: PublicLayerId, on: boolean) => void,
): TemplateResult {
  return html`
    <fieldset class="layers">
      <legend>${t.layers}</legend>
      ${PUBLIC_LAYERS.map(
        (id) => html`
          <label>
            <input
              type="checkbox"
              data-layer=${id}
              .checked=${visible.has(id)}
              @change=${(e: Event) => onToggle(id, (e.target as HTMLInputElement).checked)}
            />
            ${t.layer[id]}
          </label>
        `,
      )}
    </fieldset>
  `;
}

export function renderLegend(t: Strings, entries: LegendEntry[]): TemplateResult {
  return html`
    <section class="legend" aria-labelledby="legend-h">
      <h3 id="legend-h">${t.legend}</h3>
      <ul>
        ${entries.map(
          (e) => html`<li data-layer=${e.layer}>
            <span class="swatch ${e.symbol}" style="--swatch:${colourOr(e.color, 'gray')}" aria-hidden="true"></span>${e.label}
          </li>`,
        )}
      </ul>
    </section>
  `;
}

/** A role id as the plan names it in `lang`. */
export function roleText(plan: Plan, lang: Lang, role: unknown): string {
  const r = typeof role === 'string' ? lookup(plan).roleById.get(role) : undefined;
  return r ? local(lang, r.label) : String(role ?? '');
}

/** Only http(s) links are made clickable; any other scheme is shown as text. */
function citationLink(c: Citation): TemplateResult {
  let ok = false;
  try {
    ok = ['http:', 'https:'].includes(new URL(c.url).protocol);
  } catch {
    ok = false;
  }
  return ok ? html`<a href=${c.url} target="_blank" rel="noopener noreferrer">${c.title || c.url}</a>` : html`${c.title} ${c.url}`;
}

/** Properties as they arrive from MapLibre have nested values serialised as JSON strings. */
function parsed<T>(value: unknown): T | undefined {
  if (typeof value !== 'string') return value as T | undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

export function renderDetails(t: Strings, lang: Lang, plan: Plan, sel: Selectable, onClose: () => void): TemplateResult {
  const p = sel.properties;
  const name = (lang === 'en' ? p['name_en'] : p['short_name'] ?? p['name']) ?? p['name'];
  const row = (label: string, value: unknown) =>
    value === undefined || value === null || value === '' ? nothing : html`<tr><th scope="row">${label}</th><td>${String(value)}</td></tr>`;
  let rows: unknown;
  if (sel.layer === 'villages') {
    rows = html`
      ${row(t.col.code, p['code'])} ${row(t.col.name, p['name'])} ${row(t.col.kind, p['kind'])}
      ${row(t.col.town, p['town'])} ${row(t.col.district, p['district'])} ${row(t.col.role, roleText(plan, lang, p['role']))}
      ${row(t.col.year, p['year'])} ${row(t.col.cluster, p['cluster'])}
      ${row(t.col.position, sel.lngLat ? `${sel.lngLat[0].toFixed(5)}, ${sel.lngLat[1].toFixed(5)}` : t.notLocated)}
      ${row(t.positionSource, p['source'])} ${row(t.accuracy, p['accuracy'])}
    `;
  } else if (sel.layer === 'corridors' || sel.layer === 'culture-belts') {
    const via = parsed<LineProperties['via']>(p['via']) ?? [];
    const citations = parsed<Citation[]>(p['citations']) ?? [];
    rows = html`
      ${row(t.col.lineKind, t.lineKind[p['kind'] as keyof Strings['lineKind']] ?? p['kind'])}
      ${row(t.col.geometry, p['geometry_source'] === 'schematic' ? t.schematic : t.surveyed)}
      ${row(t.col.via, via.map((v) => v.name).join(' → '))}
      ${row(t.positionSource, p['source'])} ${row(t.accuracy, p['accuracy'])}
      ${citations.length
        ? html`<tr><th scope="row">${t.col.sources}</th><td><ul>${citations.map((c) => html`<li>${citationLink(c)}</li>`)}</ul></td></tr>`
        : nothing}
    `;
  } else if (sel.layer === 'clusters') {
    rows = html`${row(t.col.town, p['town'])} ${row(t.col.district, p['district'])} ${row(t.col.year, p['year'])}
      ${row(t.col.core, p['core'])} ${row(t.col.members, p['memberCount'])}
      ${row(t.areaKm2, p['areaKm2'])} ${row(t.reason, p['reason'])}`;
  } else {
    rows = html`${row(t.col.district, p['district'])} ${row(t.tabClusters, p['clusterCount'])}`;
  }
  return html`
    <div class="details">
      <h3>${String(name ?? '')}</h3>
      <table>
        <tbody>${rows}</tbody>
      </table>
      ${sel.lngLat ? nothing : html`<button type="button" @click=${onClose}>${t.close}</button>`}
    </div>
  `;
}

function matches(filter: string, ...values: unknown[]): boolean {
  const f = filter.trim().toLowerCase();
  return !f || values.some((v) => String(v ?? '').toLowerCase().includes(f));
}

/** A tab of the feature list: its label and what it shows. */
export interface ListTabSpec {
  id: ListTab;
  label: string;
  render: () => TemplateResult;
}

export function renderFeatureList(
  t: Strings,
  state: ListState,
  tabs: readonly ListTabSpec[],
  onChange: (next: Partial<ListState>) => void,
): TemplateResult {
  const current = tabs.find((tab) => tab.id === state.tab) ?? tabs[0]!;
  const filtered = ['villages', 'clusters', 'lines', 'zone'].includes(current.id);
  return html`
    <section class="list ${state.open ? 'open' : ''}" part="list" aria-label=${t.featureList}>
      <button type="button" class="list-toggle" aria-expanded=${state.open ? 'true' : 'false'} @click=${() => onChange({ open: !state.open })}>
        ${t.featureList}
      </button>
      ${state.open
        ? html`
            <div role="tablist" aria-label=${t.featureList}>
              ${tabs.map(
                (tab) => html`<button type="button" role="tab" data-tab=${tab.id} aria-selected=${current.id === tab.id ? 'true' : 'false'}
                  @click=${() => onChange({ tab: tab.id })}>${tab.label}</button>`,
              )}
            </div>
            ${filtered
              ? html`<div class="list-controls">
                  <label>${t.filterLabel}
                    <input type="search" .value=${state.filter} placeholder=${t.filterPlaceholder}
                      @input=${(e: Event) => onChange({ filter: (e.target as HTMLInputElement).value })} />
                  </label>
                  ${current.id === 'villages'
                    ? html`<label><input type="checkbox" .checked=${state.onlyUnlocated}
                          @change=${(e: Event) => onChange({ onlyUnlocated: (e.target as HTMLInputElement).checked })} />${t.onlyUnlocated}</label>
                        <label><input type="checkbox" .checked=${state.onlyPlan}
                          @change=${(e: Event) => onChange({ onlyPlan: (e.target as HTMLInputElement).checked })} />${t.onlyPlan}</label>`
                    : nothing}
                </div>`
              : nothing}
            <div class="table-wrap" role="tabpanel">${current.render()}</div>
          `
        : nothing}
    </section>
  `;
}

export function villageTable(t: Strings, lang: Lang, plan: Plan, state: ListState, onSelect: (s: Selectable) => void): TemplateResult {
  const all = plan.villages.features;
  const rows = all.filter((f) => {
    const p = f.properties;
    if (state.onlyUnlocated && f.geometry) return false;
    if (state.onlyPlan && p.role === 'other') return false;
    return matches(state.filter, p.name, p.short_name, p.name_en, p.town, p.code, p.district);
  });
  return html`
    <p class="count" role="status">${t.rowsShown(rows.length, all.length)}</p>
    <table>
      <thead><tr>
        <th scope="col">${t.col.name}</th><th scope="col">${t.col.code}</th><th scope="col">${t.col.town}</th>
        <th scope="col">${t.col.district}</th><th scope="col">${t.col.role}</th><th scope="col">${t.col.year}</th>
        <th scope="col">${t.col.cluster}</th><th scope="col">${t.col.position}</th>
      </tr></thead>
      <tbody>
        ${rows.map((f) => {
          const p: VillageProperties = f.properties;
          const lngLat = f.geometry ? ([f.geometry.coordinates[0], f.geometry.coordinates[1]] as [number, number]) : null;
          return html`<tr data-code=${p.code}>
            <td><button type="button" class="link" @click=${() => onSelect({ layer: 'villages', properties: { ...p }, lngLat })}
              title=${lngLat ? t.showOnMap : t.details}>${lang === 'en' ? p.name_en : p.short_name}</button></td>
            <td>${p.code}</td><td>${p.town}</td><td>${p.district}</td><td>${roleText(plan, lang, p.role)}</td>
            <td>${p.year ?? ''}</td><td>${p.cluster ?? ''}</td><td>${lngLat ? t.located : t.notLocated}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  `;
}

/** A district's name by its code (from the register), '' for null. */
function districtName(plan: Plan, code: string | null): string {
  if (code === null) return '';
  return plan.districts.features.find((d) => d.properties.adcode === code)?.properties.name ?? plan.villages.features.find((v) => v.properties.district_code === code)?.properties.district ?? code;
}

/** What a selected cluster shows in its details (one place for the map, the lists and the tables). */
export function clusterSelection(plan: Plan, lang: Lang, id: string): Record<string, unknown> {
  const c = lookup(plan).clusterById.get(id);
  if (!c) return { id };
  const core = c.core ? lookup(plan).villageByCode.get(c.core) : undefined;
  const at = clusterPlace(plan, c);
  return {
    id: c.id, name: c.name, name_en: c.name_en, town: at.town, district: at.district, year: c.year,
    core: core ? (lang === 'en' ? core.properties.name_en || core.properties.short_name : core.properties.short_name) : (c.core ?? ''),
    memberCount: c.members.length, reason: c.reason,
  };
}

export function clusterTable(t: Strings, lang: Lang, plan: Plan, state: ListState, onSelect: (s: Selectable) => void): TemplateResult {
  const byCode = new Map(plan.villages.features.map((f) => [f.properties.code, f]));
  const label = (code: string) => {
    const v = byCode.get(code);
    return v ? (lang === 'en' ? v.properties.name_en : v.properties.short_name) : code;
  };
  const rows = plan.clusters.filter((c) => matches(state.filter, c.name, c.name_en, clusterPlace(plan, c).town, clusterPlace(plan, c).district, c.id));
  return html`
    <p class="count" role="status">${t.rowsShown(rows.length, plan.clusters.length)}</p>
    <table>
      <thead><tr>
        <th scope="col">${t.col.area}</th><th scope="col">${t.col.town}</th><th scope="col">${t.col.district}</th>
        <th scope="col">${t.col.year}</th><th scope="col">${t.col.core}</th><th scope="col">${t.col.members}</th>
      </tr></thead>
      <tbody>
        ${rows.map((c) => {
          const core = c.core ? byCode.get(c.core) : undefined;
          const lngLat = core?.geometry ? ([core.geometry.coordinates[0], core.geometry.coordinates[1]] as [number, number]) : null;
          const at = clusterPlace(plan, c);
          const properties = clusterSelection(plan, lang, c.id);
          return html`<tr data-cluster=${c.id}>
            <td><button type="button" class="link" @click=${() => onSelect({ layer: 'clusters', properties, lngLat })}>${lang === 'en' ? c.name_en : c.name}</button></td>
            <td>${at.town}</td><td>${at.district}</td><td>${c.year ?? ''}</td><td>${c.core ? label(c.core) : '—'}</td>
            <td>${c.members.map(label).join(lang === 'en' ? ', ' : '、')}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  `;
}

export function lineTable(t: Strings, lang: Lang, plan: Plan, state: ListState, onSelect: (s: Selectable) => void): TemplateResult {
  const lines = [...plan.corridors.features.map((f) => ['corridors', f] as const), ...plan.cultureBelts.features.map((f) => ['culture-belts', f] as const)];
  const rows = lines.filter(([, f]) => matches(state.filter, f.properties.name, f.properties.name_en, f.properties.id));
  return html`
    <p class="count" role="status">${t.rowsShown(rows.length, lines.length)}</p>
    <table>
      <thead><tr>
        <th scope="col">${t.col.name}</th><th scope="col">${t.col.lineKind}</th><th scope="col">${t.col.geometry}</th>
        <th scope="col">${t.col.via}</th><th scope="col">${t.col.sources}</th>
      </tr></thead>
      <tbody>
        ${rows.map(([layer, f]) => {
          const p = f.properties;
          const first = f.geometry.type === 'LineString' ? f.geometry.coordinates[0] : f.geometry.coordinates[0]?.[0];
          const lngLat = first ? ([first[0], first[1]] as [number, number]) : null;
          return html`<tr data-line=${p.id}>
            <td><button type="button" class="link" @click=${() => onSelect({ layer, properties: { ...p }, lngLat })}>${lang === 'en' ? p.name_en : p.name}</button></td>
            <td>${t.lineKind[p.kind]}</td><td>${p.geometry_source === 'schematic' ? t.schematic : t.surveyed}</td>
            <td>${p.via.map((v) => v.name).join(' → ')}</td>
            <td><ul>${p.citations.map((c) => html`<li>${citationLink(c)}</li>`)}</ul></td>
          </tr>`;
        })}
      </tbody>
    </table>
  `;
}

/** A slider and a number box per corridor and culture belt; the zone is drawn while its box is ticked. */
export function renderZonePanel(
  t: Strings,
  lang: Lang,
  plan: Plan,
  kms: Readonly<Record<string, number>>,
  on: ReadonlySet<string>,
  results: readonly ZoneResult[],
  onToggle: (lineId: string, on: boolean) => void,
  onKm: (lineId: string, km: number) => void,
  importedCounts: ReadonlyMap<string, number> = new Map(),
): TemplateResult {
  const lines = [...plan.corridors.features, ...plan.cultureBelts.features].map((f) => f.properties);
  const count = new Map(results.map((r) => [r.lineId, r.villages.length]));
  return html`
    <section class="zones" aria-labelledby="zones-h">
      <h3 id="zones-h">${t.zones}</h3>
      ${lines.map((p) => {
        const name = lang === 'en' ? p.name_en : p.name;
        const km = kms[p.id]!;
        const input = (e: Event) => onKm(p.id, clampKm((e.target as HTMLInputElement).valueAsNumber));
        return html`<div class="zone" data-line=${p.id}>
          <label><input type="checkbox" class="zone-on" .checked=${on.has(p.id)} @change=${(e: Event) => onToggle(p.id, (e.target as HTMLInputElement).checked)} />${name}</label>
          ${on.has(p.id) ? html`<span class="zone-count" role="status">${t.zoneCount(count.get(p.id) ?? 0)}</span>` : nothing}
          ${on.has(p.id) && importedCounts.has(p.id) ? html`<span class="zone-imported">${t.importedInZone(importedCounts.get(p.id)!)}</span>` : nothing}
          <div class="zone-km">
            <input type="range" min=${ZONE_KM_MIN} max=${ZONE_KM_MAX} step="0.5" .value=${String(km)} aria-label=${`${t.zoneOf(name)}: ${t.zoneKm}`} @input=${input} />
            <input type="number" min=${ZONE_KM_MIN} max=${ZONE_KM_MAX} step="0.1" .value=${String(km)} aria-label=${`${t.zoneOf(name)}: ${t.zoneKm}`} @change=${input} />
          </div>
        </div>`;
      })}
    </section>
  `;
}

/** The villages inside the switched-on zones, line by line, by chainage. */
export function zoneTable(t: Strings, lang: Lang, plan: Plan, results: readonly ZoneResult[], filter: string, onSelect: (s: Selectable) => void): TemplateResult {
  if (results.length === 0) return html`<p>${t.noZone}</p>`;
  const rows = results.flatMap((r) => r.villages.filter((v) => matches(filter, v.properties.name, v.properties.short_name, v.properties.name_en, v.properties.town, v.properties.code)).map((v) => [r, v] as const));
  const total = results.reduce((n, r) => n + r.villages.length, 0);
  return html`
    <p class="count" role="status">${t.rowsShown(rows.length, total)}</p>
    <table>
      <thead><tr>
        <th scope="col">${t.line}</th><th scope="col">${t.chainage}</th><th scope="col">${t.distance}</th>
        <th scope="col">${t.col.name}</th><th scope="col">${t.col.town}</th><th scope="col">${t.col.role}</th>
      </tr></thead>
      <tbody>
        ${rows.map(([r, v]) => {
          const p = v.properties;
          const lngLat = [v.geometry.coordinates[0], v.geometry.coordinates[1]] as [number, number];
          return html`<tr data-code=${p.code} data-line=${r.lineId}>
            <td>${lang === 'en' ? r.name_en : r.name}</td><td>${p.chainageKm.toFixed(1)}</td><td>${p.distanceKm.toFixed(2)}</td>
            <td><button type="button" class="link" @click=${() => onSelect({ layer: 'villages', properties: { ...p }, lngLat })}>${lang === 'en' ? p.name_en : p.short_name}</button></td>
            <td>${p.town}</td><td>${roleText(plan, lang, p.role)}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  `;
}

/** The engine's proposal, each with its reasons and an accept / reject choice. */
export function proposalsTable(
  t: Strings,
  lang: Lang,
  plan: Plan,
  state: { proposals: readonly Proposal[]; unclustered: readonly { town: string; reason: string }[] } | null,
  on: { propose: () => void; accept: (p: Proposal) => void; reject: (p: Proposal) => void; select: (s: Selectable) => void },
): TemplateResult {
  const byCode = new Map(plan.villages.features.map((f) => [f.properties.code, f]));
  const label = (code: string) => {
    const v = byCode.get(code);
    return v ? (lang === 'en' ? v.properties.name_en : v.properties.short_name) : code;
  };
  const sep = lang === 'en' ? ', ' : '、';
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
                  <td>${p.town}</td>
                  <td><button type="button" class="link" @click=${() => core && on.select({ layer: 'villages', properties: { ...core.properties }, lngLat })}>${label(p.core)}</button></td>
                  <td>${p.members.map(label).join(sep)}</td>
                  <td>${p.reason.core}; ${p.reason.members}</td>
                  <td class="decide">
                    <button type="button" class="accept" @click=${() => on.accept(p)}>${t.accept}</button>
                    <button type="button" class="reject" @click=${() => on.reject(p)}>${t.reject}</button>
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`}
    ${state && state.unclustered.length
      ? html`<h4>${t.unclustered}</h4><ul>${state.unclustered.map((u) => html`<li>${u.town}: ${u.reason}</li>`)}</ul>`
      : nothing}
  `;
}

/** Every broken rule of the plan, with the features involved (choosing one shows it). */
export function rulesTable(t: Strings, lang: Lang, issues: readonly PlanIssue[], onFeature: (layer: string, id: string) => void): TemplateResult {
  if (issues.length === 0) return html`<p>${t.noIssues}</p>`;
  return html`
    <p class="count" role="status">${t.rowsShown(issues.length, issues.length)}</p>
    <table>
      <thead><tr><th scope="col">${t.severity}</th><th scope="col">${t.rule}</th><th scope="col">${t.message}</th><th scope="col">${t.features}</th></tr></thead>
      <tbody>
        ${issues.map(
          (i) => html`<tr data-rule=${i.rule} class=${i.severity}>
            <td>${i.severity}</td><td>${i.rule}</td>
            <td>${lang === 'en' ? i.message.en : i.message.zh}${i.source ? html`<div class="source">${i.source}</div>` : nothing}</td>
            <td>${i.features.slice(0, 12).map((f) => html`<button type="button" class="link" @click=${() => onFeature(f.layer, f.id)}>${f.id}</button> `)}${i.features.length > 12 ? `… (+${i.features.length - 12})` : ''}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  `;
}

/** The plan's numbers (planMetrics) as tables, with progress against each target as of `year`. */
export function statsTables(
  t: Strings,
  lang: Lang,
  plan: Plan,
  m: PlanMetrics,
  year: number | null,
  onYear: (year: number | null) => void,
  onFeature: (layer: string, id: string) => void,
): TemplateResult {
  const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
  const selected = plan.manifest.roles.filter((r) => r.kind !== 'none');
  const range = (min: number | null, max: number | null) =>
    min !== null && max !== null ? (min === max ? `${min}` : `${min}–${max}`) : min !== null ? `≥ ${min}` : max !== null ? `≤ ${max}` : '—';
  const name = (x: { name: string; name_en?: string }) => (lang === 'en' && x.name_en ? x.name_en : x.name);
  return html`
    <label class="year">${t.asOfYear}
      <select @change=${(e: Event) => onYear((e.target as HTMLSelectElement).value ? Number((e.target as HTMLSelectElement).value) : null)}>
        <option value="" ?selected=${year === null}>—</option>
        ${plan.manifest.years.map((y) => html`<option value=${y} ?selected=${year === y}>${y}</option>`)}
      </select>
    </label>
    <h4>${t.target}</h4>
    <table class="targets">
      <thead><tr><th scope="col">${t.metric}</th><th scope="col">${t.col.district}</th><th scope="col">${t.value}</th><th scope="col">${t.target}</th><th scope="col">${t.met}</th><th scope="col">${t.year}</th></tr></thead>
      <tbody>${m.targets.map(
        (g) => html`<tr data-target=${g.id} class=${g.met ? 'met' : 'unmet'}>
          <td>${lang === 'en' ? g.label.en : g.label.zh}</td><td>${districtName(plan, g.district) || t.allDistricts}</td>
          <td>${g.value ?? '—'}${g.series ? html`<div class="series">${g.series.map((s) => `${s.year}: ${s.value ?? '—'}`).join(' · ')}</div>` : nothing}</td>
          <td>${range(g.min, g.max)}</td><td>${g.met ? t.yes : t.no}</td><td>${g.year ?? ''}</td>
        </tr>`,
      )}</tbody>
    </table>
    <h4>${t.col.role}</h4>
    <table>
      <thead><tr><th scope="col">${t.col.role}</th><th scope="col">${t.tabVillages}</th><th scope="col">${t.located}</th></tr></thead>
      <tbody>${m.roles.map((r) => html`<tr><td>${roleText(plan, lang, r.role)}</td><td>${r.register}</td><td>${r.located}</td></tr>`)}</tbody>
    </table>
    <h4>${t.coverage}</h4>
    <table>
      <thead><tr><th scope="col">${t.col.district}</th><th scope="col">${t.inCluster}</th><th scope="col">${t.inZone(m.coverage.zoneKm)}</th></tr></thead>
      <tbody>${[...m.coverage.byDistrict, m.coverage.all].map(
        (c) => html`<tr><td>${c.district ?? t.allDistricts}</td>
          <td>${c.registerInCluster} / ${c.register} (${pct(c.registerInClusterShare)})</td>
          <td>${c.locatedInZone} / ${c.located} (${pct(c.locatedInZoneShare)})</td></tr>`,
      )}</tbody>
    </table>
    <h4>${t.tabClusters}</h4>
    <table>
      <thead><tr><th scope="col">${t.col.area}</th><th scope="col">${t.col.year}</th><th scope="col">${t.col.members}</th><th scope="col">${t.located}</th><th scope="col">${t.areaKm2}</th></tr></thead>
      <tbody>${m.clusters.map(
        (c) => html`<tr data-cluster=${c.id}><td><button type="button" class="link" @click=${() => onFeature('clusters', c.id)}>${name(c)}</button></td>
          <td>${c.year}</td><td>${c.members}</td><td>${c.locatedMembers}</td><td>${c.areaKm2 ?? '—'}</td></tr>`,
      )}</tbody>
    </table>
    <h4>${t.tabLines}</h4>
    <table>
      <thead><tr><th scope="col">${t.col.name}</th><th scope="col">${t.col.geometry}</th><th scope="col">${t.col.length}</th></tr></thead>
      <tbody>${[
        ...m.lines.map((l) => html`<tr data-line=${l.id}><td>${name(l)}</td><td>${l.schematic ? t.schematic : t.surveyed}</td><td>${l.lengthKm.toFixed(1)} ${t.km}</td></tr>`),
        ...m.belts.map((b) => html`<tr data-belt=${b.id}><td>${name(b)}</td><td>${t.schematic}</td><td>${b.lengthKm === null ? '—' : `${b.lengthKm.toFixed(1)} ${t.km}`}</td></tr>`),
      ]}</tbody>
    </table>
    <h4>${t.col.town}</h4>
    <table>
      <thead><tr><th scope="col">${t.col.town}</th><th scope="col">${t.col.district}</th><th scope="col">${t.tabVillages}</th><th scope="col">${t.located}</th>
        ${selected.map((r) => html`<th scope="col">${local(lang, r.label)}</th>`)}<th scope="col">${t.tabClusters}</th></tr></thead>
      <tbody>${m.towns.map(
        (w) => html`<tr><td>${w.town}</td><td>${w.district}</td><td>${w.villages}</td><td>${w.located}</td>${selected.map((r) => html`<td>${w.roles[r.id] ?? 0}</td>`)}<td>${w.clusters}</td></tr>`,
      )}</tbody>
    </table>
  `;
}

/** The print dialog's fields (what `exportImage` takes, as the form holds it). */
export interface PrintForm {
  paper: PaperSize;
  orientation: Orientation;
  dpi: number;
  format: PrintFormat;
  title: string;
  subtitle: string;
  date: string;
  author: string;
  approval: string;
  /** 'view' or a denominator. */
  scale: 'view' | number;
}

const PAPERS: PaperSize[] = ['A4', 'A3', 'A2', 'A1', 'A0'];
const SCALES = [10_000, 25_000, 50_000, 100_000];

/** The print dialog (a native <dialog>: Esc closes it, focus stays inside while it is open). */
export function renderPrintDialog(
  t: Strings,
  form: PrintForm,
  busy: { percent: number } | null,
  status: string,
  on: { change: (next: Partial<PrintForm>) => void; exportPage: () => void; exportAtlas: (by: 'cluster' | 'corridor') => void; cancel: () => void; close: () => void },
): TemplateResult {
  const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
  const custom = form.scale !== 'view' && !SCALES.includes(form.scale);
  return html`
    <dialog class="print" aria-labelledby="print-h" @close=${on.close}>
      <form method="dialog" @submit=${(e: Event) => e.preventDefault()}>
        <h3 id="print-h">${t.printTitle}</h3>
        <div class="print-grid">
          <label>${t.paper}
            <select name="paper" @change=${(e: Event) => on.change({ paper: value(e) as PaperSize })}>
              ${PAPERS.map((p) => html`<option value=${p} ?selected=${form.paper === p}>${p}</option>`)}
            </select>
          </label>
          <fieldset><legend>${t.orientation}</legend>
            ${(['portrait', 'landscape'] as const).map(
              (o) => html`<label><input type="radio" name="orientation" value=${o} .checked=${form.orientation === o} @change=${() => on.change({ orientation: o })} />${t[o]}</label>`,
            )}
          </fieldset>
          <label>${t.dpi}
            <input name="dpi" type="number" min="72" max="300" step="1" .value=${String(form.dpi)}
              @change=${(e: Event) => on.change({ dpi: Math.min(300, Math.max(72, Math.round(Number(value(e)) || 150))) })} />
          </label>
          <label>${t.format}
            <select name="format" @change=${(e: Event) => on.change({ format: value(e) as PrintFormat })}>
              ${(['png', 'pdf'] as const).map((f) => html`<option value=${f} ?selected=${form.format === f}>${f.toUpperCase()}</option>`)}
            </select>
          </label>
          <label>${t.scaleField}
            <select name="scale" @change=${(e: Event) => {
              const v = value(e);
              on.change({ scale: v === 'view' ? 'view' : v === 'custom' ? 20_000 : Number(v) });
            }}>
              <option value="view" ?selected=${form.scale === 'view'}>${t.scaleView}</option>
              ${SCALES.map((s) => html`<option value=${s} ?selected=${form.scale === s}>1:${s.toLocaleString('en')}</option>`)}
              <option value="custom" ?selected=${custom}>${t.scaleCustom}…</option>
            </select>
          </label>
          ${custom
            ? html`<label>${t.scaleCustom}<input name="scale-custom" type="number" min="500" max="5000000" step="500" .value=${String(form.scale)}
                @change=${(e: Event) => on.change({ scale: Math.max(500, Math.round(Number(value(e)) || 20_000)) })} /></label>`
            : nothing}
          ${(['title', 'subtitle', 'date', 'author', 'approval'] as const).map(
            (k) => html`<label>${t[`${k}Field`]}<input name=${k} type="text" .value=${form[k]} @input=${(e: Event) => on.change({ [k]: value(e) })} /></label>`,
          )}
        </div>
        ${busy ? html`<div role="status"><progress max="100" .value=${busy.percent}></progress> ${t.exporting(busy.percent)}</div>` : nothing}
        <p class="print-status" role="status">${status}</p>
        <div class="print-actions">
          <button type="button" class="export-page" ?disabled=${!!busy} @click=${on.exportPage}>${t.exportPage}</button>
          <button type="button" class="export-atlas-clusters" ?disabled=${!!busy} @click=${() => on.exportAtlas('cluster')}>${t.exportAtlasClusters}</button>
          <button type="button" class="export-atlas-corridor" ?disabled=${!!busy} @click=${() => on.exportAtlas('corridor')}>${t.exportAtlasCorridor}</button>
          <button type="button" class="cancel" @click=${on.cancel}>${busy ? t.cancel : t.close}</button>
        </div>
      </form>
    </dialog>
  `;
}
