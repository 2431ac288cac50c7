/**
 * A short message about many problems, for a banner: how many, in which files, the first few (each
 * clipped), and how many more. The full list stays in the problems array (belt-error's `detail.problems`).
 */
import type { Bilingual } from '../types/plan.js';
import type { PlanProblem } from './problems.js';

export interface SummaryOptions {
  /**
   * Problems quoted.
   * @defaultValue 5
   */
  shown?: number;
  /**
   * Characters kept of each quoted problem (the rest becomes "…").
   * @defaultValue 200
   */
  maxChars?: number;
}

const defaultOptions: Required<SummaryOptions> = { shown: 5, maxChars: 200 };

/** `text` cut to `max` characters (code points, so no surrogate pair is split), ending in "…" when cut. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * One short sentence in both languages about a package's problems.
 * @param lead - what failed, e.g. `{ en: 'The plan package is not valid', zh: '规划数据包无效' }`
 * @param problems - every problem found (at least one)
 * @param options - {@link SummaryOptions}
 * @returns e.g. `The plan package is not valid: 7 problems in villages.geojson, plan.json: villages.geojson: feature 1…: …; … (and 2 more)`
 * @example
 * summarizeProblems({ en: 'Not valid', zh: '无效' }, problems).en.length; // never much over 5 × 200 characters
 */
export function summarizeProblems(lead: Bilingual, problems: readonly PlanProblem[], options: SummaryOptions = {}): Bilingual {
  const { shown, maxChars } = { ...defaultOptions, ...options };
  const files = [...new Set(problems.map((p) => p.file))];
  const fileList = { en: clipText(files.join(', '), maxChars), zh: clipText(files.join('、'), maxChars) };
  const first = problems.slice(0, shown);
  const more = problems.length - first.length;
  const n = problems.length;
  return {
    en: `${lead.en}: ${n} problem${n === 1 ? '' : 's'} in ${fileList.en}: ${first.map((p) => clipText(p.message, maxChars)).join('; ')}${more ? ` (and ${more} more)` : ''}`,
    zh: `${lead.zh}：${fileList.zh} 中有 ${n} 个问题：${first.map((p) => clipText(p.zh, maxChars)).join('；')}${more ? `（另有 ${more} 个问题）` : ''}`,
  };
}
