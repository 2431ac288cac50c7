import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Feature, FeatureCollection } from 'geojson';
import { ImportClient, ImportError, type WorkerImportOptions } from '../../io/importClient.js';
import type { CrsId } from '../../io/crs.js';
import type { ImportReport } from '../../io/importFile.js';
import { lookup } from '../../plan/lookup.js';
import type { Lang } from '../../state/i18n.js';
import { textLang } from '../../state/i18n.js';
import type { Bilingual, Plan } from '../../types/plan.js';

/** A file being imported: its name and bytes (kept, so the import can run again with other options). */
export interface ImportSource {
  name: string;
  bytes: Uint8Array;
}

/** A finished import run: the plan it was joined against, the plan it makes, and its report. */
export interface ImportOutcome {
  base: Plan;
  plan: Plan;
  report: ImportReport;
}

/** The coordinate systems the dialog offers, with their labels (from the crs module, loaded with the dialog). */
export interface CrsChoice {
  id: CrsId;
  group: 'geographic' | 'gk3' | 'gk3cm' | 'gk6';
  label: Bilingual;
}

/**
 * What the import dialog shows. `reading`: the worker runs (`outcome` may hold the previous run's
 * result); `preview`: `outcome` is ready and nothing is applied; `applied`: `outcome` is in the plan;
 * `error`: the file cannot be imported with these options (`error`, in both languages).
 */
export interface ImportSession {
  phase: 'reading' | 'preview' | 'applied' | 'error';
  source: ImportSource;
  options: WorkerImportOptions;
  outcome: ImportOutcome | null;
  error: Bilingual | null;
}

export interface ImportControllerConfig {
  /** The plan shown now (the import is joined against it). */
  plan: () => Plan | null;
  /** Puts an outcome into the plan: one edit, or a replaced plan for a package; `byUser` when the dialog's apply asked for it. */
  apply: (outcome: ImportOutcome, byUser: boolean) => void;
  /** The preview changed (e.g. to fit the map to it). */
  onPreview?: (outcome: ImportOutcome) => void;
}

/**
 * The import's state machine, shared by the dialog and `el.importFile`: it runs each import in the
 * worker (./importClient.ts), keeps the dialog's session (file, options, the previewed outcome),
 * applies an outcome only when asked and only to the plan it was made from (if the plan changed in
 * between, the import runs again against the new one), and gives the map its preview.
 */
