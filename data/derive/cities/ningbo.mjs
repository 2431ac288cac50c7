// Ningbo (宁波市) context: its 9 district outlines that Vonng/adcode has (奉化区 has none) and their names.
import { deriveDistricts } from '../lib.mjs';
import { SRC_ADCODE, districtAccuracy } from './beijing.mjs';

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
    accuracy: districtAccuracy({
      en: 'the city has no 奉化区 (330213) polygon in the source, so a hole of about 1,300 km² lies between 海曙区, 鄞州区, 宁海县 and 象山港',
      zh: '源数据中没有奉化区（330213）的轮廓，因此海曙区、鄞州区、宁海县和象山港之间有约 1300 平方公里的空缺',
    }),
  });
}
