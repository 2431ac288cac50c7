import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { woffToTtf } from './woff.js';

const FONT = resolve(import.meta.dirname, '../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff');

function arrayBufferOf(buf: Buffer): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

function tag(v: DataView, o: number): string {
  return String.fromCharCode(v.getUint8(o), v.getUint8(o + 1), v.getUint8(o + 2), v.getUint8(o + 3));
}

/** OpenType table checksum: the sum of big-endian uint32 words, zero-padded. */
function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const v = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

describe('woffToTtf', () => {
  it('converts the bundled Noto Sans SC WOFF into a TrueType font with the same tables', async () => {
    const woff = arrayBufferOf(readFileSync(FONT));
    const wv = new DataView(woff);
    const ttf = await woffToTtf(woff);
    const tv = new DataView(ttf);

    expect(tv.getUint32(0)).toBe(0x00010000);
    const n = wv.getUint16(12);
    expect(tv.getUint16(4)).toBe(n);
    expect(ttf.byteLength).toBe(wv.getUint32(16)); // WOFF's totalSfntSize
    const woffTags = Array.from({ length: n }, (_, i) => tag(wv, 44 + i * 20));
    const ttfTags = Array.from({ length: n }, (_, i) => tag(tv, 12 + i * 16));
    expect(ttfTags).toEqual(woffTags);
    expect(ttfTags).toContain('glyf');

    // Every table decompressed intact: its checksum matches the one the WOFF recorded.
    for (let i = 0; i < n; i++) {
      const o = 12 + i * 16;
      const offset = tv.getUint32(o + 8);
      const length = tv.getUint32(o + 12);
      expect(offset % 4).toBe(0);
      expect(length).toBe(wv.getUint32(44 + i * 20 + 12));
      const table = new Uint8Array(ttf, offset, length).slice();
      if (ttfTags[i] === 'head') table.fill(0, 8, 12); // checkSumAdjustment is excluded from head's checksum
      expect(checksum(table), ttfTags[i]).toBe(tv.getUint32(o + 4));
    }
  });

  it('throws a clear error for input that is not WOFF', async () => {
    await expect(woffToTtf(new TextEncoder().encode('x'.repeat(100)).buffer)).rejects.toThrow(/not a WOFF font/);
    await expect(woffToTtf(new ArrayBuffer(4))).rejects.toThrow(/not a WOFF font/);
    const woff2 = new Uint8Array(64);
    woff2.set([0x77, 0x4f, 0x46, 0x32]);
    await expect(woffToTtf(woff2.buffer)).rejects.toThrow(/WOFF2/);
  });
});
