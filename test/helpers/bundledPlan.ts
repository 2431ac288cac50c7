/**
 * The bundled plan package in data/, read from disk for Node tests (no fetch, no DOM).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planFrom } from '../../src/io/loadPlan';
import type { Plan, PlanManifest } from '../../src/types/plan';

export const DATA = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../data');

/** A file of data/, parsed. */
export function readDataJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(resolve(DATA, file), 'utf8')) as T;
}

/** The bundled plan, validated by `planFrom`; a fresh copy on every call, so tests may modify it. */
export function loadBundledPlan(): Plan {
  const manifest = readDataJson<PlanManifest>('plan.json');
  const f = manifest.files;
  return planFrom({
    manifest,
    districts: readDataJson(f.districts),
    townSeats: readDataJson(f.townSeats),
    villages: readDataJson(f.villages),
    corridors: readDataJson(f.corridors),
    cultureBelts: readDataJson(f.cultureBelts),
    water: readDataJson(f.water),
  });
}
