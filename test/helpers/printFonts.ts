/** The print font's WOFF files read from node_modules (Node tests have no page origin to fetch from). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { faceFile, type FaceReader } from '../../src/print/fonts.js';

export const FONT_DIR = join(import.meta.dirname, '../../node_modules/@fontsource/noto-sans-sc/files');

export const readFaceFile: FaceReader = async (face) => {
  const b = readFileSync(join(FONT_DIR, faceFile(face.id)));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
