/**
 * The download menu's choices, without the export code (which is loaded only when a file is made):
 * the formats in menu order and which coordinate systems each can take — the rules of
 * `exportPlan` (src/io/exportPlan.ts), which the unit test checks against the engine.
 */
import type { CrsId } from '../../io/crs.js';
import type { ExportFormat } from '../../io/exportPlan.js';

/** The formats, in menu order (the same set as the engine's EXPORT_FORMATS). */
export const DOWNLOAD_FORMATS: readonly ExportFormat[] = ['zip', 'geojson', 'kml', 'xlsx', 'csv', 'shp'];

/** Why a format cannot take some systems: `fixed` (the package: always WGS84), `geographic` (KML: longitudes and latitudes only), null. */
export type CrsLimit = 'fixed' | 'geographic' | null;

export function crsLimit(format: ExportFormat): CrsLimit {
  return format === 'zip' ? 'fixed' : format === 'kml' ? 'geographic' : null;
}

/** Whether a format can be written in a system (`projected`: a Gauss–Krüger system). */
export function crsAllowed(format: ExportFormat, crs: { id: CrsId; projected: boolean }): boolean {
  const limit = crsLimit(format);
  if (limit === 'fixed') return crs.id === 'WGS84';
  if (limit === 'geographic') return !crs.projected;
  return true;
}

/** The system a download uses: the chosen one when the format can take it, else WGS84. */
export function effectiveCrs(format: ExportFormat, chosen: { id: CrsId; projected: boolean } | undefined): CrsId {
  return chosen && crsAllowed(format, chosen) ? chosen.id : 'WGS84';
}
