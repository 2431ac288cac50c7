/**
 * Problems found in a plan package, told in both UI languages, naming file, feature and field once.
 */
import type { BaseIssue } from 'valibot';
import { EXPECTED, type Bilingual, type ExpectedKey } from '../types/plan.js';

/** One problem of a package. `message` is English (the API's language); `zh` says the same in Chinese. */
export interface PlanProblem {
  /** File the problem is in, e.g. "villages.geojson" or "plan.json". */
  file: string;
  /** The feature or manifest entry, e.g. "110116001002", "cluster c1", "#3". */
  feature?: string;
  /** The field, e.g. "role" or "bounds". */
  field?: string;
  /** A whole sentence: `villages.geojson: feature 110116001002: "role" must be a non-empty string (got nothing)`. */
  message: string;
  zh: string;
}

/** Where in a file: a feature (by its id) or a manifest entry. */
export interface Where {
  file: string;
  /** English and Chinese names of the entry, e.g. { en: 'feature 110…', zh: '要素 110…' }. */
  entry?: Bilingual & { id: string };
  field?: string;
}

/** Builds a problem from a sentence tail in both languages. */
export function problem(where: Where, tail: Bilingual): PlanProblem {
  const en = [where.file, where.entry?.en, tail.en].filter(Boolean).join(': ');
  const zh = [where.file, where.entry?.zh, tail.zh].filter(Boolean).join('：');
  return {
    file: where.file,
    ...(where.entry ? { feature: where.entry.id } : {}),
    ...(where.field ? { field: where.field } : {}),
    message: en,
    zh,
  };
}

/** A feature of a GeoJSON file, by id (or "#index"). */
export function featureEntry(label: string): Bilingual & { id: string } {
  return { id: label, en: `feature ${label}`, zh: `要素 ${label}` };
}

const ENTRY: Record<string, Bilingual> = {
  views: { en: 'view', zh: '视图' },
  roles: { en: 'role', zh: '角色' },
  rules: { en: 'rule', zh: '规则' },
  targets: { en: 'target', zh: '目标' },
  clusters: { en: 'cluster', zh: '示范片区' },
  belts: { en: 'belt', zh: '示范带' },
  attribution: { en: 'attribution', zh: '数据来源' },
};

/** A manifest list entry: "cluster c1" / "示范片区 c1", or "cluster #3" when it has no id. */
export function manifestEntry(list: string, index: number, item: unknown): Bilingual & { id: string } {
  const name = ENTRY[list] ?? { en: list, zh: list };
  const itemId = typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : '';
  const label = itemId || `#${index}`;
  return { id: `${name.en} ${label}`, en: `${name.en} ${label}`, zh: `${name.zh} ${label}` };
}

/** A short rendering of a received value. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/**
 * The problems of valibot issues on one object: `file`, the entry (feature or manifest entry) and the
 * path of the field inside it. A missing field is "missing"; otherwise "must be <expected>".
 */
export function issueProblems(
  issues: readonly BaseIssue<unknown>[],
  file: string,
  entryOf: (path: (string | number)[]) => { entry?: Bilingual & { id: string }; rest: (string | number)[] },
): PlanProblem[] {
  return flatten(issues).map((issue) => {
    const keys = (issue.path ?? []).map((p) => p.key as string | number);
    const { entry, rest } = entryOf(keys);
    const field = rest.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
    const key = issue.message in EXPECTED ? (issue.message as ExpectedKey) : null;
    const expected = key ? EXPECTED[key] : { en: issue.message, zh: issue.message };
    const missing = issue.input === undefined && rest.length > 0;
    const f = field ? `"${field}" ` : '';
    const fzh = field ? `“${field}”` : '';
    const tail: Bilingual = missing
      ? { en: `${f}is missing (expected ${expected.en})`, zh: `缺少${fzh}（应为${expected.zh}）` }
      : { en: `${f}must be ${expected.en} (got ${shown(issue.input)})`, zh: `${fzh}应为${expected.zh}（实际为 ${shown(issue.input)}）` };
    return problem({ file, ...(entry ? { entry } : {}), ...(field ? { field } : {}) }, tail);
  });
}

/** Union issues carry the branch issues; report the innermost ones (one per path). */
function flatten(issues: readonly BaseIssue<unknown>[]): BaseIssue<unknown>[] {
  const out: BaseIssue<unknown>[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const inner = issue.type === 'variant' && issue.issues ? flatten(issue.issues) : [issue];
    for (const i of inner) {
      const key = `${(i.path ?? []).map((p) => String(p.key)).join('.')}|${i.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(i);
    }
  }
  return out;
}
