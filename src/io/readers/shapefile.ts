/** Shapefile (.zip) reader: geometry by shpjs (not reprojected), attributes by our DBF reader with the right encoding, the .prj text as is. */
import { parseShp } from 'shpjs';
import type { Feature } from 'geojson';
import { readDbf } from './dbf.js';
import { ImportReadError, type FeaturesRead, type ReadOptions } from './types.js';
import { hasExt } from './zip.js';

const stem = (path: string) => path.slice(0, path.lastIndexOf('.'));
const baseName = (path: string) => stem(path).split('/').pop() ?? path;

export function readShapefile(name: string, files: Record<string, Uint8Array>, options: ReadOptions = {}): FeaturesRead {
  const paths = Object.keys(files);
  const shps = paths.filter((p) => hasExt(p, 'shp')).sort();
  if (shps.length === 0) {
    throw new ImportReadError(name, 'no .shp in the archive', '压缩包中没有 .shp 文件');
  }
  const layers = shps.map(baseName);
  let shpPath: string;
  if (options.layer !== undefined) {
    const i = layers.indexOf(options.layer);
    if (i === -1) throw new ImportReadError(name, `layer "${options.layer}" not found (layers: ${layers.join(', ')})`, `找不到图层“${options.layer}”（图层：${layers.join('、')}）`);
    shpPath = shps[i]!;
  } else shpPath = shps[0]!;
  const layer = baseName(shpPath);
  /** The sibling file with this extension, any case. */
  const sibling = (ext: string) => {
    const want = `${stem(shpPath)}.${ext}`.toLowerCase();
    const p = paths.find((q) => q.toLowerCase() === want);
    return p === undefined ? undefined : files[p];
  };

  let geometries: (Feature['geometry'] | null)[];
  try {
    geometries = parseShp(files[shpPath]!);
  } catch (e) {
    throw new ImportReadError(name, `${layer}.shp could not be read (${(e as Error).message})`, `无法读取 ${layer}.shp（${(e as Error).message}）`);
  }
  const utf8 = (b: Uint8Array | undefined) => (b ? new TextDecoder('utf-8').decode(b).replace(/^\uFEFF/, '').trim() : undefined);
  const prj = utf8(sibling('prj'));
  const cpg = utf8(sibling('cpg'));
  const dbfBytes = sibling('dbf');
  let dbf: ReturnType<typeof readDbf> | undefined;
  if (dbfBytes) {
    try {
      dbf = readDbf(dbfBytes, cpg);
    } catch (e) {
      throw new ImportReadError(name, `${layer}.dbf could not be read (${(e as Error).message})`, `无法读取 ${layer}.dbf（${(e as Error).message}）`);
    }
  }
  const features: Feature[] = [];
  geometries.forEach((geometry, i) => {
    const attrs = dbf?.records[i];
    if (attrs === null) return; // deleted in the DBF
    features.push({ type: 'Feature', geometry: geometry as Feature['geometry'], properties: { ...(attrs ?? {}) } });
  });
  return {
    kind: 'features',
    format: 'shapefile',
    ...(dbf ? { encoding: dbf.encoding, encodingSource: dbf.encodingSource } : {}),
    ...(dbf?.undecodable ? { undecodable: dbf.undecodable } : {}),
    ...(dbf?.reservedKeys ? { reservedKeys: dbf.reservedKeys } : {}),
    ...(prj ? { prj } : {}),
    ...(layers.length > 1 ? { layers } : {}),
    layer,
    features,
  };
}
