import { html, type TemplateResult } from 'lit';
import type { Strings } from '../../state/i18n.js';
import { emit, type PanelEventDetails } from '../panel-events.js';

type Action = PanelEventDetails['belt-line-action']['action'];

/**
 * The edit actions of a selected line (corridor or culture belt), under its details (in the map's
 * popup or the sidebar): rename, edit its geometry, delete, link the clusters along it into a belt,
 * lines into an area. Each fires `belt-line-action` (bubbling, composed) from its button; `<belt-map>`
 * opens the matching step of the draw panel.
 */
export function lineEditTemplate(t: Strings, properties: Record<string, unknown>): TemplateResult {
  const id = String(properties['id'] ?? '');
  const button = (action: Action, label: string) =>
    html`<button type="button" class=${`line-${action}`} @click=${(e: Event) => emit(e.currentTarget as HTMLElement, 'belt-line-action', { action, id })}>${label}</button>`;
  const d = t.draw;
  return html`<div class="line-actions" role="group" aria-label=${d.lineActions}>
    ${button('rename', d.rename)} ${button('edit', d.editGeometry)} ${button('delete', d.delete)}
    ${button('belt', d.beltAlong)} ${button('area', d.area)}
  </div>`;
}
