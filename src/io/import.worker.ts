/**
 * The import worker: reads a planner's file and joins it into the plan off the page's thread, so a
 * 10,000-row list or a large Shapefile never freezes the page. It is stateless: each request brings
 * the plan and the file's bytes and gets back the new plan and the report (or the bilingual error).
 * See ./importClient.ts for the page's side.
 */
/// <reference lib="webworker" />
import { importIntoPlan } from './importFile.js';
import type { ImportRequest, ImportResponse } from './importClient.js';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
  const { id, plan, file, options } = event.data;
  let response: ImportResponse;
  try {
    const result = await importIntoPlan(plan, file, options);
    response = { id, type: 'done', plan: result.plan, report: result.report };
  } catch (error) {
    const e = error as Error & { zh?: unknown };
    const message = String(e?.message ?? error);
    response = { id, type: 'error', message, zh: typeof e?.zh === 'string' ? e.zh : message };
  }
  self.postMessage(response);
};
