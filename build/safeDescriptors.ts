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
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

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

export function safeDescriptorsPlugin(): Plugin {
  return {
    name: 'belt-map-safe-descriptors',
    apply: 'build',
    renderChunk(code) {
      const s = safeDescriptors(code);
      return s ? { code: s.toString(), map: s.generateMap({ hires: true }) } : null;
    },
  };
}
