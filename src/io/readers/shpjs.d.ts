/** The part of shpjs the readers use (it ships no types). */
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Parses .shp bytes into one geometry per record (null for null shapes); with a .prj text it reprojects to WGS84 — the readers never pass one. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView | DataView, prj?: string): (Geometry | null)[];
}
