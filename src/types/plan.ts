/**
 * The plan package format, `belt-map-plan/2`: one runtime schema (valibot) from which every type of
 * the package is inferred. A package is a manifest (`plan.json`) plus the GeoJSON files it names;
 * data/README.md § "The plan format" describes it for people.
 *
 * Each schema's message is a key of {@link EXPECTED}, so a problem can be told in either UI language
 * (see ./problems.ts). Geometry is checked separately, with geojson-validation (./validate.ts).
 */
import * as v from 'valibot';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';

/** The format tag of this version. */
export const PLAN_FORMAT = 'belt-map-plan/2';
/** The first format: still loaded, migrated on the way in (./migrate.ts). */
export const PLAN_FORMAT_V1 = 'belt-map-plan/1';

/** What a value was expected to be, in both languages; the schemas' messages are its keys. */
export const EXPECTED = {
  object: { en: 'an object', zh: '对象' },
  list: { en: 'a list', zh: '列表' },
  string: { en: 'a string', zh: '字符串' },
  text: { en: 'a non-empty string', zh: '非空文本' },
  id: { en: 'an id of lower-case letters, digits and hyphens', zh: '由小写字母、数字和连字符组成的标识' },
  number: { en: 'a number', zh: '数值' },
  integer: { en: 'a whole number', zh: '整数' },
  year: { en: 'a year (a whole number, 1900–2200)', zh: '年份（1900–2200 的整数）' },
  boolean: { en: 'true or false', zh: 'true 或 false' },
  bilingual: { en: 'an object { zh, en } of strings', zh: '包含 zh、en 两个字符串的对象' },
  bounds: { en: '[west, south, east, north] in degrees, west < east, south < north', zh: '[西, 南, 东, 北]（度），西 < 东，南 < 北' },
  position: { en: '[longitude, latitude]', zh: '[经度, 纬度]' },
  colour: { en: 'a CSS colour (#rgb, #rrggbb, rgb(), hsl() or a name)', zh: 'CSS 颜色（#rgb、#rrggbb、rgb()、hsl() 或颜色名）' },
  roleKind: { en: 'one of "core", "member", "selected", "none"', zh: '"core"、"member"、"selected"、"none" 之一' },
  villageKind: { en: 'one of "村委会", "居委会"', zh: '"村委会" 或 "居委会"' },
  lineKind: { en: 'one of "road", "river", "culture-belt"', zh: '"road"、"river"、"culture-belt" 之一' },
  geometrySource: { en: 'one of "surveyed", "schematic", "drawn"', zh: '"surveyed"、"schematic" 或 "drawn"' },
  waterKind: { en: 'one of "river", "lake"', zh: '"river" 或 "lake"' },
  count: { en: 'one of "clusters", "villages", "reported"', zh: '"clusters"、"villages"、"reported" 之一' },
  per: { en: 'one of "plan", "year"', zh: '"plan" 或 "year"' },
  rule: { en: 'one of "cluster-size", "member-distance", "core-per-town"', zh: '"cluster-size"、"member-distance"、"core-per-town" 之一' },
  format: { en: `"${PLAN_FORMAT}" (or "${PLAN_FORMAT_V1}")`, zh: `"${PLAN_FORMAT}"（或 "${PLAN_FORMAT_V1}"）` },
  path: { en: 'a file path relative to plan.json', zh: '相对于 plan.json 的文件路径' },
  nonEmptyList: { en: 'a list with at least one entry', zh: '至少含一项的列表' },
  featureCollection: { en: 'a GeoJSON FeatureCollection', zh: 'GeoJSON FeatureCollection' },
} as const satisfies Record<string, { en: string; zh: string }>;
export type ExpectedKey = keyof typeof EXPECTED;

// ---------------------------------------------------------------------------------------------
// Building blocks

