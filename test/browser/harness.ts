/**
 * Browser-test harness: serves the built `dist/` on 127.0.0.1 and drives Debian's Chromium through
 * playwright-core (no downloaded browser). Every request the page makes is recorded, so tests can
 * prove that nothing leaves the page's origin.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** The built app under test; BELT_DIST points at another build (e.g. `vite build --outDir /tmp/x`) so parallel work does not share one dist/. */
export const DIST = resolve(process.env.BELT_DIST ?? resolve(HERE, '../../dist'));
export const RESULTS = resolve(HERE, '../../test-results');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Extra routes a test serves beside dist/: path → body (string) or a function of the request. */
export type Routes = Record<string, string | ((req: IncomingMessage) => Promise<string> | string)>;

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** How `serveDist` answers: `headers` are added to every response (e.g. a Content-Security-Policy). */
export interface ServeOptions {
  headers?: Record<string, string>;
}

export async function serveDist(routes: Routes = {}, options: ServeOptions = {}): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
    void handle(req, res, routes);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, routes: Routes): Promise<void> {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const route = routes[path];
  if (route !== undefined) {
    const body = typeof route === 'string' ? route : await route(req);
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/html; charset=utf-8' }).end(body);
    return;
  }
  const file = normalize(join(DIST, path.endsWith('/') ? `${path}index.html` : path));
  if (!file.startsWith(DIST)) return void res.writeHead(403).end();
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A page with everything it asks for and every console error recorded. */
export interface Watched {
  context: BrowserContext;
  page: Page;
  requests: string[];
  errors: string[];
}

export async function watchedPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Watched> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page, requests, errors };
}

/** Resolves when the first <belt-map> on the page has rendered its plan (its `whenReady()`). */
export async function waitReady(page: Page, selector = 'belt-map'): Promise<void> {
  await page.waitForFunction((sel) => customElements.get('belt-map') !== undefined && document.querySelector(sel) !== null, selector);
  await page.evaluate((sel) => (document.querySelector(sel) as HTMLElement & { whenReady(): Promise<void> }).whenReady(), selector);
}

/** Waits until the map has finished drawing after a change. */
export async function waitIdle(page: Page, selector = 'belt-map'): Promise<void> {
  await page.evaluate(
    (sel) =>
      new Promise<void>((resolve) => {
        const map = (document.querySelector(sel) as unknown as { map: { once(e: string, f: () => void): void; triggerRepaint(): void } }).map;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
    selector,
  );
}

/** What `recordEvents` keeps: each event's `detail`, by event type, in order. */
export type Recorded = Record<string, unknown[]>;

/**
 * Records the `detail` of every event of the given types that reaches `document` (they bubble and are
 * composed), from the page's first script on; read them with the returned function.
 */
export async function recordEvents(page: Page, types: readonly string[]): Promise<() => Promise<Recorded>> {
  await page.addInitScript((types) => {
    const recorded: Record<string, unknown[]> = {};
    (window as unknown as { __recorded: typeof recorded }).__recorded = recorded;
    for (const type of types) {
      recorded[type] = [];
      document.addEventListener(type, (e) => recorded[type]!.push((e as CustomEvent).detail));
    }
  }, types);
  return () => page.evaluate(() => (window as unknown as { __recorded: Record<string, unknown[]> }).__recorded);
}

/** The app as a test file uses it: the served build, Chromium, and a watched page on index.html with the plan shown. */
export interface App {
  server: StaticServer;
  browser: Browser;
  w: Watched;
}

/**
 * Serves the build and opens index.html in Chromium before the file's tests (after `before`, e.g.
 * making an output folder), and closes them after; read the fields inside the tests.
 */
export function useApp(before?: () => Promise<unknown>): App {
  const app = {} as App;
  beforeAll(async () => {
    await before?.();
    app.server = await serveDist();
    app.browser = await launch();
    app.w = await watchedPage(app.browser);
    await app.w.page.goto(`${app.server.origin}/index.html`);
    await waitReady(app.w.page);
  });
  afterAll(async () => {
    await app.w?.context.close();
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
