/**
 * loadPlan: fetches a manifest and the files it names (relative to it), validates, and says what
 * went wrong and where. `fetch` is stubbed to serve the real package in data/ by URL.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPlan, PlanLoadError } from './loadPlan';

const DATA = resolve(import.meta.dirname, '../../data/plans/huairou-mentougou');
const FILES = ['plan.json', 'districts.geojson', 'town-seats.geojson', 'villages.geojson', 'corridors.geojson', 'culture-belts.geojson', 'water.geojson'];
/** File texts (immutable strings: every test parses its own copy). */
const TEXT = new Map(FILES.map((f) => [f, readFileSync(resolve(DATA, f), 'utf8')]));

interface Served {
  status?: number;
  body: string;
}

/**
 * Stubs fetch: `routes` maps absolute URLs to responses; anything else is a 404.
 * Returns the list of URLs requested (and the init each was requested with).
 */
function serve(routes: Record<string, Served | string>) {
  const requests: { url: string; init?: RequestInit }[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    requests.push({ url, init });
    const r = routes[url];
    if (r === undefined) return new Response('not found', { status: 404, statusText: 'Not Found' });
    const { status = 200, body } = typeof r === 'string' ? { body: r } : r;
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchStub);
  return requests;
}

/** The real package served under `base` (ending in /), with optional overrides by file name. */
function packageAt(base: string, override: Record<string, Served | string> = {}): Record<string, Served | string> {
  return Object.fromEntries(FILES.map((f) => [`${base}${f}`, override[f] ?? TEXT.get(f)!]));
}

