/**
 * The plan's edit commands: pure functions `(plan, …args) => Plan`. Each returns a NEW Plan and never
 * changes its input; what an edit does not touch keeps its identity (structural sharing), so a view can
 * tell what changed by `!==`, and the memoised lookups (./lookup.ts) of an old plan stay valid. An edit
 * that changes nothing returns the input plan itself.
 *
 * Bad input throws: a RangeError for a value the plan does not have or cannot take (an unknown village
 * code, cluster id, line id or role id, a duplicate id, a year out of range), a TypeError for a value
 * of the wrong shape. The message starts with the command and names the argument.
 *
 * The commands keep the package loadable (`planFrom(readFiles(writePlan(result)))` equals `result`),
 * but not the plan's own rules: a member whose role is not the member role, a village listed by two
 * clusters, a cluster without a core are the rule check's to report (./checkPlan.ts), so a planner can
 * go through a half-finished state.
 *
 * {@link PlanCommand} is the same edits as data, for history and autosave: {@link applyCommand}.
 */
import * as GJVns from 'geojson-validation';
import * as v from 'valibot';
import {
  BeltSchema,
  LinePropertiesSchema,
  VillagePropertiesSchema,
  type Belt,
  type Cluster,
  type LineFeature,
  type Plan,
  type PlanFiles,
  type Role,
  type RoleKind,
  type VillageFeature,
  type VillageProperties,
} from '../types/plan.js';
import { lookup } from './lookup.js';
import { issueProblems } from './problems.js';

// geojson-validation is CommonJS; depending on the bundler the functions sit on the namespace or on `default`.
const GJV: typeof GJVns = ((GJVns as unknown as { default?: typeof GJVns }).default ?? GJVns) as typeof GJVns;

/** The two layers of lines a plan has. */
export type LineLayer = 'corridors' | 'cultureBelts';
const LINE_LAYERS: readonly LineLayer[] = ['corridors', 'cultureBelts'];
/** File a layer is written to when the package did not have one. */
const LINE_FILES: Record<LineLayer, string> = { corridors: 'corridors.geojson', cultureBelts: 'culture-belts.geojson' };

/** A cluster to create; `id` defaults to a free `cluster-<n>`, `name_en` to ''. */
export interface NewCluster {
  id?: string;
  name: string;
  name_en?: string;
  /** Core village code; null while none is chosen. */
  core: string | null;
  /** Member village codes (not the core), each once. */
  members: readonly string[];
  year: number | null;
  reason?: string;
  /** `reason` in Chinese. */
  reason_zh?: string;
}

/** A proposed cluster (src/state/proposals.ts's `Proposal` is one). */
export interface ClusterProposal {
  /** Id of the cluster it becomes. */
  id: string;
  /** Code of the core village. */
  core: string;
  /** Codes of the member villages. */
  members: readonly string[];
  /** Town name, for the cluster's name. */
  town: string;
  /** Why this core and these members (in English); `zh`: the same in Chinese, kept as the cluster's `reason_zh`. */
  reason: { core: string; members: string; zh?: string };
}

// ---------------------------------------------------------------------------------------------
// Villages

/**
 * Gives a village a role of the plan.
 *
 * @param plan - a plan
 * @param code - the village's code
 * @param role - a role id of `plan.manifest.roles`
 * @param year - its batch year; omitted: the village keeps its year. The `none`-kind role clears the
 *   year (a year other than null is then a RangeError).
 * @returns the new plan (the input plan when the village already has this role and year)
 * @example
 * ```ts
 * const next = setVillageRole(plan, '110109108212', 'poetic', 2025);
 * lookup(next).villageByCode.get('110109108212')!.properties.role; // 'poetic'
 * ```
 */
export function setVillageRole(plan: Plan, code: string, role: string, year?: number | null): Plan {
  const fn = 'setVillageRole';
  const village = villageOf(plan, fn, code);
  const r = roleOf(plan, fn, role);
  let next: number | null;
  if (r.kind === 'none') {
    if (year !== undefined && year !== null) throw new RangeError(`${fn}: year must be null for role "${r.id}" (of kind none), got ${String(year)}`);
    next = null;
  } else {
    next = year === undefined ? village.properties.year : checkYear(fn, 'year', year);
  }
  return withVillageProps(plan, village, { role: r.id, year: next });
}

/**
 * Sets a village's batch year.
 *
 * @param plan - a plan
 * @param code - the village's code
 * @param year - a year (a whole number, 1900–2200) or null; a village of the `none`-kind role takes only null
 * @returns the new plan (the input plan when the year is already this one)
 * @example
 * ```ts
 * setVillageYear(plan, '110109108212', 2026);
 * ```
 */
