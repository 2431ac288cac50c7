// Plan package `zhenhai`: 宁波市镇海区 (330211), from section 1 of seeds/001 (a web compilation whose
// first section is Zhenhai's text; sections 2 and 3 are other provinces) and the research facts.
// The seed names no village; one public page names one, which is listed but has no position.
import {
  ACC_SEAT_ADCODE,
  SRC_SEAT_ADCODE,
  assignNamedRoles,
  bboxOut,
  deriveTownSeats,
  deriveVillages,
  seedQuote,
} from '../lib.mjs';
import { ATTRIBUTION_ADCODE } from '../cities/beijing.mjs';
import { ningboDistricts } from '../cities/ningbo.mjs';

export const id = 'zhenhai';

const ZHENHAI = '330211';
const SEED = '001_c3a82819e8519ac0.txt';
const q = (s) => seedQuote(SEED, s);
/** Quotes must come from the Zhenhai section of the seed. */
const SECTIONS = { [SEED]: { from: '千村示范万村行动方案精选 1', to: '千村示范万村行动方案精选 2' } };

export function build() {
  const report = [];
  const districts = ningboDistricts();
  const districtByCode = new Map(districts.map((d) => [d.properties.adcode, d]));
  const zh = districtByCode.get(ZHENHAI);
  const { townSeats, skipped } = deriveTownSeats({
    file: 'seed-district-town-centres.geojson',
    districtCodes: [ZHENHAI],
    districtByCode,
    source: SRC_SEAT_ADCODE,
    accuracy: ACC_SEAT_ADCODE,
  });
  report.push(...skipped);
  const { villages, stats } = deriveVillages({ registers: ['zhenhai-villages'], districtByCode, defaultRole: 'other' });
  report.push(`villages: ${JSON.stringify(stats)}`);
  assignNamedRoles(villages, [
    {
      code: '330211004209',
      name: '万市徐村委会',
      role: 'liveable-demo',
      year: 2021,
      source:
        '2021 batch, before this plan’s years (it may not be one of the plan’s 3): 今年我市25个省级美丽宜居示范村创建启动 (宁波日报 2021-03-04, A2版) — http://daily.cnnb.com.cn/nbrb/html/2021-03/04/content_1263412.htm?div=-1: “2021年省级美丽宜居示范村名单” … “镇海区庄市街道万市徐村”',
    },
  ]);
  const adminVillages = villages.filter((v) => v.properties.kind === '村委会').length;

  const perYear = (tid, role, min, max, zhLabel, en, sentence) => ({
    id: tid,
    district: ZHENHAI,
    count: 'villages',
    roles: [role],
    per: 'year',
    min,
    max,
    year: null,
    label: { zh: zhLabel, en },
    source: q(sentence),
  });
  const manifest = {
    name: { zh: '镇海区千村示范万村行动（示例方案）', en: 'Zhenhai thousand-village demonstration plan (sample)' },
    sample: true,
    notice: {
      zh: '示例方案：规划文本未点名任何村庄；图中只列出公开资料点名的万市徐村（2021年省级美丽宜居示范村，无位置，只列不标）。其余角色、示范线路未见资料，并非官方规划。村庄位置为未核实的地理编码，绝大多数村庄无位置。',
      en: 'Sample plan: the plan text names no village; only Wanshixu Cun (万市徐村), which a public page names (a 2021 provincial beautiful and liveable demonstration village, without a position: listed, not placed), is given a role. The other roles and the scenic line are not known. Not the official plan. Village positions are unverified geocodes, and almost all villages have none.',
    },
    views: [
      { id: 'plan', label: { zh: '镇海', en: 'Zhenhai' }, bounds: bboxOut([zh]) },
      { id: 'ningbo', label: { zh: '宁波', en: 'Ningbo' }, bounds: bboxOut(districts) },
    ],
    focusDistricts: [ZHENHAI],
    inset: { bounds: bboxOut(districts) },
    years: [2023, 2024, 2025, 2026, 2027],
    roles: [
      { id: 'liveable-demo', kind: 'selected', label: { zh: '省级美丽宜居示范村', en: 'Provincial beautiful and liveable demonstration village' }, source: q('建设省级美丽宜居示范村3个') },
      { id: 'art-village', kind: 'selected', label: { zh: '艺术赋能乡村', en: 'Art-empowered village' }, source: q('联动打造艺术赋能乡村10个') },
      { id: 'hemei', kind: 'selected', label: { zh: '和美乡村', en: 'Harmonious and beautiful village' }, source: q('重点打造具有地域辨识度的和美乡村全覆盖') },
      { id: 'boutique-village', kind: 'selected', label: { zh: '省级美丽乡村特色精品村', en: 'Provincial beautiful-countryside boutique village' }, source: q('每年创建省级美丽乡村特色精品村1个以上') },
      { id: 'waste-sorting-model', kind: 'selected', label: { zh: '农村垃圾分类典范村', en: 'Rural waste-sorting model village' }, source: q('每年创建农村垃圾分类典范村2个以上') },
      { id: 'electrified-village', kind: 'selected', label: { zh: '乡村电气化村', en: 'Rural electrification village' }, source: q('每年新建乡村电气化村4个') },
      { id: 'other', kind: 'none', label: { zh: '其他村社', en: 'Other village / community' } },
    ],
    rules: [],
    targets: [
      {
        id: 'zhenhai-liveable-demo',
        district: ZHENHAI,
        count: 'villages',
        roles: ['liveable-demo'],
        per: 'plan',
        // Build targets: more is not a breach, so the number is a lower bound.
        min: 3,
        max: null,
        year: null,
        label: { zh: '建设省级美丽宜居示范村3个', en: 'Build 3 provincial beautiful and liveable demonstration villages' },
        source: q('建设省级美丽宜居示范村3个'),
      },
      {
        id: 'zhenhai-art-villages',
        district: ZHENHAI,
        count: 'villages',
        roles: ['art-village'],
        per: 'plan',
        min: 10,
        max: null,
        year: null,
        label: { zh: '联动打造艺术赋能乡村10个', en: 'Create 10 art-empowered villages' },
        source: q('联动打造艺术赋能乡村10个'),
      },
      {
        id: 'zhenhai-courtyards-per-year',
        district: ZHENHAI,
        count: 'reported',
        roles: [],
        per: 'year',
        min: 500,
        max: null,
        year: null,
        label: { zh: '每年新建美丽庭院500户', en: '500 new beautiful courtyards (households) a year' },
        source: q('每年新建美丽庭院500户'),
      },
      perYear('zhenhai-waste-model-per-year', 'waste-sorting-model', 2, null, '每年创建农村垃圾分类典范村2个以上', 'At least 2 rural waste-sorting model villages a year', '每年创建农村垃圾分类典范村2个以上'),
      perYear('zhenhai-boutique-per-year', 'boutique-village', 1, null, '每年创建省级美丽乡村特色精品村1个以上', 'At least 1 provincial boutique village a year', '每年创建省级美丽乡村特色精品村1个以上'),
      perYear('zhenhai-electrified-per-year', 'electrified-village', 4, null, '每年新建乡村电气化村4个', '4 new rural electrification villages a year', '每年新建乡村电气化村4个'),
      {
        id: 'zhenhai-hemei-2027',
        district: ZHENHAI,
        count: 'villages',
        roles: ['hemei'],
        per: 'plan',
        min: adminVillages,
        max: null,
        year: 2027,
        label: {
          zh: `到2027年宜居宜业和美乡村全覆盖（${adminVillages}个行政村）`,
          en: `Liveable, workable, harmonious and beautiful villages everywhere by 2027 (${adminVillages} administrative villages)`,
        },
        source: q('到2027年,“千万工程”进一步深化推进,宜居宜业和美乡村全覆盖'),
      },
    ],
    lineStyles: {},
    clusters: [],
    belts: [],
    attribution: [
      ...ATTRIBUTION_ADCODE,
      {
        what: { zh: '村庄角色出处', en: 'Sources of village roles' },
        text: 'Public pages quoted in each village’s "role_source": Ningbo Daily (宁波日报, 2021-03-04)',
        licence: 'cited facts with short quotations',
        url: 'http://daily.cnnb.com.cn/nbrb/html/2021-03/04/content_1263412.htm?div=-1',
      },
      {
        what: { zh: '规划目标', en: 'Plan targets' },
        text: 'Quoted from section 1 (Zhenhai District, 镇海区) of the compilation in seeds/001; see each target’s source',
        licence: 'quotations of public government documents',
      },
    ],
  };
  return { manifest, collections: { districts, townSeats, villages }, report, sections: SECTIONS };
}
