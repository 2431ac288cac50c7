/// <reference types="vitest/config" />
import { cp, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import MagicString from 'magic-string';

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
      // geojson-validation is LGPL-3 (§4): the bundle says it uses it and carries the LGPL and the GPL it builds on.
      const gjv = 'node_modules/geojson-validation';
      const { version } = JSON.parse(await readFile(resolve(import.meta.dirname, gjv, 'package.json'), 'utf8')) as { version: string };
      await cp(resolve(import.meta.dirname, gjv, 'LICENSE.txt'), resolve(outDir, 'assets/geojson-validation-LICENSE.txt'));
      await cp(resolve(import.meta.dirname, 'licenses/GPL-3.0.txt'), resolve(outDir, 'assets/geojson-validation-GPL-3.0.txt'));
      await writeFile(
        resolve(outDir, 'assets/geojson-validation-NOTICE.txt'),
        [
          `This build of belt-map includes geojson-validation ${version} (https://gitlab.com/mjbecze/GeoJSON-Validation),`,
          'unmodified, bundled and minified into the JavaScript files of this folder.',
          '',
          'geojson-validation is free software under the GNU Lesser General Public License version 3',
          '(geojson-validation-LICENSE.txt), which builds on the GNU General Public License version 3',
          '(geojson-validation-GPL-3.0.txt). Its source is at the address above and in the npm package',
          `geojson-validation@${version}. To use a modified version, replace node_modules/geojson-validation in`,
          "belt-map's source and run `npm run build` again.",
          '',
        ].join('\n'),
      );
    },
  };
}

/**
 * Source maps beside the deployable folder, not in it: the build writes hidden maps (no
 * `sourceMappingURL` comment, so no browser asks for them), and this moves every `*.map` of
 * `<outDir>` to `<outDir>-sourcemaps/` (dist/ -> dist-sourcemaps/, same relative paths) and drops
 * the comment a prebuilt file (MapLibre's worker) brings along. Copy dist/ to the website; keep
 * dist-sourcemaps/ for reading a stack trace.
 */
function sourcemapsBeside(): Plugin {
  return {
    name: 'belt-map-sourcemaps-beside',
    apply: 'build',
    async writeBundle(options) {
      const outDir = options.dir ?? resolve(import.meta.dirname, 'dist');
      const mapsDir = `${outDir.replace(/\/+$/, '')}-sourcemaps`;
      await rm(mapsDir, { recursive: true, force: true });
      for (const e of await readdir(outDir, { recursive: true, withFileTypes: true })) {
        if (!e.isFile()) continue;
        const from = resolve(e.parentPath, e.name);
        if (e.name.endsWith('.map')) {
          const to = resolve(mapsDir, from.slice(outDir.length + 1));
          await mkdir(dirname(to), { recursive: true });
          await rename(from, to);
        } else if (/\.m?js$/.test(e.name)) {
          const code = await readFile(from, 'utf8');
          const bare = code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
          if (bare !== code) await writeFile(from, bare);
        }
      }
    },
  };
}

/**
 * A host page may have extended `Object.prototype` with enumerable members (old libraries did:
 * `Object.prototype.get = …`, `.value`, `.extend`). Every object literal then inherits them, so a
 * property descriptor written as a literal — `{ get: f, enumerable: true }`, `{ value: 'Module' }` —
 * also "has" `value` or `get`, and `Object.defineProperty` throws ("Getter must be a function",
 * "Cannot both specify accessors and a value"): the bundler's own module runtime, Lit and the map
 * libraries all define properties that way, so the element never loaded (#10 §5).
 *
 * This build step makes every chunk call `Object.defineProperty`, `Object.defineProperties` and
 * `Reflect.defineProperty` through a wrapper that passes on only the descriptor fields that are not
 * inherited from `Object.prototype` (a descriptor's own fields, or ones from another prototype, still
 * count), and makes each `for (k in o)` over a name or member chain skip the keys `o` only inherits
 * from `Object.prototype` (the bundler's export tables, MapLibre's glyph ranges and event tables). With a
 * clean `Object.prototype` both behave exactly as before. The page's own `Object` is never touched.
 * Build only: `vite` (dev) serves the untransformed modules.
 */

