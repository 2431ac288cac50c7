// The SAMPLE scenario of the Huairou + Mentougou package: which villages are demonstration (core),
// upgrade (member) and "poetic" (诗画乡村) villages, the clusters and the belts.
//
// This is NOT the official plan. The official lists (e.g. the annex "怀柔区各镇乡（片区）示范村、提升村名单"
// of seeds/000) are not in the reference data, so the sample is built by fixed, documented rules
// from the located villages only. See data/README.md § "The sample scenario".
//
// Everything here is deterministic: same inputs → same output.
import * as turf from '@turf/turf';
import { checkSeedQuote, km, medoid, nearestTo, seedQuote } from '../lib.mjs';

export const SEED_FILES = {
  huairou: '000_e14e3b2b3da5851c.txt',
  mentougou: '004_9d72f6cbdece70bd.txt',
};

/**
 * Villages the seeds name, with the sentence that names them. Found by scanning every register
 * name (without 村委会/村 suffix) against the seed texts; matches that are not a village mention
 * were dropped: "河北" (the province: "在北京河北考察"), "雁翅" (the town brand "雁翅优选"),
 * "大台"/"军庄"/"西山"/"大地"/"九渡河" (town names, festivals or a product brand).
 * Only the ones named as villages are kept.
 */
export const SEED_NAMED_VILLAGES = [
  {
    stem: '琉璃渠',
    district_code: '110109',
    seed: SEED_FILES.mentougou,
    quote: '以琉璃渠村、苇子水村为示范探索总结传统村落保护与活化利用的具体路径',
  },
  {
    stem: '苇子水',
    district_code: '110109',
    seed: SEED_FILES.mentougou,
    quote: '以琉璃渠村、苇子水村为示范探索总结传统村落保护与活化利用的具体路径',
  },
  {
    stem: '泗家水',
    district_code: '110109',
    seed: SEED_FILES.mentougou,
    quote: '支持“泗家水红头香椿”地理标志农产品经营主体',
  },
];

/** Towns that get a cluster need at least this many located 村委会 (1 core + 4 members). */
export const MIN_LOCATED_PER_TOWN = 5;
/** Members per cluster: 5 where the town has enough located 村委会, else 4 (seeds/000: "4-5个"). */
export const MAX_MEMBERS = 5;
/** Poetic villages: located Mentougou 村委会 not in a cluster, within this distance of g109 or the Yongding. */
export const POETIC_MAX_KM = 3;
export const POETIC_YEARS = [2024, 2025, 2026];

const DISTRICT_KEY = { '110116': 'huairou', '110109': 'mentougou' };

const stemOf = (shortName) => shortName.replace(/(村|社区)$/u, '');


/**
 * @param {object} input
 * @param {import('geojson').Feature[]} input.villages  the package's village features (located or not)
 * @param {Map<string, import('geojson').Feature>} input.lines  corridor / culture-belt features by id
 * @param {(s: string) => string} input.romanise  town/village name → machine pinyin
 * @returns {{ clusters, belts, assignments: Map<string, {role, year}>, log: string[] }}
 */
