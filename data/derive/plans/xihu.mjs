// Plan package `xihu`: 杭州市西湖区 (330106), from seeds/002 (the district's 2023–2027 action plan)
// and the research facts. Only the roles a cited source names are shown; the rest of the plan
// (which villages, clusters or belts) is not known, so the package is marked a sample.
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
import { hangzhouDistricts } from '../cities/hangzhou.mjs';

export const id = 'xihu';

const XIHU = '330106';
const SEED = '002_8a3e6fbe1b2cb29e.txt';
const q = (s) => seedQuote(SEED, s);

/** The district page that names Xihu's future villages (research facts, /tmp/facts/xihu.json). */
const PAGE = '未来乡村基本情况管理 (西湖区人民政府网, 区农业农村局, 2022-11-02) — https://www.hzxh.gov.cn/art/2022/11/2/art_1229507053_59022938.html';
const LIST = `${PAGE}: “目前,我区7个村列入市级未来乡村名单(长埭、桐坞、华联、绕城、桑园地、下杨、外桐坞),4个村列入省级未来乡村名单(长埭、桐坞、桑园地、绕城)”`;
const FIRST = '“未来乡村第一批创建的长埭村、桐坞村、桑园地村、绕城村、绕城村项目进度分别为80%、75%、75%、65%、60%”';
const START = '“2021年,我们在数字乡村创建范围内,优先选择基础条件好、班子能力强的7个村开展为期两年的未来乡村试点创建”';
const SECOND = '“第二批创建的下杨村、外桐坞村未来乡村与特色村规划设计正在紧锣密鼓推进中”';

const first = (code, name, level) => ({ code, name, role: 'future', year: 2021, source: `${level} future village, first batch (creation started 2021): ${LIST}; ${FIRST}; ${START}` });
const FUTURE = [
  first('330106010212', '长埭村委会', 'provincial and city'),
  first('330106010213', '桐坞村委会', 'provincial and city'),
  first('330106110220', '桑园地村委会', 'provincial and city'),
  first('330106109233', '绕城村委会', 'provincial and city'),
  { code: '330106109234', name: '华联村委会', role: 'future', year: null, source: `city future village; batch year not stated: ${LIST}` },
  { code: '330106110224', name: '下杨村委会', role: 'future', year: null, source: `city future village, second batch (year not stated; 特色村 planning under way too): ${LIST}; ${SECOND}` },
  { code: '330106010214', name: '外桐坞村委会', role: 'future', year: null, source: `city future village, second batch (year not stated; 特色村 planning under way too): ${LIST}; ${SECOND}` },
];