/** The wrappers, prepended to a chunk that needs them (module scope: each chunk has its own). */
export const SAFE_PRELUDE =
  'const __beltOP=Object.prototype,__beltOwn=Function.prototype.call.bind(__beltOP.hasOwnProperty),' +
  '__beltFrom=(o,k)=>{let p=o;while(p!==null&&!__beltOwn(p,k))p=Object.getPrototypeOf(p);return p},' +
  '__beltDesc=(d)=>{if(d===null||typeof d!=="object"&&typeof d!=="function")return d;const o=Object.create(null);' +
  'for(const k of["value","writable","get","set","enumerable","configurable"])if(k in d&&__beltFrom(d,k)!==__beltOP)o[k]=d[k];return o},' +
  '__beltDP=(o,k,d)=>Object.defineProperty(o,k,__beltDesc(d)),' +
  '__beltDPs=(o,ds)=>{const c=Object.create(null),s=Object(ds);for(const k of Reflect.ownKeys(s))' +
  'if(__beltOP.propertyIsEnumerable.call(s,k))c[k]=__beltDesc(s[k]);return Object.defineProperties(o,c)},' +
  '__beltKey=(o,k)=>!(k in __beltOP)||__beltOwn(o,k)||__beltFrom(o,k)!==__beltOP,' +
  '__beltRDP=(o,k,d)=>Reflect.defineProperty(o,k,__beltDesc(d)),' +
  '__beltObject=Object.freeze({__proto__:Object,defineProperty:__beltDP,defineProperties:__beltDPs});\n';

/** Pattern → replacement of the whole match (`$1`… are the groups). */
const REPLACEMENTS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/(?<![\w$.])Object\.defineProperty(?![\w$])/g, () => '__beltDP'],
  [/(?<![\w$.])Object\.defineProperties(?![\w$])/g, () => '__beltDPs'],
  [/(?<![\w$.])Reflect\.defineProperty(?![\w$])/g, () => '__beltRDP'],
  // `const { defineProperty, … } = Object` (Lit): destructure from an object whose prototype is Object.
  [/(?<=\{[^{}]*\bdefinePropert(?:y|ies)\b[^{}]*\}\s*=\s*)Object(?![\w$.])/g, () => '__beltObject'],
  // `for (k in o)` (the bundler's __export, MapLibre's event tables, …): skip keys the page added to
  // Object.prototype. Only for a plain name or member chain `o` (`a.b[c]`), which may be read twice.
  [/(?<![\w$])for\s*\(\s*(?:(?:const|let|var)\s+)?([\w$]+)\s+in\s+([\w$]+(?:\.[\w$]+|\[[\w$]+\])*)\s*\)/g, (m) => `${m[0]}if(__beltKey(${m[2]},${m[1]}))`],
];

/** `code` with its property definitions made safe, or null when it defines none. */
export function safeDescriptors(code: string): MagicString | null {
  const s = new MagicString(code);
  let changed = false;
  for (const [pattern, replacement] of REPLACEMENTS) {
    for (const m of code.matchAll(pattern)) {
      s.overwrite(m.index, m.index + m[0].length, replacement(m));
      changed = true;
    }
  }
  if (!changed) return null;
  s.prepend(SAFE_PRELUDE);
  return s;
}

function safeDescriptorsPlugin(): Plugin {
  return {
    name: 'belt-map-safe-descriptors',
    apply: 'build',
    renderChunk(code) {
      const s = safeDescriptors(code);
      return s ? { code: s.toString(), map: s.generateMap({ hires: true }) } : null;
    },
  };
}

/**
 * MapLibre's CSS (imported `?inline` into the shadow root) without its `data:` images: a page's
 * `default-src 'self'` refuses `data:` URLs, and belt-map draws the icons of its controls in CSS
 * (src/ui/belt-map/maplibre.styles.ts). Removed here, at build and in dev, rather than at run time,
 * so the 56 kB of images (7.6 kB gzipped) are not shipped in the first load only to be thrown away.
 */
function maplibreCssWithoutImages(): Plugin {
  return {
    name: 'belt-map-maplibre-css-without-images',
    enforce: 'post',
    transform(code, id) {
      if (!/maplibre-gl\/dist\/maplibre-gl\.css\?inline$/.test(id)) return null;
      // The module is `export default "…css…"`: a url("data:…") in it reads url(\"data:…\").
      return { code: code.replace(/url\(\\?"data:[^"\\]*\\?"\)/g, 'none'), map: null };
    },
  };
}

export default defineConfig({
  // Relative asset URLs: dist/ works from any folder of any static server.
  base: './',
  publicDir: false,
  optimizeDeps: { exclude: ['maplibre-gl'] },
  // safeDescriptorsPlugin: the element loads on a page that extended Object.prototype (safeDescriptors above).
  plugins: [planPackage(), sourcemapsBeside(), safeDescriptorsPlugin(), maplibreCssWithoutImages()],
  build: {
    target: 'es2022',
    // Maps are written, then moved out of the deployable folder (sourcemapsBeside).
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 2000,
    // The print font's smallest segments stay files: a data: URL is refused by a strict CSP's connect-src.
    assetsInlineLimit: (file) => (file.endsWith('.woff') ? false : undefined),
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