export function setVillageYear(plan: Plan, code: string, year: number | null): Plan {
  const fn = 'setVillageYear';
  const village = villageOf(plan, fn, code);
  const y = checkYear(fn, 'year', year);
  const kind = lookup(plan).roleById.get(village.properties.role)?.kind ?? 'none';
  if (y !== null && kind === 'none')
    throw new RangeError(`${fn}: year must be null for village ${code}, whose role "${village.properties.role}" is of kind none; got ${y}`);
  return withVillageProps(plan, village, { year: y });
}

/**
 * Places a village, moves it, or makes it unlocated (listed, never placed).
 *
 * @param plan - a plan
 * @param code - the village's code
 * @param coordinates - `[longitude, latitude]` in WGS84 degrees, or null for no known position
 * @returns the new plan (the input plan when the village is already there)
 * @example
 * ```ts
 * setVillagePosition(plan, '110109108212', [116.0612, 39.9403]);
 * ```
 */
export function setVillagePosition(plan: Plan, code: string, coordinates: readonly [number, number] | null): Plan {
  const fn = 'setVillagePosition';
  const village = villageOf(plan, fn, code);
  const at = checkPosition(fn, 'coordinates', coordinates);
  const old = village.geometry?.coordinates ?? null;
  if (at === null ? old === null : old !== null && old.length === 2 && old[0] === at[0] && old[1] === at[1]) return plan;
  const geometry: VillageFeature['geometry'] = at === null ? null : { type: 'Point', coordinates: at };
  return {
    ...plan,
    villages: { ...plan.villages, features: plan.villages.features.map((f) => (f === village ? { ...f, geometry } : f)) },
  };
}

/**
 * Adds villages at the end of the register, e.g. a planner's villages outside the NBS register. Each
 * feature is checked as the loader checks it (a GeoJSON Feature with a Point in WGS84 or a null
 * geometry; the properties through the schema, defaults filled in, `short_name` defaulting to `name`;
 * a code unique among the plan's villages and town seats; a role of the plan; no year with the
 * `none`-kind role) and stored as a copy. Extra properties (e.g. `outside_register`) are kept.
 *
 * @param plan - a plan
 * @param features - village features with new codes, each once
 * @returns the new plan (the input plan when `features` is empty)
 * @example
 * ```ts
 * addVillages(plan, [{ type: 'Feature', geometry: { type: 'Point', coordinates: [116.1, 40.0] },
 *   properties: { code: 'x-7', name: '新村', role: 'other', source: 'user file, row 7', accuracy: 'as given', outside_register: true } }]);
 * ```
 */
export function addVillages(plan: Plan, features: readonly VillageFeature[]): Plan {
  const fn = 'addVillages';
  if (!Array.isArray(features)) throw new TypeError(`${fn}: features must be a list of village features, got ${typeof features}`);
  const taken = new Map<string, string>();
  for (const f of plan.villages.features) taken.set(f.properties.code, 'a village of the plan');
  for (const f of plan.townSeats.features) taken.set(f.properties.code, 'a town seat of the plan');
  const added = features.map((f, k) => {
    const name = `features[${k}]`;
    const village = checkVillage(plan, fn, name, f);
    const code = village.properties.code;
    const holder = taken.get(code);
    if (holder) throw new RangeError(`${fn}: ${name}.properties.code ${code} is the code of ${holder}`);
    taken.set(code, `features[${k}] too`);
    return village;
  });
  if (added.length === 0) return plan;
  return { ...plan, villages: { ...plan.villages, features: [...plan.villages.features, ...added] } };
}

// ---------------------------------------------------------------------------------------------
// Clusters

/**
 * Makes a village the core of a cluster. If it was a member of the cluster it leaves `members`. The
 * old core leaves the cluster; no village is re-roled (the rule check reports a core whose role is not
 * the core role).
 *
 * @param plan - a plan
 * @param clusterId - the cluster's id
 * @param code - the new core's code (a village of the register)
 * @returns the new plan (the input plan when the village already is the core)
 * @example
 * ```ts
 * makeCore(plan, 'c1', '110109108212').clusters[0].core; // '110109108212'
 * ```
 */
export function makeCore(plan: Plan, clusterId: string, code: string): Plan {
  const fn = 'makeCore';
  const [i, c] = clusterOf(plan, fn, clusterId, 'clusterId');
  villageOf(plan, fn, code);
  if (c.core === code) return plan;
  const members = c.members.includes(code) ? c.members.filter((m) => m !== code) : c.members;
  return withCluster(plan, i, { ...c, core: code, members });
}

/**
 * Adds villages to a cluster's members, after the present ones and in the given order. Roles are not
 * changed (see {@link setVillageRole}).
 *
 * @param plan - a plan
 * @param clusterId - the cluster's id
 * @param codes - codes of villages of the register, each once, none of them the core or a member already
 * @returns the new plan (the input plan when `codes` is empty)
 * @example
 * ```ts
 * addMembers(plan, 'c1', ['110109108213', '110109108214']);
 * ```
 */