async function rejection(p: Promise<unknown>): Promise<PlanLoadError> {
  const e = await p.then(
    () => {
      throw new Error('expected loadPlan to reject');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PlanLoadError);
  return e as PlanLoadError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadPlan', () => {
  it('loads the real package: 625 villages and the manifest’s clusters', async () => {
    serve(packageAt('http://x/pkg/'));
    const plan = await loadPlan('http://x/pkg/plan.json');
    expect(plan.villages.features).toHaveLength(625);
    const manifest = JSON.parse(TEXT.get('plan.json')!) as { clusters: { id: string }[]; belts: unknown[] };
    expect(plan.clusters.map((c) => c.id)).toEqual(manifest.clusters.map((c) => c.id));
    expect(plan.belts).toHaveLength(manifest.belts.length);
    expect(plan.corridors.features.length).toBeGreaterThan(0);
  });

  it('resolves file names against the manifest URL', async () => {
    const requests = serve(packageAt('http://x/pkg/'));
    await loadPlan(new URL('http://x/pkg/plan.json'));
    const urls = requests.map((r) => r.url);
    expect(urls[0]).toBe('http://x/pkg/plan.json');
    expect(urls.slice(1).sort()).toEqual(FILES.slice(1).map((f) => `http://x/pkg/${f}`).sort());
  });

  it('resolves sub-folder paths in "files" relative to the manifest', async () => {
    const manifest = JSON.parse(TEXT.get('plan.json')!) as { files: Record<string, string> };
    manifest.files.villages = 'geo/villages.geojson';
    const routes = packageAt('http://x/pkg/', { 'plan.json': JSON.stringify(manifest) });
    routes['http://x/pkg/geo/villages.geojson'] = TEXT.get('villages.geojson')!;
    const requests = serve(routes);
    const plan = await loadPlan('http://x/pkg/plan.json');
    const urls = requests.map((r) => r.url);
    expect(urls).toContain('http://x/pkg/geo/villages.geojson');
    expect(urls).not.toContain('http://x/pkg/villages.geojson');
    expect(plan.villages.features).toHaveLength(625);
  });

  // Hostile manifests (SYNTHETIC: the real package's manifest with one "files" entry changed).
  it.each([
    ['../shared/districts.geojson', 'http://x/shared/districts.geojson'],
    ['/districts.geojson', 'http://x/districts.geojson'],
    ['http://evil.example/districts.geojson', 'http://evil.example/districts.geojson'],
    ['//evil.example/districts.geojson', 'http://evil.example/districts.geojson'],
    ['geo/%2e%2e/%2e%2e/districts.geojson', 'http://x/districts.geojson'],
    ['..%2fdistricts.geojson', 'http://x/pkg/..%2fdistricts.geojson'],
    ['data:application/json,{}', 'data:application/json,{}'],
  ])('files.districts = %s: refused before any file is fetched', async (name, resolved) => {
    const manifest = JSON.parse(TEXT.get('plan.json')!) as { files: Record<string, string> };
    manifest.files.districts = name;
    const routes = packageAt('http://x/pkg/', { 'plan.json': JSON.stringify(manifest) });
    routes[resolved] = TEXT.get('districts.geojson')!;
    const requests = serve(routes);
    const e = await rejection(loadPlan('http://x/pkg/plan.json'));
    expect(e.message).toMatch(/^\/pkg\/plan\.json: files\.districts \(.*\) is outside the package: its files must be in the manifest's folder on http:\/\/x/);
    expect(e.zh).toMatch(/files\.districts（.*）不在数据包内/);
    expect(requests.map((r) => r.url)).toEqual(['http://x/pkg/plan.json']);
  });

  it('allowedOrigins lets a manifest take files from another folder or host the embedder listed', async () => {
    const manifest = JSON.parse(TEXT.get('plan.json')!) as { files: Record<string, string> };
    manifest.files.districts = '../shared/districts.geojson';
    manifest.files.water = 'https://cdn.example.org/water.geojson';
    const routes = packageAt('http://x/pkg/', { 'plan.json': JSON.stringify(manifest) });
    routes['http://x/shared/districts.geojson'] = TEXT.get('districts.geojson')!;
    routes['https://cdn.example.org/water.geojson'] = TEXT.get('water.geojson')!;
    const requests = serve(routes);
    await rejection(loadPlan('http://x/pkg/plan.json', { allowedOrigins: ['http://x'] }));
    const plan = await loadPlan('http://x/pkg/plan.json', { allowedOrigins: ['http://x', 'https://cdn.example.org'] });
    expect(requests.map((r) => r.url)).toContain('http://x/shared/districts.geojson');
    expect(requests.map((r) => r.url)).toContain('https://cdn.example.org/water.geojson');
    expect(plan.water.features.length).toBeGreaterThan(0);
  });

  it('a file that is not UTF-8 is refused, naming it, the count and the line (no name silently becomes U+FFFD)', async () => {
    // SYNTHETIC: the real villages file with one byte 0xFF put into the first village's name.
    const text = TEXT.get('villages.geojson')!;
    const at = text.indexOf('"name": "') + 9;
    const bytes = new TextEncoder().encode(text);
    const cut = new TextEncoder().encode(text.slice(0, at)).length;
    const broken = new Uint8Array([...bytes.subarray(0, cut), 0xff, ...bytes.subarray(cut)]);
    const routes = packageAt('http://x/pkg/');
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url === 'http://x/pkg/villages.geojson') return new Response(broken);
      const r = routes[url];
      return r === undefined ? new Response('', { status: 404 }) : new Response(typeof r === 'string' ? r : r.body);
    });
    const line = text.slice(0, at).split('\n').length;
    const e = await rejection(loadPlan('http://x/pkg/plan.json'));
    expect(e.message).toBe(`/pkg/villages.geojson is not valid UTF-8 (1 byte could not be read, the first on line ${line}): a plan package's files must be UTF-8`);
    expect(e.zh).toBe(`/pkg/villages.geojson 不是有效的 UTF-8 编码（1 处字节无法读取，首处在第 ${line} 行）：规划数据包的文件必须为 UTF-8 编码`);
  });

  it('passes the abort signal to every request', async () => {
    const requests = serve(packageAt('http://x/pkg/'));
    const controller = new AbortController();
    await loadPlan('http://x/pkg/plan.json', { signal: controller.signal });
    expect(requests).toHaveLength(FILES.length);
    for (const r of requests) expect(r.init?.signal, r.url).toBe(controller.signal);
  });

  it('a 404 rejects with a PlanLoadError naming the URL and the status', async () => {
    const routes = packageAt('http://x/pkg/');
    delete routes['http://x/pkg/villages.geojson'];
    serve(routes);
    const e = await rejection(loadPlan('http://x/pkg/plan.json'));
    expect(e.message).toContain('http://x/pkg/villages.geojson');
    expect(e.message).toContain('404');
  });

  it('a missing manifest rejects naming the manifest URL', async () => {
    serve({});
    const e = await rejection(loadPlan('http://x/nowhere/plan.json'));
    expect(e.message).toContain('http://x/nowhere/plan.json');
    expect(e.message).toContain('404');
  });

  it('a server error rejects with its status', async () => {
    serve(packageAt('http://x/pkg/', { 'water.geojson': { status: 500, body: 'oops' } }));
    const e = await rejection(loadPlan('http://x/pkg/plan.json'));
    expect(e.message).toContain('water.geojson');
    expect(e.message).toContain('500');
  });

  it('a network failure rejects with a PlanLoadError naming the URL', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('fetch failed');
      }),
    );
    const e = await rejection(loadPlan('http://x/pkg/plan.json'));
    expect(e.message).toContain('http://x/pkg/plan.json');
  });

  it('invalid JSON rejects naming the file', async () => {
    serve(packageAt('http://x/pkg/', { 'corridors.geojson': '{"type": "FeatureCollection", "features": [' }));
    const e = await rejection(loadPlan('http://x/pkg/plan.json'));
    expect(e.message).toContain('corridors.geojson');
    expect(e.message).toMatch(/JSON/);
  });

  it('a broken feature rejects with problems naming the file and the feature', async () => {
    const villages = JSON.parse(TEXT.get('villages.geojson')!) as GeoJSON.FeatureCollection<GeoJSON.Point | null, { code: string }>;
    const victim = villages.features.find((f) => f.geometry !== null)!;
    victim.geometry!.coordinates = [200, 40];
    serve(packageAt('http://x/pkg/', { 'villages.geojson': JSON.stringify(villages) }));
    const e = await rejection(loadPlan('http://x/pkg/plan.json'));
    expect(e.problems.length).toBeGreaterThan(0);
    const p = e.problems.find((x) => x.feature === victim.properties.code);
    expect(p, JSON.stringify(e.problems)).toBeDefined();
    expect(p!.file).toBe('villages.geojson');
    expect(p!.message).toContain('200');
    expect(e.message).toContain('villages.geojson');
    expect(e.message).toContain(victim.properties.code);
  });

  it('a manifest without "files" rejects with a clear message, fetching nothing else', async () => {
    const manifest = JSON.parse(TEXT.get('plan.json')!) as Record<string, unknown>;
    delete manifest.files;
    const requests = serve(packageAt('http://x/pkg/', { 'plan.json': JSON.stringify(manifest) }));
    const e = await rejection(loadPlan('http://x/pkg/plan.json'));
    expect(e.message).toMatch(/files/);
    expect(e.message).toContain('plan.json');
    expect(requests.map((r) => r.url)).toEqual(['http://x/pkg/plan.json']);
  });

  it('a manifest without an optional file loads without it (an empty collection, not written back)', async () => {
    const manifest = JSON.parse(TEXT.get('plan.json')!) as { files: Record<string, unknown> };
    delete manifest.files.water;
    serve(packageAt('http://x/pkg/', { 'plan.json': JSON.stringify(manifest) }));
    const plan = await loadPlan('http://x/pkg/plan.json');
    expect(plan.water.features).toEqual([]);
    expect(plan.manifest.files.water).toBeUndefined();
  });

  it('a manifest without the villages file rejects naming the field', async () => {
    const manifest = JSON.parse(TEXT.get('plan.json')!) as { files: Record<string, unknown> };
    delete manifest.files.villages;
    serve(packageAt('http://x/pkg/', { 'plan.json': JSON.stringify(manifest) }));
    const e = await rejection(loadPlan('http://x/pkg/plan.json'));
    expect(e.message).toContain('"files.villages" is missing');
    expect(e.zh).toContain('缺少“files.villages”');
  });
});
