/**
 * Import benchmark: `importIntoPlan` of 10,000-row files into a synthetic plan of 10,000 villages
 * (seeded; made up here): a CSV in longitude/latitude, the same as CGCS2000 Gauss–Krüger X/Y (every
 * position through proj4), and a GeoJSON of 10,000 points. Rows: 60 % joined by code, 20 % by name
 * within the town, 10 % added outside the register, 10 % bad (unknown role, bad year, position far off).
 * And "10,000 rows all added": a CSV whose rows match nothing (names of a town the plan does not
 * have, no code, no role or year, positions in the plan's view) imported with `unmatched: 'add'`.
 *
 * Run with `npx tsx src/io/importFile.bench.ts`. stdout: one line per case (`bench import-<case> ms=…`);
 * the median of 5 runs after a warm-up.
 */
import os from 'node:os';
import { planFrom } from './loadPlan.js';
import { fromWgs84 } from './crs.js';
import { importIntoPlan, type ImportFileOptions } from './importFile.js';
import { mulberry32 } from '../geo/syntheticCountry.js';
import { PLAN_FORMAT, type Plan } from '../types/plan.js';

const N = 10_000;
const RUNS = 5;
const rand = mulberry32(20250801);
const towns = Array.from({ length: 50 }, (_, i) => `测试${i + 1}镇`);

interface V {
  code: string;
  name: string;
  town: string;
  lon: number;
  lat: number;
}
const villages: V[] = Array.from({ length: N }, (_, i) => ({
  code: `99${String(1000000000 + i).slice(1)}`,
  name: `第${i + 1}村`,
  town: towns[i % towns.length]!,
  lon: 115.5 + rand() * 1.3,
  lat: 39.5 + rand() * 1.4,
}));

const plan: Plan = planFrom({
  manifest: {
    format: PLAN_FORMAT,
    name: { zh: '导入测试', en: 'Import bench' },
    sample: true,
    views: [{ id: 'all', label: { zh: '全域', en: 'All' }, bounds: [115.4, 39.4, 116.9, 41.0] }],
    years: [2024, 2025, 2026, 2027],
    roles: [
      { id: 'demo', kind: 'core', label: { zh: '示范村', en: 'Demonstration' } },
      { id: 'upgrade', kind: 'member', label: { zh: '提升村', en: 'Upgrade' } },
      { id: 'other', kind: 'none', label: { zh: '其他', en: 'Other' } },
    ],
    files: { villages: 'villages.geojson' },
    attribution: [{ what: { zh: '测试', en: 'bench' }, text: 'synthetic', licence: 'CC0' }],
  },
  files: {
    villages: {
      type: 'FeatureCollection',
      features: villages.map((v) => ({
        type: 'Feature',
        properties: { code: v.code, name: `${v.name}村委会`, town: v.town, role: 'other', year: null, source: 'synthetic', accuracy: 'synthetic' },
        geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
      })),
    },
  },
});

/** The rows: [code, name, town, role, year, lon, lat]. */
const rows = villages.map((v, i) => {
  const lon = v.lon + (rand() - 0.5) * 0.01;
  const lat = v.lat + (rand() - 0.5) * 0.01;
  const role = i % 2 ? '示范村' : '提升村';
  const year = `${2024 + (i % 4)}年`;
  const k = i % 10;
  if (k < 6) return [v.code, '', '', role, year, lon, lat] as const;
  if (k < 8) return ['', v.name, v.town, role, year, lon, lat] as const;
  if (k === 8) return ['', `新村${i}`, v.town, role, year, lon, lat] as const;
  return [v.code, '', '', i % 3 ? '重点村' : role, i % 3 === 1 ? year : 'abc', i % 3 === 2 ? lon + 10 : lon, lat] as const;
});
const enc = (s: string) => new TextEncoder().encode(s);
const csvGeo = enc(`\ufeff区划代码,村名,乡镇,角色,年度,经度,纬度\n${rows.map((r) => r.join(',')).join('\n')}\n`);
const gk = fromWgs84(
  'EPSG:4527',
  rows.map((r) => [r[5], r[6]]),
);
const csvGk = enc(`区划代码,村名,乡镇,角色,年度,X,Y\n${rows.map((r, i) => [...r.slice(0, 5), gk[i]![1].toFixed(3), gk[i]![0].toFixed(3)].join(',')).join('\n')}\n`);
const geojson = enc(
  JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map((r) => ({ type: 'Feature', properties: { 区划代码: r[0], 村名: r[1], 乡镇: r[2], 角色: r[3], 年度: r[4] }, geometry: { type: 'Point', coordinates: [r[5], r[6]] } })),
  }),
);

/** 10,000 rows that match no village: `测试<i>村` of 测试镇 (no town of the plan), located in the plan's view. */
const csvAdded = enc(
  `区划代码,村名,乡镇,角色,年度,经度,纬度\n${villages.map((_, i) => ['', `测试${i}村`, '测试镇', '', '', (115.4 + rand() * 1.5).toFixed(6), (39.4 + rand() * 1.6).toFixed(6)].join(',')).join('\n')}\n`,
);

const cases: [string, string, Uint8Array, ImportFileOptions][] = [
  ['csv-lonlat', 'villages.csv', csvGeo, { unmatched: 'add' }],
  ['csv-gk', 'villages-gk.csv', csvGk, { unmatched: 'add' }],
  ['geojson', 'villages.geojson', geojson, { unmatched: 'add' }],
  ['added', 'villages-added.csv', csvAdded, { unmatched: 'add' }],
];

console.error(`# ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, node ${process.version}; plan of ${N} villages, files of ${N} rows`);
for (const [id, name, bytes, options] of cases) {
  let report;
  await importIntoPlan(plan, { name, bytes }, options); // warm-up
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    report = (await importIntoPlan(plan, { name, bytes }, options)).report;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const r = report!;
  console.log(
    `bench import-${id} rows=${r.rows} ms=${times[Math.floor(RUNS / 2)]!.toFixed(0)} min_ms=${times[0]!.toFixed(0)} added=${r.added} updated=${r.updated} unchanged=${r.unchanged} rejected=${r.rejected.length} crs=${r.crs}`,
  );
}