export function addMembers(plan: Plan, clusterId: string, codes: readonly string[]): Plan {
  const fn = 'addMembers';
  const [i, c] = clusterOf(plan, fn, clusterId, 'clusterId');
  checkCodes(plan, fn, 'codes', codes);
  codes.forEach((code, k) => {
    if (code === c.core) throw new RangeError(`${fn}: codes[${k}] ${code} is the core of cluster ${c.id}`);
    if (c.members.includes(code)) throw new RangeError(`${fn}: codes[${k}] ${code} is a member of cluster ${c.id} already`);
  });
  if (codes.length === 0) return plan;
  return withCluster(plan, i, { ...c, members: [...c.members, ...codes] });
}

/**
 * Removes villages from a cluster's members. Roles are not changed.
 *
 * @param plan - a plan
 * @param clusterId - the cluster's id
 * @param codes - codes of members of the cluster, each once
 * @returns the new plan (the input plan when `codes` is empty)
 * @example
 * ```ts
 * removeMembers(plan, 'c1', ['110109108213']);
 * ```
 */
export function removeMembers(plan: Plan, clusterId: string, codes: readonly string[]): Plan {
  const fn = 'removeMembers';
  const [i, c] = clusterOf(plan, fn, clusterId, 'clusterId');
  checkList(fn, 'codes', codes);
  codes.forEach((code, k) => {
    if (!c.members.includes(code)) throw new RangeError(`${fn}: codes[${k}] ${String(code)} is not a member of cluster ${c.id}`);
  });
  if (codes.length === 0) return plan;
  const gone = new Set(codes);
  return withCluster(plan, i, { ...c, members: c.members.filter((m) => !gone.has(m)) });
}

/**
 * Adds a cluster at the end of the plan's clusters. Roles are not changed (see {@link acceptProposal}
 * for the command that also gives its villages their roles). The plan must have roles of kind `core`
 * and `member` (a package with clusters needs them).
 *
 * @param plan - a plan
 * @param cluster - {@link NewCluster}; its core and members must be villages of the register
 * @returns the new plan
 * @example
 * ```ts
 * const next = createCluster(plan, { name: '王平镇示范片区', core: '110109104201', members: ['110109104202'], year: 2026 });
 * next.clusters.at(-1)!.id; // 'cluster-3' for a plan of two clusters
 * ```
 */
export function createCluster(plan: Plan, cluster: NewCluster): Plan {
  const fn = 'createCluster';
  if (typeof cluster !== 'object' || cluster === null) throw new TypeError(`${fn}: cluster must be an object, got ${String(cluster)}`);
  const { id, name, name_en = '', core, members, year, reason, reason_zh } = cluster;
  roleOfKind(plan, fn, 'core');
  roleOfKind(plan, fn, 'member');
  const ids = new Set(plan.clusters.map((c) => c.id));
  if (id !== undefined) {
    checkText(fn, 'cluster.id', id);
    if (ids.has(id)) throw new RangeError(`${fn}: cluster.id ${id} is the id of a cluster already`);
  }
  checkText(fn, 'cluster.name', name);
  if (typeof name_en !== 'string') throw new TypeError(`${fn}: cluster.name_en must be a string, got ${typeof name_en}`);
  if (core !== null) {
    if (typeof core !== 'string') throw new TypeError(`${fn}: cluster.core must be a village code or null, got ${typeof core}`);
    villageOf(plan, fn, core, 'cluster.core');
  }
  checkCodes(plan, fn, 'cluster.members', members);
  members.forEach((m, k) => {
    if (m === core) throw new RangeError(`${fn}: cluster.members[${k}] ${m} is the cluster's core`);
  });
  const y = checkYear(fn, 'cluster.year', year);
  if (reason !== undefined && typeof reason !== 'string') throw new TypeError(`${fn}: cluster.reason must be a string, got ${typeof reason}`);
  if (reason_zh !== undefined && typeof reason_zh !== 'string') throw new TypeError(`${fn}: cluster.reason_zh must be a string, got ${typeof reason_zh}`);
  let n = plan.clusters.length + 1;
  while (ids.has(`cluster-${n}`)) n++;
  const made: Cluster = {
    id: id ?? `cluster-${n}`,
    name,
    name_en,
    core,
    members: [...members],
    year: y,
    ...(reason !== undefined ? { reason } : {}),
    ...(reason_zh !== undefined ? { reason_zh } : {}),
  };
  return { ...plan, clusters: [...plan.clusters, made] };
}

/**
 * Renames a cluster.
 *
 * @param plan - a plan
 * @param id - the cluster's id
 * @param names - the new `name`, and `name_en` (omitted: the English name is kept)
 * @returns the new plan (the input plan when the names are the same)
 * @example
 * ```ts
 * renameCluster(plan, 'c1', { name: '妙峰山示范片区', name_en: 'Miaofengshan cluster' });
 * ```
 */
