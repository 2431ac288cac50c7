/** GPX reader: tracks and routes → LineStrings (MultiLineString for a track of several segments), waypoints → Points. */
import { gpx } from '@tmcw/togeojson';
import type { Feature } from 'geojson';
import { decodeXml } from './kml.js';
import { withPlainProperties } from './props.js';
import { ImportReadError, type FeaturesRead, type ReadOptions } from './types.js';
import { parseXmlOrThrow, xmlParser } from './xml.js';

const GPX_TYPES: Record<string, string> = { trk: 'track', rte: 'route', wpt: 'waypoint' };

export function readGpx(name: string, bytes: Uint8Array, options: ReadOptions = {}): FeaturesRead {
  const { text, encoding, undecodable } = decodeXml(bytes);
  if (!text.trim()) throw new ImportReadError(name, 'the file is empty', '文件是空的');
  const doc = parseXmlOrThrow(name, text, xmlParser(options.parseXml));
  if (!doc.getElementsByTagName('gpx')[0]) throw new ImportReadError(name, 'not a GPX file (no <gpx> element)', '不是 GPX 文件（没有 <gpx> 元素）');
  let features: Feature[];
  const reserved = new Set<string>();
  try {
    features = gpx(doc).features.map((f) => {
      const t = (f.properties as { _gpxType?: string } | null)?._gpxType ?? (f.geometry?.type === 'Point' ? 'wpt' : undefined);
      return withPlainProperties(f, ['_gpxType', 'coordinateProperties', 'links'], t ? { gpxType: GPX_TYPES[t] ?? t } : {}, reserved);
    });
  } catch (e) {
    throw new ImportReadError(name, `the GPX could not be read (${(e as Error).message})`, `无法读取 GPX（${(e as Error).message}）`);
  }
  return { kind: 'features', format: 'gpx', encoding, crs: 'WGS84', features, ...(undecodable ? { undecodable } : {}), ...(reserved.size ? { reservedKeys: [...reserved] } : {}) };
}
