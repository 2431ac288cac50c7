/**
 * Messages between the page and the analysis worker. Plain data only (structured clone), typed
 * arrays transferred rather than copied.
 */
import type { LineFeature } from '../types/plan.js';

export type AnalysisRequest =
  | { type: 'import'; id: number; file: Blob }
  | { type: 'zones'; id: number; zones: { line: LineFeature; km: number }[] };

/** The first villages of a zone, by chainage: what the page lists. */
export interface ZoneSample {
  code: string;
  name: string;
  town: string;
  distanceKm: number;
  chainageKm: number;
}

export type AnalysisResponse =
  | { type: 'progress'; id: number; phase: 'read' | 'parse' | 'index' | 'analyse'; done: number; total: number }
  | { type: 'imported'; id: number; count: number; skipped: number; positions: Float32Array; bbox: [number, number, number, number] }
  | { type: 'zones'; id: number; results: { lineId: string; km: number; count: number; sample: ZoneSample[] }[]; ms: number }
  | { type: 'error'; id: number; message: string };

/** How many villages of a zone the worker sends back for the list. */
export const ZONE_SAMPLE_SIZE = 500;
