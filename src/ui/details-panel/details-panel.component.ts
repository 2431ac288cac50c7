import { html, nothing, type TemplateResult } from 'lit';
import { localName, type Lang, type Strings, textLang } from '../../state/i18n.js';
import { lookup } from '../../plan/lookup.js';
import { clusterEdit, villageEdit, type EditOptions } from './plan-edit.js';
import { lineEditTemplate } from './line-edit.js';
import type { Citation, LineProperties, Plan } from '../../types/plan.js';
import { emit, type EditRequest, type Selection } from '../panel-events.js';
import { PanelElement } from '../panel-element.js';
import { citationLink, geometryText, placeText, roleText, viaText } from '../plan-text.js';
import { provenanceText, type ProvenanceField } from '../l10n-text.js';

/** Properties as they arrive from MapLibre have nested values serialised as JSON strings. */
function parsed<T>(value: unknown): T | undefined {
  if (typeof value !== 'string') return value as T | undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

/** The names of the clusters that list a village, in `lang`. */
function clusterNames(plan: Plan, lang: Lang, code: string): string {
  const { clustersOf, clusterById } = lookup(plan);
  return (clustersOf.get(code) ?? []).map((id) => localName(lang, clusterById.get(id)!)).join(textLang(lang) === 'en' ? ', ' : '、');
}

/**
 * The details of `sel` as a template of text bindings: what the element shows, and what the map's
 * popup shows (rendered by Lit into a detached node, which MapLibre then places). A selection without
 * a position gets a close button that calls `onClose`. With `edit`, a village's and a cluster's details
 * have their edit controls (./plan-edit.ts).
 */
export function detailsTemplate(t: Strings, lang: Lang, plan: Plan, sel: Selection, onClose: () => void, edit?: EditOptions): TemplateResult {
  const p = sel.properties;
  const name = (textLang(lang) === 'en' ? p['name_en'] : p['short_name']) || p['name'];
  // In English a Chinese proper name is shown with its romanisation, a register kind in words.
  const at = placeText(plan, lang, p);
  const nameRow = textLang(lang) === 'en' && p['name_en'] ? `${String(p['name'])} ${String(p['name_en'])}` : p['name'];
  const kind = typeof p['kind'] === 'string' ? (t.l10nEn.kind[p['kind']] ?? p['kind']) : p['kind'];
  const row = (label: string, value: unknown) =>
    value === undefined || value === null || value === '' ? nothing : html`<tr><th scope="row">${label}</th><td>${String(value)}</td></tr>`;
  const chinese = textLang(lang) === 'zh';
  const sep = chinese ? '、' : ', ';
  // A provenance field in the interface's language (`source_zh` … in Chinese); a text the package has only in
  // the other language stays, folded, as the original.
  const prov = (label: string, field: ProvenanceField) => {
    const { text, original, originalLang } = provenanceText(p, field, chinese);
    if (!text && !original) return nothing;
    return html`<tr><th scope="row">${label}</th><td>${text}${original
      ? html`<details class="original"><summary>${t.l10nZh.provenance.original}</summary><span lang=${originalLang}>${original}</span></details>`
      : nothing}</td></tr>`;
  };
  const villageName = (code: string) => {
    const v = lookup(plan).villageByCode.get(code);
    return v ? localName(lang, v.properties) : code;
  };
  let rows: unknown;
  if (sel.layer === 'villages') {
    rows = html`
      ${row(t.col.code, p['code'])} ${row(t.col.name, nameRow)} ${row(t.col.kind, kind)}
      ${row(t.col.town, at.town)} ${row(t.col.district, at.district)} ${row(t.col.role, roleText(plan, lang, p['role']))}
      ${row(t.col.year, p['year'])} ${row(t.col.cluster, clusterNames(plan, lang, String(p['code'])))}
      ${row(t.col.position, sel.lngLat ? `${sel.lngLat[0].toFixed(5)}, ${sel.lngLat[1].toFixed(5)}` : t.notLocated)}
      ${prov(t.positionSource, 'source')} ${prov(t.accuracy, 'accuracy')}
    `;
  } else if (sel.layer === 'corridors' || sel.layer === 'culture-belts') {
    const via = parsed<LineProperties['via']>(p['via']) ?? [];
    const citations = parsed<Citation[]>(p['citations']) ?? [];
    rows = html`
      ${row(t.col.lineKind, t.lineKind[p['kind'] as keyof Strings['lineKind']] ?? p['kind'])}
      ${row(t.col.geometry, geometryText(t, p['geometry_source']))}
      ${row(t.col.via, viaText(plan, lang, via))}
      ${prov(t.positionSource, 'source')} ${prov(t.accuracy, 'accuracy')}
      ${citations.length
        ? html`<tr><th scope="row">${t.col.sources}</th><td><ul>${citations.map((c) => html`<li>${citationLink(c)}</li>`)}</ul></td></tr>`
        : nothing}
    `;
  } else if (sel.layer === 'clusters') {
    const cluster = lookup(plan).clusterById.get(String(p['id']));
    const members = cluster ? cluster.members.map(villageName).join(sep) : '';
    const count = t.membersCount(Number(p['memberCount'] ?? cluster?.members.length ?? 0));
    rows = html`${row(t.col.town, at.town)} ${row(t.col.district, at.district)} ${row(t.col.year, p['year'])}
      ${row(t.col.core, p['core'])} ${row(t.col.members, members ? (chinese ? `${members}（${count}）` : `${members} (${count})`) : p['memberCount'])}
      ${row(t.areaKm2, p['areaKm2'])} ${prov(t.reason, 'reason')}`;
  } else {
    const belt = plan.belts.find((b) => b.id === p['id']);
    const { clusterById, lineById } = lookup(plan);
    const clusters = belt?.clusters.map((id) => { const c = clusterById.get(id); return c ? localName(lang, c) : id; }).join(sep);
    const along = belt?.along.map((id) => { const l = lineById.get(id)?.feature.properties; return l ? localName(lang, l) : id; }).join(sep);
    rows = html`${row(t.col.district, at.district)} ${row(t.tabClusters, p['clusterCount'])}
      ${row(t.l10nZh.beltClusters, clusters)} ${row(t.l10nZh.beltAlong, along)}`;
  }
  return html`
    <div class="details">
      <h3>${String(name ?? '')}</h3>
      <table>
        <tbody>${rows}</tbody>
      </table>
      ${edit && sel.layer === 'villages' ? villageEdit(t, lang, plan, String(p['code']), edit) : nothing}
      ${edit && sel.layer === 'clusters' ? clusterEdit(t, lang, plan, String(p['id']), edit) : nothing}
      ${edit && (sel.layer === 'corridors' || sel.layer === 'culture-belts') ? lineEditTemplate(t, p) : nothing}
      ${sel.lngLat ? nothing : html`<button type="button" @click=${onClose}>${t.close}</button>`}
    </div>
  `;
}

/**
 * A selected feature's details: a village, a corridor or culture belt, a cluster or the belt, as
 * `<belt-map>` shows them in its sidebar for a feature without a position (with a close button); the
 * map's popup shows {@link detailsTemplate} for one with. Every value from data is a text binding.
 *
 * @summary The details of the selected feature.
 *
 * @event belt-details-close - The close button was pressed (sidebar only).
 * @event belt-plan-edit - An edit control was used (`editable` only): an {@link EditRequest}.
 * @event belt-edit-toggle - The edit section was folded or unfolded: `{ open }`.
 */
export class DetailsPanel extends PanelElement {
  static override properties = {
    plan: { attribute: false },
    selection: { attribute: false },
    editable: { attribute: false },
    editOpen: { attribute: false },
  };

  declare plan: Plan | null;
  declare selection: Selection | null;
  /** Show the edit controls of a village's or cluster's details. */
  declare editable: boolean;
  /** The edit section is unfolded. */
  declare editOpen: boolean;

  constructor() {
    super();
    this.plan = null;
    this.selection = null;
    this.editable = false;
    this.editOpen = false;
  }

  override render() {
    const sel = this.selection;
    const plan = this.plan;
    if (!sel || !plan) return nothing;
    const edit: EditOptions | undefined = this.editable
      ? { onEdit: (request) => emit(this, 'belt-plan-edit', request), open: this.editOpen, onToggle: (open) => emit(this, 'belt-edit-toggle', { open }) }
      : undefined;
    return detailsTemplate(this.t, this.lang, plan, sel, () => emit(this, 'belt-details-close', {}), edit);
  }
}
