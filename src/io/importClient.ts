/**
 * The page's side of the import worker (./import.worker.ts). The import code (readers, proj4,
 * SheetJS) lives only in the worker's bundle, so neither the first load nor the main thread pays for
 * it; the worker is made on the first import.
 *
 * A newer `run` supersedes an older one (the dialog re-runs the import as the user changes the
 * column mapping or the coordinate system): the older promise rejects with an `AbortError`.
 *
 * @module
 */
import type { ImportFileOptions, ImportReport } from './importFile.js';
import type { Plan } from '../types/plan.js';

/** Options that cross to the worker: everything but the injected XML parser (a function). */
export type WorkerImportOptions = Omit<ImportFileOptions, 'parseXml'>;

export interface ImportRequest {
  id: number;
  plan: Plan;
  file: { name: string; bytes: Uint8Array };
  options: WorkerImportOptions;
}

export type ImportResponse =
  | { id: number; type: 'done'; plan: Plan; report: ImportReport }
  | { id: number; type: 'error'; message: string; zh: string };

/** An import that failed: `message` in English, `zh` in Chinese (both name the file). */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    message: string,
    readonly zh: string,
  ) {
    super(message);
  }
}

type Pending = { resolve: (r: { plan: Plan; report: ImportReport }) => void; reject: (e: Error) => void };

export class ImportClient {
  #worker: Worker | null = null;
  #next = 1;
  #pending = new Map<number, Pending>();

  /**
   * Imports `file` into `plan` in the worker.
   *
   * @param plan - the plan to import into (copied to the worker; never changed)
   * @param file - the file's name and bytes (copied: the caller may run it again with other options)
   * @param options - as for `importIntoPlan`, without `parseXml`
   * @returns the new plan and the report
   * @throws {ImportError} when the file cannot be imported; a `DOMException` named `AbortError` when a
   *   newer run superseded this one or the client was terminated
   */
  run(plan: Plan, file: { name: string; bytes: Uint8Array }, options: WorkerImportOptions = {}): Promise<{ plan: Plan; report: ImportReport }> {
    const id = this.#next++;
    // A superseded run still finishes in the worker, but nobody waits for it.
    for (const [older, p] of this.#pending) {
      p.reject(new DOMException('Superseded by a newer import', 'AbortError'));
      this.#pending.delete(older);
    }
    const { parseXml: _ignored, ...cloneable } = options as ImportFileOptions;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#ensure().postMessage({ id, plan, file, options: cloneable } satisfies ImportRequest);
    });
  }

  /** Stops the worker; pending runs reject with an `AbortError`. */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = null;
    for (const p of this.#pending.values()) p.reject(new DOMException('The import was stopped', 'AbortError'));
    this.#pending.clear();
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'belt-map-import' });
    worker.onmessage = (e: MessageEvent<ImportResponse>) => this.#receive(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      const error = new ImportError(`The import worker failed: ${e.message || 'unknown error'}`, `导入进程出错：${e.message || '未知错误'}`);
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
      // A broken worker is not reused.
      worker.terminate();
      if (this.#worker === worker) this.#worker = null;
    };
    return (this.#worker = worker);
  }

  #receive(message: ImportResponse): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (message.type === 'error') pending.reject(new ImportError(message.message, message.zh));
    else pending.resolve({ plan: message.plan, report: message.report });
  }
}
