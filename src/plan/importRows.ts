/**
 * Rows of a planner's own table (an Excel list, a CSV, a Shapefile's DBF …), already read by a reader
 * (src/io/readers/) and with positions already in WGS84 (src/io/crs.ts), turned into one edit of the
 * plan: which column holds what ({@link guessColumns}), the join to the village register
 * ({@link joinRows}), and the report — what would be added, updated, left unchanged, and every row
 * that is not applied with a reason a person understands, in both languages. Pure: no DOM, no I/O; the
 * input plan is never changed.
 *
 * The join: by the 12-digit code first; else by name ({@link normaliseName}: with or without
 * 村委会/居委会/村, NBS bracketed characters like 小（氵甸）) within the row's town and district when the
 * row gives them. A code that is not in the register joins nothing by itself, and the name only when
 * it fits one village, with a warning ({@link joinRows}). A name that fits several villages is
 * `ambiguous` (never guessed); the caller can pass the user's `picks`. A row that fits nothing is added as a village outside the register (flagged
 * `outside_register: true`) or rejected, as the user chooses.
 *
 * A row is applied whole or not at all: a row with an unknown role, a bad year or a bad position is
 * rejected with its reason. An empty cell changes nothing (it never clears a role, year or position).
 *
 * {@link applyImport} applies the result's {@link PlanCommand}s as ONE new Plan: the history records an
 * import as one edit, so undo reverts the whole import at once.
 */
import type { Bilingual, Plan, Role, RoleKind, VillageFeature } from '../types/plan.js';
import { applyCommand, type PlanCommand } from './commands.js';
import { lookup } from './lookup.js';