export function renameCluster(plan: Plan, id: string, { name, name_en }: { name: string; name_en?: string }): Plan {
  const fn = 'renameCluster';
  const [i, c] = clusterOf(plan, fn, id);
  checkText(fn, 'name', name);
  if (name_en !== undefined && typeof name_en !== 'string') throw new TypeError(`${fn}: name_en must be a string, got ${typeof name_en}`);
  const en = name_en ?? c.name_en;
  if (c.name === name && c.name_en === en) return plan;
  return withCluster(plan, i, { ...c, name, name_en: en });
}

/**
 * Sets the year a cluster is pushed (its batch). Its villages keep their own years: the rule check
 * reports a village whose year differs from its cluster's, where the plan has such a rule.
 *
 * @param plan - a plan
 * @param id - the cluster's id
 * @param year - a year (a whole number, 1900–2200) or null
 * @returns the new plan (the input plan when the year is already this one)
 * @example
 * ```ts
 * setClusterYear(plan, 'c1', 2026);
 * ```
 */
export function setClusterYear(plan: Plan, id: string, year: number | null): Plan {
  const fn = 'setClusterYear';
  const [i, c] = clusterOf(plan, fn, id);
  const y = checkYear(fn, 'year', year);
  if (c.year === y) return plan;
  return withCluster(plan, i, { ...c, year: y });
}

/**
 * Deletes a cluster, and drops it from the belts that list it. Its villages keep their roles.
 *
 * @param plan - a plan
 * @param id - the cluster's id
 * @returns the new plan
 * @example
 * ```ts
 * deleteCluster(plan, 'c2').belts[0].clusters; // ['c1'] (was ['c1', 'c2'])
 * ```
 */
export function deleteCluster(plan: Plan, id: string): Plan {
  const [i] = clusterOf(plan, 'deleteCluster', id);
  return {
    ...plan,
    clusters: plan.clusters.filter((_, k) => k !== i),
    belts: mapBelts(plan.belts, (b) => (b.clusters.includes(id) ? { ...b, clusters: b.clusters.filter((c) => c !== id) } : b)),
  };
}

// ---------------------------------------------------------------------------------------------
// Lines

/**
 * Adds a corridor or a culture belt. The feature is checked as the loader checks it (geometry; the
 * properties through the schema, defaults filled in; an id unique among the plan's lines; `via`
 * places that are located villages or town seats of the plan at the same coordinates; a schematic
 * line a LineString through its via places that cites a source) and stored as a copy. A plan that had
 * no file of the layer gets one (`corridors.geojson`, `culture-belts.geojson`).
 *
 * @param plan - a plan
 * @param layer - `'corridors'` or `'cultureBelts'`
 * @param feature - a LineString or MultiLineString feature with line properties
 * @returns the new plan
 * @example
 * ```ts
 * addLine(plan, 'corridors', lineString([[116.0, 40.0], [116.2, 40.0]], {
 *   id: 'road-2', kind: 'road', name: '新路', geometry_source: 'surveyed', source: 'OSM', accuracy: '10 m',
 * }));
 * ```
 */
export function addLine(plan: Plan, layer: LineLayer, feature: LineFeature): Plan {
  const fn = 'addLine';
  if (!LINE_LAYERS.includes(layer)) throw new TypeError(`${fn}: layer must be "corridors" or "cultureBelts", got ${String(layer)}`);
  const line = checkLine(plan, fn, feature);
  if (lookup(plan).lineById.has(line.properties.id)) throw new RangeError(`${fn}: feature.properties.id ${line.properties.id} is the id of a line already`);
  const collection = plan[layer];
  let manifest = plan.manifest;
  if (manifest.files[layer] === undefined) {
    const used = new Set(Object.values(manifest.files as PlanFiles));
    let path = LINE_FILES[layer];
    for (let n = 2; used.has(path); n++) path = LINE_FILES[layer].replace('.geojson', `-${n}.geojson`);
    manifest = { ...manifest, files: { ...manifest.files, [layer]: path } };
  }
  return { ...plan, manifest, [layer]: { ...collection, features: [...collection.features, line] } };
}

/**
 * Replaces a line (corridor or culture belt) by a new version of it, in the same layer and place.
 * The feature is checked as in {@link addLine}; its id must be `id`.
 *
 * @param plan - a plan
 * @param id - the line's id
 * @param feature - the new version, `properties.id` equal to `id`
 * @returns the new plan
 * @example
 * ```ts
 * replaceLine(plan, 'g109', { ...g109, geometry: { type: 'LineString', coordinates: moved } });
 * ```
 */