const str = v.string('string');
const text = v.pipe(v.string('text'), v.check((s) => s.trim() !== '', 'text'));
const id = v.pipe(v.string('id'), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'id'));
const num = v.pipe(v.number('number'), v.finite('number'));
const int = v.pipe(v.number('integer'), v.integer('integer'));
const year = v.pipe(v.number('year'), v.integer('year'), v.minValue(1900, 'year'), v.maxValue(2200, 'year'));

export const BilingualSchema = v.object({ zh: v.string('bilingual'), en: v.string('bilingual') }, 'bilingual');
export type Bilingual = v.InferOutput<typeof BilingualSchema>;

export type Bounds = [west: number, south: number, east: number, north: number];
export const BoundsSchema = v.pipe(
  v.tuple([num, num, num, num], 'bounds'),
  v.check(([w, s, e, n]) => w >= -180 && e <= 180 && s >= -90 && n <= 90 && w < e && s < n, 'bounds'),
  v.transform((b): Bounds => [b[0], b[1], b[2], b[3]]),
);

/** Colours a painter can parse (src/state/colour.ts); checked loosely here, exactly there. */
const colour = v.pipe(v.string('colour'), v.regex(/^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla)\([^()]*\)|[a-z]+)$/i, 'colour'));

/**
 * Where a feature or its position comes from, and how good it is. Every feature has both, in English;
 * `source_zh` / `accuracy_zh` say the same in Chinese (optional: a package without them stays valid, and
 * its English text is shown as the original in a Chinese interface).
 */
const sourced = { source: text, source_zh: v.optional(str), accuracy: text, accuracy_zh: v.optional(str) };

// ---------------------------------------------------------------------------------------------
// The manifest's parts

/** A named extent; the first view of a plan is its default. */
export const ViewSchema = v.object({ id, label: BilingualSchema, bounds: BoundsSchema }, 'object');
export type View = v.InferOutput<typeof ViewSchema>;

/**
 * What part a role plays in the plan's method: `core` the demonstration village at a cluster's core,
 * `member` an upgrade village of a cluster, `selected` a village the plan selects outside clusters
 * (Mentougou's 诗画乡村, Zhejiang's 未来乡村 …), `none` the register's other villages.
 */
