/// <reference types="vitest/config" />
import { cp, mkdir } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The plan packages in `data/` are fetched at run time (data a planner can replace, not code), so
 * the build copies them next to the app: `dist/data/` gets plans.json, plan.json (the default
 * package at its old URL) and plans/<id>/… — every .json / .geojson file of the data tree except
 * the derivation's own inputs in data/derive/. In dev, Vite serves them from `/data/`.
 */
function planPackage(): Plugin {
  const dataDir = resolve(import.meta.dirname, 'data');
  /** Data files under `dir`, relative to data/, in a stable order. */
  const dataFiles = (dir: string): string[] =>
    readdirSync(resolve(dataDir, dir), { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (e.isDirectory()) return rel === 'derive' ? [] : dataFiles(rel);
        return /\.(geo)?json$/.test(e.name) ? [rel] : [];
      });
  return {
    name: 'belt-map-plan-package',
    apply: 'build',
    async writeBundle(options) {
      const outDir = options.dir ?? resolve(import.meta.dirname, 'dist');
      for (const rel of dataFiles('')) {
        const to = resolve(outDir, 'data', rel);
        await mkdir(dirname(to), { recursive: true });
        await cp(resolve(dataDir, rel), to);
      }
      // The print font (Noto Sans SC, OFL-1.1) travels with its licence.
      await mkdir(resolve(outDir, 'assets'), { recursive: true });
      await cp(resolve(import.meta.dirname, 'node_modules/@fontsource/noto-sans-sc/LICENSE'), resolve(outDir, 'assets/noto-sans-sc-LICENSE.txt'));
    },
  };
}

export default defineConfig({
  // Relative asset URLs: dist/ works from any folder of any static server.
  base: './',
  publicDir: false,
  optimizeDeps: { exclude: ['maplibre-gl'] },
  plugins: [planPackage()],
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        // The embeddable component: dist/belt-map.js, one <script type="module"> for a website.
        'belt-map': resolve(import.meta.dirname, 'src/index.ts'),
        // The element alone (what index.html loads): the first load without the engine API.
        'belt-map-element': resolve(import.meta.dirname, 'src/element.ts'),
      },
      preserveEntrySignatures: 'exports-only',
      output: {
        // All JS sits beside belt-map.js, so `new URL('./data/plan.json', import.meta.url)` finds the
        // bundled plan from whichever chunk the code ends up in.
        entryFileNames: (chunk) => (chunk.name.startsWith('belt-map') ? `${chunk.name}.js` : '[name]-[hash].js'),
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/browser/**', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
