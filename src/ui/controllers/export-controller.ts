import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AtlasOptions, ExportOptions } from '../../print/types.js';
import { atlasOptions, exportFileName, exportOptions, type ExportKind, type PrintForm } from '../print-dialog/print-form.js';

/** How the last export from the dialog ended. */
export type ExportStatus = { state: 'done'; kb: number } | { state: 'cancelled' } | { state: 'failed'; message: string };

/** A host that can export (`<belt-map>`). */
export interface ExportHost extends ReactiveControllerHost {
  exportImage(options: ExportOptions): Promise<Blob>;
  exportAtlas(options: AtlasOptions): Promise<Blob>;
}

/**
 * Runs the print dialog's exports for a host: progress, cancel (an abort), and a download of the
 * result. A running export is cancelled when the host disconnects.
 */
export class ExportController implements ReactiveController {
  /** Progress of the running export; null when none runs. */
  busy: { percent: number } | null = null;
  /** How the last export ended; null before the first and when the dialog is opened anew. */
  status: ExportStatus | null = null;
  #abort: AbortController | null = null;

  constructor(private readonly host: ExportHost) {
    host.addController(this);
  }

  async run(kind: ExportKind, form: PrintForm): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#set({ percent: 0 }, null);
    const run: Pick<ExportOptions, 'signal' | 'onProgress'> = {
      signal: abort.signal,
      onProgress: (fraction) => this.#set({ percent: Math.round(fraction * 100) }, null),
    };
    try {
      const blob = kind === 'page' ? await this.host.exportImage({ ...exportOptions(form), ...run }) : await this.host.exportAtlas({ ...atlasOptions(form), ...run });
      const url = URL.createObjectURL(blob);
      Object.assign(document.createElement('a'), { href: url, download: exportFileName(form, kind) }).click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.#set(null, { state: 'done', kb: Math.round(blob.size / 1024) });
    } catch (error) {
      this.#set(null, (error as DOMException).name === 'AbortError' ? { state: 'cancelled' } : { state: 'failed', message: (error as Error).message });
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  /** Cancels the running export (its promise settles as cancelled). */
  cancel(): void {
    this.#abort?.abort();
  }

  /** Forgets how the last export ended (the dialog is opened anew). */
  clearStatus(): void {
    this.#set(this.busy, null);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
  }

  #set(busy: { percent: number } | null, status: ExportStatus | null): void {
    this.busy = busy;
    this.status = status;
    this.host.requestUpdate();
  }
}
