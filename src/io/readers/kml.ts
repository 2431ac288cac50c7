/** KML / KMZ reader (Google Earth, 奥维 Ovital, AMap exports): Placemarks with name, description, ExtendedData, and their Folder path. */
import { kmlWithFolders, type F, type Folder, type Root } from '@tmcw/togeojson';
import type { Feature } from 'geojson';
import { withPlainProperties } from './props.js';
import { decodeAs, decodeText, decoderLabel, encodingName } from './text.js';
import { ImportReadError, type FeaturesRead, type ReadOptions, type Undecodable } from './types.js';
import { declaredXmlEncoding, parseXmlOrThrow, xmlParser } from './xml.js';

/** Style properties togeojson adds from <Style>; they say nothing about the data. */
const STYLE_KEYS = [
  'styleUrl', 'styleHash', 'styleMap', 'stroke', 'stroke-opacity', 'stroke-width', 'fill', 'fill-opacity',
  'icon', 'icon-color', 'icon-opacity', 'icon-scale', 'icon-heading', 'icon-offset', 'icon-offset-units',
  'label-color', 'label-opacity', 'label-scale', 'visibility', 'coordinateProperties', 'timespan', 'timestamp',
];

/** Decodes an XML file: its declared encoding when it names one a decoder knows, else UTF-8 / GB18030 by the bytes. */
export function decodeXml(bytes: Uint8Array): { text: string; encoding: string; undecodable?: Undecodable } {
  const declared = declaredXmlEncoding(bytes);
  const label = declared ? decoderLabel(declared) : undefined;
  if (label && label !== 'utf-8') {
    const { text, undecodable } = decodeAs(label, bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: encodingName(label), ...(undecodable ? { undecodable } : {}) };
  }
  const { text, encoding, undecodable } = decodeText(bytes);
  return { text, encoding, ...(undecodable ? { undecodable } : {}) };
}

export function readKml(name: string, bytes: Uint8Array, options: ReadOptions = {}, format: 'kml' | 'kmz' = 'kml'): FeaturesRead {
  const { text, encoding, undecodable } = decodeXml(bytes);
  if (!text.trim()) throw new ImportReadError(name, 'the file is empty', '文件是空的');
  const doc = parseXmlOrThrow(name, text, xmlParser(options.parseXml));
  if (!doc.getElementsByTagName('kml')[0] && !doc.getElementsByTagName('Document')[0] && !doc.getElementsByTagName('Placemark')[0]) {
    throw new ImportReadError(name, 'not a KML file (no <kml> element)', '不是 KML 文件（没有 <kml> 元素）');
  }
  let tree: Root;
  try {
    tree = kmlWithFolders(doc);
  } catch (e) {
    throw new ImportReadError(name, `the KML could not be read (${(e as Error).message})`, `无法读取 KML（${(e as Error).message}）`);
  }
  const features: Feature[] = [];
  const reserved = new Set<string>();
  const walk = (children: (Folder | F)[], path: string[]) => {
    for (const c of children) {
      if (c.type === 'folder') {
        const folderName = typeof c.meta.name === 'string' ? c.meta.name.trim() : '';
        walk(c.children, folderName ? [...path, folderName] : path);
      } else {
        features.push(withPlainProperties(c as Feature, STYLE_KEYS, path.length ? { folder: path.join('/') } : {}, reserved));
      }
    }
  };
  walk(tree.children, []);
  return { kind: 'features', format, encoding, crs: 'WGS84', features, ...(undecodable ? { undecodable } : {}), ...(reserved.size ? { reservedKeys: [...reserved] } : {}) };
}
