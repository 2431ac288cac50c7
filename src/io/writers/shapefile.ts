/**
 * One Shapefile layer's files (.shp, .shx, .dbf, .prj, .cpg) from GeoJSON geometries already in the
 * layer's coordinate system.
 *
 * The geometry records are written by @mapbox/shp-write's low-level `write` (correct for points, and
 * for lines and polygons given one record's parts at a time). What it cannot do is added here:
 * - one record per feature: its `zip()` joins all the LineStrings of a collection into ONE record
 *   (while the DBF gets a row per feature), and writes LineString and MultiLineString layers (Polygon
 *   and MultiPolygon too) to the same file name, so one overwrites the other;
 * - ring order: the Shapefile spec wants outer rings clockwise and holes counter-clockwise (GeoJSON's
 *   are the other way round); shp-write writes rings as given;
 * - attributes in UTF-8 with a `.cpg` (./dbf.ts): its DBF writer stores the low byte of each UTF-16
 *   code unit, which turns Chinese into garbage, and writes no `.cpg`;
 * - a `.prj` per layer, chosen by the caller.
 *
 * @module
 */
import write from '@mapbox/shp-write/src/write.js';
import type { Geometry, Position } from 'geojson';
import { writeDbf, type DbfFieldSpec, type DbfValue } from './dbf.js';

export type ShapeType = 'POINT' | 'POLYLINE' | 'POLYGON';

export interface ShapefileLayer {
  /** File stem (ASCII), e.g. `villages` → villages.shp, villages.dbf, … */
  name: string;
  type: ShapeType;
  /** One per record: Point for POINT, (Multi)LineString for POLYLINE, (Multi)Polygon for POLYGON. */
  geometries: Geometry[];
  fields: DbfFieldSpec[];
  /** One per record, values by field name. */
  records: Record<string, DbfValue>[];
}

/** Twice the signed area of a ring (positive: counter-clockwise, with y up). */
function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return s;
}

/** A ring turned to the orientation wanted (`cw` clockwise), as [x, y] pairs. */
function oriented(ring: Position[], cw: boolean): number[][] {
  const xy = ring.map((p) => [p[0]!, p[1]!]);
  return signedArea(ring) < 0 === cw ? xy : xy.reverse();
}

/** The parts of one record, as shp-write's `write` takes them. */
function parts(type: ShapeType, g: Geometry): unknown {
  switch (g.type) {
    case 'Point':
      if (type === 'POINT') return [g.coordinates[0], g.coordinates[1]];
      break;
    case 'LineString':
      if (type === 'POLYLINE') return [g.coordinates.map((p) => [p[0], p[1]])];
      break;
    case 'MultiLineString':
      if (type === 'POLYLINE') return g.coordinates.map((l) => l.map((p) => [p[0], p[1]]));
      break;
    case 'Polygon':
      if (type === 'POLYGON') return g.coordinates.map((r, i) => oriented(r, i === 0));
      break;
    case 'MultiPolygon':
      if (type === 'POLYGON') return g.coordinates.flatMap((poly) => poly.map((r, i) => oriented(r, i === 0)));
      break;
    default:
      break;
  }
  throw new Error(`shapefileFiles: a ${g.type} cannot be a record of a ${type} layer`);
}

const bytesOf = (v: DataView): Uint8Array => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

/**
 * The files of one layer.
 *
 * @param layer - {@link ShapefileLayer} (at least one record)
 * @param prj - the `.prj` text (ESRI WKT, ./prj.ts)
 * @param options - `date` for the DBF header (default: now)
 * @returns file name → bytes: `<name>.shp`, `.shx`, `.dbf`, `.prj`, `.cpg` (`UTF-8`)
 * @throws when the layer has no records, records and geometries differ in number, or a geometry does not fit the type
 */
export function shapefileFiles(layer: ShapefileLayer, prj: string, { date }: { date?: Date } = {}): Record<string, Uint8Array> {
  const { name, type, geometries, fields, records } = layer;
  if (geometries.length === 0) throw new Error(`shapefileFiles: the layer ${name} has no records`);
  if (records.length !== geometries.length) throw new Error(`shapefileFiles: ${geometries.length} geometries but ${records.length} records in ${name}`);
  const shapes = geometries.map((g) => parts(type, g));
  let out: { shp: DataView; shx: DataView } | undefined;
  write([], type, shapes, (err, files) => {
    if (err) throw err;
    out = files;
  });
  if (!out) throw new Error(`shapefileFiles: shp-write wrote nothing for ${name}`);
  const text = new TextEncoder();
  return {
    [`${name}.shp`]: bytesOf(out.shp),
    [`${name}.shx`]: bytesOf(out.shx),
    [`${name}.dbf`]: writeDbf(fields, records, date ? { date } : {}),
    [`${name}.prj`]: text.encode(prj),
    [`${name}.cpg`]: text.encode('UTF-8'),
  };
}
