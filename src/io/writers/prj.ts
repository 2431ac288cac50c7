/** `.prj` text: the ESRI WKT (as ArcGIS writes it) of the coordinate systems belt-map exports. */
import { gaussKrugerZone, type CrsId } from '../crs.js';

const DEGREE = 'UNIT["Degree",0.0174532925199433]';
const WGS84 = `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],${DEGREE}]`;
const CGCS2000 = `GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],${DEGREE}]`;

/**
 * The ESRI WKT of a coordinate system, for a Shapefile's `.prj`: GCS_WGS_1984 for WGS84 (EPSG:4326);
 * GCS_China_Geodetic_Coordinate_System_2000 for CGCS2000 (EPSG:4490); for the CGCS2000 Gauss–Krüger
 * codes EPSG:4491–4554 a PROJCS named as ArcGIS names them (`CGCS2000_3_Degree_GK_Zone_39`,
 * `CGCS2000_3_Degree_GK_CM_117E`, `CGCS2000_GK_Zone_20`, `CGCS2000_GK_CM_117E`) with the projection
 * `Gauss_Kruger` and its parameters — which `crsFromPrj` (../crs.ts) reads back to the same code.
 *
 * @param crs - the system
 * @returns the WKT, or null for GCJ-02 and BD-09 (they are not a datum or projection any WKT describes)
 * @throws when `crs` is not a supported system
 * @example
 * ```ts
 * esriWkt('EPSG:4527'); // 'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",…],PROJECTION["Gauss_Kruger"],…]'
 * ```
 */
export function esriWkt(crs: CrsId): string | null {
  if (crs === 'WGS84' || crs === 'EPSG:4326') return WGS84;
  if (crs === 'CGCS2000' || crs === 'EPSG:4490') return CGCS2000;
  if (crs === 'GCJ-02' || crs === 'BD-09') return null;
  const code = Number(/^EPSG:(\d+)$/.exec(crs)?.[1]);
  const gk = gaussKrugerZone(code);
  if (!gk) throw new Error(`esriWkt: ${JSON.stringify(crs)} is not a supported coordinate system`);
  const { width, zone, centralMeridian, prefixed, falseEasting } = gk;
  const name = `CGCS2000_${width === 3 ? '3_Degree_' : ''}GK_${prefixed ? `Zone_${zone}` : `CM_${centralMeridian}E`}`;
  return (
    `PROJCS["${name}",${CGCS2000},PROJECTION["Gauss_Kruger"],` +
    `PARAMETER["False_Easting",${falseEasting.toFixed(1)}],PARAMETER["False_Northing",0.0],` +
    `PARAMETER["Central_Meridian",${centralMeridian.toFixed(1)}],PARAMETER["Scale_Factor",1.0],` +
    `PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
  );
}
