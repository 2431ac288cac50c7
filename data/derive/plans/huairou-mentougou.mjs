// Plan package `huairou-mentougou`: Huairou (怀柔区 110116) and Mentougou (门头沟区 110109), the
// default plan. A SAMPLE scenario (./huairou-mentougou-scenario.mjs) on the real register.
import {
  ACC_SEAT_ADCODE,
  LINE_DECIMALS,
  SRC_SEAT_ADCODE,
  sourced,
  viaSource,
  bboxOut,
  dedupe,
  deriveTownSeats,
  deriveVillages,
  deriveWater,
  fail,
  loadRoutes,
  refJson,
  romanise,
  roundPos,
  schematicLines,
  seedQuote,
} from '../lib.mjs';
import { ATTRIBUTION_ADCODE, ATTRIBUTION_GSHHG, WATER, beijingDistricts } from '../cities/beijing.mjs';
import { SEED_FILES, buildScenario } from './huairou-mentougou-scenario.mjs';

export const id = 'huairou-mentougou';

const HUAIROU = '110116';
const MENTOUGOU = '110109';
const q = seedQuote;

/** Line id → kind, target file and district (the route file gives names, via places and citations). */
const LINE_META = {
  g109: { kind: 'road', file: 'corridors', name: '109国道', name_en: 'National Road G109', district: '门头沟区' },
  'g109-expressway': { kind: 'road', file: 'corridors', name: '109新线高速公路', name_en: 'G109 New Line Expressway', district: '门头沟区' },
  'great-wall': { kind: 'culture-belt', file: 'cultureBelts', name: '长城文化带（怀柔段）', name_en: 'Great Wall culture belt (Huairou)', district: '怀柔区' },
  tanghe: { kind: 'culture-belt', file: 'cultureBelts', name: '满韵汤河文化带', name_en: 'Manchu-heritage Tang River culture belt', district: '怀柔区' },
};
const LINE_ORDER = ['g109', 'g109-expressway', 'yongding', 'great-wall', 'tanghe'];

/** The Yongding: the one surveyed line (Natural Earth 1:10M). */
function yongding() {
  const src = refJson('yongding-river-ne10m.geojson');
  const yd = src.features.filter((f) => f.properties.name === 'Yongding' && f.properties.featurecla === 'River');
  if (yd.length !== 1) fail(`expected one Natural Earth "Yongding" River feature, got ${yd.length}`);
  const f = yd[0];
  const coords = dedupe(f.geometry.coordinates.map((p) => roundPos(p, LINE_DECIMALS)));
  return {
    type: 'Feature',
    properties: {
      id: 'yongding',
      kind: 'river',
      name: '永定河',
      name_en: 'Yongding River',
      district: '门头沟区',
      geometry_source: 'surveyed',
      via: [],
      citations: [
        {
          title: 'Natural Earth 1:10m Physical Vectors — Rivers + lake centerlines (ne_10m_rivers_lake_centerlines)',
          url: 'https://www.naturalearthdata.com/downloads/10m-physical-vectors/10m-rivers-lake-centerlines/',
          quote: `feature name "${f.properties.name}", featurecla "${f.properties.featurecla}", rivernum ${f.properties.rivernum}`,
        },
      ],
      ...sourced(
        {
          en: 'Natural Earth ne_10m_rivers_lake_centerlines "Yongding" (public domain), via martynafford/natural-earth-geojson, clipped to lon 115.4–117.0, lat 39.6–41.1; the upstream "Sanggan" features (incl. the Guanting Reservoir (官厅水库) centerline) are left out',
          zh: 'Natural Earth ne_10m_rivers_lake_centerlines 中的 “Yongding”（永定河，公有领域），经 martynafford/natural-earth-geojson，裁剪至东经 115.4°—117.0°、北纬 39.6°—41.1°；上游的 “Sanggan”（桑干河）要素（包括官厅水库的中心线）未采用',
        },
        {
          en: 'Natural Earth 1:10M, generalised, errors of a few km; does not follow the canyon. Runs from the Guanting (官厅) dam through Mentougou to the clip edge at lat 39.6',
          zh: 'Natural Earth 1:1000 万，已概化，误差数公里；不沿峡谷走向。自官厅水库大坝经门头沟区至北纬 39.6° 的裁剪边缘',
        },
      ),
    },
    geometry: { type: 'LineString', coordinates: coords },
  };
}

