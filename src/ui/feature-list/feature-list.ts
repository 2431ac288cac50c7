import { FeatureList } from './feature-list.component.js';

export { FeatureList };
export type { ListTab } from './feature-list.component.js';
export type { ProposalState } from './tables.js';

if (!customElements.get('belt-feature-list')) customElements.define('belt-feature-list', FeatureList);

declare global {
  interface HTMLElementTagNameMap {
    'belt-feature-list': FeatureList;
  }
}
