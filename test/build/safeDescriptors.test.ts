/**
 * vite.config.ts's safeDescriptors (the build step): code that defines properties with descriptor literals and walks objects with
 * `for…in` runs the same on a clean realm and on one whose Object.prototype a page extended.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { safeDescriptors } from '../../vite.config.js';

/** What the bundler's runtime, Lit and MapLibre do, in miniature; returns what it built. */
const CODE = `
var __defProp = Object.defineProperty;
var __exportAll = (all) => { let target = {}; for (var name in all) { __defProp(target, name, { get: all[name], enumerable: true }); } __defProp(target, Symbol.toStringTag, { value: 'Module' }); return target; };
const { is, defineProperty: dp, getOwnPropertyDescriptor: gopd } = Object;
class El {}
dp(El.prototype, 'x', { get() { return this._x ?? 7; }, set(v) { this._x = v; }, configurable: true });
const copy = {};
Object.defineProperty(copy, 'x', gopd(El.prototype, 'x'));
Object.defineProperties(copy, { y: { value: 2, enumerable: true } });
Reflect.defineProperty(copy, 'z', { value: 3 });
const events = { a: [1], b: [2] };
const seen = [];
for (const k in events) for (const v of events[k]) seen.push(k + v);
const ns = __exportAll({ foo: () => 'foo' });
const inheritedOk = Object.create({ inherited: 1 });
const walked = [];
for (const k in inheritedOk) walked.push(k);
({ ns: Object.keys(ns), foo: ns.foo, tag: ns[Symbol.toStringTag], x: new El().x, copyX: typeof Object.getOwnPropertyDescriptor(copy, 'x').get,
   y: copy.y, z: copy.z, seen, walked, is: is(1, 1) });
`;

const HOSTILE = `Object.prototype.get = function () {}; Object.prototype.set = 1; Object.prototype.value = 1; Object.prototype.writable = false;`;

const run = (code: string) => runInNewContext(code) as Record<string, unknown>;

describe('safeDescriptors', () => {
  const safe = safeDescriptors(CODE)!.toString();
  const expected = { ns: ['foo'], foo: 'foo', tag: 'Module', x: 7, copyX: 'function', y: 2, z: 3, seen: ['a1', 'b2'], walked: ['inherited'], is: true };

  it('leaves a clean realm as it was', () => {
    expect(JSON.parse(JSON.stringify(run(CODE)))).toEqual(expected);
    expect(JSON.parse(JSON.stringify(run(safe)))).toEqual(expected);
  });

  it('makes the code run on a page that extended Object.prototype (which breaks it untransformed)', () => {
    expect(() => run(HOSTILE + CODE)).toThrow(/Getter must be a function|Invalid property descriptor/);
    expect(JSON.parse(JSON.stringify(run(HOSTILE + safe)))).toEqual(expected);
  });

  it('changes nothing in code that defines no property and walks no object', () => {
    expect(safeDescriptors('const a = { get: 1 }; export { a };')).toBeNull();
  });

  it('keeps a descriptor field inherited from another prototype', () => {
    const code = `const base = { enumerable: true }; const d = Object.create(base); d.value = 5; const o = {}; Object.defineProperty(o, 'k', d); Object.keys(o).join()`;
    expect(run(HOSTILE + safeDescriptors(code)!.toString())).toBe('k');
  });
});
