import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CrsId } from '../../io/crs.js';
import type { ExportFormat } from '../../io/exportPlan.js';
import { local, type Lang } from '../../state/i18n.js';
import type { Bilingual } from '../../types/plan.js';
import type { TableFileData } from '../feature-list/table-models.js';

/** How the last download went: making the file, saved (its name and size), or failed (why, in both languages). */
export type DownloadStatus = { state: 'busy' } | { state: 'done'; name: string; kb: number } | { state: 'failed'; error: Bilingual };

/** A coordinate system the download menu offers, with its label. */
export interface DownloadCrsChoice {
  id: CrsId;
  group: 'geographic' | 'gk3' | 'gk3cm';
  /** Projected (Gauss–Krüger): a KML cannot hold it. */
  projected: boolean;
  label: Bilingual;
}

/** A host that exports its plan (`<belt-map>`). */
export interface DownloadHost extends ReactiveControllerHost {
  exportPlan(options: { format: ExportFormat; crs?: CrsId }): Promise<Blob>;
}

/** How long an object URL lives after its download was started (a browser reads it asynchronously). */
const REVOKE_AFTER_MS = 30_000;

/**
 * Gives a file to the browser to save: an object URL on an `<a download>`, clicked, then revoked.
 *
 * @param blob - the file's contents
 * @param name - the suggested file name
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name, rel: 'noopener' });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** An error as both languages (ExportPlanError and the element's errors carry `zh`). */
function bilingual(error: unknown): Bilingual {
  const e = error as Error & { zh?: unknown };
  const en = String(e?.message ?? error);
  return { en, zh: typeof e?.zh === 'string' ? e.zh : en };
}

/**
 * The downloads of `<belt-map>`: the plan from the download menu (through `host.exportPlan`) and the
 * feature list's tables (through `tableFile`, loaded when first asked for), each saved as a file.
 * Keeps the menu's status and offers its coordinate systems: the geographic ones and the CGCS2000
 * 3° Gauss–Krüger zones over the plan's longitudes (the crs module is loaded with the menu).
 */
export class DownloadController implements ReactiveController {
  /** The plan download's status (the menu shows it); null before the first and when the menu opens anew. */
  status: DownloadStatus | null = null;
  /** The last table download's status (the feature list's announcement). */
  tableStatus: DownloadStatus | null = null;
  /** The systems to offer; empty until loaded. */
  crsChoices: DownloadCrsChoice[] = [];
  #choicesFor: string | null = null;

  constructor(private readonly host: DownloadHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Forgets how the last download went (the menu is opened anew). */
  clearStatus(): void {
    this.status = null;
    this.host.requestUpdate();
  }

  /** Makes the plan's file and saves it; resolves with the file's name, or null when it failed (see `status`). */
  async downloadPlan(format: ExportFormat, crs: CrsId): Promise<string | null> {
    if (this.status?.state === 'busy') return null;
    this.#set({ state: 'busy' });
    try {
      const blob = (await this.host.exportPlan({ format, crs })) as Blob & { name?: string };
      const name = blob.name ?? `belt-map.${format === 'shp' ? 'zip' : format}`;
      saveBlob(blob, name);
      this.#set({ state: 'done', name, kb: Math.max(1, Math.round(blob.size / 1024)) });
      return name;
    } catch (error) {
      this.#set({ state: 'failed', error: bilingual(error) });
      return null;
    }
  }

  /** Writes a table (as the list shows it) as CSV or XLSX and saves it; resolves with its name, or null when it failed. */
  async downloadTable(data: TableFileData, format: 'csv' | 'xlsx'): Promise<string | null> {
    this.tableStatus = { state: 'busy' };
    this.host.requestUpdate();
    try {
      const { tableFile } = await import('../../io/exportPlan.js');
      // Named after the table (the file and the sheet): 沿线村庄.csv, 统计-目标.xlsx.
      const file = tableFile(data.title, data.columns, data.rows, format);
      saveBlob(new Blob([file.bytes as BlobPart], { type: file.type }), file.name);
      this.tableStatus = { state: 'done', name: file.name, kb: Math.max(1, Math.round(file.bytes.length / 1024)) };
      return file.name;
    } catch (error) {
      this.tableStatus = { state: 'failed', error: bilingual(error) };
      return null;
    } finally {
      this.host.requestUpdate();
    }
  }

  /**
   * Loads the systems to offer for a plan spanning `[west, east]` degrees of longitude: WGS84, CGCS2000,
   * GCJ-02, BD-09, then for each 3° zone the plan reaches its CGCS2000 Gauss–Krüger systems with and
   * without the zone number. A failed load leaves the list empty (the menu offers WGS84 alone).
   */
  async loadCrsChoices(west: number, east: number): Promise<void> {
    const key = `${west},${east}`;
    if (this.#choicesFor === key && this.crsChoices.length > 0) return;
    try {
      const { crsLabel, gaussKrugerCode } = await import('../../io/crs.js');
      const choice = (id: CrsId, group: DownloadCrsChoice['group']): DownloadCrsChoice => ({
        id, group, projected: group !== 'geographic', label: { zh: crsLabel(id, 'zh-CN'), en: crsLabel(id, 'en') },
      });
      const choices = (['WGS84', 'CGCS2000', 'GCJ-02', 'BD-09'] as const).map((id) => choice(id, 'geographic'));
      // A 3° zone covers its central meridian ± 1.5°; China's lie between 75°E and 135°E.
      const first = Math.max(75, Math.round(west / 3) * 3);
      const last = Math.min(135, Math.round(east / 3) * 3);
      for (const prefixed of [true, false])
        for (let cm = first; cm <= last; cm += 3) {
          const code = gaussKrugerCode(3, cm, prefixed);
          if (code) choices.push(choice(`EPSG:${code}`, prefixed ? 'gk3' : 'gk3cm'));
        }
      this.crsChoices = choices;
      this.#choicesFor = key;
    } catch {
      this.crsChoices = [];
    }
    this.host.requestUpdate();
  }

  /** What to announce for the last table download, in `lang` ('' when nothing to say). */
  tableAnnouncement(lang: Lang, words: { done: (name: string, kb: number) => string; failed: string }): string {
    const s = this.tableStatus;
    if (!s || s.state === 'busy') return '';
    return s.state === 'done' ? words.done(s.name, s.kb) : `${words.failed}: ${local(lang, s.error)}`;
  }

  #set(status: DownloadStatus | null): void {
    this.status = status;
    this.host.requestUpdate();
  }
}
