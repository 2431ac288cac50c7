/**
 * The plan package: the plain files a planner can read and edit (see data/README.md).
 *
 * A package is a manifest (`plan.json`, {@link PlanManifest}) plus GeoJSON files it names.
 * Coordinates are WGS84 longitude/latitude (RFC 7946).
 */
import type {
  Feature,
  FeatureCollection,
  LineString,
  MultiLineString,
  MultiPolygon,
  Point,
  Polygon,
} from 'geojson';

/** The format tag every manifest carries; bump it when the package shape changes incompatibly. */
export const PLAN_FORMAT = 'belt-map-plan/1';

/** A text in both UI languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Where a feature or its position comes from, and how good it is. Every feature has both. */
export interface Sourced {
  /** Who published the data, e.g. "Vonng/adcode 2016 (AMap GCJ-02 → WGS84)". */
  source: string;
  /** How far the geometry may be off, in words a person reads, e.g. "geocode, ±100 m–1 km, unverified". */
  accuracy: string;
}

/** A village's part in the plan (DESIGN.md § Data model). */
export type VillageRole = 'demonstration' | 'upgrade' | 'poetic' | 'other';

/** `村委会` (administrative village) or `居委会` (urban/resident community). */
export type VillageKind = '村委会' | '居委会';

export interface VillageProperties extends Sourced {
  /** 12-digit NBS statistical code (统计用区划代码, 2023). Unique in the package. */
  code: string;
  /** Official name with suffix, e.g. "琉璃渠村委会". */
  name: string;
  /** Everyday name, e.g. "琉璃渠村". */
  short_name: string;
  /** Romanised name (machine pinyin, for `lang="en"`). */
  name_en: string;
  kind: VillageKind;
  town: string;
  town_code: string;
  district: string;
  district_code: string;
  /** True when the feature has a Point geometry; false for register-only entries (geometry null). */
  located: boolean;
  role: VillageRole;
  /** Batch year of selection (2024–2027) for demonstration/upgrade/poetic villages, else null. */
  year: number | null;
  /** Id of the cluster the village belongs to, or null. */
  cluster: string | null;
}

/**
 * A village of the register. Unlocated entries keep `geometry: null` (allowed by RFC 7946 §3.2)
 * and are listed, never placed.
 */
export type VillageFeature = Feature<Point | null, VillageProperties>;

/** One place a schematic line is linked through, in route order. */
export interface ViaPlace {
  /** Name as the cited source gives it. */
  name: string;
  /** Code of the located village or town seat in this package that stands for the place. */
  code: string;
  /** The position used (copied from that village / town seat). */
  coordinates: [number, number];
}

/** A public page that says which places a route passes. */
export interface Citation {
  title: string;
  url: string;
  /** The words of the page that support the via list (in the page's language). */
  quote: string;
}

export type LineKind = 'road' | 'river' | 'culture-belt';

export interface LineProperties extends Sourced {
  /** Stable id, e.g. "g109", "yongding", "great-wall", "tanghe". */
  id: string;
  kind: LineKind;
  name: string;
  name_en: string;
  district: string;
  /** `surveyed`: drawn from measured geometry; `schematic`: straight links between `via` places. */
  geometry_source: 'surveyed' | 'schematic';
  /** Ordered places the line is linked through (schematic lines); empty for surveyed ones. */
  via: ViaPlace[];
  /** Public sources for the route (schematic) or the geometry (surveyed). */
  citations: Citation[];
}

export type LineFeature = Feature<LineString | MultiLineString, LineProperties>;

export interface DistrictProperties extends Sourced {
  adcode: string;
  name: string;
  name_en: string;
  /** Huairou and Mentougou, the plan's districts. */
  focus: boolean;
}
export type DistrictFeature = Feature<Polygon | MultiPolygon, DistrictProperties>;

export interface TownSeatProperties extends Sourced {
  code: string;
  name: string;
  name_en: string;
  district: string;
  district_code: string;
}
export type TownSeatFeature = Feature<Point, TownSeatProperties>;

export interface WaterProperties extends Sourced {
  kind: 'river' | 'lake';
  name: string;
  name_en: string;
}
export type WaterFeature = Feature<LineString | MultiLineString | Polygon | MultiPolygon, WaterProperties>;

/** A demonstration cluster (示范片区): a demonstration village and its 4–5 upgrade villages. */
export interface Cluster {
  id: string;
  name: string;
  name_en: string;
  district: string;
  town: string;
  /** Code of the demonstration village at its core. */
  core: string;
  /** Codes of the upgrade villages. */
  members: string[];
  /** Year the cluster is pushed (2024–2027). */
  year: number;
  /** Why this core and these members (for a sample or proposed cluster). */
  reason?: string;
}

/** A demonstration belt (示范带): clusters strung along corridors and culture belts. */
export interface Belt {
  id: string;
  name: string;
  name_en: string;
  district: string;
  /** Cluster ids, in the order the belt links them. */
  clusters: string[];
  /** Ids of the corridors / culture belts it runs along. */
  along: string[];
}

/** What a target counts. */
export type TargetMetric =
  | 'clusters'
  | 'demonstration-villages'
  | 'poetic-villages'
  | 'poetic-villages-per-year'
  | 'clusters-per-year'
  | 'upgrade-villages-per-cluster';

/** A number the plan commits to, e.g. ≥14 clusters in Huairou by 2027. */
export interface Target {
  id: string;
  district: string;
  metric: TargetMetric;
  /** Inclusive lower bound, or null. */
  min: number | null;
  /** Inclusive upper bound, or null. */
  max: number | null;
  /** Year by which (or, for per-year metrics, in which each year) the target applies; null: always. */
  year: number | null;
  label: Bilingual;
  /** Seed file and the sentence the target is taken from. */
  source: string;
}

export interface Attribution {
  /** What the data is, e.g. "District boundaries". */
  what: Bilingual;
  /** Attribution line as the licence asks for it. */
  text: string;
  licence: string;
  url?: string;
}

/** The manifest, `plan.json`. File paths are relative to the manifest's URL. */
export interface PlanManifest {
  format: typeof PLAN_FORMAT;
  name: Bilingual;
  /** True for a sample scenario: the UI then says it is not the official plan. */
  sample: boolean;
  notice: Bilingual;
  /** Named view extents, [west, south, east, north]. `plan` is the default view. */
  views: Record<'plan' | 'beijing' | 'huairou' | 'mentougou', [number, number, number, number]>;
  files: {
    districts: string;
    townSeats: string;
    villages: string;
    corridors: string;
    cultureBelts: string;
    water: string;
  };
  clusters: Cluster[];
  belts: Belt[];
  targets: Target[];
  attribution: Attribution[];
}

/** A loaded, validated plan package (`<belt-map>.plan`). */
export interface Plan {
  manifest: PlanManifest;
  districts: FeatureCollection<Polygon | MultiPolygon, DistrictProperties>;
  townSeats: FeatureCollection<Point, TownSeatProperties>;
  /** The whole register, located and unlocated. */
  villages: FeatureCollection<Point | null, VillageProperties>;
  corridors: FeatureCollection<LineString | MultiLineString, LineProperties>;
  cultureBelts: FeatureCollection<LineString | MultiLineString, LineProperties>;
  water: FeatureCollection<LineString | MultiLineString | Polygon | MultiPolygon, WaterProperties>;
  clusters: Cluster[];
  belts: Belt[];
  targets: Target[];
}
