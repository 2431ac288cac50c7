import { describe, expect, it } from 'vitest';
import { nearestTo, orderKeyFeatures, stepIndex, type KeyFeature } from './keyboardOrder.js';

const f = (kind: KeyFeature['kind'], id: string, x: number, y = 0, cluster?: string | null): KeyFeature => ({ kind, id, x, y, cluster });

describe('orderKeyFeatures', () => {
  it('puts clusters first, then villages, then lines', () => {
    const order = orderKeyFeatures([f('corridors', 'g109', 0), f('villages', 'v1', 1), f('clusters', 'c1', 50)]);
    expect(order.map((o) => o.kind)).toEqual(['clusters', 'villages', 'corridors']);
  });

  it('orders clusters west to east, and villages by their cluster, then west to east', () => {
    const order = orderKeyFeatures([
      f('clusters', 'east', 100),
      f('clusters', 'west', 10),
      f('villages', 'e1', 5, 0, 'east'),
      f('villages', 'w2', 40, 0, 'west'),
      f('villages', 'none', 0, 0, null),
      f('villages', 'w1', 20, 0, 'west'),
      f('villages', 'hidden-cluster', 1, 0, 'not-in-view'),
    ]);
    expect(order.map((o) => o.id)).toEqual(['west', 'east', 'w1', 'w2', 'e1', 'none', 'hidden-cluster']);
  });

  it('breaks ties north to south on the screen and keeps one entry per feature', () => {
    const order = orderKeyFeatures([f('villages', 'low', 5, 90), f('villages', 'high', 5, 10), f('villages', 'high', 70, 70), f('culture-belts', 'wall', 3), f('corridors', 'road', 9)]);
    expect(order.map((o) => `${o.id}@${o.x}`)).toEqual(['high@5', 'low@5', 'wall@3', 'road@9']);
  });

  it('does not change its input', () => {
    const input = [f('villages', 'b', 2), f('villages', 'a', 1)];
    const copy = structuredClone(input);
    orderKeyFeatures(input);
    expect(input).toEqual(copy);
  });
});

describe('stepIndex', () => {
  it('starts at the first or last and wraps around', () => {
    expect(stepIndex(-1, 3, 1)).toBe(0);
    expect(stepIndex(-1, 3, -1)).toBe(2);
    expect(stepIndex(2, 3, 1)).toBe(0);
    expect(stepIndex(0, 3, -1)).toBe(2);
    expect(stepIndex(1, 3, 1)).toBe(2);
    expect(stepIndex(5, 3, 1)).toBe(0);
  });

  it('is -1 for an empty list', () => {
    expect(stepIndex(0, 0, 1)).toBe(-1);
  });
});

describe('nearestTo', () => {
  it('finds the nearest position, skipping unlocated ones', () => {
    expect(nearestTo([[116, 40], null, [116.2, 40]], [116.15, 40])).toBe(2);
    expect(nearestTo([[116, 40], null, [116.2, 40]], [116.05, 40])).toBe(0);
  });

  it('shrinks longitude with latitude (0.1° east at 60° N is nearer than 0.06° north)', () => {
    expect(nearestTo([[10.1, 60], [10, 60.06]], [10, 60])).toBe(0);
  });

  it('is -1 with no located position', () => {
    expect(nearestTo([null], [0, 0])).toBe(-1);
    expect(nearestTo([], [0, 0])).toBe(-1);
  });
});
