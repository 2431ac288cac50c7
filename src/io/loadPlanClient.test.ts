/**
 * loadPlanOffThread where the worker is not there or cannot start: the package loads on the page's
 * thread, with loadPlan's result and errors. (The worker itself is exercised in the built app:
 * test/browser/big-src.test.ts.) `fetch` serves the real package in data/ by URL.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const DATA = resolve(import.meta.dirname, '../../data/plans/xihu');
const BASE = 'https://example.org/p/';
const FILES = ['plan.json', 'districts.geojson', 'town-seats.geojson', 'villages.geojson'];

function serve(override: Record<string, string> = {}) {
  const texts = Object.fromEntries(FILES.map((f) => [`${BASE}${f}`, override[f] ?? readFileSync(resolve(DATA, f), 'utf8')]));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const body = texts[String(input)];
      return body === undefined ? new Response('', { status: 404, statusText: 'Not Found' }) : new Response(body);
    }),
  );
}

/** A Worker that fails to start, as a CSP without worker-src 'self' makes it (an error event). */
class BlockedWorker {
  static made = 0;
  onerror: ((e: { preventDefault(): void; message: string }) => void) | null = null;
  onmessage = null;
  constructor() {
    BlockedWorker.made++;
    setTimeout(() => this.onerror?.({ preventDefault() {}, message: 'blocked' }));
  }
  postMessage() {}
  terminate() {}
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  BlockedWorker.made = 0;
});

describe('loadPlanOffThread without a usable worker', () => {
  it('loads on the page thread when there is no Worker (as loadPlan does)', async () => {
    serve();
    vi.stubGlobal('Worker', undefined);
    const { loadPlanOffThread } = await import('./loadPlanClient.js');
    const { loadPlan } = await import('./loadPlan.js');
    const plan = await loadPlanOffThread(`${BASE}plan.json`);
    expect(plan).toEqual(await loadPlan(`${BASE}plan.json`));
    expect(plan.villages.features.length).toBeGreaterThan(100);
  });

  it('falls back to the page thread when the worker cannot start, and stays there', async () => {
    serve();
    vi.stubGlobal('Worker', BlockedWorker);
    const { loadPlanOffThread } = await import('./loadPlanClient.js');
    const first = await loadPlanOffThread(`${BASE}plan.json`);
    expect(first.villages.features.length).toBeGreaterThan(100);
    await loadPlanOffThread(`${BASE}plan.json`);
    expect(BlockedWorker.made).toBe(1);
  });

  it('rejects with the same PlanLoadError (message, Chinese, problems) as loadPlan', async () => {
    const villages = JSON.parse(readFileSync(resolve(DATA, 'villages.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    villages.features[3]!.properties['role'] = 'nope';
    serve({ 'villages.geojson': JSON.stringify(villages) });
    vi.stubGlobal('Worker', BlockedWorker);
    const { loadPlanOffThread } = await import('./loadPlanClient.js');
    const { loadPlan, PlanLoadError } = await import('./loadPlan.js');
    const expected = await loadPlan(`${BASE}plan.json`).catch((e: unknown) => e);
    expect(expected).toBeInstanceOf(PlanLoadError);
    const got = await loadPlanOffThread(`${BASE}plan.json`).catch((e: unknown) => e);
    expect(got).toBeInstanceOf(PlanLoadError);
    const { message, zh, problems } = got as InstanceType<typeof PlanLoadError>;
    expect({ message, zh, problems }).toEqual({ message: (expected as Error).message, zh: (expected as { zh: string }).zh, problems: (expected as { problems: unknown }).problems });
  });
});