export function replaceLine(plan: Plan, id: string, feature: LineFeature): Plan {
  const fn = 'replaceLine';
  const found = lookup(plan).lineById.get(id);
  if (!found) throw new RangeError(`${fn}: id ${String(id)} is not a line of the plan`);
  const line = checkLine(plan, fn, feature);
  if (line.properties.id !== id) throw new RangeError(`${fn}: feature.properties.id must be ${id}, got ${line.properties.id}`);
  const collection = plan[found.layer];
  const features = collection.features.map((f) => (f === found.feature ? line : f));
  return { ...plan, [found.layer]: { ...collection, features } };
}

/**
 * Deletes a line (corridor or culture belt), drops it from the belts' `along` lists and drops its
 * style from `manifest.lineStyles`.
 *
 * @param plan - a plan
 * @param id - the line's id
 * @returns the new plan
 * @example
 * ```ts
 * deleteLine(plan, 'g109').corridors.features.some((f) => f.properties.id === 'g109'); // false
 * ```
 */
export function deleteLine(plan: Plan, id: string): Plan {
  const found = lookup(plan).lineById.get(id);
  if (!found) throw new RangeError(`deleteLine: id ${String(id)} is not a line of the plan`);
  const collection = plan[found.layer];
  let manifest = plan.manifest;
  if (Object.hasOwn(manifest.lineStyles, id)) {
    const { [id]: _, ...lineStyles } = manifest.lineStyles;
    manifest = { ...manifest, lineStyles };
  }
  return {
    ...plan,
    manifest,
    [found.layer]: { ...collection, features: collection.features.filter((f) => f !== found.feature) },
    belts: mapBelts(plan.belts, (b) => (b.along.includes(id) ? { ...b, along: b.along.filter((a) => a !== id) } : b)),
  };
}

// ---------------------------------------------------------------------------------------------
// Belts

/**
 * Adds a belt at the end of the plan's belts.
 *
 * @param plan - a plan
 * @param belt - a belt: a new id, clusters of the plan (each once, in belt order), lines of the plan it runs along
 * @returns the new plan
 * @example
 * ```ts
 * addBelt(plan, { id: 'b2', name: '永定河示范带', name_en: '', clusters: ['c1', 'c2'], along: ['yongding'] });
 * ```
 */
export function addBelt(plan: Plan, belt: Belt): Plan {
  const fn = 'addBelt';
  const parsed = v.safeParse(BeltSchema, belt, { abortPipeEarly: false });
  if (!parsed.success) throw new TypeError(shapeMessage(fn, 'belt', parsed.issues));
  const b = parsed.output;
  if (plan.belts.some((x) => x.id === b.id)) throw new RangeError(`${fn}: belt.id ${b.id} is the id of a belt already`);
  const { clusterById, lineById } = lookup(plan);
  const seen = new Set<string>();
  b.clusters.forEach((c, k) => {
    if (!clusterById.has(c)) throw new RangeError(`${fn}: belt.clusters[${k}] ${c} is not a cluster of the plan`);
    if (seen.has(c)) throw new RangeError(`${fn}: belt.clusters[${k}] ${c} is listed twice`);
    seen.add(c);
  });
  if (new Set(b.along).size !== b.along.length) duplicateAt(fn, 'belt.along', b.along);
  b.along.forEach((a, k) => {
    if (!lineById.has(a)) throw new RangeError(`${fn}: belt.along[${k}] ${a} is not a line of the plan`);
  });
  return { ...plan, belts: [...plan.belts, b] };
}

// ---------------------------------------------------------------------------------------------
// Proposals

/**
 * Accepts a proposed cluster, as one edit: the cluster is created (named after its core and town) and
 * its villages are given their roles — the core the plan's `core`-kind role, the members its
 * `member`-kind role, with `year` — but only villages whose role is the plan's `none`-kind role. A
 * village that has another role already keeps it and its year (never silently re-roled); the rule
 * check shows the mismatch.
 *
 * @param plan - a plan with roles of kind `core` and `member`
 * @param proposal - {@link ClusterProposal}; its id must be new, its villages of the register
 * @param year - the year of the cluster and of the villages it re-roles
 * @returns the new plan
 * @example
 * ```ts
 * const next = acceptProposal(plan, proposal, 2026);
 * next.clusters.at(-1)!.name; // '王平镇示范片区（韭园村，建议）'
 * ```
 */
