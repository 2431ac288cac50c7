/**
 * What a reader found in an imported file: rows or features in the file's own coordinates, and what
 * was detected on the way (format, text encoding, delimiter, sheets, the `.prj` text). Readers never
 * convert coordinates — src/io/crs.ts does, from what they report here.
 */
import type { Feature } from 'geojson';

/** One data row of a table: `row` is its 1-based line (CSV) or row (XLSX) number in the file, the header being 1. */
export interface TableRow {
  row: number;
  values: Record<string, string>;
}

export type TextEncoding = 'UTF-8' | 'UTF-8 (BOM)' | 'GB18030' | 'UTF-16LE' | 'UTF-16BE';

/** Bytes of a text file valid in no encoding tried, each read as U+FFFD (�): how many, and the 1-based line of the first. */
export interface Undecodable {
  count: number;
  line: number;
}

export interface TableRead {
  kind: 'table';
  format: 'csv' | 'xlsx';
  /** CSV/TXT only. */
  encoding?: TextEncoding;
  /** CSV/TXT only. */
  delimiter?: ',' | '\t' | ';';
  /** CSV/TXT: bytes that could not be decoded (the import warns). */
  undecodable?: Undecodable;
  /** XLSX: the sheets that hold data, given when there are several and none was chosen (the UI asks; `sheet` is the one read meanwhile). */
  sheets?: string[];
  /** XLSX: the sheet read. */
  sheet?: string;
  /** Header cells, trimmed; an empty header cell is named `column N`, a repeated one gets ` (2)`, ` (3)`… */
  columns: string[];
  rows: TableRow[];
}

export type FeatureProperties = Record<string, string | number>;

export interface FeaturesRead {
  kind: 'features';
  format: 'geojson' | 'kml' | 'kmz' | 'gpx' | 'shapefile';
  /** Text encoding of the file (KML/GPX/GeoJSON) or of the DBF attributes (Shapefile). */
  encoding?: string;
  /** Shapefile: where the DBF encoding came from — the `.cpg`, the DBF header's language driver byte, or a guess from the bytes. */
  encodingSource?: 'cpg' | 'ldid' | 'guess';
  /** Shapefile: the `.prj` text, verbatim (absent when the archive has none). */
  prj?: string;
  /**
   * What the file says its coordinates are, when it says anything: 'WGS84' for KML, GPX and GeoJSON
   * (their specs), or the name in an old-style GeoJSON `crs` member (e.g. 'EPSG:4547'). Absent for Shapefiles: see `prj`.
   */
  crs?: string;
  /** Shapefile: the layers (.shp) in the archive when there are several; `layer` is the one read. */
  layers?: string[];
  layer?: string;
  /** KML/GPX/GeoJSON: bytes that could not be decoded (the import warns). */
  undecodable?: Undecodable;
  /** Property keys JavaScript reserves (`__proto__`, `constructor`, `prototype`) that were left out of the features' properties. */
  reservedKeys?: string[];
  features: Feature[];
}

export interface PackageRead {
  kind: 'package';
  /** Every file of the archive, by its path (relative to the folder holding plan.json). */
  files: Record<string, Uint8Array>;
}

export type ImportRead = TableRead | FeaturesRead | PackageRead;

/** Parses XML text into a DOM Document (in a browser: `(t) => new DOMParser().parseFromString(t, 'application/xml')`). */
export type ParseXml = (text: string) => Document;

export interface ReadOptions {
  /** XLSX: the sheet to read. */
  sheet?: string;
  /** Shapefile zip with several layers: the one to read (its name without `.shp`). */
  layer?: string;
  /** XML parser for KML/KMZ/GPX; default: the platform's DOMParser, else the built-in one (Node, workers). */
  parseXml?: ParseXml;
}

/** An import file could not be read: `message` in English, `zh` in Chinese, both naming the file. */
export class ImportReadError extends Error {
  override name = 'ImportReadError';
  readonly zh: string;
  readonly file: string;
  constructor(file: string, en: string, zh: string) {
    super(`${file}: ${en}`);
    this.file = file;
    this.zh = `${file}：${zh}`;
  }
}

/** The file's extension, lower case, without the dot ('' when none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
