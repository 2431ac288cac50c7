/**
 * The edit controls of a village's and a cluster's details (issue #9: "串点成线、连线成片" as actions):
 * role, batch year and cluster of a village; name, year, core, members, lasso and deletion of a
 * cluster. Each control asks for one edit by an {@link EditRequest} (plain data); the host makes it
 * one step of the history. Every value from data is a text binding. The controls are read from the
 * plan itself, not from the selection's properties, so they show the plan as it is after each edit.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { lookup, roleKind } from '../../plan/lookup.js';
import { local, localName, type Lang, type Strings } from '../../state/i18n.js';
import type { Plan } from '../../types/plan.js';
import type { EditRequest } from '../panel-events.js';

/** Called with each edit a control asks for. */
export type OnEdit = (request: EditRequest) => void;

/** How the details show their edit controls: the callback, and whether the section is unfolded (the host remembers it). */
export interface EditOptions {
  onEdit: OnEdit;
  open: boolean;
  onToggle: (open: boolean) => void;
}

const toggled = (options: EditOptions) => (e: Event) => {
  const open = (e.target as HTMLDetailsElement).open;
  if (open !== options.open) options.onToggle(open);
};

const value = (e: Event): string => (e.target as HTMLSelectElement).value;
const yearOf = (v: string): number | null => (v === '' ? null : Number(v));

function yearOptions(t: Strings, plan: Plan, current: number | null): TemplateResult {
  // A year outside the plan's list (from an import) stays choosable, so the select shows it.
  const years = [...new Set([...plan.manifest.years, ...(current === null ? [] : [current])])].sort((a, b) => a - b);
  return html`<option value="" ?selected=${current === null}>${t.editing.noYear}</option>
    ${years.map((y) => html`<option value=${String(y)} ?selected=${y === current}>${String(y)}</option>`)}`;
}

/** A village's role, year and cluster, and the cluster actions it can start. */
export function villageEdit(t: Strings, lang: Lang, plan: Plan, code: string, options: EditOptions): TemplateResult | typeof nothing {
  const { onEdit } = options;
  const { villageByCode, clustersOf, clusterById } = lookup(plan);
  const village = villageByCode.get(code);
  if (!village) return nothing;
  const p = village.properties;
  const e = t.editing;
  const listing = (clustersOf.get(code) ?? []).map((id) => clusterById.get(id)!);
  const coreOf = listing.find((c) => c.core === code);
  const memberOf = listing.find((c) => c.core !== code);
  const none = roleKind(plan, p.role) === 'none';
  return html`<details class="plan-edit" ?open=${options.open} @toggle=${toggled(options)}>
    <summary>${e.legend}</summary>
    <div class="edit-grid">
      <label>${e.role}
        <select class="edit-role" @change=${(ev: Event) => {
          const role = value(ev);
          const toNone = roleKind(plan, role) === 'none';
          onEdit({ type: 'command', command: { type: 'set-village-role', code, role, ...(toNone ? { year: null } : {}) } });
        }}>
          ${plan.manifest.roles.map((r) => html`<option value=${r.id} ?selected=${r.id === p.role}>${local(lang, r.label)}</option>`)}
        </select>
      </label>
      <label>${e.year}
        <select class="edit-year" ?disabled=${none} @change=${(ev: Event) => onEdit({ type: 'command', command: { type: 'set-village-year', code, year: yearOf(value(ev)) } })}>
          ${yearOptions(t, plan, p.year)}
        </select>
      </label>
      <label>${e.cluster}
        <select class="edit-cluster" ?disabled=${!!coreOf} @change=${(ev: Event) => onEdit({ type: 'move', code, clusterId: value(ev) || null })}>
          <option value="" ?selected=${!memberOf && !coreOf}>${e.noCluster}</option>
          ${plan.clusters.map((c) => html`<option value=${c.id} ?selected=${c === (coreOf ?? memberOf)}>${localName(lang, c)}</option>`)}
        </select>
      </label>
    </div>
    ${coreOf ? html`<p class="edit-hint">${e.coreOf(localName(lang, coreOf))}. ${e.coreLocked}</p>` : nothing}
    <div class="edit-actions">
      ${memberOf ? html`<button type="button" class="edit-make-core" @click=${() => onEdit({ type: 'core', clusterId: memberOf.id, code })}>${e.makeCore}</button>` : nothing}
      ${coreOf ? nothing : html`<button type="button" class="edit-new-cluster" @click=${() => onEdit({ type: 'new-cluster', code })}>${e.newCluster}</button>`}
    </div>
  </details>`;
}

/** A cluster's names, year, core and members, with the lasso and deletion. */
export function clusterEdit(t: Strings, lang: Lang, plan: Plan, id: string, options: EditOptions): TemplateResult | typeof nothing {
  const { onEdit } = options;
  const { clusterById, villageByCode } = lookup(plan);
  const c = clusterById.get(id);
  if (!c) return nothing;
  const e = t.editing;
  const nameOf = (code: string) => {
    const v = villageByCode.get(code);
    return v ? localName(lang, v.properties) : code;
  };
  const rename = (ev: SubmitEvent) => {
    ev.preventDefault();
    const form = new FormData(ev.target as HTMLFormElement);
    const name = String(form.get('name') ?? '').trim();
    if (name) onEdit({ type: 'command', command: { type: 'rename-cluster', id, name, name_en: String(form.get('name_en') ?? '').trim() } });
  };
  return html`<details class="plan-edit" ?open=${options.open} @toggle=${toggled(options)}>
    <summary>${e.legend}</summary>
    <form class="edit-rename" @submit=${rename}>
      <label>${e.clusterName} <input name="name" .value=${c.name} required maxlength="80" /></label>
      <label>${e.clusterNameEn} <input name="name_en" .value=${c.name_en} maxlength="120" lang="en" /></label>
      <button type="submit">${e.rename}</button>
    </form>
    <label>${e.year}
      <select class="edit-cluster-year" @change=${(ev: Event) => onEdit({ type: 'command', command: { type: 'set-cluster-year', id, year: yearOf(value(ev)) } })}>
        ${yearOptions(t, plan, c.year)}
      </select>
    </label>
    <p class="edit-core">${t.col.core}: ${c.core ? nameOf(c.core) : t.none}</p>
    <p class="edit-members-title">${e.members} (${c.members.length})</p>
    <ul class="edit-members">
      ${c.members.map(
        (m) => html`<li data-code=${m}><span>${nameOf(m)}</span>
          <button type="button" class="link edit-member-core" title=${e.makeCoreTitle(nameOf(m))} @click=${() => onEdit({ type: 'core', clusterId: id, code: m })}>${t.col.core}</button>
          <button type="button" class="link edit-member-remove" title=${e.removeTitle(nameOf(m))} aria-label=${e.removeTitle(nameOf(m))}
            @click=${() => onEdit({ type: 'command', command: { type: 'remove-members', clusterId: id, codes: [m] } })}>${e.removeMember}</button></li>`,
      )}
    </ul>
    <div class="edit-actions">
      <button type="button" class="edit-lasso" title=${e.lassoHint} @click=${() => onEdit({ type: 'lasso', clusterId: id })}>${e.lasso}</button>
      <details class="edit-delete">
        <summary>${e.deleteCluster}</summary>
        <p>${e.confirmDelete(localName(lang, c))}</p>
        <button type="button" class="edit-delete-confirm" @click=${() => onEdit({ type: 'command', command: { type: 'delete-cluster', id } })}>${e.deleteCluster}</button>
      </details>
    </div>
  </details>`;
}