export class ImportController implements ReactiveController {
  session: ImportSession | null = null;
  /** The coordinate systems to offer, once loaded (the dialog shows "Detect" alone until then). */
  crsChoices: CrsChoice[] = [];
  #client: ImportClient | null = null;
  #previews = new WeakMap<ImportOutcome, FeatureCollection>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: ImportControllerConfig,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#client?.terminate();
    this.#client = null;
  }

  /** What the map shows while an outcome waits to be applied; null otherwise. */
  get preview(): FeatureCollection | null {
    const s = this.session;
    if (!s?.outcome || s.phase === 'applied' || s.phase === 'error' || s.outcome.report.replaced) return null;
    let fc = this.#previews.get(s.outcome);
    if (!fc) this.#previews.set(s.outcome, (fc = importPreview(s.outcome.base, s.outcome.plan, s.outcome.report)));
    return fc;
  }

  /**
   * Runs an import without the dialog and applies it (`el.importFile`). If the plan changes while the
   * worker runs, the import runs again against the new plan.
   *
   * @param byUser - true when the user asked for it in the dialog (not `el.importFile` called by code)
   * @throws {ImportError} (bilingual) when the file cannot be imported
   */
  async importNow(source: ImportSource, options: WorkerImportOptions, byUser = false): Promise<ImportOutcome> {
    let outcome: ImportOutcome;
    do {
      const base = this.#plan();
      outcome = { base, ...(await this.#run(base, source, options)) };
    } while (this.config.plan() !== outcome.base);
    this.config.apply(outcome, byUser);
    return outcome;
  }

  /** Starts a dialog session with a file: reads it with the guessed options and previews the outcome. */
  async open(file: Blob & { name?: string }): Promise<void> {
    // Without the labels the dialog still offers "detect"; a failed load is tried again on the next file.
    this.#loadCrsChoices().catch(() => undefined);
    const name = typeof file.name === 'string' && file.name !== '' ? file.name : 'file';
    const source = { name, bytes: new Uint8Array(0) };
    this.#set({ phase: 'reading', source, options: {}, outcome: null, error: null });
    try {
      source.bytes = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      this.#set({ ...this.session!, phase: 'error', error: { en: `${name}: the file could not be read (${(error as Error).message})`, zh: `${name}：无法读取文件（${(error as Error).message}）` } });
      return;
    }
    await this.#preview(source, {});
  }

  /** The user changed an option (column, system, as, sheet, picks …): the import runs again. */
  async setOptions(options: WorkerImportOptions): Promise<void> {
    const s = this.session;
    if (!s || s.phase === 'applied') return;
    await this.#preview(s.source, options);
  }

  /** Applies the previewed outcome (again against the current plan if it changed meanwhile). */
  async apply(): Promise<ImportReport | null> {
    const s = this.session;
    if (!s?.outcome || s.phase !== 'preview') return null;
    let outcome = s.outcome;
    if (this.config.plan() !== outcome.base) {
      this.#set({ ...s, phase: 'reading' });
      try {
        outcome = await this.importNow(s.source, s.options, true);
      } catch (error) {
        this.#fail(error, s);
        return null;
      }
    } else this.config.apply(outcome, true);
    this.#set({ ...s, phase: 'applied', outcome });
    return outcome.report;
  }

  /** Ends the session (nothing is applied that was not). */
  close(): void {
    this.#set(null);
  }

  /**
   * The rejected rows of the session's report as a CSV file the browser downloads.
   *
   * @returns the file's name, or null when there is nothing to download
   */
  async downloadRejected(lang: Lang, fileName: (base: string) => string): Promise<string | null> {
    const report = this.session?.outcome?.report;
    if (!report || report.rejected.length === 0) return null;
    // The CSV writer lives with the import code; it is loaded only when asked for.
    const { rejectedRowsCsv } = await import('../../io/importFile.js');
    const text = rejectedRowsCsv(report, textLang(lang) === 'en' ? 'en' : 'zh');
    const base = report.file.replace(/\.[^.]+$/, '') || 'import';
    const name = fileName(base);
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return name;
  }

  async #preview(source: ImportSource, options: WorkerImportOptions): Promise<void> {
    const previous = this.session;
    this.#set({ phase: 'reading', source, options, outcome: previous?.source === source ? previous.outcome : null, error: null });
    const base = this.#plan();
    try {
      const outcome = { base, ...(await this.#run(base, source, options)) };
      if (this.session?.source !== source || this.session.options !== options) return;
      this.#set({ phase: 'preview', source, options, outcome, error: null });
      this.config.onPreview?.(outcome);
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return;
      if (this.session?.source !== source) return;
      this.#fail(error, { phase: 'error', source, options, outcome: null, error: null });
    }
  }

  #fail(error: unknown, s: ImportSession): void {
    const e = error as Error & { zh?: unknown };
    const en = String(e?.message ?? error);
    this.#set({ ...s, phase: 'error', outcome: null, error: { en, zh: typeof e?.zh === 'string' ? e.zh : en } });
  }

  #run(plan: Plan, source: ImportSource, options: WorkerImportOptions) {
    this.#client ??= new ImportClient();
    return this.#client.run(plan, source, options);
  }

  #plan(): Plan {
    const plan = this.config.plan();
    if (!plan) throw new ImportError('no plan is loaded yet (wait for whenReady())', '方案尚未加载（请等待 whenReady()）');
    return plan;
  }

  #set(session: ImportSession | null): void {
    this.session = session;
    this.host.requestUpdate();
  }

  async #loadCrsChoices(): Promise<void> {
    if (this.crsChoices.length > 0) return;
    const { crsLabel, gaussKrugerZone } = await import('../../io/crs.js');
    const choice = (id: CrsId, group: CrsChoice['group']): CrsChoice => ({ id, group, label: { zh: crsLabel(id, 'zh-CN'), en: crsLabel(id, 'en') } });
    const choices = (['WGS84', 'CGCS2000', 'GCJ-02', 'BD-09'] as const).map((id) => choice(id, 'geographic'));
    for (let code = 4491; code <= 4554; code++) {
      const z = gaussKrugerZone(code);
      if (z) choices.push(choice(`EPSG:${code}`, z.width === 6 ? 'gk6' : z.prefixed ? 'gk3' : 'gk3cm'));
    }
    this.crsChoices = choices;
    this.host.requestUpdate();
  }
}

/**
 * Where an import would put things, for the map's preview: a point per accepted row whose village has
 * a position after the import (status 'added', 'updated' or 'unchanged'), a dashed 'moved' line from
 * a village's old position to its new one, and each new line ('line').
 *
 * @param base - the plan the import was joined against
 * @param next - the plan it makes
 * @param report - its report
 * @returns a FeatureCollection for the scene's `preview`
 */
export function importPreview(base: Plan, next: Plan, report: Pick<ImportReport, 'matches' | 'lines'>): FeatureCollection {
  const before = lookup(base).villageByCode;
  const after = lookup(next);
  const features: Feature[] = [];
  for (const m of report.matches) {
    const v = after.villageByCode.get(m.code);
    if (!v?.geometry) continue;
    const status = m.how === 'added' ? 'added' : Object.keys(m.changes).length > 0 ? 'updated' : 'unchanged';
    const name = v.properties.short_name ?? v.properties.name;
    features.push({ type: 'Feature', properties: { status, name, row: m.row, code: m.code }, geometry: v.geometry });
    const old = before.get(m.code)?.geometry;
    if (m.changes.position && old)
      features.push({ type: 'Feature', properties: { status: 'moved', row: m.row, code: m.code }, geometry: { type: 'LineString', coordinates: [old.coordinates, v.geometry.coordinates] } });
  }
  for (const l of report.lines) {
    const line = after.lineById.get(l.id)?.feature;
    if (line) features.push({ type: 'Feature', properties: { status: 'line', name: l.name, id: l.id }, geometry: line.geometry });
  }
  return { type: 'FeatureCollection', features };
}