export function build() {
  const report = [];
  const districts = beijingDistricts();
  const districtByCode = new Map(districts.map((d) => [d.properties.adcode, d]));
  const { townSeats, skipped } = deriveTownSeats({
    file: 'huairou-mentougou-town-centres.geojson',
    districtCodes: [HUAIROU, MENTOUGOU],
    districtByCode,
    source: SRC_SEAT_ADCODE,
    accuracy: ACC_SEAT_ADCODE,
  });
  report.push(...skipped);
  const { villages, stats } = deriveVillages({ registers: ['huairou-villages', 'mentougou-villages'], districtByCode, defaultRole: 'other' });

  const locatedByCode = new Map();
  for (const f of [...villages, ...townSeats]) if (f.geometry) locatedByCode.set(f.properties.code, f);

  const yd = yongding();
  const { lines: schematic, skippedLines } = schematicLines({
    routes: loadRoutes(id),
    locatedByCode,
    lineMeta: LINE_META,
    sourceOf: (r) => viaSource(id, r, true),
  });
  for (const s of skippedLines) report.push(`line left out: ${s.id} (${s.why})`);
  const lineById = new Map([['yongding', yd], ...schematic.map((l) => [l.feature.properties.id, l.feature])]);

  const scenario = buildScenario({ villages, lines: lineById, romanise });
  for (const v of villages) {
    const a = scenario.assignments.get(v.properties.code);
    if (a) Object.assign(v.properties, a);
  }
  report.push(...scenario.log);

  const byOrder = (a, b) => LINE_ORDER.indexOf(a.properties.id) - LINE_ORDER.indexOf(b.properties.id);
  const corridors = [yd, ...schematic.filter((l) => l.file === 'corridors').map((l) => l.feature)].sort(byOrder);
  const cultureBelts = schematic.filter((l) => l.file === 'cultureBelts').map((l) => l.feature).sort(byOrder);
  const { water, dropped } = deriveWater(WATER);
  report.push(`water dropped: ${dropped.join('; ') || 'none'}`);
  report.push(`villages per district: ${JSON.stringify(stats)}`);

  const hr = districtByCode.get(HUAIROU);
  const mtg = districtByCode.get(MENTOUGOU);
  const H = SEED_FILES.huairou;
  const M = SEED_FILES.mentougou;
  const manifest = {
    name: { zh: '怀柔区、门头沟区乡村振兴示范带（示例方案）', en: 'Huairou and Mentougou rural-revitalisation belts (sample plan)' },
    sample: true,
    notice: {
      zh: '示例方案：本图所示示范村、示范片区与示范带为演示用样例，并非官方规划。村庄位置为未核实的地理编码，多数村庄无位置。',
      en: 'Sample plan: the demonstration villages, clusters and belts shown are an example for demonstration, not the official plan. Village positions are unverified geocodes, and most villages have none.',
    },
    views: [
      { id: 'plan', label: { zh: '全部规划', en: 'Whole plan' }, bounds: bboxOut([hr, mtg]) },
      { id: 'beijing', label: { zh: '北京', en: 'Beijing' }, bounds: bboxOut(districts) },
      { id: 'huairou', label: { zh: '怀柔', en: 'Huairou' }, bounds: bboxOut([hr]) },
      { id: 'mentougou', label: { zh: '门头沟', en: 'Mentougou' }, bounds: bboxOut([mtg]) },
    ],
    focusDistricts: [HUAIROU, MENTOUGOU],
    inset: { bounds: bboxOut(districts) },
    years: [2024, 2025, 2026, 2027],
    roles: [
      { id: 'demonstration', kind: 'core', label: { zh: '示范村', en: 'Demonstration village' }, source: q(H, '每个镇乡以示范村为核心') },
      { id: 'upgrade', kind: 'member', label: { zh: '提升村', en: 'Upgrade village' }, source: q(H, '怀柔区各镇乡（片区）示范村、提升村名单') },
      { id: 'poetic', kind: 'selected', label: { zh: '诗画乡村', en: 'Poetic village' }, source: q(M, '到2027年，建设不少于100个“诗画乡村”') },
      { id: 'other', kind: 'none', label: { zh: '其他村庄/社区', en: 'Other village / community' } },
    ],
    // Huairou's method as seeds/000 states it. Seeds/004 (Mentougou) states no cluster size, member
    // distance or demonstration village per town (its "每村至少谋划一个示范项目" is about projects), so none.
    rules: [
      { rule: 'cluster-size', min: 4, max: 5, district: HUAIROU, source: q(H, '每个镇乡以示范村为核心，再选取4-5个村庄进行提质升级') },
      { rule: 'core-per-town', min: 1, district: HUAIROU, source: q(H, '每个镇乡以示范村为核心，再选取4-5个村庄进行提质升级，每个镇乡至少打造一个示范片区') },
    ],
    targets: [
      {
        id: 'huairou-clusters-2027',
        district: HUAIROU,
        count: 'clusters',
        roles: [],
        per: 'plan',
        min: 14,
        max: null,
        year: 2027,
        label: { zh: '到2027年底建成不少于14个乡村振兴示范片区', en: 'At least 14 demonstration clusters by the end of 2027' },
        source: q(H, '到2027年底前，分批次分年度建成不少于14个产业强、乡村美、农民富的乡村振兴示范片区，构建“1+14+N”怀柔新模式'),
      },
      {
        id: 'huairou-clusters-2024',
        district: HUAIROU,
        count: 'clusters',
        roles: [],
        per: 'year',
        min: 3,
        max: 3,
        year: 2024,
        label: { zh: '2024年重点推进3个示范片区建设', en: '3 demonstration clusters pushed in 2024' },
        source: q(H, '计划2024年重点推进3个示范片区建设。'),
      },
      {
        id: 'mentougou-poetic-2027',
        district: MENTOUGOU,
        count: 'villages',
        roles: ['poetic', 'demonstration'],
        per: 'plan',
        min: 100,
        max: null,
        year: 2027,
        label: { zh: '到2027年建设不少于100个“诗画乡村”', en: 'At least 100 “poetic villages” by 2027' },
        source: q(M, '到2027年，建设不少于100个“诗画乡村”'),
      },
      {
        id: 'mentougou-poetic-per-year',
        district: MENTOUGOU,
        count: 'villages',
        roles: ['poetic', 'demonstration'],
        per: 'year',
        min: 20,
        max: 30,
        year: null,
        label: { zh: '每年选树20–30个“诗画乡村”', en: '20–30 “poetic villages” selected each year' },
        source: q(M, '每年启动一批20-30个左右“诗画乡村”选树、2-3个市级示范村创建'),
      },
      {
        id: 'mentougou-demonstration-2027',
        district: MENTOUGOU,
        count: 'villages',
        roles: ['demonstration'],
        per: 'plan',
        min: 10,
        max: null,
        year: 2027,
        label: { zh: '到2027年培育不少于10个乡村振兴示范村', en: 'At least 10 demonstration villages by 2027' },
        source: q(M, '到2027年，建设不少于100个“诗画乡村”，进而培育不少于10个突出“产业强、乡村美、文化兴、村风好、农民富”的乡村振兴示范村'),
      },
    ],
    // The expressway is drawn as expressways are on Chinese maps (amber on a brown casing), apart from the
    // national road (slate on white, the default for roads).
    lineStyles: { 'g109-expressway': { color: '#ffb300', casing: '#795548' }, 'great-wall': { color: '#6d4c41' }, tanghe: { color: '#00897b' } },
    clusters: scenario.clusters,
    belts: scenario.belts,
    attribution: [
      ...ATTRIBUTION_ADCODE,
      {
        what: { zh: '永定河线', en: 'Yongding River line' },
        text: 'Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com',
        licence: 'public domain',
        url: 'https://www.naturalearthdata.com/',
      },
      ATTRIBUTION_GSHHG,
      {
        what: { zh: '示意线路途经地点', en: 'Via places of the schematic lines' },
        text: `Route via lists from the public pages cited in each line’s "citations" (collected in data/derive/routes/${id}.json)`,
        licence: 'cited facts with short quotations; see each citation',
      },
      {
        what: { zh: '规划目标', en: 'Plan targets' },
        text: 'Quoted from the Huairou and Mentougou district plan texts of the “Hundred and Thousand Project” (怀柔区、门头沟区 “百千工程” documents); see each target’s source',
        licence: 'quotations of public government documents',
      },
    ],
  };
  for (const c of scenario.clusters) {
    const core = villages.find((v) => v.properties.code === c.core);
    report.push(`cluster ${c.id} ${c.year} core ${core.properties.short_name} + ${c.members.length}`);
  }
  return { manifest, collections: { districts, townSeats, villages, corridors, cultureBelts, water }, report };
}
