/**
 * Every string the UI and the map legend show, in both languages. A missing key is a type error,
 * so `lang="en"` cannot leave a Chinese string behind (and the reverse).
 */
import type { Lang } from '../map/scene.js';
import type { PublicLayerId } from './theme.js';
import type { VillageRole } from '../types/plan.js';

const zh = {
  appLabel: '示范带与示范片区地图',
  loading: '正在加载规划数据…',
  layers: '图层',
  legend: '图例',
  views: '视图',
  view: { plan: '全部规划', beijing: '北京', huairou: '怀柔', mentougou: '门头沟' },
  layer: {
    boundaries: '区界与镇乡驻地',
    villages: '村庄',
    corridors: '廊道（道路、河流）',
    'culture-belts': '文化带',
    clusters: '示范片区',
    belt: '示范带',
  } satisfies Record<PublicLayerId, string>,
  role: { demonstration: '示范村', upgrade: '提升村', poetic: '诗画乡村', other: '其他村庄/社区' } satisfies Record<VillageRole, string>,
  legendDistrict: '区',
  legendFocusDistrict: '规划区（怀柔、门头沟）',
  legendTownSeat: '镇乡驻地',
  legendClusterArea: '示范片区范围',
  legendClusterLink: '示范村—提升村连线',
  legendBelt: '示范带（串联示范片区，示意）',
  schematic: '示意',
  surveyed: '实测',
  schematicSuffix: '（示意）',
  sampleBadge: '示例方案',
  unlocated: (n: number) => `${n} 个村庄/社区无可靠坐标，未上图`,
  showList: '查看列表',
  featureList: '要素列表',
  tabVillages: '村庄',
  tabClusters: '示范片区',
  tabLines: '廊道与文化带',
  filterPlaceholder: '按名称、镇乡或代码筛选',
  filterLabel: '筛选',
  onlyUnlocated: '只看未定位',
  onlyPlan: '只看规划村',
  col: {
    name: '名称', code: '代码', town: '镇乡/街道', district: '区', kind: '类型', role: '角色', year: '批次',
    cluster: '所属片区', position: '位置', core: '示范村', members: '提升村', area: '片区',
    lineKind: '类别', geometry: '几何来源', via: '途经', sources: '出处', length: '长度',
  },
  located: '已定位',
  notLocated: '未定位',
  showOnMap: '在地图上显示',
  rowsShown: (shown: number, total: number) => `显示 ${shown} / ${total} 条`,
  details: '详情',
  close: '关闭',
  positionSource: '坐标来源',
  accuracy: '精度',
  lineKind: { road: '道路', river: '河流', 'culture-belt': '文化带' },
  attribution: '数据来源与许可',
  error: '无法加载规划数据',
  selected: (name: string) => `已选择：${name}`,
  viewChanged: (name: string) => `视图：${name}`,
  layerShown: (name: string) => `已显示图层：${name}`,
  layerHidden: (name: string) => `已隐藏图层：${name}`,
  none: '无',
  km: '公里',
  clusterOf: (name: string) => `${name}`,
  membersCount: (n: number) => `${n} 个提升村`,
};

export type Strings = typeof zh;

const en: Strings = {
  appLabel: 'Demonstration belts and clusters map',
  loading: 'Loading the plan…',
  layers: 'Layers',
  legend: 'Legend',
  views: 'Views',
  view: { plan: 'Whole plan', beijing: 'Beijing', huairou: 'Huairou', mentougou: 'Mentougou' },
  layer: {
    boundaries: 'Districts and town seats',
    villages: 'Villages',
    corridors: 'Corridors (roads, rivers)',
    'culture-belts': 'Culture belts',
    clusters: 'Demonstration clusters',
    belt: 'Demonstration belt',
  },
  role: { demonstration: 'Demonstration village', upgrade: 'Upgrade village', poetic: 'Poetic village', other: 'Other village / community' },
  legendDistrict: 'District',
  legendFocusDistrict: 'Plan districts (Huairou, Mentougou)',
  legendTownSeat: 'Town seat',
  legendClusterArea: 'Cluster area',
  legendClusterLink: 'Demonstration → upgrade village link',
  legendBelt: 'Demonstration belt (links the clusters, schematic)',
  schematic: 'schematic',
  surveyed: 'surveyed',
  schematicSuffix: ' (schematic)',
  sampleBadge: 'Sample scenario',
  unlocated: (n: number) => `${n} villages/communities have no reliable position and are not on the map`,
  showList: 'Show list',
  featureList: 'Feature list',
  tabVillages: 'Villages',
  tabClusters: 'Clusters',
  tabLines: 'Corridors and belts',
  filterPlaceholder: 'Filter by name, town or code',
  filterLabel: 'Filter',
  onlyUnlocated: 'Unlocated only',
  onlyPlan: 'Plan villages only',
  col: {
    name: 'Name', code: 'Code', town: 'Town', district: 'District', kind: 'Kind', role: 'Role', year: 'Batch',
    cluster: 'Cluster', position: 'Position', core: 'Demonstration village', members: 'Upgrade villages', area: 'Cluster',
    lineKind: 'Kind', geometry: 'Geometry', via: 'Via', sources: 'Sources', length: 'Length',
  },
  located: 'located',
  notLocated: 'not located',
  showOnMap: 'Show on map',
  rowsShown: (shown: number, total: number) => `Showing ${shown} of ${total}`,
  details: 'Details',
  close: 'Close',
  positionSource: 'Position source',
  accuracy: 'Accuracy',
  lineKind: { road: 'Road', river: 'River', 'culture-belt': 'Culture belt' },
  attribution: 'Data sources and licences',
  error: 'The plan could not be loaded',
  selected: (name: string) => `Selected: ${name}`,
  viewChanged: (name: string) => `View: ${name}`,
  layerShown: (name: string) => `Layer shown: ${name}`,
  layerHidden: (name: string) => `Layer hidden: ${name}`,
  none: 'none',
  km: 'km',
  clusterOf: (name: string) => `${name}`,
  membersCount: (n: number) => `${n} upgrade villages`,
};

const table: Record<Lang, Strings> = { 'zh-CN': zh, en };

/** The strings of a language. */
export function strings(lang: Lang): Strings {
  return table[lang];
}

/** `en` for any English tag (`en`, `en-GB`), `zh-CN` otherwise. */
export function normaliseLang(tag: string | null | undefined): Lang {
  return tag && /^en\b/i.test(tag) ? 'en' : 'zh-CN';
}
