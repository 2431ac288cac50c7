import { readPackage, type FlatPackageInput, type PackageInput } from '../plan/validate.js';
import type { PlanProblem } from '../plan/problems.js';
import { clipText, summarizeProblems } from '../plan/problemSummary.js';
import { PLAN_FILE_KEYS, type Plan, type PlanFileKey } from '../types/plan.js';
import { decodeAs } from './readers/text.js';
import { PlanLoadError } from './planLoadError.js';

export { PlanLoadError };

/**
 * A package file's text: UTF-8 (RFC 8259), or a {@link PlanLoadError} naming `file`, how many bytes are
 * not UTF-8 and the line of the first — never a name silently changed to U+FFFD.
 */
export function packageText(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const { count = 1, line = 1 } = decodeAs('utf-8', bytes).undecodable ?? {};
    throw new PlanLoadError(
      `${file} is not valid UTF-8 (${count} byte${count === 1 ? '' : 's'} could not be read, the first on line ${line}): a plan package's files must be UTF-8`,
      `${file} 不是有效的 UTF-8 编码（${count} 处字节无法读取，首处在第 ${line} 行）：规划数据包的文件必须为 UTF-8 编码`,
    );
  }
}

export interface LoadPlanOptions {
  /** Aborts the requests. */
  signal?: AbortSignal;
  /**
   * Origins (`https://cdn.example.org`) from which a manifest may also take its files, anywhere on them.
   * Without it a package's files stay in the manifest's folder on the manifest's origin (no other host,
   * no `../` out of the folder); list the page's own origin to allow other folders of it.
   * @defaultValue []
   */
  allowedOrigins?: readonly string[];
}

/**
 * The URL of a package file named `name` in a manifest at `base`, or a {@link PlanLoadError} when it
 * leaves the package: another origin (another host, a `data:` or `blob:` URL), or a path outside the
 * manifest's folder (`../`, an absolute path, encoded dots or slashes), unless its origin is in `allowedOrigins`.
 */
export function packageFileUrl(name: string, base: URL, key: string, allowedOrigins: readonly string[] = []): URL {
  const url = new URL(name, base);
  if (allowedOrigins.includes(url.origin) && url.origin !== 'null') return url;
  const folder = new URL('.', base).pathname;
  const inside = url.origin === base.origin && url.pathname.startsWith(folder) && !/%2e|%2f|%5c/i.test(url.pathname.slice(folder.length));
  if (inside) return url;
  throw new PlanLoadError(
    `${base.pathname}: files.${key} (${clipText(name, 200)}) is outside the package: its files must be in the manifest's folder on ${base.origin} (an embedding page may allow other places with BeltMap.allowedOrigins)`,
    `${base.pathname}：files.${key}（${clipText(name, 200)}）不在数据包内：数据包文件必须位于清单所在文件夹（${base.origin}）中（嵌入页面可通过 BeltMap.allowedOrigins 允许其他位置）`,
  );
}

/**
 * Fetches a plan package: the manifest at `url`, then the GeoJSON files it names (relative to it, in its
 * folder: see {@link LoadPlanOptions.allowedOrigins}), and validates the whole. A format-1 package is
 * migrated. Rejects with a {@link PlanLoadError} that says what is wrong and where.
 */
export async function loadPlan(url: string | URL, { signal, allowedOrigins = [] }: LoadPlanOptions = {}): Promise<Plan> {
  const base = new URL(url, globalThis.location?.href);
  const manifest = await fetchJson(base, signal);
  const names = (manifest as { files?: unknown } | null)?.files;
  if (!names || typeof names !== 'object') {
    throw new PlanLoadError(`${base.pathname}: not a belt-map plan manifest (no "files" member)`, `${base.pathname}：不是 belt-map 规划数据包清单（缺少 “files”）`);
  }
  const keys = PLAN_FILE_KEYS.filter((k) => typeof (names as Record<string, unknown>)[k] === 'string');
  // Every URL is checked before any file is requested: a package never makes the page fetch off its origin.
  const urls = keys.map((k) => packageFileUrl((names as Record<string, string>)[k]!, base, k, allowedOrigins));
  const loaded = await Promise.all(urls.map((u) => fetchJson(u, signal)));
  return planFrom({ manifest, files: Object.fromEntries(keys.map((k, i) => [k, loaded[i]])) as Partial<Record<PlanFileKey, unknown>> });
}

/**
 * Validates already-parsed package contents and returns the normalised {@link Plan}; throws a
 * {@link PlanLoadError} listing the problems otherwise. For packages built in memory (a user's files).
 */
export function planFrom(input: PackageInput | FlatPackageInput): Plan {
  const { plan, problems } = readPackage(input);
  if (plan) return plan;
  // Short: the files, the first five problems (each clipped) and a count; the full list is `problems`.
  const { en, zh } = summarizeProblems({ en: 'The plan package is not valid', zh: '规划数据包无效' }, problems);
  throw new PlanLoadError(en, zh, problems);
}

async function fetchJson(url: URL, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new PlanLoadError(`Could not reach ${url.href}: ${(cause as Error).message}`, `无法访问 ${url.href}：${(cause as Error).message}`);
  }
  if (!response.ok)
    throw new PlanLoadError(`Could not load ${url.href}: HTTP ${response.status} ${response.statusText}`.trim(), `无法加载 ${url.href}：HTTP ${response.status}`);
  const text = packageText(url.pathname, new Uint8Array(await response.arrayBuffer()));
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new PlanLoadError(`${url.pathname} is not valid JSON: ${(cause as Error).message}`, `${url.pathname} 不是有效的 JSON：${(cause as Error).message}`);
  }
}
