/** GeoJSON reader: FeatureCollection, Feature, a bare geometry, or an array of features; invalid JSON reported with line and column. */
import type { Feature, Geometry } from 'geojson';
import { hostileFeature } from '../../plan/jsonGuard.js';
import { withPlainProperties } from './props.js';
import { decodeText } from './text.js';
import { ImportReadError, type FeaturesRead } from './types.js';

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * The offset of the first syntax error in JSON text (V8 in Node 20 often names only the token, not
 * where it is): a plain recursive-descent scan, run only after JSON.parse has failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (w: string) => {
    for (const ch of w) if (text[i++] !== ch) (i--, fail());
  };
  const str = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') return void i++;
      if (ch === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else fail();
      } else if (ch < ' ') fail();
      else i++;
    }
    fail();
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || !m[0]) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (ch === '"') str();
    else if (ch === 't') lit('true');
    else if (ch === 'f') lit('false');
    else if (ch === 'n') lit('null');
    else num();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (at) {
    if (typeof at === 'number') return at;
    throw at;
  }
  return text.length;
}

/** Where a JSON.parse error happened, from V8's "position N" / "line L column C" or Firefox's "at line L column C". */
export function jsonErrorPosition(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineColumn(text, Number(pos[1]));
  return lineColumn(text, jsonErrorOffset(text));
}

/** The name an old-style (2008) GeoJSON `crs` member gives, e.g. 'EPSG:4547' from urn:ogc:def:crs:EPSG::4547. */
function crsName(crs: unknown): string | undefined {
  const n = (crs as { properties?: { name?: unknown } } | null)?.properties?.name;
  if (typeof n !== 'string') return undefined;
  const epsg = /EPSG:+(\d+)$/i.exec(n);
  if (epsg) return epsg[1] === '4326' ? 'WGS84' : `EPSG:${epsg[1]}`;
  if (/CRS84$/i.test(n)) return 'WGS84';
  return n;
}

export function readGeojson(name: string, bytes: Uint8Array): FeaturesRead {
  const { text, encoding, undecodable } = decodeText(bytes);
  if (!text.trim()) throw new ImportReadError(name, 'the file is empty', '文件是空的');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const at = jsonErrorPosition(text, (e as Error).message);
    const where = ` at line ${at.line}, column ${at.column}`;
    const whereZh = `（第 ${at.line} 行第 ${at.column} 列）`;
    throw new ImportReadError(name, `not valid JSON${where}: ${(e as Error).message}`, `不是有效的 JSON${whereZh}：${(e as Error).message}`);
  }
  const notGeojson = () =>
    new ImportReadError(name, 'not GeoJSON (no FeatureCollection, Feature or geometry)', '不是 GeoJSON（没有 FeatureCollection、Feature 或几何对象）');
  if (typeof json !== 'object' || json === null) throw notGeojson();
  const obj = json as { type?: unknown; features?: unknown; crs?: unknown };
  let raw: unknown[];
  if (Array.isArray(json)) raw = json;
  else if (obj.type === 'FeatureCollection') {
    if (!Array.isArray(obj.features)) throw new ImportReadError(name, 'the FeatureCollection has no "features" array', 'FeatureCollection 缺少 "features" 数组');
    raw = obj.features;
  } else if (obj.type === 'Feature') raw = [json];
  else if (typeof obj.type === 'string' && GEOMETRY_TYPES.includes(obj.type)) raw = [{ type: 'Feature', geometry: json, properties: {} }];
  else throw notGeojson();
  const features: Feature[] = [];
  const reserved = new Set<string>();
  raw.forEach((f, i) => {
    const feat = f as { type?: unknown; geometry?: unknown; properties?: unknown; id?: unknown };
    // Before anything recursive: too deep a nesting or a reserved key outside the properties refuses the
    // file whole; reserved keys in the properties are dropped (and reported) by withPlainProperties.
    const hostile = hostileFeature(f, ['properties']);
    if (hostile) throw new ImportReadError(name, `feature ${i + 1}: ${hostile.en}`, `第 ${i + 1} 个要素：${hostile.zh}`);
    if (typeof f !== 'object' || f === null || feat.type !== 'Feature') {
      if (typeof feat?.type === 'string' && GEOMETRY_TYPES.includes(feat.type)) {
        features.push({ type: 'Feature', geometry: f as Geometry, properties: {} });
        return;
      }
      throw new ImportReadError(name, `feature ${i + 1} is not a GeoJSON Feature`, `第 ${i + 1} 个要素不是 GeoJSON Feature`);
    }
    features.push(withPlainProperties(f as Feature, [], {}, reserved));
  });
  return { kind: 'features', format: 'geojson', encoding, crs: crsName(obj.crs) ?? 'WGS84', features, ...(undecodable ? { undecodable } : {}), ...(reserved.size ? { reservedKeys: [...reserved] } : {}) };
}
