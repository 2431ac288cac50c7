/**
 * The tables of `<belt-feature-list>`, one function per tab. Every value from data goes through a
 * Lit text binding, so a property holding markup is shown as text and never parsed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { local, type Lang, type Strings } from '../../state/i18n.js';
import type { Plan, VillageProperties } from '../../types/plan.js';
import { clusterPlace, districtName, lookup } from '../../plan/lookup.js';
import type { ZoneResult } from '../../state/zones.js';
import type { Proposal } from '../../state/proposals.js';
import type { PlanIssue } from '../../plan/checkPlan.js';
import type { PlanMetrics } from '../../plan/planMetrics.js';
import type { Selection } from '../panel-events.js';
import { citationLink, clusterSelection, roleText } from '../plan-text.js';
import { matches, villageShown, type ListFilter } from './filter.js';

/** The engine's pending proposal: proposed clusters and the towns it left out. */
export interface ProposalState {
  proposals: readonly Proposal[];
  unclustered: readonly { town: string; reason: string }[];
}

export function villageTable(t: Strings, lang: Lang, plan: Plan, state: ListFilter, onSelect: (s: Selection) => void): TemplateResult {
  const all = plan.villages.features;
  const none = lookup(plan).roleOfKind.none?.id ?? '';
  const rows = all.filter((f) => villageShown(f, state, none));
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

export function clusterTable(t: Strings, lang: Lang, plan: Plan, state: ListFilter, onSelect: (s: Selection) => void): TemplateResult {
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

export function lineTable(t: Strings, lang: Lang, plan: Plan, state: ListFilter, onSelect: (s: Selection) => void): TemplateResult {
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

/** The villages inside the switched-on zones, line by line, by chainage. */
export function zoneTable(t: Strings, lang: Lang, plan: Plan, results: readonly ZoneResult[], filter: string, onSelect: (s: Selection) => void): TemplateResult {
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
  state: ProposalState | null,
  on: { propose: () => void; accept: (p: Proposal) => void; reject: (p: Proposal) => void; select: (s: Selection) => void },
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
          <td>${lang === 'en' ? g.label.en : g.label.zh}</td><td>${g.district ? districtName(plan, g.district, lang === 'en') : t.allDistricts}</td>
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
