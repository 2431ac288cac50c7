import { html, nothing, type PropertyValues } from 'lit';
import { acceptProposal } from '../../plan/commands.js';
import { planChanges } from '../../plan/diff.js';
import { localName, textLang } from '../../state/i18n.js';
import type { Proposal } from '../../state/proposals.js';
import type { Plan } from '../../types/plan.js';
import { PanelElement } from '../panel-element.js';
import { emit } from '../panel-events.js';
import { roleText } from '../plan-text.js';

/**
 * What accepting a proposed cluster will change, shown before anything changes (issue #9: an accept
 * "silently re-roled three villages and changed two batch counts"): the batch year to give it (this
 * year by default, within the plan's years), the new cluster, each village whose role or year
 * changes, and how many keep theirs. Confirm makes the edit; Cancel or Escape leaves the plan and
 * the proposal as they were. Beside the map, not modal: the proposal's area stays in sight.
 *
 * @summary Confirmation of an accepted proposal, with its changes.
 *
 * @event belt-accept-confirm - Confirm was pressed: `{ id, year }`.
 * @event belt-accept-cancel - Cancel or Escape: `{}`.
 */
export class AcceptPreview extends PanelElement {
  static override properties = {
    plan: { attribute: false },
    proposal: { attribute: false },
    year: { attribute: false },
    _year: { state: true },
  };

  declare plan: Plan | null;
  /** The proposal to confirm; null hides the preview. */
  declare proposal: Proposal | null;
  /** The year chosen first. */
  declare year: number;
  declare _year: number;

  constructor() {
    super();
    this.plan = null;
    this.proposal = null;
    this.year = new Date().getFullYear();
    this._year = this.year;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('proposal') || changed.has('year')) this._year = this.year;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('proposal')) return;
    const d = this.querySelector<HTMLDialogElement>('dialog.accept-preview');
    if (this.proposal && d && !d.open) {
      d.show();
      d.querySelector<HTMLElement>('h3')?.focus();
    }
  }

  override render() {
    const { plan, proposal } = this;
    if (!plan || !proposal) return nothing;
    const t = this.t;
    const e = t.editing.accept;
    const lang = this.lang;
    const after = acceptProposal(plan, proposal, this._year);
    const changes = planChanges(plan, after);
    const cluster = after.clusters.find((c) => c.id === proposal.id)!;
    // The core first, then the members in the proposal's order.
    const order = [proposal.core, ...proposal.members];
    const changed = changes.villages.filter((v) => v.role || v.year).sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
    const keeps = changes.villages.filter((v) => !v.role && !v.year);
    const years = plan.manifest.years;
    const name = (code: string) => {
      const v = after.villages.features.find((f) => f.properties.code === code);
      return v ? localName(lang, v.properties) : code;
    };
    const cancel = () => emit(this, 'belt-accept-cancel', {});
    return html`
      <dialog class="accept-preview" aria-labelledby="accept-title"
        @keydown=${(ev: KeyboardEvent) => {
          if (ev.key === 'Escape') {
            ev.preventDefault();
            cancel();
          }
        }}>
        <h3 id="accept-title" tabindex="-1">${e.title}</h3>
        <p>${e.intro(localName(lang, cluster))}</p>
        <label>${e.year}
          <select class="accept-year" @change=${(ev: Event) => (this._year = Number((ev.target as HTMLSelectElement).value))}>
            ${years.map((y) => html`<option value=${String(y)} ?selected=${y === this._year}>${String(y)}</option>`)}
          </select>
        </label>
        <ul class="accept-changes">
          <li>${e.cluster(localName(lang, cluster), cluster.members.length)}</li>
          ${changed.map(
            (v) => html`<li data-code=${v.code}>
              ${v.role ? e.role(name(v.code), roleText(plan, lang, v.role.from), roleText(plan, lang, v.role.to)) : nothing}
              ${!v.role && v.year ? e.year_(name(v.code), String(v.year.from ?? t.editing.noYear), String(v.year.to ?? t.editing.noYear)) : nothing}
              ${v.role && v.year ? html`<span>(${t.editing.year} ${String(v.year.to ?? t.editing.noYear)})</span>` : nothing}
            </li>`,
          )}
        </ul>
        ${keeps.length ? html`<p class="accept-keeps">${e.keeps(keeps.length)}: ${keeps.map((v) => name(v.code)).join(textLang(lang) === 'en' ? ', ' : '、')}</p>` : nothing}
        <div class="accept-buttons">
          <button type="button" class="accept-cancel" @click=${cancel}>${e.cancel}</button>
          <button type="button" class="accept-confirm" @click=${() => emit(this, 'belt-accept-confirm', { id: proposal.id, year: this._year })}>${e.confirm}</button>
        </div>
      </dialog>
    `;
  }
}
