// Hangzhou (杭州市) context: its 13 district outlines (AMap layout of about 2016–2020) and their names.
import { deriveDistricts } from '../lib.mjs';
import { SRC_ADCODE, districtAccuracy } from './beijing.mjs';

/** Standard romanisation of the district names (place-name pinyin, without 区/县/市). */
export const DISTRICT_EN = {
  330102: 'Shangcheng',
  330103: 'Xiacheng',
  330104: 'Jianggan',
  330105: 'Gongshu',
  330106: 'Xihu',
  330108: 'Binjiang',
  330109: 'Xiaoshan',
  330110: 'Yuhang',
  330111: 'Fuyang',
  330122: 'Tonglu',
  330127: "Chun'an",
  330182: 'Jiande',
  330185: "Lin'an",
};

export function hangzhouDistricts() {
  return deriveDistricts({
    file: 'hangzhou-districts.geojson',
    nameEn: DISTRICT_EN,
    expect: 13,
    source: SRC_ADCODE,
    accuracy: districtAccuracy({
      en: 'the pre-2021 layout (still 下城区, 江干区 and 临安市; no 临平区 or 钱塘区, whose area lies in the old 余杭区 / 江干区 / 萧山区 polygons)',
      zh: '为 2021 年以前的区划（仍有下城区、江干区和临安市；没有临平区和钱塘区，其范围在旧的余杭区、江干区、萧山区轮廓内）',
    }),
  });
}
