/**
 * Import file readers: a file's bytes → table rows or features in the file's own coordinates, with what
 * was detected (format, encoding, delimiter, sheets, .prj). Dispatch by extension and by content (zip
 * magic, OLE2 magic, `<kml`, `<gpx`, `{` / `[`). No coordinate conversion here: see src/io/crs.ts.
 */
import { readCsv } from './csv.js';
import { readGeojson } from './geojson.js';
import { readGpx } from './gpx.js';
import { readKml } from './kml.js';
import { readShapefile } from './shapefile.js';
import { decodeText } from './text.js';
import { extensionOf, ImportReadError, type ImportRead, type ReadOptions } from './types.js';
import { hasExt, isZip, unzipFiles } from './zip.js';

export * from './types.js';
export { parseXmlMini, xmlParser } from './xml.js';

const isOle2 = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** SheetJS is big: loaded only when a spreadsheet comes. */
const readXlsx = async (name: string, bytes: Uint8Array, options: ReadOptions) => (await import('./xlsx.js')).readXlsx(name, bytes, options);

/** A plan package: plan.json at the root or in one top folder (then paths are taken relative to it). */
function asPackage(files: Record<string, Uint8Array>): Record<string, Uint8Array> | undefined {
  const plan = Object.keys(files)
    .filter((p) => p.split('/').pop() === 'plan.json')
    .sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (plan === undefined) return undefined;
  const prefix = plan.slice(0, plan.length - 'plan.json'.length);
  if (prefix.split('/').length > 2) return undefined; // deeper than one folder: not a package export
  const out: Record<string, Uint8Array> = {};
  for (const [p, b] of Object.entries(files)) if (p.startsWith(prefix)) out[p.slice(prefix.length)] = b;
  return out;
}

async function readZip(name: string, bytes: Uint8Array, options: ReadOptions): Promise<ImportRead> {
  const files = unzipFiles(name, bytes);
  const paths = Object.keys(files);
  // An OOXML workbook (xlsx / xlsm) or an OpenDocument spreadsheet, whatever its name.
  if (paths.includes('[Content_Types].xml') && paths.some((p) => p.startsWith('xl/'))) return readXlsx(name, bytes, options);
  if (paths.includes('content.xml') && new TextDecoder().decode(files['mimetype'] ?? new Uint8Array()).includes('spreadsheet')) {
    return readXlsx(name, bytes, options);
  }
  const pkg = asPackage(files);
  if (pkg) return { kind: 'package', files: pkg };
  if (paths.some((p) => hasExt(p, 'shp'))) return readShapefile(name, files, options);
  const kmls = paths.filter((p) => hasExt(p, 'kml'));
  const kml = kmls.find((p) => p.toLowerCase() === 'doc.kml') ?? kmls.sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (kml !== undefined) return readKml(name, files[kml]!, options, 'kmz');
  if (paths.length === 0) throw new ImportReadError(name, 'the archive is empty', '压缩包是空的');
  const ext = extensionOf(name);
  if (ext === 'kmz') throw new ImportReadError(name, 'no .kml in the archive', '压缩包中没有 .kml 文件');
  const dbfOnly = paths.some((p) => hasExt(p, 'dbf'));
  throw new ImportReadError(
    name,
    dbfOnly ? 'no .shp in the archive (a .dbf alone has no geometry)' : `no .shp in the archive (nor a .kml or plan.json; it holds ${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ', …' : ''})`,
    dbfOnly ? '压缩包中没有 .shp 文件（只有 .dbf，没有几何）' : `压缩包中没有 .shp 文件（也没有 .kml 或 plan.json）`,
  );
}

/** The first non-blank characters of a text file, lower case (for sniffing). */
function head(bytes: Uint8Array): string {
  return decodeText(bytes.subarray(0, 1024)).text.replace(/^\uFEFF/, '').trimStart().slice(0, 400).toLowerCase();
}

/**
 * Reads an import file. Throws ImportReadError (English `message`, Chinese `zh`, both naming the file)
 * when the file is empty, not what its name says, has nothing usable, or nests so deep that a reader's
 * recursion overflows the stack (a hostile file; GeoJSON's GeometryCollections are limited to 32 levels before that).
 */
export async function readImportFile(name: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ImportRead> {
  let read: ImportRead;
  try {
    read = await readAny(name, bytes, options);
  } catch (e) {
    if (e instanceof RangeError) throw new ImportReadError(name, `nested too deeply to read (${e.message})`, `嵌套过深，无法读取（${e.message}）`);
    throw e;
  }
  return read;
}

async function readAny(name: string, bytes: Uint8Array, options: ReadOptions): Promise<ImportRead> {
  if (bytes.length === 0) throw new ImportReadError(name, 'the file is empty', '文件是空的');
  const ext = extensionOf(name);
  if (isZip(bytes)) return readZip(name, bytes, options);
  if (isOle2(bytes)) return readXlsx(name, bytes, options);
  if (ext === 'xls' || ext === 'xlsx' || ext === 'xlsm' || ext === 'ods') {
    // Not a workbook inside: many systems export an HTML table (SheetJS reads it) or a CSV/TSV named .xls.
    return head(bytes).startsWith('<') ? readXlsx(name, bytes, options) : readCsv(name, bytes);
  }
  if (ext === 'shp' || ext === 'dbf' || ext === 'shx') {
    throw new ImportReadError(name, 'a Shapefile comes as a .zip holding its .shp, .dbf, .prj (and .cpg)', 'Shapefile 请打包为 .zip 导入（包含 .shp、.dbf、.prj 和 .cpg）');
  }
  if (ext === 'kmz') throw new ImportReadError(name, 'not a zip archive (a KMZ is a zipped KML)', '不是 zip 压缩包（KMZ 是压缩的 KML）');
  const h = head(bytes);
  if (!h) throw new ImportReadError(name, 'the file is empty', '文件是空的');
  if (ext === 'kml' || (h.startsWith('<') && /<kml[\s>]/.test(h))) return readKml(name, bytes, options);
  if (ext === 'gpx' || (h.startsWith('<') && /<gpx[\s>]/.test(h))) return readGpx(name, bytes, options);
  if (ext === 'geojson' || ext === 'json' || h.startsWith('{') || (h.startsWith('[') && /^\[\s*[{\]]/.test(h))) return readGeojson(name, bytes);
  if (h.startsWith('<')) {
    // Some other XML: a KML/GPX with its root further down (long comments) or neither.
    const full = decodeText(bytes.subarray(0, 64 * 1024)).text.toLowerCase();
    if (/<kml[\s>]/.test(full)) return readKml(name, bytes, options);
    if (/<gpx[\s>]/.test(full)) return readGpx(name, bytes, options);
  }
  return readCsv(name, bytes);
}
