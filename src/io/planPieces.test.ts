import { describe, expect, it } from 'vitest';
import { PlanAssembler, splitPlan } from './planPieces.js';
import type { Plan } from '../types/plan.js';

const collection = (n: number) => ({
  type: 'FeatureCollection',
  features: Array.from({ length: n }, (_, i) => ({ type: 'Feature', geometry: null, properties: { code: String(i) } })),
});
const plan = (villages: number, districts = 2) =>
  ({ manifest: { name: 'x' }, villages: collection(villages), districts: collection(districts), clusters: [], belts: [], targets: [] }) as unknown as Plan;

/** The pieces through structuredClone (as postMessage copies them) and back together. */
function roundTrip(p: Plan, slice: number) {
  const pieces = [...splitPlan(p, slice)].map((x) => structuredClone(x));
  const assembler = new PlanAssembler();
  const results = pieces.map((piece) => assembler.add(piece));
  return { pieces, plan: results.at(-1), early: results.slice(0, -1) };
}

describe('splitPlan / PlanAssembler', () => {
  it('sends a small plan in one message (and the end)', () => {
    const { pieces, plan: back } = roundTrip(plan(5), 10);
    expect(pieces.map((x) => x.type)).toEqual(['plan', 'done']);
    expect(back).toEqual(plan(5));
  });

  it('sends a large collection in slices of at most `slice` features, in order, and joins them', () => {
    const p = plan(25, 3);
    const { pieces, plan: back, early } = roundTrip(p, 10);
    expect(pieces.map((x) => (x.type === 'features' ? x.features.length : x.type))).toEqual(['plan', 10, 10, 5, 'done']);
    expect(early.every((r) => r === null)).toBe(true);
    expect(back).toEqual(p);
    // The plan handed in is not changed.
    expect(p.villages.features).toHaveLength(25);
  });

  it('refuses a plan with features missing', () => {
    const pieces = [...splitPlan(plan(25), 10)];
    const assembler = new PlanAssembler();
    expect(() => [pieces[0]!, pieces[1]!, pieces.at(-1)!].forEach((x) => assembler.add(x))).toThrow(/villages has 10 of 25/);
  });
});
