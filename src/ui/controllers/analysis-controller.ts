import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AnalysisClient, type AnalysisProgress } from '../../state/analysis-client.js';
import type { ZoneCalculator, ZoneResult } from '../../state/zones.js';
import { ZONE_KM_DEFAULT, findLine } from '../../state/zoneSettings.js';
import type { Plan } from '../../types/plan.js';
import type { BeltAnalysisDetail } from '../events.js';

/** A large village set imported into the analysis worker. */
export interface ImportedVillages {
  count: number;
  skipped: number;
  positions: Float32Array;
}

export interface AnalysisControllerConfig {
  /** The worker finished analysing the imported villages against the zones. */
  onAnalysis: (detail: BeltAnalysisDetail) => void;
  /** An import or an analysis failed (the plan and anything imported before stay as they were). */
  onError: (message: string) => void;
}

/**
 * The corridor zones of a host and the analysis worker behind them: which zones are on, their
 * distances, the villages inside each (computed on the page, once per update however many slider
 * events came), and a large imported village set counted per zone in the worker. The worker is made
 * on the first import and terminated on disconnect.
 *
 * Measured (performance marks, not asserted): `belt-zone-start` marks a recompute; the host measures
 * `belt-zone` once the new zones are on the map. The zone code (src/state/zones.ts and its buffer
 * engine) is `import()`ed when a zone is first switched on: the zones follow one update later.
 */
export class AnalysisController implements ReactiveController {
  /** Buffer distance per line id, km (kept while a zone is off). */
  km: Readonly<Record<string, number>> = {};
  /** Line ids whose zone is drawn. */
  on: ReadonlySet<string> = new Set();
  /** The switched-on zones with the villages inside; a new array whenever they change. */
  results: readonly ZoneResult[] = [];
  imported: ImportedVillages | null = null;
  progress: AnalysisProgress | null = null;
  /** Imported villages inside each switched-on zone, by line id. */
  importedCounts: ReadonlyMap<string, number> = new Map();

  #plan: Plan | null = null;
  #calc: ZoneCalculator | null = null;
  #calcLoading = false;
  #stale = false;
  #analyseDue = false;
  #client: AnalysisClient | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: AnalysisControllerConfig,
  ) {
    host.addController(this);
  }

  /** A new plan: every line gets a distance (kept from before for a line of the same id). */
  setPlan(plan: Plan): void {
    this.#plan = plan;
    const lines = [...plan.corridors.features, ...plan.cultureBelts.features];
    this.km = Object.fromEntries(lines.map((f) => [f.properties.id, this.km[f.properties.id] ?? ZONE_KM_DEFAULT]));
    this.#invalidate();
  }

  toggle(lineId: string, on: boolean): void {
    const next = new Set(this.on);
    if (on) next.add(lineId);
    else next.delete(lineId);
    this.on = next;
    this.#invalidate();
  }

  setKm(lineId: string, km: number): void {
    this.km = { ...this.km, [lineId]: km };
    this.#invalidate();
  }

  /** Reads a file of villages in the worker, then counts them per zone. */
  async import(file: File): Promise<void> {
    this.#client ??= new AnalysisClient();
    this.#setProgress({ phase: 'read', percent: 0 });
    try {
      const r = await this.#client.importVillages(file, (p) => this.#setProgress(p));
      this.imported = { count: r.count, skipped: r.skipped, positions: r.positions };
      this.#setProgress(null);
      await this.#analyse();
    } catch (error) {
      this.#setProgress(null);
      this.config.onError((error as Error).message);
    }
  }

  hostUpdate(): void {
    if (!this.#stale || !this.#plan) return;
    if (!this.#calc && this.on.size > 0) return this.#loadCalc();
    this.#stale = false;
    performance.mark('belt-zone-start');
    this.results = !this.#calc ? [] : this.#calc.compute(
      this.#plan,
      [...this.on].map((lineId) => ({ lineId, km: this.km[lineId] ?? ZONE_KM_DEFAULT })),
    );
    this.#analyseDue = true;
  }

  hostUpdated(): void {
    if (!this.#analyseDue) return;
    this.#analyseDue = false;
    if (this.imported) void this.#analyse();
  }

  hostDisconnected(): void {
    this.#client?.terminate();
    this.#client = null;
  }

  /** Loads the zone code once; the stale zones are computed in the update after. */
  #loadCalc(): void {
    if (this.#calcLoading) return;
    this.#calcLoading = true;
    import('../../state/zones.js').then(
      ({ ZoneCalculator }) => {
        this.#calc = new ZoneCalculator();
        this.host.requestUpdate();
      },
      (error: Error) => {
        this.#calcLoading = false;
        this.config.onError(error.message);
      },
    );
  }

  #invalidate(): void {
    this.#stale = true;
    this.host.requestUpdate();
  }

  #setProgress(progress: AnalysisProgress | null): void {
    this.progress = progress;
    this.host.requestUpdate();
  }

  /** Zones of the imported set, computed in the worker; a newer request supersedes this one. */
  async #analyse(): Promise<void> {
    const plan = this.#plan;
    const imported = this.imported;
    if (!plan || !this.#client || !imported) return;
    const zones = [...this.on].flatMap((id) => {
      const found = findLine(plan, id);
      return found ? [{ line: found[1], km: this.km[id] ?? ZONE_KM_DEFAULT }] : [];
    });
    try {
      const r = await this.#client.zones(zones, (p) => this.#setProgress(p));
      this.importedCounts = new Map(r.results.map((z) => [z.lineId, z.count]));
      this.#setProgress(null);
      this.config.onAnalysis({ imported: imported.count, zones: r.results.map(({ lineId, km, count }) => ({ lineId, km, count })), ms: r.ms });
    } catch (error) {
      if ((error as DOMException).name === 'AbortError') return;
      this.#setProgress(null);
      this.config.onError((error as Error).message);
    }
  }
}
