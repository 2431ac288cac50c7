/**
 * Golden fixtures of the geo functions, in test/fixtures/geo/<function>/:
 * in/<case>.geojson holds a case's input, out/<case>.geojson (or another file name) the expected output.
 * With `REGEN` set in the environment, {@link expectGolden} rewrites the expected file instead of comparing
 * (`REGEN=1 npx vitest run --project unit src/geo`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

export const GOLDEN = resolve(fileURLToPath(new URL('.', import.meta.url)), '../fixtures/geo');

/** The case names of `fn`: the in/<case>.geojson files of test/fixtures/geo/<fn>/, without the extension. */
export function goldenCases(fn: string): string[] {
  return readdirSync(resolve(GOLDEN, fn, 'in'))
    .filter((f) => f.endsWith('.geojson'))
    .map((f) => basename(f, '.geojson'));
}

/** The input of a case: test/fixtures/geo/<fn>/in/<name>.geojson, parsed. */
export function readGoldenInput<T>(fn: string, name: string): T {
  return JSON.parse(readFileSync(resolve(GOLDEN, fn, 'in', `${name}.geojson`), 'utf8')) as T;
}

export interface GoldenOptions {
  /**
   * Numbers (coordinates, distances) may differ from the file's by at most this much; everything else,
   * object keys included, must be equal. Without it, `actual` must `toEqual` the file's contents.
   */
  tolerance?: number;
}

/**
 * Compares `actual` with test/fixtures/geo/<fn>/out/<file>, or with `REGEN` set writes it there
 * (`JSON.stringify(actual, null, 1)` and a newline) and compares nothing.
 */
export function expectGolden(fn: string, file: string, actual: unknown, { tolerance }: GoldenOptions = {}): void {
  const outFile = resolve(GOLDEN, fn, 'out', file);
  if (process.env.REGEN) {
    mkdirSync(resolve(outFile, '..'), { recursive: true });
    writeFileSync(outFile, `${JSON.stringify(actual, null, 1)}\n`);
    return;
  }
  expect(existsSync(outFile), `${outFile} is missing: run with REGEN=1`).toBe(true);
  const expected: unknown = JSON.parse(readFileSync(outFile, 'utf8'));
  if (tolerance === undefined) expect(actual).toEqual(expected);
  else expectClose(actual, expected, tolerance);
}

/**
 * The suite `<fn> golden fixtures`: a test that there are cases, then one test per case that runs `golden`
 * on its input and compares the result with out/<case>.geojson ({@link expectGolden}); `more` adds tests
 * of its own to the suite.
 */
export function describeGolden<In>(
  fn: string,
  golden: (input: In) => unknown,
  { more, ...options }: GoldenOptions & { more?: () => void } = {},
): void {
  const cases = goldenCases(fn);
  describe(`${fn} golden fixtures`, () => {
    it('has fixture cases', () => {
      expect(cases.length).toBeGreaterThan(0);
    });

    it.each(cases)('%s', (name) => {
      expectGolden(fn, `${name}.geojson`, golden(readGoldenInput<In>(fn, name)), options);
    });

    more?.();
  });
}

/** Deep equality with numbers compared to `tolerance`, everything else exactly (same keys, same lengths). */
function expectClose(actual: unknown, expected: unknown, tolerance: number, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    // Only a number out of tolerance (or NaN) is handed to expect: the fixtures hold many thousands of coordinates.
    if (!(Math.abs(actual - expected) <= tolerance)) expect(actual, `${path}: ${actual} vs ${expected} (tolerance ${tolerance})`).toBe(expected);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, tolerance, `${path}[${i}]`));
  } else if (expected && typeof expected === 'object') {
    expect(actual && typeof actual === 'object', path).toBeTruthy();
    expect(Object.keys(actual as object).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], e, tolerance, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}