export function acceptProposal(plan: Plan, proposal: ClusterProposal, year: number): Plan {
  const fn = 'acceptProposal';
  if (typeof proposal !== 'object' || proposal === null) throw new TypeError(`${fn}: proposal must be an object, got ${String(proposal)}`);
  const { id, core, members, town, reason } = proposal;
  if (typeof town !== 'string') throw new TypeError(`${fn}: proposal.town must be a string, got ${typeof town}`);
  if (typeof reason?.core !== 'string' || typeof reason.members !== 'string' || (reason.zh !== undefined && typeof reason.zh !== 'string'))
    throw new TypeError(`${fn}: proposal.reason must be { core, members, zh? } of strings`);
  checkText(fn, 'proposal.id', id);
  if (lookup(plan).clusterById.has(id)) throw new RangeError(`${fn}: proposal.id ${id} is the id of a cluster already`);
  checkText(fn, 'proposal.core', core);
  const coreVillage = villageOf(plan, fn, core, 'proposal.core');
  checkCodes(plan, fn, 'proposal.members', members);
  members.forEach((m, k) => {
    if (m === core) throw new RangeError(`${fn}: proposal.members[${k}] ${m} is the proposal's core`);
  });
  if (typeof year !== 'number') throw new TypeError(`${fn}: year must be a year (a number), got ${String(year)}`);
  checkYear(fn, 'year', year);
  const coreRole = roleOfKind(plan, fn, 'core');
  const memberRole = roleOfKind(plan, fn, 'member');
  const coreName = coreVillage.properties.short_name || coreVillage.properties.name;
  const coreNameEn = coreVillage.properties.name_en || core;
  const next = createCluster(plan, {
    id,
    name: `${town}示范片区（${coreName}，建议）`,
    name_en: `${town} cluster (${coreNameEn}, proposed)`,
    core,
    members,
    year,
    reason: `${reason.core}; ${reason.members}`,
    ...(reason.zh ? { reason_zh: reason.zh } : {}),
  });
  const none = roleOfKind(plan, fn, 'none').id;
  const changes = new Map<string, Partial<VillageProperties>>();
  for (const [code, role] of [[core, coreRole.id], ...members.map((m) => [m, memberRole.id])] as [string, string][]) {
    const village = lookup(plan).villageByCode.get(code)!;
    if (village.properties.role === none) changes.set(code, { role, year });
  }
  return withVillageChanges(next, changes);
}

// ---------------------------------------------------------------------------------------------
// Commands as data

/** An edit as data (for undo/redo and autosave): one variant per command, the arguments by name. */
export type PlanCommand =
  | { type: 'set-village-role'; code: string; role: string; year?: number | null }
  | { type: 'set-village-year'; code: string; year: number | null }
  | { type: 'set-village-position'; code: string; coordinates: [number, number] | null }
  | { type: 'add-villages'; features: readonly VillageFeature[] }
  | { type: 'make-core'; clusterId: string; code: string }
  | { type: 'add-members'; clusterId: string; codes: readonly string[] }
  | { type: 'remove-members'; clusterId: string; codes: readonly string[] }
  | { type: 'create-cluster'; cluster: NewCluster }
  | { type: 'rename-cluster'; id: string; name: string; name_en?: string }
  | { type: 'set-cluster-year'; id: string; year: number | null }
  | { type: 'delete-cluster'; id: string }
  | { type: 'add-line'; layer: LineLayer; feature: LineFeature }
  | { type: 'replace-line'; id: string; feature: LineFeature }
  | { type: 'delete-line'; id: string }
  | { type: 'add-belt'; belt: Belt }
  | { type: 'accept-proposal'; proposal: ClusterProposal; year: number };

/** The `type`s of {@link PlanCommand}. */
export type PlanCommandType = PlanCommand['type'];

/**
 * Applies a command: the function of its `type` with its arguments.
 *
 * @param plan - a plan
 * @param command - {@link PlanCommand}
 * @returns the new plan (as the command's function returns it)
 * @example
 * ```ts
 * applyCommand(plan, { type: 'set-village-year', code: '110109108212', year: 2026 });
 * ```
 */