export function buildScenario({ villages, lines, romanise }) {
  const log = [];
  const isLocated = (f) => f.geometry !== null;

  // The quoted sentences must really be in the seeds.
  for (const s of SEED_NAMED_VILLAGES) checkSeedQuote(`seed-named village ${s.stem}`, seedQuote(s.seed, s.quote));

  const located = villages.filter((f) => isLocated(f) && f.properties.kind === '村委会');
  const byTown = new Map();
  for (const f of located) {
    const key = f.properties.town_code;
    if (!byTown.has(key)) byTown.set(key, []);
    byTown.get(key).push(f);
  }

  /** Distance (km) from a point to the nearest of the given lines; Infinity if none exists. */
  const distToLines = (pt, ids) => {
    let best = Infinity;
    for (const id of ids) {
      const line = lines.get(id);
      if (!line) continue;
      const d = turf.pointToLineDistance(pt, line, { units: 'kilometers' });
      if (d < best) best = d;
    }
    return best;
  };

  const clusters = [];
  const assignments = new Map(); // code → { role, year }

  const townCodes = [...byTown.keys()].sort();
  for (const townCode of townCodes) {
    const cands = byTown.get(townCode).slice().sort((a, b) => a.properties.code.localeCompare(b.properties.code));
    if (cands.length < MIN_LOCATED_PER_TOWN) continue;
    const { town, district, district_code } = cands[0].properties;

    // Seed-named villages of this town (located or not), for the core choice and its reason.
    const named = [];
    for (const s of SEED_NAMED_VILLAGES) {
      if (s.district_code !== district_code) continue;
      for (const v of villages) {
        const p = v.properties;
        if (p.town_code === townCode && p.kind === '村委会' && stemOf(p.short_name) === s.stem) named.push({ s, v });
      }
    }
    const namedLocated = named.filter(({ v }) => isLocated(v));
    const namedUnlocated = named.filter(({ v }) => !isLocated(v));

    let core;
    let reason;
    let reasonZh;
    if (namedLocated.length > 0) {
      namedLocated.sort((a, b) => a.v.properties.code.localeCompare(b.v.properties.code));
      const { s, v } = namedLocated[0];
      core = v;
      reason = `core: ${v.properties.name_en} (${v.properties.short_name}) is named in seeds/${s.seed} (“${s.quote}”) and has a located point`;
      reasonZh = `核心村：${v.properties.short_name}见于 seeds/${s.seed}（“${s.quote}”），且有可用点位`;
    } else {
      // Medoid: the located 村委会 with the smallest total distance to the town's other located 村委会.
      core = medoid(cands);
      reason = `core: no located village of ${romanise(town)} (${town}) is named in the seeds, so the core is the most central located village committee (村委会; smallest total distance to the town's other ${cands.length - 1} located village committees)`;
      reasonZh = `核心村：种子文件未点名${town}有点位的村庄，因此取最居中的有点位村委会（到本镇其余 ${cands.length - 1} 个有点位村委会的距离之和最小）`;
    }
    if (namedUnlocated.length > 0) {
      const list = namedUnlocated.map(({ s, v }) => `${v.properties.name_en} (${v.properties.short_name}, seeds/${s.seed})`).join(', ');
      reason += `; ${list} named in the seeds but without a usable point, so not used`;
      reasonZh += `；${namedUnlocated.map(({ s, v }) => `${v.properties.short_name}（seeds/${s.seed}）`).join('、')}见于种子文件但没有可用点位，因此未采用`;
    }

    const nMembers = Math.min(MAX_MEMBERS, cands.length - 1);
    const members = nearestTo(core, cands, nMembers);
    reason += `; members: the ${nMembers} located village committees of ${romanise(town)} (${town}) nearest to the core (${cands.length} located in the town)`;
    reasonZh += `；成员村：${town}距核心村最近的 ${nMembers} 个有点位村委会（全镇有点位的 ${cands.length} 个）`;

    const districtKey = DISTRICT_KEY[district_code];
    const townEn = romanise(town);
    const coreShort = core.properties.short_name;
    clusters.push({
      id: `${districtKey}-${townEn.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-(zhen|diqu|xiang|jiedao)$/, '')}`,
      name: `${town}乡村振兴示范片区（${coreShort}）`,
      name_en: `${townEn} demonstration cluster (${core.properties.name_en})`,
      district,
      core: core.properties.code,
      members: members.map((m) => m.properties.code),
      year: 0, // set below
      reason,
      reason_zh: reasonZh,
      _core: core,
    });
  }

  // Years. Huairou: seeds/000 "计划2024年重点推进3个示范片区建设" → its clusters (at most 3 here) in 2024.
  // Mentougou: 2–3 city-level demonstration
  // villages a year (seeds/004) → 2 clusters a year, nearest to g109/Yongding first (the seed's priority).
  const mtg = clusters.filter((c) => c.district === '门头沟区');
  const mtgLineIds = ['g109', 'g109-expressway', 'yongding'];
  mtg
    .map((c) => ({ c, d: distToLines(c._core, mtgLineIds) }))
    .sort((a, b) => a.d - b.d || a.c.core.localeCompare(b.c.core))
    .forEach(({ c }, i) => {
      c.year = Math.min(2024 + Math.floor(i / 2), 2027);
    });
  for (const c of clusters) if (c.year === 0) c.year = 2024;
  const huairouClusters = clusters.filter((c) => c.district === '怀柔区');
  if (huairouClusters.length > 3) {
    huairouClusters.forEach((c, i) => (c.year = i < 3 ? 2024 : Math.min(2025 + Math.floor((i - 3) / 4), 2027)));
  }

  for (const c of clusters) {
    assignments.set(c.core, { role: 'demonstration', year: c.year });
    for (const m of c.members) assignments.set(m, { role: 'upgrade', year: c.year });
  }

  // Poetic villages (诗画乡村), Mentougou: further located 村委会 near g109 / the Yongding.
  const poeticCands = located
    .filter((f) => f.properties.district_code === '110109' && !assignments.has(f.properties.code))
    .map((f) => ({ f, d: distToLines(f, mtgLineIds) }))
    .filter((o) => o.d <= POETIC_MAX_KM)
    .sort((a, b) => a.d - b.d || a.f.properties.code.localeCompare(b.f.properties.code));
  poeticCands.forEach(({ f }, i) => {
    const year = POETIC_YEARS[Math.floor((i * POETIC_YEARS.length) / poeticCands.length)];
    assignments.set(f.properties.code, { role: 'poetic', year });
  });
  log.push(`poetic villages: ${poeticCands.length} (within ${POETIC_MAX_KM} km of g109/yongding)`);

  // Belts.
  const orderAlong = (cs, along) => {
    const present = along.filter((id) => lines.has(id));
    return cs
      .map((c) => {
        let best = { d: Infinity, li: present.length, loc: c._core.geometry.coordinates[0] };
        present.forEach((id, li) => {
          const line = lines.get(id);
          const lineForNearest = line.geometry.type === 'MultiLineString' ? turf.flatten(line).features[0] : line;
          const np = turf.nearestPointOnLine(lineForNearest, c._core, { units: 'kilometers' });
          if (np.properties.dist < best.d) best = { d: np.properties.dist, li, loc: np.properties.location };
        });
        return { c, ...best };
      })
      .sort((a, b) => a.li - b.li || a.loc - b.loc || a.c.id.localeCompare(b.c.id))
      .map((o) => o.c.id);
  };
  const belts = [];
  const hrAlong = ['great-wall', 'tanghe'].filter((id) => lines.has(id));
  if (huairouClusters.length > 0) {
    belts.push({
      id: 'huairou-guoji-huidu',
      name: '国际会都乡村振兴示范带',
      name_en: 'International Conference Capital rural-revitalisation demonstration belt',
      clusters: orderAlong(huairouClusters, hrAlong),
      along: hrAlong,
    });
  }
  const mtgAlong = ['g109', 'g109-expressway', 'yongding'].filter((id) => lines.has(id));
  if (mtg.length > 0) {
    belts.push({
      id: 'mentougou-g109-yongding',
      name: '109国道—永定河诗画乡村示范带（示例）',
      name_en: 'G109 – Yongding River poetic-village demonstration belt (sample)',
      // West → east, the direction of both the road and the river through the district.
      clusters: mtg
        .slice()
        .sort((a, b) => a._core.geometry.coordinates[0] - b._core.geometry.coordinates[0])
        .map((c) => c.id),
      along: mtgAlong,
    });
  }

  for (const c of clusters) {
    delete c._core;
    delete c.district;
  }
  clusters.sort((a, b) => a.id.localeCompare(b.id));

  return { clusters, belts, assignments, log };
}