export function build() {
  const report = [];
  const districts = hangzhouDistricts();
  const districtByCode = new Map(districts.map((d) => [d.properties.adcode, d]));
  const xh = districtByCode.get(XIHU);
  const { townSeats, skipped } = deriveTownSeats({
    file: 'seed-district-town-centres.geojson',
    districtCodes: [XIHU],
    districtByCode,
    source: SRC_SEAT_ADCODE,
    accuracy: ACC_SEAT_ADCODE,
  });
  report.push(...skipped);
  const { villages, stats } = deriveVillages({ registers: ['xihu-villages'], districtByCode, defaultRole: 'other' });
  report.push(`villages: ${JSON.stringify(stats)}`);
  assignNamedRoles(villages, FUTURE);

  // 和美乡村 full coverage: every 行政村 (村委会) of the register.
  const adminVillages = villages.filter((v) => v.properties.kind === '村委会').length;

  const manifest = {
    name: { zh: '西湖区和美乡村（示例方案）', en: 'Xihu harmonious and beautiful villages (sample plan)' },
    sample: true,
    notice: {
      zh: '示例方案：图中只标出公开资料点名的村庄角色（7个未来乡村，均无位置，只列不标）；其余村庄的角色、示范片区与“山水带、产业带、共富带”的走向未见资料，并非官方规划。村庄位置为未核实的地理编码，多数村庄无位置。',
      en: 'Sample plan: only the village roles a public source names are shown (7 future villages, none with a position: listed, not placed); the roles of the other villages, any clusters and the routes of the mountain-water, industry and common-prosperity belts are not known. Not the official plan. Village positions are unverified geocodes, and most villages have none.',
    },
    views: [
      { id: 'plan', label: { zh: '西湖', en: 'Xihu' }, bounds: bboxOut([xh]) },
      { id: 'hangzhou', label: { zh: '杭州', en: 'Hangzhou' }, bounds: bboxOut(districts) },
    ],
    focusDistricts: [XIHU],
    inset: { bounds: bboxOut(districts) },
    years: [2023, 2024, 2025, 2026, 2027],
    roles: [
      { id: 'future', kind: 'selected', label: { zh: '未来乡村', en: 'Future village' }, source: q('持续推进省市级和美乡村示范县、示范乡镇、未来乡村、特色村创建') },
      { id: 'hemei', kind: 'selected', label: { zh: '和美乡村', en: 'Harmonious and beautiful village' }, source: q('到2027年,率先实现和美乡村建设100%全覆盖') },
      { id: 'tese', kind: 'selected', label: { zh: '特色村', en: 'Distinctive village' }, source: q('未来乡村、特色村创建') },
      { id: 'shanzhi', kind: 'selected', label: { zh: '省级善治示范村', en: 'Provincial good-governance demonstration village' }, source: q('动态监测已建成的18个省级善治示范村') },
      { id: 'ronghe', kind: 'selected', label: { zh: '全国乡村融合发展示范村', en: 'National rural integrated-development demonstration village' }, source: q('培育全国乡村融合发展示范村') },
      { id: 'other', kind: 'none', label: { zh: '其他村社', en: 'Other village / community' } },
    ],
    rules: [],
    targets: [
      {
        id: 'xihu-hemei-2027',
        district: XIHU,
        count: 'villages',
        roles: ['hemei'],
        per: 'plan',
        min: adminVillages,
        max: null,
        year: 2027,
        label: {
          zh: `2027年和美乡村建设100%全覆盖（${adminVillages}个行政村）`,
          en: `100% harmonious-and-beautiful village coverage by 2027 (${adminVillages} administrative villages)`,
        },
        source: q('到2027年,率先实现和美乡村建设100%全覆盖'),
      },
      {
        id: 'xihu-future-hemei-2027',
        district: XIHU,
        count: 'villages',
        roles: ['future', 'hemei'],
        per: 'plan',
        min: adminVillages,
        max: null,
        year: 2027,
        label: {
          zh: `2027年未来乡村及和美乡村建成率100%（${adminVillages}个行政村）`,
          en: `100% of the ${adminVillages} administrative villages built as future or harmonious-and-beautiful villages by 2027`,
        },
        source: q('到2027年,实现未来乡村及和美乡村建成率100%'),
      },
      {
        id: 'xihu-shanzhi',
        district: XIHU,
        count: 'villages',
        roles: ['shanzhi'],
        per: 'plan',
        min: 18,
        max: 18,
        year: null,
        label: { zh: '动态监测已建成的18个省级善治示范村', en: '18 provincial good-governance demonstration villages already built, monitored' },
        source: q('动态监测已建成的18个省级善治示范村'),
      },
    ],
    lineStyles: {},
    clusters: [],
    belts: [],
    attribution: [
      ...ATTRIBUTION_ADCODE,
      {
        what: { zh: '村庄角色出处', en: 'Sources of village roles' },
        text: 'Public pages quoted in each village’s "role_source": the Xihu District government site (西湖区人民政府网, 2022-11-02, “future village basic information”: 未来乡村基本情况管理)',
        licence: 'cited facts with short quotations',
        url: 'https://www.hzxh.gov.cn/art/2022/11/2/art_1229507053_59022938.html',
      },
      {
        what: { zh: '规划目标', en: 'Plan targets' },
        text: 'Quoted from the Xihu District action plan for a model of Chinese rural modernisation under the “Ten Million Project”, 2023–2027 (西湖区《深化新时代“千万工程”打造中国式现代化乡村范例西湖样板行动计划(2023-2027年)》, seeds/002); see each target’s source',
        licence: 'quotations of public government documents',
      },
    ],
  };
  return { manifest, collections: { districts, townSeats, villages }, report };
}
