/// <reference types="vitest/config" />
import { cp, mkdir } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The plan package in `data/` is fetched at run time (it is data a planner can replace, not code),
 * so the build copies its files next to the app: `dist/data/`. In dev, Vite serves them from `/data/`.
 */
function planPackage(): Plugin {
  return {
    name: 'belt-map-plan-package',
    apply: 'build',
    async writeBundle(options) {
      const outDir = options.dir ?? resolve(import.meta.dirname, 'dist');
      await mkdir(resolve(outDir, 'data'), { recursive: true });
      for (const file of readdirSync(resolve(import.meta.dirname, 'data'))) {
        if (/\.(geo)?json$/.test(file)) await cp(resolve(import.meta.dirname, 'data', file), resolve(outDir, 'data', file));
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
      },
      preserveEntrySignatures: 'exports-only',
      output: {
        // All JS sits beside belt-map.js, so `new URL('./data/plan.json', import.meta.url)` finds the
        // bundled plan from whichever chunk the code ends up in.
        entryFileNames: (chunk) => (chunk.name === 'belt-map' ? 'belt-map.js' : '[name]-[hash].js'),
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
