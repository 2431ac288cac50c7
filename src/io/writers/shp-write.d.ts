/**
 * The part of @mapbox/shp-write the Shapefile writer uses: its low-level `write` (the .shp and .shx
 * geometry), imported by path so that its `zip` (JSZip) and `download` (file-saver) stay out of the
 * bundle. The package's own types declare only its main entry.
 */
declare module '@mapbox/shp-write/src/write.js' {
  /**
   * Writes `geometries` as one record each: POINT `[x, y]`; POLYLINE and POLYGON the record's parts
   * (`[x, y][][]`, a MultiPolygon's rings flattened). The callback runs before it returns.
   * `rows` go to its own DBF writer (not used: it writes single bytes of UTF-16 code units).
   */
  export default function write(
    rows: object[],
    geometryType: 'POINT' | 'POLYLINE' | 'POLYGON',
    geometries: unknown[],
    callback: (err: unknown, files: { shp: DataView; shx: DataView; dbf: DataView; prj: string }) => void,
  ): void;
}