/** What a column can hold. `lon`/`lat` are geographic degrees; `x`/`y` projected metres (easting, northing). */
export const IMPORT_FIELDS = ['code', 'name', 'town', 'district', 'role', 'year', 'lon', 'lat', 'x', 'y'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Which column (by its header) holds each field; a field no column holds is absent. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

/** One row of the table: `row` its number as the user sees it (e.g. the spreadsheet row), `values` by column. */
export interface ImportRow {
  row: number;
  values: Record<string, string>;
}

export interface ImportOptions {
  /** Per row (same index as `rows`), the position in WGS84 `[lon, lat]` from the crs module; null: none. Absent: positions are not imported. */
  positions?: readonly ([number, number] | null)[];
  /** A row that matches no village: `'add'` it as a village outside the register, or `'skip'` it (rejected with a reason). Default `'skip'`. */
  unmatched?: 'add' | 'skip';
  /** The user's choice for ambiguous rows: row number → code of one of its candidates. */
  picks?: Readonly<Record<number, string>>;
  /** Name of the user's file, for the `source` of added villages. */
  file?: string;
}

/** What a row changes: only the properties that differ from the plan (empty for an unchanged row). */
export interface ImportChanges {
  role?: string;
  year?: number | null;
  position?: [number, number];
}

export interface ImportMatch {
  row: number;
  /** The village's code (of the register, or of the added village). */
  code: string;
  /** How the row was joined: by code, by name (anywhere, or picked by the user), by name within the row's town, or added. */
  how: 'code' | 'name' | 'name+town' | 'added';
  /** A row joined by name although it gave a code: the code it gave, which is not in the register (`code` is the one used). */
  codeWritten?: string;
  changes: ImportChanges;
}

export interface ImportCandidate {
  code: string;
  name: string;
  town: string;
}

export interface ImportAmbiguous {
  row: number;
  name: string;
  candidates: ImportCandidate[];
}

export interface ImportRejected {
  row: number;
  reason: Bilingual;
  /** The row's original cells, by column, as read: what a planner fixes and imports again. */
  cells: Record<string, string>;
}

export interface ImportPlanResult {
  /** Every accepted row, in row order. */
  matches: ImportMatch[];
  /** Rows whose name fits several villages; they are in `rejected` too (not applied until the user picks). */
  ambiguous: ImportAmbiguous[];
  /** Every row that is not applied, with its reason, in row order. */
  rejected: ImportRejected[];
  /** Villages added outside the register. */
  added: number;
  /** Villages of the register the import changes. */
  updated: number;
  /** Rows that match a village and change nothing. */
  unchanged: number;
  /** The edits that apply the import, for {@link applyImport} (an `add-villages` first, then per row in row order). */
  commands: PlanCommand[];
  /** What the user should know about rows that were applied (a year outside the plan's years …), in both languages. */
  warnings: Bilingual[];
}

// ---------------------------------------------------------------------------------------------
// Text folding

/** Full-width to half-width (NFKC), whitespace (also U+3000) removed. */
const squeeze = (s: string): string => s.normalize('NFKC').replace(/[\s\u3000\u200b\ufeff]+/g, '');

/** Committee suffixes, longest first; then the place word, once. */
const COMMITTEE = /(村民委员会|居民委员会|村委会|居委会)$/;
const PLACE = /(社区|村)$/;

/**
 * A village name as a comparable key: full-width folded to half-width, whitespace removed, one
 * committee suffix (村民委员会, 居民委员会, 村委会, 居委会) and then one 社区 or 村 stripped (never to
 * nothing), and NBS bracketed parts — rare characters written as their components, 小（氵甸） or
 * 小(氵甸) — unbracketed, so every way of writing them gives the same key (小氵甸).
 *
 * @param name - a village name as written anywhere
 * @returns the key ('' for an empty name)
 * @example
 * ```ts
 * normaliseName('琉璃渠村委会') === normaliseName('琉璃渠村') && normaliseName('琉璃渠'); // '琉璃渠'
 * normaliseName('小（氵甸）村委会'); // '小氵甸'
 * ```
 */
export function normaliseName(name: string): string {
  let s = squeeze(String(name ?? '')).replace(/[()[\]{}【】〔〕〈〉《》]/g, '');
  for (const suffix of [COMMITTEE, PLACE]) {
    const stripped = s.replace(suffix, '');
    if (stripped !== '') s = stripped;
  }
  return s;
}

/** A town name as a key: 街道办事处, 办事处, 街道, 地区, 镇, 乡 stripped once (never to nothing). */
function normaliseTown(name: string): string {
  const s = squeeze(name).replace(/[()]/g, '');
  const stripped = s.replace(/(街道办事处|地区办事处|办事处|街道|地区|民族乡|镇|乡)$/, '');
  return stripped || s;
}

/** A district name as a key: 区, 县, 市, 旗 stripped once (never to nothing). */
function normaliseDistrict(name: string): string {
  const s = squeeze(name);
  const stripped = s.replace(/(自治县|区|县|市|旗)$/, '');
  return stripped || s;
}

/** A header as a key: folded, lower case, a bracketed unit or note (经度（°）, X(m)) dropped. */
function headerKey(h: string): string {
  return squeeze(h)
    .replace(/\([^()]*\)$/, '')
    .toLowerCase()
    .replace(/[_\-.:：]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Columns

/** Headers planners use, by field, as {@link headerKey}s. */
const HEADERS: Record<ImportField, readonly string[]> = {
  code: ['区划代码', '统计用区划代码', '行政区划代码', '代码', '村代码', '村庄代码', '村级代码', '编码', 'code', 'xzqdm', 'adcode', 'nbscode', 'villagecode'],
  name: ['村名', '村庄名称', '村庄', '名称', '行政村', '行政村名称', '村委会', '村居', '社区', 'name', 'xzqmc', 'village', 'villagename'],
  town: ['乡镇', '镇', '街道', '乡镇街道', '镇街', '所属乡镇', '所在乡镇', '乡镇名称', '所属街道', 'town', 'township', 'xzmc'],
  district: ['区', '区县', '县', '所属区县', '区县名称', 'district', 'county'],
  role: ['角色', '类型', '村庄类型', '示范类型', '类别', '村庄类别', 'role', 'type', 'category'],
  year: ['年度', '批次', '年份', '年', '创建年度', '入选年度', 'year', 'batch'],
  lon: ['经度', 'lon', 'lng', 'long', 'longitude', 'x坐标'],
  lat: ['纬度', 'lat', 'latitude', 'y坐标'],
  x: ['x', '东坐标', 'easting', 'east', 'xcoord', 'pointx'],
  y: ['y', '北坐标', 'northing', 'north', 'ycoord', 'pointy'],
};

/** Words that say a field when a header contains them, in the order tried (town before name: 乡镇名称). */
const CONTAINS: [ImportField, RegExp][] = [
  ['town', /乡镇|街道|town/],
  ['district', /区县|district|county/],
  ['code', /代码|编码|code/],
  ['name', /村名|名称|村庄|行政村|name/],
  ['role', /角色|类型|类别|role/],
  ['year', /年度|批次|年份|year/],
  ['lon', /经度|longitude/],
  ['lat', /纬度|latitude/],
];

const number = (s: string): number | null => {
  const t = squeeze(s);
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
};
const intDigits = (n: number): number => String(Math.trunc(Math.abs(n))).length;

/** What a column's sample values look like. */
function profile(values: string[]): 'code' | 'lon' | 'lat' | 'east' | 'north' | 'projected' | 'village' | 'town' | null {
  const vs = values.map(squeeze).filter((s) => s !== '');
  if (vs.length === 0) return null;
  if (vs.every((s) => /^\d{12}$/.test(cleanCode(s)))) return 'code';
  const nums = vs.map(number);
  if (nums.every((n) => n !== null)) {
    const ns = nums as number[];
    const fractional = ns.some((n) => !Number.isInteger(n));
    if (fractional && ns.every((n) => n >= 73 && n <= 136)) return 'lon';
    if (fractional && ns.every((n) => n >= 3 && n <= 54)) return 'lat';
    if (ns.every((n) => intDigits(n) >= 6 && intDigits(n) <= 8)) {
      // China's northings are 7 digits (about 2–6 million m); eastings 6 (500 km false easting) or 8 (zone prefix).
      if (ns.every((n) => intDigits(n) === 7 && n >= 1.5e6 && n <= 6.5e6)) return 'north';
      if (ns.every((n) => intDigits(n) !== 7)) return 'east';
      return 'projected';
    }
    return null;
  }
  if (vs.filter((s) => /(村民委员会|居民委员会|村委会|居委会|社区|村)$/.test(s)).length >= Math.ceil(vs.length / 2)) return 'village';
  if (vs.filter((s) => /(镇|乡|街道|地区)$/.test(s)).length >= Math.ceil(vs.length / 2)) return 'town';
  return null;
}

/**
 * Guesses which column holds what: by header first (Chinese and English headers planners use —
 * 区划代码, 村名, 乡镇, 角色, 年度, 经度, 纬度, X, Y, XZQDM, XZQMC …; then headers containing such a word), then
 * by content for the fields still open (12-digit numbers → code; decimals in [73, 136] / [3, 54] →
 * lon / lat; 6–8 digit numbers → x / y; names ending in 村/村委会/居委会 → name). A coordinate column
 * whose header says one kind (X坐标 → lon) but whose values are the other (4 400 000) follows its values.
 * Each column holds at most one field.
 *
 * @param columns - the table's headers, in order
 * @param sample - some rows (the first 20 or so); may be empty
 * @returns the guessed {@link ColumnMapping}
 * @example
 * ```ts
 * guessColumns(['区划代码', '村名', '乡镇', '角色', '年度'], []); // { code: '区划代码', name: '村名', town: '乡镇', role: '角色', year: '年度' }
 * ```
 */
export function guessColumns(columns: string[], sample: Record<string, string>[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  const take = (field: ImportField, column: string) => {
    if (mapping[field] !== undefined || used.has(column)) return;
    mapping[field] = column;
    used.add(column);
  };
  const keys = columns.map((c) => [c, headerKey(c)] as const);
  for (const field of IMPORT_FIELDS) for (const [c, k] of keys) if (HEADERS[field].includes(k)) take(field, c);
  for (const [field, re] of CONTAINS)
    for (const [c, k] of keys) {
      // 乡镇代码 / 区县代码 name the town or district by code; a 村 column is not a town.
      if (field === 'code' && /乡镇|街道|区县|镇/.test(k)) continue;
      if (re.test(k)) take(field, c);
    }
  const values = (c: string) => sample.map((r) => String(r[c] ?? ''));
  // A coordinate column follows its values: geographic → lon/lat, projected → x/y.
  const swaps: [ImportField, ImportField, 'lon' | 'lat' | 'east' | 'north'][] = [
    ['lon', 'x', 'east'],
    ['lat', 'y', 'north'],
    ['x', 'lon', 'lon'],
    ['y', 'lat', 'lat'],
  ];
  for (const [from, to, looks] of swaps) {
    const c = mapping[from];
    if (c === undefined || mapping[to] !== undefined) continue;
    const p = profile(values(c));
    if (p === looks || (p === 'projected' && (to === 'x' || to === 'y'))) {
      delete mapping[from];
      mapping[to] = c;
    }
  }
  const open = columns.filter((c) => !used.has(c) && !Object.values(mapping).includes(c));
  const projected: string[] = [];
  for (const c of open) {
    const p = profile(values(c));
    const field: ImportField | null =
      p === 'code' ? 'code' : p === 'lon' ? 'lon' : p === 'lat' ? 'lat' : p === 'east' ? 'x' : p === 'north' ? 'y' : p === 'village' ? 'name' : p === 'town' ? 'town' : null;
    if (p === 'projected') projected.push(c);
    else if (field && mapping[field] === undefined && !Object.values(mapping).includes(c)) mapping[field] = c;
  }
  for (const c of projected) {
    if (mapping.x === undefined) mapping.x = c;
    else if (mapping.y === undefined) mapping.y = c;
  }
  return mapping;
}

// ---------------------------------------------------------------------------------------------
// Roles and years

const fold = (s: string): string => squeeze(s).toLowerCase();

/** Keys a role label or a cell may be written as: folded; without bracketed notes; without a trailing 村/村庄/village. */
function roleKeys(s: string): string[] {
  const a = fold(s);
  const b = a.replace(/\([^()]*\)/g, '');
  const keys = new Set([a, b]);
  for (const k of [a, b]) {
    const stripped = k.replace(/(村庄|村|villages?|type)$/, '');
    if (stripped !== '') keys.add(stripped);
  }
  keys.delete('');
  return [...keys];
}

/** Words for a kind when the plan's own labels do not say it. */
const KIND_WORDS: Record<RoleKind, readonly string[]> = {
  core: ['core', 'demo', 'demonstration', '示范', '示范村', '示范村庄', '核心', '核心村', '片区核心'],
  member: ['member', 'upgrade', 'upgrading', '提升', '提升村', '成员', '成员村', '片区成员'],
  selected: ['selected', '入选', '入选村'],
  none: ['none', 'other', 'others', '其他', '其它', '一般', '一般村', '无'],
};

/**
 * A role id of the plan from what a cell says: the role's id, or its zh or en label — folded
 * (whitespace, full-width characters, case), with or without a trailing 村 / 村庄 / village or a
 * bracketed note; then the usual words for a kind (示范村 / demonstration → the `core`-kind role,
 * 提升村 / upgrade → `member`, 其他 → `none`); then a cell that ends with a label (市级示范村). Only
 * an answer that fits one role is given.
 *
 * @param text - the cell
 * @param plan - the plan whose roles are meant
 * @returns the role id, or null when the cell is empty or names no role (or several)
 * @example
 * ```ts
 * parseRole(' 示范村 ', plan); // 'demo' (the plan's core-kind role)
 * parseRole('诗画乡村', plan); // 'poetic'
 * ```
 */
export function parseRole(text: string, plan: Plan): string | null {
  const cell = fold(String(text ?? ''));
  if (cell === '') return null;
  const roles = plan.manifest.roles;
  const one = (found: Role[]): string | null | undefined => {
    const ids = [...new Set(found.map((r) => r.id))];
    return ids.length === 1 ? ids[0]! : ids.length > 1 ? null : undefined;
  };
  const exact = one(roles.filter((r) => [r.id, r.label.zh, r.label.en].map(fold).includes(cell)));
  if (exact !== undefined) return exact;
  const cellKeys = roleKeys(cell);
  const loose = one(roles.filter((r) => [r.id, r.label.zh, r.label.en].flatMap(roleKeys).some((k) => cellKeys.includes(k))));
  if (loose !== undefined) return loose;
  const { roleOfKind } = lookup(plan);
  for (const kind of Object.keys(KIND_WORDS) as RoleKind[])
    if (KIND_WORDS[kind].some((w) => cellKeys.includes(w))) return roleOfKind[kind]?.id ?? null;
  const ends = one(roles.filter((r) => [r.label.zh, r.label.en].flatMap(roleKeys).some((k) => k.length >= 2 && cell.endsWith(k))));
  return ends ?? null;
}

/**
 * A batch year from what a cell says: 2025, '2025', '2025年', '2025年度', ' 2025 ', '２０２５', '2025.0'
 * (Excel), '2025年第一批'. Never throws.
 *
 * @param text - the cell (a string, or a number a reader kept)
 * @returns the year (1900–2200), or null for an empty cell or one that is not a year
 * @example
 * ```ts
 * parseYear('2025年度'); // 2025
 * parseYear('abc'); // null
 * ```
 */
export function parseYear(text: string | number): number | null {
  if (typeof text === 'number') return Number.isInteger(text) && text >= 1900 && text <= 2200 ? text : null;
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})(?:\.0+)?(?:年度?)?(?:第[一二三四五六七八九十\d]+批次?)?$/.exec(squeeze(text));
  if (!m) return null;
  const y = Number(m[1]);
  return y >= 1900 && y <= 2200 ? y : null;
}

// ---------------------------------------------------------------------------------------------
// The join

/** A code cell as written by Excel and friends: a leading apostrophe, a trailing `.0`, spaces. */
function cleanCode(s: string): string {
  return squeeze(s).replace(/^'/, '').replace(/\.0+$/, '');
}

const say = (en: string, zh: string): Bilingual => ({ en, zh });
const q = (s: string) => `"${s}"`;
const qz = (s: string) => `“${s}”`;
const fmtPos = (p: readonly number[]) => `[${p.map((x) => (Number.isFinite(x) ? Number(x.toFixed(6)) : String(x))).join(', ')}]`;

/** The plan's extent: its views, its inset and its located villages, [w, s, e, n]. */
function extentOf(plan: Plan): [number, number, number, number] {
  const boxes = [...plan.manifest.views.map((v) => v.bounds), ...(plan.manifest.inset ? [plan.manifest.inset.bounds] : [])];
  let [w, s, e, n] = boxes[0]!;
  for (const b of boxes) [w, s, e, n] = [Math.min(w, b[0]), Math.min(s, b[1]), Math.max(e, b[2]), Math.max(n, b[3])];
  for (const f of lookup(plan).located.features) {
    const [x, y] = f.geometry.coordinates as [number, number];
    [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
  }
  return [w, s, e, n];
}

/** Farther than this outside the plan's extent (degrees) is "outside the plan's extent by far". */
function margin([w, s, e, n]: [number, number, number, number]): number {
  return Math.max(1, (e - w) / 2, (n - s) / 2);
}

/** A register village's town and district as the row may give them. */
interface Entry {
  code: string;
  name: string;
  town: string;
  townKey: string;
  townCode: string;
  districtKey: string;
  districtCode: string;
}

/** Whether a register entry lies in a row's town as written (a name, or a 9- or 12-digit code): the text folded once, then asked of any number of entries. */
function townFit(town: string): (e: Pick<Entry, 'townKey' | 'townCode'>) => boolean {
  const t = squeeze(town);
  if (/^\d+$/.test(t)) return (e) => e.townCode !== '' && (e.townCode === t || (t.length === 9 && e.townCode.startsWith(t)));
  const key = normaliseTown(t);
  return (e) => e.townKey !== '' && e.townKey === key;
}
/** Whether a register entry lies in a row's district as written (a name or a code); like {@link townFit}. */
function districtFit(district: string): (e: Pick<Entry, 'districtKey' | 'districtCode'>) => boolean {
  const d = squeeze(district);
  if (/^\d+$/.test(d)) return (e) => e.districtCode !== '' && (e.districtCode === d || e.districtCode.startsWith(d) || d.startsWith(e.districtCode));
  const key = normaliseDistrict(d);
  return (e) => e.districtKey !== '' && e.districtKey === key;
}

/** `f` with its answers kept by argument: for a value asked of every row, where rows repeat a few texts (the town column). */
function memoised<T>(f: (s: string) => T): (s: string) => T {
  const answers = new Map<string, T>();
  return (s) => {
    if (answers.has(s)) return answers.get(s)!;
    const answer = f(s);
    answers.set(s, answer);
    return answer;
  };
}

/**
 * Joins a planner's rows to the plan's villages and says what importing them would do; changes
 * nothing. See the module comment for the join; the result's `commands` apply it ({@link applyImport}).
 *
 * Per row: the role ({@link parseRole}), the year ({@link parseYear}) and the position
 * (`options.positions`, WGS84) are read; a bad one rejects the row. Then the row is joined by code,
 * else by name within its town / district; a name that fits several villages is ambiguous (listed
 * with its candidates, and rejected until `options.picks` names one).
 *
 * A row whose code is not in the register (a typo, a code changed since the register, a code Excel
 * shortened to 1.10109E+11) but whose name is a village's: the code written contradicts the name, so
 * the row is not joined silently. It is joined by name only when the name — within the row's town and
 * district when it gives them — fits exactly one village (or the user picked one of several); the
 * match then carries `codeWritten`, and one warning in `warnings` names each such row with the code
 * written and the village and code used, so the planner can check them. Otherwise the row is
 * rejected (ambiguous, or no such name in its town) with a reason that names the unknown code; a name
 * that fits no village at all is rejected as not in the register, or with `unmatched: 'add'` added
 * under the code written. A second row for a village is
 * rejected as a duplicate. A village of the register keeps its code, name and town; a role given for
 * a cluster's core or member is just a role change (clusters are not built here). A year for a
 * village whose role is the plan's `none`-kind role is rejected (that role has no year). A year that is
 * not one of the plan's `manifest.years` (2031 in a 2024–2027 plan) is a year all the same: the row is
 * applied with it, and the result's `warnings` hold one warning naming such rows, their years, the
 * plan's years, and what the rule check does with them (a later year counts toward no target as of
 * the plan's last year; an earlier one counts as selected in that year; no rule flags the year).
 *
 * Added villages (`unmatched: 'add'`) get the row's code when it is free, else `x-<row>`; the row's
 * name; the register's town, town code and district when the row's town is a town of the plan (else
 * the row's town and district as written); the role given or the `none`-kind role; `source` naming
 * the user's file and row; and `outside_register: true`.
 *
 * @param plan - the plan to import into
 * @param rows - the table's rows
 * @param mapping - which column holds what ({@link guessColumns}, corrected by the user)
 * @param options - {@link ImportOptions}
 * @returns {@link ImportPlanResult}
 * @example
 * ```ts
 * const result = joinRows(plan, [{ row: 2, values: { 村名: '琉璃渠村', 角色: '诗画乡村', 年度: '2025年' } }], { name: '村名', role: '角色', year: '年度' });
 * result.matches[0]; // { row: 2, code: '110109001201', how: 'name', changes: { role: 'poetic', year: 2025 } }
 * ```
 */
export function joinRows(plan: Plan, rows: readonly ImportRow[], mapping: ColumnMapping, options: ImportOptions = {}): ImportPlanResult {
  const { positions, unmatched = 'skip', picks = {}, file } = options;
  const { villageByCode, roleById, roleOfKind } = lookup(plan);
  const noneRole = roleOfKind.none!;

  const entries: Entry[] = plan.villages.features.map(({ properties: p }) => ({
    code: p.code,
    name: p.name,
    town: p.town,
    townKey: p.town ? normaliseTown(p.town) : '',
    townCode: p.town_code,
    districtKey: p.district ? normaliseDistrict(p.district) : '',
    districtCode: p.district_code,
  }));
  const byName = new Map<string, Entry[]>();
  plan.villages.features.forEach(({ properties: p }, i) => {
    for (const key of new Set([normaliseName(p.name), normaliseName(p.short_name || p.name)])) {
      if (key === '') continue;
      const list = byName.get(key) ?? [];
      list.push(entries[i]!);
      byName.set(key, list);
    }
  });
  const entryByCode = new Map(entries.map((e) => [e.code, e]));
  const taken = new Set([...villageByCode.keys(), ...plan.townSeats.features.map((f) => f.properties.code)]);
  const extent = extentOf(plan);
  const far = margin(extent);
  /** How far (degrees, 0 inside) a position lies outside the plan's extent. */
  const offExtent = ([x, y]: readonly number[]) => Math.max(0, extent[0] - x!, x! - extent[2], extent[1] - y!, y! - extent[3]);
  const roleList = say(
    plan.manifest.roles.map((r) => `${r.label.en || r.id} (${r.id})`).join(', '),
    plan.manifest.roles.map((r) => `${r.label.zh || r.id}（${r.id}）`).join('、'),
  );
  const hasCoordinateColumns = ['lon', 'lat', 'x', 'y'].some((f) => mapping[f as ImportField] !== undefined);
  // Once per distinct text, not per row (and per register village): a file of 10,000 added rows of
  // one town not in the plan scanned the whole register per row, normalising the row's town for
  // each village (2 s into the bundled plan of 625 villages, 37 s into one of 10,000).
  const roleOfText = memoised((text: string) => parseRole(text, plan));
  const fitsTown = memoised(townFit);
  const fitsDistrict = memoised(districtFit);
  /** The first register village in the row's town (and district, when given): where an added village takes its town's names and codes from. */
  const townVillage = memoised((place: string): Entry | undefined => {
    const [town, district] = place.split('\u0000') as [string, string];
    const inTown = fitsTown(town);
    const inDistrict = district === '' ? () => true : fitsDistrict(district);
    return entries.find((e) => inTown(e) && inDistrict(e));
  });

  const matches: ImportMatch[] = [];
  const ambiguous: ImportAmbiguous[] = [];
  const rejected: ImportRejected[] = [];
  const rowCommands: PlanCommand[] = [];
  const newVillages: VillageFeature[] = [];
  /** Accepted rows by the village they matched (code) or would add (key). */
  const seen = new Map<string, number>();
  let updated = 0;
  let unchanged = 0;
  /** Accepted rows whose year is not one of the plan's years, by year. */
  const offYears = new Map<number, number[]>();
  const planYears = new Set(plan.manifest.years);
  /** Rows that gave a code not in the register and were joined by name. */
  const byNameNotCode: CodeNote[] = [];
  const noteYear = (row: number, year: number | undefined) => {
    if (year === undefined || planYears.has(year)) return;
    const list = offYears.get(year);
    if (list) list.push(row);
    else offYears.set(year, [row]);
  };

  rows.forEach(({ row, values }, index) => {
    const cell = (f: ImportField): string => {
      const c = mapping[f];
      return c === undefined ? '' : String(values[c] ?? '').trim();
    };
    const reject = (reason: Bilingual) => rejected.push({ row, reason, cells: { ...values } });

    // ---- the row's fields
    const roleText = cell('role');
    const role = roleText === '' ? null : roleOfText(roleText);
    if (roleText !== '' && role === null)
      return reject(say(`unknown role ${q(roleText)} (the plan's roles are ${roleList.en})`, `未知角色 ${qz(roleText)}（本方案的角色为：${roleList.zh}）`));
    const yearText = cell('year');
    const year = yearText === '' ? undefined : parseYear(yearText);
    if (year === null) return reject(say(`year ${q(yearText)} is not a year (write e.g. 2025 or 2025年)`, `年度 ${qz(yearText)} 不是年份（应写作 2025 或 2025年 等）`));
    let position: [number, number] | null = null;
    if (positions) {
      const p = positions[index] ?? null;
      if (p === null) {
        const written = (['lon', 'lat', 'x', 'y'] as const).map(cell).filter((s) => s !== '');
        if (hasCoordinateColumns && written.length > 0)
          return reject(say(`the coordinates ${written.map(q).join(', ')} could not be read as a position`, `坐标 ${written.map(qz).join('、')} 无法读作位置`));
      } else if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        return reject(say(`the position ${JSON.stringify(p)} is not [longitude, latitude]`, `位置 ${JSON.stringify(p)} 不是 [经度, 纬度]`));
      } else if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
        const swapped = offExtent([p[1], p[0]]) <= far;
        return reject(
          say(
            `the position ${fmtPos(p)} is outside WGS84 (longitude −180 … 180, latitude −90 … 90): ${swapped ? 'are longitude and latitude swapped?' : 'projected coordinates need their coordinate system'}`,
            `位置 ${fmtPos(p)} 超出 WGS84 范围（经度 −180 … 180，纬度 −90 … 90）：${swapped ? '经度和纬度是否颠倒？' : '投影坐标需要选择其坐标系'}`,
          ),
        );
      } else {
        if (offExtent(p) > far) {
          const swapped = offExtent([p[1], p[0]]) <= far;
          return reject(
            say(
              `the position ${fmtPos(p)} is far outside the plan's extent ${fmtPos(extent)}${swapped ? ' (are longitude and latitude swapped?)' : ''}`,
              `位置 ${fmtPos(p)} 远在本方案范围 ${fmtPos(extent)} 之外${swapped ? '（经度和纬度是否颠倒？）' : ''}`,
            ),
          );
        }
        position = [p[0], p[1]];
      }
    }

    // ---- the join
    const codeText = cell('code');
    const code = cleanCode(codeText);
    const nameText = cell('name');
    const townText = cell('town');
    const districtText = cell('district');
    const key = normaliseName(nameText);
    if (code === '' && key === '') return reject(say('the row has no name and no code', '该行既无名称也无代码'));
    const inTown = townText === '' ? () => true : fitsTown(townText);
    const inDistrict = districtText === '' ? () => true : fitsDistrict(districtText);
    const inPlace = (e: Entry) => inTown(e) && inDistrict(e);
    const place = say(
      [townText && `town ${q(townText)}`, districtText && `district ${q(districtText)}`].filter(Boolean).join(', '),
      [townText && `乡镇 ${qz(townText)}`, districtText && `区县 ${qz(districtText)}`].filter(Boolean).join('、'),
    );

    let found: Entry | null = null;
    let how: ImportMatch['how'] = 'code';
    // A code that is not in the register never joins by itself; the name may, saying so (see joinRows).
    const codeUnknown = code !== '' && !entryByCode.has(code);
    const sci = /^\d(\.\d+)?e\+?\d+$/i.test(code);
    const withCode = (r: Bilingual): Bilingual =>
      codeUnknown
        ? say(
            `the code ${code} is not in the register${sci ? ' (Excel shortened it to scientific notation)' : ''}, and ${r.en}`,
            `代码 ${code} 不在村庄名录中${sci ? '（已被 Excel 转为科学计数法）' : ''}，且${r.zh}`,
          )
        : r;
    if (code !== '' && entryByCode.has(code)) found = entryByCode.get(code)!;
    else if (key !== '') {
      const named = byName.get(key) ?? [];
      const fitting = named.filter(inPlace);
      const pick = picks[row];
      if (pick !== undefined) {
        found = fitting.find((e) => e.code === pick) ?? null;
        if (!found)
          return reject(withCode(say(`the village picked, ${q(pick)}, is not one named ${q(nameText)} here`, `所选村庄 ${qz(pick)} 不是此处名为 ${qz(nameText)} 的村庄`)));
        how = 'name';
      } else if (fitting.length === 1) {
        found = fitting[0]!;
        how = townText !== '' ? 'name+town' : 'name';
      } else if (fitting.length > 1) {
        const candidates = fitting.map((e) => ({ code: e.code, name: e.name, town: e.town }));
        ambiguous.push({ row, name: nameText, candidates });
        const listed = candidates.map((c) => `${c.name}${c.town ? ` (${c.town})` : ''} ${c.code}`).join('; ');
        const listedZh = candidates.map((c) => `${c.name}${c.town ? `（${c.town}）` : ''} ${c.code}`).join('；');
        return reject(
          codeUnknown
            ? withCode(
                say(
                  `the name ${q(nameText)} fits ${candidates.length} villages: ${listed}; correct the code, give the town, or pick one`,
                  `名称 ${qz(nameText)} 对应 ${candidates.length} 个村庄：${listedZh}；请更正代码、填写乡镇，或选择其一`,
                ),
              )
            : say(
                `the name ${q(nameText)} fits ${candidates.length} villages: ${listed}; give the town or the code, or pick one`,
                `名称 ${qz(nameText)} 对应 ${candidates.length} 个村庄：${listedZh}；请填写乡镇或代码，或选择其一`,
              ),
        );
      } else if (named.length > 0 && unmatched === 'skip') {
        const elsewhere = [...new Set(named.map((e) => e.town).filter(Boolean))];
        return reject(
          withCode(
            say(
              `no village named ${q(nameText)} in ${place.en}${elsewhere.length ? ` (there is one in ${elsewhere.join(', ')})` : ''}`,
              `${place.zh} 没有名为 ${qz(nameText)} 的村庄${elsewhere.length ? `（${elsewhere.join('、')} 有）` : ''}`,
            ),
          ),
        );
      }
    }

    // ---- a village of the register
    if (found) {
      const dup = seen.get(found.code);
      if (dup !== undefined)
        return reject(say(`duplicate row for the same village as row ${dup} (${found.name}, ${found.code})`, `与第 ${dup} 行重复（同一村庄：${found.name}，${found.code}）`));
      const p = villageByCode.get(found.code)!.properties;
      const old = villageByCode.get(found.code)!.geometry?.coordinates ?? null;
      const nextRole = role ?? p.role;
      const kind = roleById.get(nextRole)?.kind ?? 'none';
      if (kind === 'none' && year !== undefined) {
        const label = roleById.get(nextRole)?.label ?? { en: nextRole, zh: nextRole };
        return reject(
          say(
            `year ${year} given for ${found.name}, whose role ${q(label.en || nextRole)} has no year; give a role of the plan (${roleList.en})`,
            `为 ${found.name} 填写了年度 ${year}，但其角色 ${qz(label.zh || nextRole)} 没有年度；请填写本方案的角色（${roleList.zh}）`,
          ),
        );
      }
      const nextYear = year !== undefined ? year : kind === 'none' ? null : p.year;
      const changes: ImportChanges = {};
      if (nextRole !== p.role) changes.role = nextRole;
      if (nextYear !== p.year) changes.year = nextYear;
      if (position && !(old && old[0] === position[0] && old[1] === position[1])) changes.position = position;
      if (changes.role !== undefined)
        rowCommands.push({ type: 'set-village-role', code: found.code, role: changes.role, ...(year !== undefined ? { year } : {}) });
      else if (changes.year !== undefined) rowCommands.push({ type: 'set-village-year', code: found.code, year: changes.year });
      if (changes.position) rowCommands.push({ type: 'set-village-position', code: found.code, coordinates: changes.position });
      seen.set(found.code, row);
      matches.push({ row, code: found.code, how, ...(codeUnknown ? { codeWritten: code } : {}), changes });
      if (codeUnknown) byNameNotCode.push({ row, written: code, sci, used: found.code, name: found.name });
      noteYear(row, year);
      if (Object.keys(changes).length > 0) updated++;
      else unchanged++;
      return;
    }

    // ---- no village of the register
    const what = say(
      [code && `code ${code}`, nameText && `name ${q(nameText)}`].filter(Boolean).join(', '),
      [code && `代码 ${code}`, nameText && `名称 ${qz(nameText)}`].filter(Boolean).join('、'),
    );
    if (/^\d(\.\d+)?e\+?\d+$/i.test(code))
      return reject(say(`the code ${q(codeText)} was shortened to scientific notation (format the column as text in Excel)`, `代码 ${qz(codeText)} 已被 Excel 转为科学计数法（请将该列设为文本格式）`));
    // The way to add it, in the import dialog's words (src/state/i18n.ts: imp.unmatched, imp.unmatchedAdd; `unmatched: 'add'` for a caller).
    if (unmatched === 'skip')
      return reject(
        say(
          `not in the register: no village with ${what.en}${place.en ? ` in ${place.en}` : ''} (to add it, choose "Add them as villages outside the register" under "Rows not in the register")`,
          `不在村庄名录中：没有${what.zh}${place.zh ? `（${place.zh}）` : ''}的村庄（如需加入，可在“名录中找不到的行”中选择“作为名录外的村庄加入”）`,
        ),
      );
    if (key === '')
      return reject(say(`the code ${code} is not in the register, and a village without a name cannot be added`, `代码 ${code} 不在村庄名录中，且无名称，无法添加`));
    const addKey = code !== '' ? `code:${code}` : `name:${key}|${normaliseTown(townText)}|${normaliseDistrict(districtText)}`;
    const dup = seen.get(addKey);
    if (dup !== undefined) return reject(say(`duplicate row for the same village as row ${dup} (${nameText})`, `与第 ${dup} 行重复（同一村庄：${nameText}）`));
    const addRole = role ?? noneRole.id;
    const addKind = roleById.get(addRole)!.kind;
    if (addKind === 'none' && year !== undefined) {
      const label = roleById.get(addRole)!.label;
      return reject(
        say(
          `year ${year} given for ${nameText}, whose role ${q(label.en || addRole)} has no year; give a role of the plan (${roleList.en})`,
          `为 ${nameText} 填写了年度 ${year}，但其角色 ${qz(label.zh || addRole)} 没有年度；请填写本方案的角色（${roleList.zh}）`,
        ),
      );
    }
    let newCode = code !== '' && !taken.has(code) ? code : `x-${row}`;
    for (let n = 2; taken.has(newCode); n++) newCode = `x-${row}-${n}`;
    taken.add(newCode);
    // The row's town, when it is a town of the plan, brings the register's names and codes.
    const town = townText === '' ? undefined : townVillage(`${townText}\u0000${districtText}`);
    const p = town ? villageByCode.get(town.code)!.properties : undefined;
    const kindOfName = /(村民委员会|村委会)$/.test(nameText) ? '村委会' : /(居民委员会|居委会)$/.test(nameText) ? '居委会' : undefined;
    const from = file ? `${file}, ` : '';
    newVillages.push({
      type: 'Feature',
      geometry: position ? { type: 'Point', coordinates: position } : null,
      properties: {
        code: newCode,
        name: nameText,
        short_name: nameText,
        name_en: '',
        ...(kindOfName ? { kind: kindOfName } : {}),
        town: p ? p.town : townText,
        town_code: p ? p.town_code : /^\d+$/.test(squeeze(townText)) ? squeeze(townText) : '',
        district: p ? p.district : districtText,
        district_code: p ? p.district_code : /^\d+$/.test(squeeze(districtText)) ? squeeze(districtText) : '',
        role: addRole,
        year: year ?? null,
        source: `imported from the user's file (${from}row ${row}); not in the register`,
        source_zh: `用户文件导入（${file ? `${file}，` : ''}第 ${row} 行），名录外`,
        accuracy: position ? "as given in the user's file" : 'not located',
        accuracy_zh: position ? '按用户文件' : '无位置',
        outside_register: true,
      },
    });
    seen.set(addKey, row);
    if (code !== '') seen.set(newCode, row);
    const changes: ImportChanges = { role: addRole, year: year ?? null, ...(position ? { position } : {}) };
    matches.push({ row, code: newCode, how: 'added', changes });
    noteYear(row, year);
  });

  matches.sort((a, b) => a.row - b.row);
  rejected.sort((a, b) => a.row - b.row);
  const commands: PlanCommand[] = [...(newVillages.length > 0 ? [{ type: 'add-villages' as const, features: newVillages }] : []), ...rowCommands];
  const warnings = [...(byNameNotCode.length > 0 ? [codesWarning(byNameNotCode)] : []), ...(offYears.size > 0 ? [yearsWarning(offYears, plan.manifest.years)] : [])];
  return { matches, ambiguous, rejected, added: newVillages.length, updated, unchanged, commands, warnings };
}

/** A row joined by name that gave a code not in the register. */
interface CodeNote {
  row: number;
  written: string;
  /** The code written looks shortened to scientific notation by Excel. */
  sci: boolean;
  used: string;
  name: string;
}

/** The one warning for rows joined by name whose code is not in the register: per row, the code written and the village used. */
function codesWarning(notes: readonly CodeNote[]): Bilingual {
  const shown = notes.slice(0, LISTED_ROWS);
  const more = notes.length - shown.length;
  const sciEn = (n: CodeNote) => (n.sci ? ' (shortened by Excel to scientific notation)' : '');
  const sciZh = (n: CodeNote) => (n.sci ? '（已被 Excel 转为科学计数法）' : '');
  if (notes.length === 1) {
    const n = notes[0]!;
    return say(
      `Row ${n.row}: the code ${n.written}${sciEn(n)} is not in the register; the row was joined by its name to ${n.name} (${n.used}) instead. Correct the code if that is not the village meant.`,
      `第 ${n.row} 行：代码 ${n.written} 不在村庄名录中${sciZh(n)}，已按名称匹配到 ${n.name}（${n.used}）。如果不是这个村庄，请更正代码。`,
    );
  }
  const rows = rowList(notes.map((n) => n.row));
  return say(
    `Rows ${rows.en}: the codes written are not in the register; the rows were joined by their names instead: ${shown.map((n) => `row ${n.row}, ${n.written}${sciEn(n)} → ${n.name} (${n.used})`).join('; ')}${more > 0 ? `; and ${more} more` : ''}. Correct the codes where that is not the village meant.`,
    `第 ${rows.zh} 行：所填代码不在村庄名录中，已按名称匹配：${shown.map((n) => `第 ${n.row} 行 ${n.written}${sciZh(n)} → ${n.name}（${n.used}）`).join('；')}${more > 0 ? `；另有 ${more} 行` : ''}。如有不符，请更正代码。`,
  );
}

/** Rows listed in a warning; the rest are counted. */
const LISTED_ROWS = 20;

/** Row numbers as a list: `4, 9` / `4、9`, the ones past {@link LISTED_ROWS} counted (`… 21 and 5 more` / `…、21 等 25`). */
function rowList(rows: readonly number[]): Bilingual {
  const shown = rows.slice(0, LISTED_ROWS);
  const more = rows.length - shown.length;
  return say(`${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`, `${shown.join('、')}${more > 0 ? ` 等 ${rows.length}` : ''}`);
}

/** The plan's years as runs: `2024–2027`, `2021, 2023–2025` (zh `2021、2023–2025`). */
function yearRuns(years: readonly number[]): Bilingual {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return say(runs.join(', '), runs.join('、'));
}

/**
 * The one warning for accepted rows whose year is not one of the plan's years. It says what the rule
 * check (checkPlan, as of the plan's last year by default) does with such villages: one of a later
 * year counts toward no target and no per-year target judges its year; one of an earlier year (or of
 * a year missing between the plan's years) is counted as selected in that year. No rule flags the year itself.
 */
function yearsWarning(byYear: ReadonlyMap<number, number[]>, planYears: readonly number[]): Bilingual {
  const last = Math.max(...planYears);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const range = yearRuns(planYears);
  const later = years.some((y) => y > last);
  const earlier = years.some((y) => y < last);
  let head: Bilingual;
  if (years.length === 1) {
    const rows = byYear.get(years[0]!)!;
    const list = rowList(rows);
    head = say(
      `${rows.length === 1 ? 'Row' : 'Rows'} ${list.en}: the year ${years[0]} is outside the plan's years ${range.en}; ${rows.length === 1 ? 'the village was' : 'the villages were'} imported with it.`,
      `第 ${list.zh} 行：年度 ${years[0]} 不在本方案的年度 ${range.zh} 之内；${rows.length === 1 ? '该村庄' : '这些村庄'}已按该年度导入。`,
    );
  } else {
    const parts = years.map((y) => ({ y, list: rowList(byYear.get(y)!), one: byYear.get(y)!.length === 1 }));
    head = say(
      `${parts.map((p) => `${p.one ? 'row' : 'rows'} ${p.list.en} (${p.y})`).join('; ').replace(/^r/, 'R')}: these years are outside the plan's years ${range.en}; the villages were imported with them.`,
      `${parts.map((p) => `第 ${p.list.zh} 行（${p.y} 年）`).join('；')}：这些年度不在本方案的年度 ${range.zh} 之内；村庄已按所填年度导入。`,
    );
  }
  const check =
    later && earlier
      ? say(
          `The rule check, as of the plan's last year ${last}, counts those of a later year toward no target and those of an earlier year as selected in that year; no rule flags the year itself.`,
          `规则检查截至本方案最后一年（${last} 年）：年度较晚的村庄不计入任何目标，年度较早的按该年度入选计算；没有规则会提示该年度。`,
        )
      : later
        ? say(
            `The rule check, as of the plan's last year ${last}, counts ${byYear.size === 1 && [...byYear.values()][0]!.length === 1 ? 'it' : 'them'} toward no target; no rule flags the year itself.`,
            `规则检查截至本方案最后一年（${last} 年），不将其计入任何目标；没有规则会提示该年度。`,
          )
        : say(
            `The rule check counts ${byYear.size === 1 && [...byYear.values()][0]!.length === 1 ? 'it' : 'them'} as selected in that year (per-year targets judge that year too); no rule flags the year itself.`,
            `规则检查按该年度入选计算（按年目标也会评价该年度）；没有规则会提示该年度。`,
          );
  return say(`${head.en} ${check.en}`, `${head.zh}${check.zh}`);
}

/**
 * Applies an import's commands as ONE new Plan: the history (undo) records the import as one edit and
 * reverts it whole. `result` must have been made by {@link joinRows} for this `plan`.
 *
 * @param plan - the plan `result` was joined against (unchanged)
 * @param result - {@link joinRows}'s result
 * @returns the new plan (the input plan when the import changes nothing)
 * @example
 * ```ts
 * const next = applyImport(plan, joinRows(plan, rows, guessColumns(columns, rows.slice(0, 20).map((r) => r.values))));
 * ```
 */
export function applyImport(plan: Plan, result: ImportPlanResult): Plan {
  // The same as `result.commands.reduce(applyCommand, plan)`, in linear time: a village command
  // (set-village-role / -year / -position) reads and changes only its own village, so each village's
  // commands are applied, by the commands themselves, to a plan holding just that village, and the
  // register is rebuilt once. (Applied one by one, every command re-indexes the whole register:
  // 10,000 rows took about a minute.)
  let next = plan;
  const byVillage = new Map<string, PlanCommand[]>();
  for (const command of result.commands) {
    if (command.type === 'set-village-role' || command.type === 'set-village-year' || command.type === 'set-village-position') {
      const list = byVillage.get(command.code) ?? [];
      list.push(command);
      byVillage.set(command.code, list);
    } else {
      if (byVillage.size > 0) next = applyVillageCommands(next, byVillage);
      byVillage.clear();
      next = applyCommand(next, command);
    }
  }
  return byVillage.size > 0 ? applyVillageCommands(next, byVillage) : next;
}

/** Village commands by code, each village's applied to a one-village view of the plan; one pass over the register. */
function applyVillageCommands(plan: Plan, byVillage: ReadonlyMap<string, PlanCommand[]>): Plan {
  const { villageByCode } = lookup(plan);
  const changed = new Map<VillageFeature, VillageFeature>();
  for (const [code, commands] of byVillage) {
    const village = villageByCode.get(code);
    // An unknown code: let the command say so, as it would on the whole plan.
    if (!village) applyCommand(plan, commands[0]!);
    const one: Plan = { ...plan, villages: { ...plan.villages, features: village ? [village] : [] } };
    const after = commands.reduce(applyCommand, one).villages.features[0]!;
    if (after !== village) changed.set(village!, after);
  }
  if (changed.size === 0) return plan;
  return { ...plan, villages: { ...plan.villages, features: plan.villages.features.map((f) => changed.get(f) ?? f) } };
}
