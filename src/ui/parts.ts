/**
 * Templates of `<belt-map>`'s panels. Every value from data goes through a Lit text binding, so a
 * property holding markup is shown as text and never parsed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang } from '../map/scene.js';
import type { Strings } from '../state/i18n.js';
import type { LegendEntry } from '../state/legend.js';
import { PUBLIC_LAYERS, type PublicLayerId } from '../state/theme.js';
import type { Citation, LineProperties, Plan, VillageProperties, VillageRole } from '../types/plan.js';

export interface ListState {
  open: boolean;
  tab: 'villages' | 'clusters' | 'lines';
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
            <span class="swatch ${e.symbol}" style="--swatch:${safeColour(e.color)}" aria-hidden="true"></span>${e.label}
          </li>`,
        )}
      </ul>
    </section>
  `;
}

/** Colours reach a style attribute; anything but a plain colour token is dropped. */
function safeColour(c: string): string {
  return /^(#[0-9a-f]{3,8}|rgba?\([\d\s.,%]+\)|[a-z]+)$/i.test(c) ? c : 'gray';
}

function roleText(t: Strings, role: unknown): string {
  return typeof role === 'string' && role in t.role ? t.role[role as VillageRole] : String(role ?? '');
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

export function renderDetails(t: Strings, lang: Lang, sel: Selectable, onClose: () => void): TemplateResult {
  const p = sel.properties;
  const name = (lang === 'en' ? p['name_en'] : p['short_name'] ?? p['name']) ?? p['name'];
  const row = (label: string, value: unknown) =>
    value === undefined || value === null || value === '' ? nothing : html`<tr><th scope="row">${label}</th><td>${String(value)}</td></tr>`;
  let rows: unknown;
  if (sel.layer === 'villages') {
    rows = html`
      ${row(t.col.code, p['code'])} ${row(t.col.name, p['name'])} ${row(t.col.kind, p['kind'])}
      ${row(t.col.town, p['town'])} ${row(t.col.district, p['district'])} ${row(t.col.role, roleText(t, p['role']))}
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
      ${row(t.col.core, p['core'])} ${row(t.col.members, p['memberCount'])}`;
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

export function renderFeatureList(
  t: Strings,
  lang: Lang,
  plan: Plan,
  state: ListState,
  onChange: (next: Partial<ListState>) => void,
  onSelect: (sel: Selectable) => void,
): TemplateResult {
  const tabs: [ListState['tab'], string][] = [
    ['villages', t.tabVillages],
    ['clusters', t.tabClusters],
    ['lines', t.tabLines],
  ];
  return html`
    <section class="list ${state.open ? 'open' : ''}" part="list" aria-label=${t.featureList}>
      <button type="button" class="list-toggle" aria-expanded=${state.open ? 'true' : 'false'} @click=${() => onChange({ open: !state.open })}>
        ${t.featureList}
      </button>
      ${state.open
        ? html`
            <div role="tablist" aria-label=${t.featureList}>
              ${tabs.map(
                ([id, label]) => html`<button type="button" role="tab" aria-selected=${state.tab === id ? 'true' : 'false'}
                  @click=${() => onChange({ tab: id })}>${label}</button>`,
              )}
            </div>
            <div class="list-controls">
              <label>${t.filterLabel}
                <input type="search" .value=${state.filter} placeholder=${t.filterPlaceholder}
                  @input=${(e: Event) => onChange({ filter: (e.target as HTMLInputElement).value })} />
              </label>
              ${state.tab === 'villages'
                ? html`<label><input type="checkbox" .checked=${state.onlyUnlocated}
                      @change=${(e: Event) => onChange({ onlyUnlocated: (e.target as HTMLInputElement).checked })} />${t.onlyUnlocated}</label>
                    <label><input type="checkbox" .checked=${state.onlyPlan}
                      @change=${(e: Event) => onChange({ onlyPlan: (e.target as HTMLInputElement).checked })} />${t.onlyPlan}</label>`
                : nothing}
            </div>
            <div class="table-wrap" role="tabpanel">
              ${state.tab === 'villages' ? villageTable(t, lang, plan, state, onSelect) : state.tab === 'clusters' ? clusterTable(t, lang, plan, state, onSelect) : lineTable(t, lang, plan, state, onSelect)}
            </div>
          `
        : nothing}
    </section>
  `;
}

function villageTable(t: Strings, lang: Lang, plan: Plan, state: ListState, onSelect: (s: Selectable) => void): TemplateResult {
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
            <td>${p.code}</td><td>${p.town}</td><td>${p.district}</td><td>${roleText(t, p.role)}</td>
            <td>${p.year ?? ''}</td><td>${p.cluster ?? ''}</td><td>${lngLat ? t.located : t.notLocated}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  `;
}

function clusterTable(t: Strings, lang: Lang, plan: Plan, state: ListState, onSelect: (s: Selectable) => void): TemplateResult {
  const byCode = new Map(plan.villages.features.map((f) => [f.properties.code, f]));
  const label = (code: string) => {
    const v = byCode.get(code);
    return v ? (lang === 'en' ? v.properties.name_en : v.properties.short_name) : code;
  };
  const rows = plan.clusters.filter((c) => matches(state.filter, c.name, c.name_en, c.town, c.district, c.id));
  return html`
    <p class="count" role="status">${t.rowsShown(rows.length, plan.clusters.length)}</p>
    <table>
      <thead><tr>
        <th scope="col">${t.col.area}</th><th scope="col">${t.col.town}</th><th scope="col">${t.col.district}</th>
        <th scope="col">${t.col.year}</th><th scope="col">${t.col.core}</th><th scope="col">${t.col.members}</th>
      </tr></thead>
      <tbody>
        ${rows.map((c) => {
          const core = byCode.get(c.core);
          const lngLat = core?.geometry ? ([core.geometry.coordinates[0], core.geometry.coordinates[1]] as [number, number]) : null;
          const properties = { id: c.id, name: c.name, name_en: c.name_en, town: c.town, district: c.district, year: c.year, core: label(c.core), memberCount: c.members.length };
          return html`<tr data-cluster=${c.id}>
            <td><button type="button" class="link" @click=${() => onSelect({ layer: 'clusters', properties, lngLat })}>${lang === 'en' ? c.name_en : c.name}</button></td>
            <td>${c.town}</td><td>${c.district}</td><td>${c.year}</td><td>${label(c.core)}</td>
            <td>${c.members.map(label).join(lang === 'en' ? ', ' : '、')}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  `;
}

function lineTable(t: Strings, lang: Lang, plan: Plan, state: ListState, onSelect: (s: Selectable) => void): TemplateResult {
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
