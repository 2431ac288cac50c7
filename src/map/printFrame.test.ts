import { describe, expect, it } from 'vitest';
import { boundsPolygon, keyStep } from './printFrame.js';

describe('the printed-extent frame', () => {
  it('is the extent as a closed ring, anticlockwise from the south-west corner', () => {
    expect(boundsPolygon([116, 39.8, 116.2, 40]).geometry.coordinates).toEqual([[[116, 39.8], [116.2, 39.8], [116.2, 40], [116, 40], [116, 39.8]]]);
  });

  it('moves with the arrow keys by a tenth of its size, a fiftieth with Shift (screen y grows downwards)', () => {
    expect(keyStep('ArrowRight', false)).toEqual([0.1, 0]);
    expect(keyStep('ArrowUp', false)).toEqual([0, -0.1]);
    expect(keyStep('ArrowLeft', true)).toEqual([-0.02, 0]);
    expect(keyStep('ArrowDown', true)).toEqual([0, 0.02]);
    expect(keyStep('a', false)).toBeNull();
  });
});