export function applyCommand(plan: Plan, command: PlanCommand): Plan {
  switch (command.type) {
    case 'set-village-role':
      return command.year === undefined ? setVillageRole(plan, command.code, command.role) : setVillageRole(plan, command.code, command.role, command.year);
    case 'set-village-year':
      return setVillageYear(plan, command.code, command.year);
    case 'set-village-position':
      return setVillagePosition(plan, command.code, command.coordinates);
    case 'add-villages':
      return addVillages(plan, command.features);
    case 'make-core':
      return makeCore(plan, command.clusterId, command.code);
    case 'add-members':
      return addMembers(plan, command.clusterId, command.codes);
    case 'remove-members':
      return removeMembers(plan, command.clusterId, command.codes);
    case 'create-cluster':
      return createCluster(plan, command.cluster);
    case 'rename-cluster':
      return renameCluster(plan, command.id, command.name_en === undefined ? { name: command.name } : { name: command.name, name_en: command.name_en });
    case 'set-cluster-year':
      return setClusterYear(plan, command.id, command.year);
    case 'delete-cluster':
      return deleteCluster(plan, command.id);
    case 'add-line':
      return addLine(plan, command.layer, command.feature);
    case 'replace-line':
      return replaceLine(plan, command.id, command.feature);
    case 'delete-line':
      return deleteLine(plan, command.id);
    case 'add-belt':
      return addBelt(plan, command.belt);
    case 'accept-proposal':
      return acceptProposal(plan, command.proposal, command.year);
    default:
      throw new TypeError(`applyCommand: unknown command type ${String((command satisfies never as { type?: unknown }).type)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function villageOf(plan: Plan, fn: string, code: string, name = 'code'): VillageFeature {
  if (typeof code !== 'string') throw new TypeError(`${fn}: ${name} must be a village code (a string), got ${typeof code}`);
  const village = lookup(plan).villageByCode.get(code);
  if (!village) throw new RangeError(`${fn}: ${name} ${code} is not a village of the plan`);
  return village;
}

function roleOf(plan: Plan, fn: string, role: string): Role {
  const r = lookup(plan).roleById.get(role);
  if (!r) throw new RangeError(`${fn}: role ${String(role)} is not a role of the plan (${plan.manifest.roles.map((x) => x.id).join(', ')})`);
  return r;
}

function roleOfKind(plan: Plan, fn: string, kind: RoleKind): Role {
  const r = lookup(plan).roleOfKind[kind];
  if (!r) throw new RangeError(`${fn}: the plan has no role of kind "${kind}"`);
  return r;
}

function clusterOf(plan: Plan, fn: string, id: string, name = 'id'): [number, Cluster] {
  const i = plan.clusters.findIndex((c) => c.id === id);
  if (i < 0) throw new RangeError(`${fn}: ${name} ${String(id)} is not a cluster of the plan`);
  return [i, plan.clusters[i]!];
}

function checkYear(fn: string, name: string, year: number | null): number | null {
  if (year === null) return null;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 2200)
    throw new RangeError(`${fn}: ${name} must be a whole number 1900–2200 or null, got ${String(year)}`);
  return year;
}

function checkText(fn: string, name: string, s: unknown): asserts s is string {
  if (typeof s !== 'string' || s.trim() === '') throw new TypeError(`${fn}: ${name} must be a non-empty string, got ${JSON.stringify(s) ?? String(s)}`);
}

function checkList(fn: string, name: string, list: unknown): asserts list is readonly string[] {
  if (!Array.isArray(list)) throw new TypeError(`${fn}: ${name} must be a list of village codes, got ${typeof list}`);
  list.forEach((x, k) => {
    if (typeof x !== 'string') throw new TypeError(`${fn}: ${name}[${k}] must be a village code (a string), got ${typeof x}`);
  });
  if (new Set(list).size !== list.length) duplicateAt(fn, name, list as string[]);
}

/** Village codes of the register, each once. */
function checkCodes(plan: Plan, fn: string, name: string, codes: readonly string[]): void {
  checkList(fn, name, codes);
  const { villageByCode } = lookup(plan);
  codes.forEach((code, k) => {
    if (!villageByCode.has(code)) throw new RangeError(`${fn}: ${name}[${k}] ${code} is not a village of the plan`);
  });
}

function duplicateAt(fn: string, name: string, list: readonly string[]): never {
  const k = list.findIndex((x, i) => list.indexOf(x) !== i);
  throw new RangeError(`${fn}: ${name}[${k}] ${list[k]} is listed twice`);
}

function shapeMessage(fn: string, name: string, issues: readonly v.BaseIssue<unknown>[]): string {
  return issueProblems(issues, `${fn}: ${name}`, (rest) => ({ rest }))
    .map((p) => p.message)
    .join('; ');
}

function withVillageProps(plan: Plan, village: VillageFeature, change: Partial<VillageProperties>): Plan {
  return withVillageChanges(plan, new Map([[village.properties.code, change]]));
}

/** The plan with the given property changes of villages (by code); unchanged when none changes anything. */
function withVillageChanges(plan: Plan, changes: ReadonlyMap<string, Partial<VillageProperties>>): Plan {
  let changed = false;
  const features = plan.villages.features.map((f) => {
    const change = changes.get(f.properties.code);
    if (!change || Object.entries(change).every(([k, x]) => f.properties[k as keyof VillageProperties] === x)) return f;
    changed = true;
    return { ...f, properties: { ...f.properties, ...change } };
  });
  return changed ? { ...plan, villages: { ...plan.villages, features } } : plan;
}

function withCluster(plan: Plan, i: number, cluster: Cluster): Plan {
  return { ...plan, clusters: plan.clusters.map((c, k) => (k === i ? cluster : c)) };
}

/** Belts mapped; the same array when no belt changed. */
function mapBelts(belts: Belt[], f: (b: Belt) => Belt): Belt[] {
  const out = belts.map(f);
  return out.every((b, k) => b === belts[k]) ? belts : out;
}

const inWgs84 = (p: unknown): boolean =>
  Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number' && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

/** A WGS84 `[longitude, latitude]` copy, or null. */
function checkPosition(fn: string, name: string, p: unknown): [number, number] | null {
  if (p === null) return null;
  if (!Array.isArray(p) || p.length !== 2 || !p.every((x) => typeof x === 'number' && Number.isFinite(x)))
    throw new TypeError(`${fn}: ${name} must be [longitude, latitude] (two finite numbers) or null, got ${JSON.stringify(p) ?? String(p)}`);
  if (!inWgs84(p)) throw new RangeError(`${fn}: ${name} ${JSON.stringify(p)} are outside WGS84 ranges (longitude −180 … 180, latitude −90 … 90)`);
  return [p[0] as number, p[1] as number];
}

/** A copy of a village feature as the loader would keep it, or the error the loader would report. */
function checkVillage(plan: Plan, fn: string, name: string, feature: VillageFeature): VillageFeature {
  if (typeof feature !== 'object' || feature === null) throw new TypeError(`${fn}: ${name} must be a GeoJSON Feature, got ${String(feature)}`);
  const gjv = GJV.isFeature(feature, true);
  if (gjv.length > 0) throw new TypeError(`${fn}: ${name} is not a valid GeoJSON Feature (RFC 7946): ${gjv.join('; ')}`);
  const g = feature.geometry as { type: string; coordinates: unknown } | null;
  if (g !== null && g.type !== 'Point') throw new TypeError(`${fn}: ${name}.geometry must be a Point or null, got ${String(g.type)}`);
  if (g !== null && !inWgs84(g.coordinates)) throw new RangeError(`${fn}: ${name}.geometry has coordinates ${JSON.stringify(g.coordinates)} outside WGS84 ranges`);
  const parsed = v.safeParse(VillagePropertiesSchema, structuredClone(feature.properties), { abortPipeEarly: false });
  if (!parsed.success) throw new TypeError(shapeMessage(fn, `${name}.properties`, parsed.issues));
  const p = parsed.output as VillageProperties;
  if (p.short_name === undefined) p.short_name = p.name;
  const r = roleOf(plan, fn, p.role);
  if (r.kind === 'none' && p.year !== null)
    throw new RangeError(`${fn}: ${name}.properties.year must be null for role "${r.id}" (of kind none), got ${String(p.year)}`);
  return { ...feature, geometry: structuredClone(feature.geometry), properties: p };
}

/** A copy of a line feature as the loader would keep it, or the error the loader would report. */
function checkLine(plan: Plan, fn: string, feature: LineFeature): LineFeature {
  const gjv = GJV.isFeature(feature, true);
  if (gjv.length > 0) throw new TypeError(`${fn}: feature is not a valid GeoJSON Feature (RFC 7946): ${gjv.join('; ')}`);
  const g = feature.geometry as { type: string; coordinates: unknown } | null;
  if (g?.type !== 'LineString' && g?.type !== 'MultiLineString')
    throw new TypeError(`${fn}: feature.geometry must be a LineString or MultiLineString, got ${g?.type ?? 'null'}`);
  const positions = (g.type === 'LineString' ? [g.coordinates] : (g.coordinates as unknown[])).flat() as unknown[];
  const bad = positions.find((p) => !inWgs84(p));
  if (bad) throw new RangeError(`${fn}: feature.geometry has coordinates ${JSON.stringify(bad)} outside WGS84 ranges`);
  const parsed = v.safeParse(LinePropertiesSchema, structuredClone(feature.properties), { abortPipeEarly: false });
  if (!parsed.success) throw new TypeError(shapeMessage(fn, 'feature.properties', parsed.issues));
  const p = parsed.output;
  const located = new Map<string, number[]>();
  for (const f of [...plan.villages.features, ...plan.townSeats.features]) if (f.geometry) located.set(f.properties.code, f.geometry.coordinates);
  p.via.forEach((place, i) => {
    const at = located.get(place.code);
    if (!at) throw new RangeError(`${fn}: feature.properties.via[${i}] (${place.name}): code ${place.code} is not a located village or town seat of the plan`);
    if (at[0] !== place.coordinates[0] || at[1] !== place.coordinates[1])
      throw new RangeError(`${fn}: feature.properties.via[${i}] (${place.name}): coordinates ${JSON.stringify(place.coordinates)} differ from ${place.code}'s ${JSON.stringify(at)}`);
  });
  if (p.geometry_source === 'schematic') {
    if (p.via.length < 2) throw new RangeError(`${fn}: feature is schematic but has fewer than 2 via places`);
    if (p.citations.length === 0) throw new RangeError(`${fn}: feature is schematic but cites no source for its route`);
    const verts = g.type === 'LineString' ? (g.coordinates as number[][]) : null;
    if (!verts || verts.length !== p.via.length || verts.some((q, i) => q[0] !== p.via[i]!.coordinates[0] || q[1] !== p.via[i]!.coordinates[1]))
      throw new RangeError(`${fn}: feature is schematic, so its geometry must be one LineString whose vertices are its via coordinates in order`);
  }
  return { ...feature, geometry: structuredClone(feature.geometry), properties: p as LineFeature['properties'] };
}
