/**
 * data/ is what data/derive/derive.mjs makes from the reference data: re-deriving into a scratch
 * folder gives byte-identical files. Skipped where the reference data is absent (outside this workspace).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const REFERENCE = process.env.BELT_REFERENCE ?? resolve(ROOT, '../shared/reference');
const scratch = mkdtempSync(join(tmpdir(), 'belt-derive-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!existsSync(REFERENCE))('data/ derivation', () => {
  it('re-derives every committed data file byte for byte', () => {
    execFileSync(process.execPath, [join(ROOT, 'data/derive/derive.mjs')], {
      env: { ...process.env, BELT_OUT: scratch, BELT_REFERENCE: REFERENCE },
      stdio: 'pipe',
    });
    const committed = readdirSync(join(ROOT, 'data')).filter((f) => /\.(geo)?json$/.test(f)).sort();
    const derived = readdirSync(scratch).filter((f) => /\.(geo)?json$/.test(f)).sort();
    expect(derived).toEqual(committed);
    for (const file of committed) {
      expect(readFileSync(join(scratch, file), 'utf8'), file).toBe(readFileSync(join(ROOT, 'data', file), 'utf8'));
    }
  });
});