export const ROLE_KINDS = ['core', 'member', 'selected', 'none'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

/** A role of the plan's own vocabulary. A plan has exactly one role of kind `none`, at most one `core` and one `member`. */
export const RoleSchema = v.object(
  {
    id,
    kind: v.picklist(ROLE_KINDS, 'roleKind'),
    label: BilingualSchema,
    /** Map colour; `--belt-color-role-<id>` overrides it. Default: a colour of the theme for the kind. */
    color: v.optional(colour),
    /** The seed sentence the role comes from. */
    source: v.optional(str),
  },
  'object',
);
export type Role = v.InferOutput<typeof RoleSchema>;

/**
 * A rule of the plan that the rule check applies (src/plan/checkPlan.ts). `district` limits it to one
 * district (by code); absent, it applies to the whole plan. Every rule cites where it comes from.
 */
export const RuleSchema = v.variant(
  'rule',
  [
    v.object({
      rule: v.literal('cluster-size', 'rule'),
      /** Member villages per cluster (the core not counted), inclusive. */
      min: v.nullable(int),
      max: v.nullable(int),
      district: v.optional(v.nullable(text), null),
      source: text,
    }),
    v.object({
      rule: v.literal('member-distance', 'rule'),
      /** Farthest a member may lie from its core, great-circle km. */
      maxKm: v.pipe(num, v.minValue(0, 'number')),
      district: v.optional(v.nullable(text), null),
      source: text,
    }),
    v.object({
      rule: v.literal('core-per-town', 'rule'),
      /** Villages of the core role each town with a 村委会 must have. */
      min: int,
      district: v.optional(v.nullable(text), null),
      source: text,
    }),
  ],
  'rule',
);
export type Rule = v.InferOutput<typeof RuleSchema>;

/**
 * A number the plan commits to. `count`: what is counted (clusters, villages of `roles`, or a figure
 * the map cannot count and the package `reported`); `per`: by `year` (cumulative), or in each year.
 */
export const TargetSchema = v.object(
  {
    id,
    /** District code the target is about; null: the whole plan. */
    district: v.optional(v.nullable(text), null),
    count: v.picklist(['clusters', 'villages', 'reported'], 'count'),
    /** Role ids counted (villages only). */
    roles: v.optional(v.array(id, 'list'), []),
    per: v.optional(v.picklist(['plan', 'year'], 'per'), 'plan'),
    min: v.nullable(num),
    max: v.nullable(num),
    /** Cumulative: the year by which; per year: the one year it applies to (null: every plan year). */
    year: v.nullable(year),
    label: BilingualSchema,
    /** Seed file and the sentence the target is taken from: `seeds/FILE: “…”`. */
    source: text,
    /** For `reported` targets: the figures as reported, by year. */
    reported: v.optional(v.array(v.object({ year, value: num }, 'object'), 'list'), []),
  },
  'object',
);
export type Target = v.InferOutput<typeof TargetSchema>;

/** A demonstration cluster (示范片区): a core village and its member villages. Membership is stored here only. */
export const ClusterSchema = v.object(
  {
    id: text,
    name: text,
    name_en: v.optional(str, ''),
    /** Code of the village at its core; null while the planner has not chosen one. */
    core: v.nullable(text),
    /** Codes of the member villages. */
    members: v.array(text, 'list'),
    /** Year the cluster is pushed. */
    year: v.nullable(year),
    /** Why this core and these members (for a sample or proposed cluster). */
    reason: v.optional(str),
    /** `reason` in Chinese (optional, like `source_zh`). */
    reason_zh: v.optional(str),
  },
  'object',
);
export type Cluster = v.InferOutput<typeof ClusterSchema>;

/** A demonstration belt (示范带): clusters strung along corridors and culture belts. */
export const BeltSchema = v.object(
  {
    id: text,
    name: text,
    name_en: v.optional(str, ''),
    /** Cluster ids, in the order the belt links them. */
    clusters: v.array(text, 'list'),
    /** Ids of the corridors / culture belts it runs along. */
    along: v.array(text, 'list'),
  },
  'object',
);
export type Belt = v.InferOutput<typeof BeltSchema>;

/** A package's style for one line: its colour, and optionally a casing drawn under it (e.g. an expressway's dark edge). */
export const LineStyleSchema = v.object({ color: colour, casing: v.optional(colour) }, 'object');
export type LineStyle = v.InferOutput<typeof LineStyleSchema>;

export const AttributionSchema = v.object(
  { what: BilingualSchema, text, licence: text, url: v.optional(str) },
  'object',
);
export type Attribution = v.InferOutput<typeof AttributionSchema>;

/** The GeoJSON files a package may have, by manifest key. Only `villages` is required. */
export const PLAN_FILE_KEYS = ['districts', 'townSeats', 'villages', 'corridors', 'cultureBelts', 'water'] as const;
export type PlanFileKey = (typeof PLAN_FILE_KEYS)[number];

const path = v.pipe(v.string('path'), v.check((s) => s.trim() !== '', 'path'));
export const FilesSchema = v.object(
  {
    villages: path,
    districts: v.optional(path),
    townSeats: v.optional(path),
    corridors: v.optional(path),
    cultureBelts: v.optional(path),
    water: v.optional(path),
  },
  'object',
);
export type PlanFiles = v.InferOutput<typeof FilesSchema>;

/** `plan.json`. File paths are relative to it. */
export const ManifestSchema = v.object(
  {
    format: v.literal(PLAN_FORMAT, 'format'),
    name: BilingualSchema,
    /** True for a sample scenario: the UI then says it is not the official plan. */
    sample: v.boolean('boolean'),
    notice: v.optional(BilingualSchema, { zh: '', en: '' }),
    /** Named extents; the first is the default view. */
    views: v.pipe(v.array(ViewSchema, 'list'), v.minLength(1, 'nonEmptyList')),
    /** Codes of the districts the plan is about (drawn as plan districts; the legend names them). */
    focusDistricts: v.optional(v.array(text, 'list'), []),
    /** Extent of the print inset that locates a printed sheet; default: the districts file's extent. */
    inset: v.optional(v.object({ bounds: BoundsSchema }, 'object')),
    /** The planning years, e.g. [2024, 2025, 2026, 2027]: the statistics' "as of" list and per-year series. */
    years: v.pipe(v.array(year, 'list'), v.minLength(1, 'nonEmptyList')),
    roles: v.pipe(v.array(RoleSchema, 'list'), v.minLength(1, 'nonEmptyList')),
    rules: v.optional(v.array(RuleSchema, 'list'), []),
    targets: v.optional(v.array(TargetSchema, 'list'), []),
    /** Styles of lines by line id (`--belt-color-line-<id>` overrides the colour). */
    lineStyles: v.optional(v.record(v.string(), LineStyleSchema, 'object'), {}),
    files: FilesSchema,
    clusters: v.optional(v.array(ClusterSchema, 'list'), []),
    belts: v.optional(v.array(BeltSchema, 'list'), []),
    attribution: v.pipe(v.array(AttributionSchema, 'list'), v.minLength(1, 'nonEmptyList')),
  },
  'object',
);
export type PlanManifest = v.InferOutput<typeof ManifestSchema>;

// ---------------------------------------------------------------------------------------------
// Feature properties, one schema per file. Extra properties a planner keeps are kept (looseObject).

export const VillagePropertiesSchema = v.looseObject(
  {
    /** Code of the register entry (in China the 12-digit NBS 统计用区划代码). Unique in the package. */
    code: text,
    /** Official name with suffix, e.g. "琉璃渠村委会". */
    name: text,
    /** Everyday name, e.g. "琉璃渠村"; default: `name`. */
    short_name: v.optional(str),
    /** Romanised name (for `lang="en"`). */
    name_en: v.optional(str, ''),
    /** `村委会` (administrative village) or `居委会` (urban/resident community); absent when not known. */
    kind: v.optional(v.picklist(['村委会', '居委会'], 'villageKind')),
    town: v.optional(str, ''),
    /** Romanised town name (for `lang="en"`); absent: the town seat's `name_en`, else the Chinese name. */
    town_en: v.optional(str),
    town_code: v.optional(str, ''),
    district: v.optional(str, ''),
    district_code: v.optional(str, ''),
    /** A role id of the manifest's `roles`. */
    role: text,
    /** Batch year of selection; null when not selected. */
    year: v.optional(v.nullable(year), null),
    ...sourced,
  },
  'object',
);
export type VillageProperties = v.InferOutput<typeof VillagePropertiesSchema> & { short_name: string };

export const TownSeatPropertiesSchema = v.looseObject(
  { code: text, name: text, name_en: v.optional(str, ''), district: v.optional(str, ''), district_code: v.optional(str, ''), ...sourced },
  'object',
);
export type TownSeatProperties = v.InferOutput<typeof TownSeatPropertiesSchema>;

export const DistrictPropertiesSchema = v.looseObject({ adcode: text, name: text, name_en: v.optional(str, ''), ...sourced }, 'object');
export type DistrictProperties = v.InferOutput<typeof DistrictPropertiesSchema>;

export const ViaPlaceSchema = v.object(
  {
    /** Name as the cited source gives it. */
    name: str,
    /** Code of the located village or town seat of this package that stands for the place. */
    code: text,
    /** Its position, copied from that village / town seat. */
    coordinates: v.pipe(v.tuple([num, num], 'position'), v.transform((p): [number, number] => [p[0], p[1]])),
  },
  'object',
);
export type ViaPlace = v.InferOutput<typeof ViaPlaceSchema>;

export const CitationSchema = v.object({ title: str, url: str, quote: str }, 'object');
export type Citation = v.InferOutput<typeof CitationSchema>;

export const LINE_KINDS = ['road', 'river', 'culture-belt'] as const;

/** Where a line's geometry comes from (see {@link LinePropertiesSchema}'s `geometry_source`). */
export const GEOMETRY_SOURCES = ['surveyed', 'schematic', 'drawn'] as const;
export type GeometrySource = (typeof GEOMETRY_SOURCES)[number];
export type LineKind = (typeof LINE_KINDS)[number];

export const LinePropertiesSchema = v.looseObject(
  {
    /** Stable id, unique among the package's lines. */
    id: text,
    kind: v.picklist(LINE_KINDS, 'lineKind'),
    name: text,
    name_en: v.optional(str, ''),
    district: v.optional(str, ''),
    /**
     * `surveyed`: measured geometry; `schematic`: straight links between the `via` places a cited source
     * names; `drawn`: drawn by hand on the map by a planner (neither measured nor cited: as good as the drawing).
     */
    geometry_source: v.picklist(GEOMETRY_SOURCES, 'geometrySource'),
    /** Ordered places a schematic line is linked through; empty for surveyed ones. */
    via: v.optional(v.array(ViaPlaceSchema, 'list'), []),
    /** Public sources for the route (schematic) or the geometry (surveyed). */
    citations: v.optional(v.array(CitationSchema, 'list'), []),
    ...sourced,
  },
  'object',
);
export type LineProperties = v.InferOutput<typeof LinePropertiesSchema>;

export const WaterPropertiesSchema = v.looseObject(
  { kind: v.picklist(['river', 'lake'], 'waterKind'), name: v.optional(str, ''), name_en: v.optional(str, ''), ...sourced },
  'object',
);
export type WaterProperties = v.InferOutput<typeof WaterPropertiesSchema>;

// ---------------------------------------------------------------------------------------------
// Features and the loaded plan

/** A village of the register. Unlocated entries keep `geometry: null` (RFC 7946 §3.2): listed, never placed. */
export type VillageFeature = Feature<Point | null, VillageProperties>;
export type LineFeature = Feature<LineString | MultiLineString, LineProperties>;
export type DistrictFeature = Feature<Polygon | MultiPolygon, DistrictProperties>;
export type TownSeatFeature = Feature<Point, TownSeatProperties>;
export type WaterFeature = Feature<LineString | MultiLineString | Polygon | MultiPolygon, WaterProperties>;

/** What a file key holds once loaded. */
export interface PlanCollections {
  districts: FeatureCollection<Polygon | MultiPolygon, DistrictProperties>;
  townSeats: FeatureCollection<Point, TownSeatProperties>;
  /** The whole register, located and unlocated. */
  villages: FeatureCollection<Point | null, VillageProperties>;
  corridors: FeatureCollection<LineString | MultiLineString, LineProperties>;
  cultureBelts: FeatureCollection<LineString | MultiLineString, LineProperties>;
  water: FeatureCollection<LineString | MultiLineString | Polygon | MultiPolygon, WaterProperties>;
}

/** The manifest's description of the plan, without the parts that {@link Plan} holds at its top. */
export type PlanMeta = Omit<PlanManifest, 'clusters' | 'belts' | 'targets'>;

/**
 * A loaded, validated plan package (`<belt-map>.plan`), normalised: defaults filled in, a file the
 * package does not have is an empty collection (and absent from `manifest.files`). Treat it as
 * immutable: edits make a new Plan (src/plan/commands.ts).
 */
export interface Plan extends PlanCollections {
  manifest: PlanMeta;
  clusters: Cluster[];
  belts: Belt[];
  targets: Target[];
}
