import type { LineFeature } from '../types/plan.js';
import type { AnalysisRequest, AnalysisResponse } from './analysis-protocol.js';

export interface AnalysisProgress {
  phase: 'read' | 'parse' | 'index' | 'analyse';
  /** 0–100. */
  percent: number;
}

type Pending = { resolve: (r: AnalysisResponse) => void; reject: (e: Error) => void; onProgress?: (p: AnalysisProgress) => void };

/**
 * The page's side of the analysis worker: one request at a time per kind; a newer zone request
 * supersedes an older one (its promise rejects with `AbortError`), so dragging a slider queues nothing.
 */
export class AnalysisClient {
  #worker: Worker;
  #next = 1;
  #pending = new Map<number, Pending>();
  #latestZones = 0;

  constructor() {
    this.#worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'belt-map-analysis' });
    this.#worker.onmessage = (e: MessageEvent<AnalysisResponse>) => this.#receive(e.data);
    this.#worker.onerror = (e) => {
      for (const p of this.#pending.values()) p.reject(new Error(e.message || 'The analysis worker failed'));
      this.#pending.clear();
    };
  }

  importVillages(file: Blob, onProgress?: (p: AnalysisProgress) => void) {
    return this.#send({ type: 'import', id: this.#next++, file }, onProgress) as Promise<Extract<AnalysisResponse, { type: 'imported' }>>;
  }

  async zones(zones: { line: LineFeature; km: number }[], onProgress?: (p: AnalysisProgress) => void) {
    const id = this.#next++;
    this.#latestZones = id;
    const response = (await this.#send({ type: 'zones', id, zones }, onProgress)) as Extract<AnalysisResponse, { type: 'zones' }>;
    if (id !== this.#latestZones) throw new DOMException('Superseded by a newer request', 'AbortError');
    return response;
  }

  terminate(): void {
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(new DOMException('The analysis worker was stopped', 'AbortError'));
    this.#pending.clear();
  }

  #send(request: AnalysisRequest, onProgress?: (p: AnalysisProgress) => void): Promise<AnalysisResponse> {
    return new Promise((resolve, reject) => {
      this.#pending.set(request.id, { resolve, reject, onProgress });
      this.#worker.postMessage(request);
    });
  }

  #receive(message: AnalysisResponse): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') {
      pending.onProgress?.({ phase: message.phase, percent: message.total ? Math.round((100 * message.done) / message.total) : 0 });
      return;
    }
    this.#pending.delete(message.id);
    if (message.type === 'error') pending.reject(new Error(message.message));
    else pending.resolve(message);
  }
}
