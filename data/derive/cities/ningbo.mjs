// Ningbo (宁波市) context: its 9 district outlines that Vonng/adcode has (奉化区 has none) and their names.
import { SIMPLIFY_TOLERANCE, deriveDistricts } from '../lib.mjs';
import { SRC_ADCODE } from './beijing.mjs';

/** Standard romanisation of the district names (place-name pinyin, without 区/县/市). */
export const DISTRICT_EN = {
  330203: 'Haishu',
  330205: 'Jiangbei',
  330206: 'Beilun',
  330211: 'Zhenhai',
  330212: 'Yinzhou',
  330225: 'Xiangshan',
  330226: 'Ninghai',
  330281: 'Yuyao',
  330282: 'Cixi',
};

export function ningboDistricts() {
  return deriveDistricts({
    file: 'ningbo-districts.geojson',
    nameEn: DISTRICT_EN,
    expect: 9,
    source: SRC_ADCODE,
    accuracy: `AMap district outline of about 2016–2020, not an official boundary; the city has no 奉化区 (330213) polygon in the source, so a hole of about 1,300 km² lies between 海曙区, 鄞州区, 宁海县 and 象山港; GCJ-02 → WGS84 leaves ≤2 m; simplified (tolerance ${SIMPLIFY_TOLERANCE}° ≈ 50 m), so shared borders may show gaps or overlaps of tens of metres`,
  });
}
