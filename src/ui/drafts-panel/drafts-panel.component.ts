import { html, nothing } from 'lit';
import type { DraftListEntry } from '../../io/drafts.js';
import { local, normaliseLang, type Lang, textLang } from '../../state/i18n.js';
import type { DraftNotice } from '../controllers/draft-controller.js';
import { emit } from '../panel-events.js';
import { PanelElement } from '../panel-element.js';

/** A draft's save time in the reader's local time, e.g. `2026年12月2日 16:30` or `2 Dec 2026, 16:30`; the text as given when it is no time. */
export function formatDraftTime(iso: string | undefined, lang: Lang): string {
  const date = new Date(iso ?? '');
  if (!iso || Number.isNaN(date.getTime())) return iso ?? '';
  return new Intl.DateTimeFormat(textLang(lang) === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * The drafts of plans kept in the browser: the notice about the plan shown (`section="notice"`: its
 * draft restored, changed in another tab, unreadable, storage unavailable, not kept) and the list
 * of every stored draft (`section="list"`), each with Open and Delete. Placed once for each section.
 *
 * @summary Drafts notice and list.
 *
 * @event belt-draft-discard - "Discard" on the notice (a restored or unreadable draft).
 * @event belt-draft-keep-mine - "Keep mine" on the conflict notice.
 * @event belt-draft-load-theirs - "Load theirs" on the conflict notice.
 * @event belt-draft-dismiss - The notice was closed.
 * @event belt-draft-open - "Open" on a listed draft. `detail`: `{ key }`.
 * @event belt-draft-delete - "Delete" on a listed draft. `detail`: `{ key }`.
 */
export class DraftsPanel extends PanelElement {
  static override properties = {
    section: { attribute: false },
    notice: { attribute: false },
    drafts: { attribute: false },
    current: { attribute: false },
    persisted: { attribute: false },
  };

  /** Which part to show: the notice bar or the list. */
  declare section: 'notice' | 'list';
  /** The notice about the plan shown; null for none. */
  declare notice: DraftNotice | null;
  /** Every stored draft, newest first. */
  declare drafts: readonly DraftListEntry[];
  /** The key of the plan shown (its draft is marked); null when it is not kept. */
  declare current: string | null;
  /** Whether the browser keeps the storage persistently (null: not asked yet). */
  declare persisted: boolean | null;

  constructor() {
    super();
    this.section = 'list';
    this.notice = null;
    this.drafts = [];
    this.current = null;
    this.persisted = null;
  }

  override render() {
    return this.section === 'notice' ? this.#notice() : this.#list();
  }

  #notice() {
    const n = this.notice;
    if (!n) return nothing;
    const t = this.t.drafts;
    const lang = normaliseLang(this.lang);
    const button = (cls: string, label: string, type: 'belt-draft-discard' | 'belt-draft-keep-mine' | 'belt-draft-load-theirs', title?: string) =>
      html`<button type="button" class=${cls} title=${title ?? nothing} @click=${() => emit(this, type, {})}>${label}</button>`;
    const close = html`<button type="button" class="close" aria-label=${t.dismiss} title=${t.dismiss} @click=${() => emit(this, 'belt-draft-dismiss', {})}>×</button>`;
    switch (n.kind) {
      case 'restored':
        return html`<p class="draft-notice restored" role="status"><span class="text">${t.restored(formatDraftTime(n.draft.savedAt, lang))}</span>
          <span class="actions">${button('discard', t.discard, 'belt-draft-discard', t.discardTitle)}${close}</span></p>`;
      case 'conflict':
        return html`<p class="draft-notice conflict" role="alert"><span class="text">${t.conflict(formatDraftTime(n.draft.savedAt, lang))}</span>
          <span class="hint">${t.conflictHint}</span>
          <span class="actions">${button('load-theirs', t.loadTheirs, 'belt-draft-load-theirs')}${button('keep-mine', t.keepMine, 'belt-draft-keep-mine')}</span></p>`;
      case 'invalid':
        return html`<p class="draft-notice invalid" role="alert"><span class="text">${t.invalid(formatDraftTime(n.draft.savedAt, lang))}</span>
          <span class="hint">${local(lang, n.error)} ${t.invalidHint}</span>
          <span class="actions">${button('discard', t.discard, 'belt-draft-discard')}</span></p>`;
      case 'unavailable':
        return html`<p class="draft-notice unavailable" role="alert"><span class="text">${t.unavailable(n.message)}</span>
          <span class="hint">${t.unavailableHint}</span></p>`;
      case 'untracked':
        return html`<p class="draft-notice untracked" role="status"><span class="text">${t.untracked(n.file)}</span><span class="actions">${close}</span></p>`;
      default:
        return n satisfies never;
    }
  }

  #list() {
    const t = this.t.drafts;
    const lang = normaliseLang(this.lang);
    return html`<details class="drafts">
      <summary>${t.title} (${this.drafts.length})</summary>
      <p>${t.intro}</p>
      ${this.drafts.length === 0
        ? html`<p class="none">${t.none}</p>`
        : html`<ul>
            ${this.drafts.map((d) => {
              const name = 'invalid' in d ? t.invalidEntry : local(lang, d.planName);
              const current = d.key === this.current;
              return html`<li data-key=${d.key}>
                <span class="name">${name}${current ? html` <span class="current">(${t.current})</span>` : nothing}</span>
                ${'invalid' in d ? nothing : html`<span class="meta">${formatDraftTime(d.savedAt, lang)}${d.editCount ? ` · ${t.edits(d.editCount)}` : ''}</span>`}
                <span class="src">${sourceLabel(d.key)}</span>
                <span class="row-actions">
                  ${'invalid' in d
                    ? nothing
                    : html`<button type="button" class="open" ?disabled=${current} title=${t.openTitle(name)} @click=${() => emit(this, 'belt-draft-open', { key: d.key })}>${t.open}</button>`}
                  <button type="button" class="delete" title=${t.deleteTitle(name)} @click=${() => emit(this, 'belt-draft-delete', { key: d.key })}>${t.delete}</button>
                </span>
              </li>`;
            })}
          </ul>`}
      ${this.persisted === null ? nothing : html`<p class="persisted">${this.persisted ? t.persisted : t.notPersisted}</p>`}
    </details>`;
  }
}

/** A draft's source for the list: the path of a URL of this site, the whole key otherwise. */
function sourceLabel(key: string): string {
  try {
    const url = new URL(key);
    return url.origin === globalThis.location?.origin ? url.pathname : url.href;
  } catch {
    return key;
  }
}
