#!/usr/bin/env node
// Derives the belt-map plan packages (data/plans.json, data/plans/<id>/…, data/plan.json) from the
// reference data.
//
//   npm run data                      (= node data/derive/derive.mjs)
//   BELT_REFERENCE=/path/to/reference BELT_SEEDS=/path/to/seeds BELT_OUT=/scratch npm run data
//
// Inputs: the reference folder (default ../../../shared/reference relative to this script; see its
// PROVENANCE.md), the route files data/derive/routes/<id>.json (via lists + citations of schematic
// lines) and the seed texts (../../../shared/seeds, or BELT_SEEDS) for checking quoted sentences.
// Each package is built by its module data/derive/plans/<id>.mjs; the shared helpers are in
// ./lib.mjs. Output is deterministic (stable order, fixed rounding): re-running writes the same bytes.
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REF, checkSeedQuote, featureCollection, fail, log } from './lib.mjs';
import * as huairouMentougou from './plans/huairou-mentougou.mjs';
import * as miyun from './plans/miyun.mjs';
import * as xihu from './plans/xihu.mjs';
import * as zhenhai from './plans/zhenhai.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// BELT_OUT lets a test derive into a scratch folder and compare with the committed packages.
const OUT = process.env.BELT_OUT ? resolve(process.env.BELT_OUT) : resolve(here, '..');

/** The packages, the default first. */
const PLANS = [huairouMentougou, miyun, xihu, zhenhai];
const DEFAULT = huairouMentougou.id;

/** Manifest file key → file name; a line or water file is written only when it has features. */
const FILES = [
  ['districts', 'districts.geojson', true],
  ['townSeats', 'town-seats.geojson', true],
  ['villages', 'villages.geojson', true],
  ['corridors', 'corridors.geojson', false],
  ['cultureBelts', 'culture-belts.geojson', false],
  ['water', 'water.geojson', false],
];

const writeJson = (path, obj) => writeFileSync(path, `${JSON.stringify(obj, null, 2)}\n`);
const writeCompact = (path, obj) => writeFileSync(path, `${JSON.stringify(obj)}\n`);

/** The manifest in the format's field order, with `files` relative to `prefix`. */
function manifestOf(m, files, prefix = '') {
  return {
    format: 'belt-map-plan/2',
    name: m.name,
    sample: m.sample,
    notice: m.notice,
    views: m.views,
    focusDistricts: m.focusDistricts,
    ...(m.inset ? { inset: m.inset } : {}),
    years: m.years,
    roles: m.roles,
    rules: m.rules ?? [],
    targets: m.targets ?? [],
    lineStyles: m.lineStyles ?? {},
    files: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, `${prefix}${f}`])),
    clusters: m.clusters ?? [],
    belts: m.belts ?? [],
    attribution: m.attribution,
  };
}

/** Every quoted seed sentence of a manifest is checked against the seed file. */
function checkQuotes(planId, m, sections) {
  for (const r of m.roles) if (r.source !== undefined) checkSeedQuote(`${planId} role ${r.id}`, r.source, sections);
  (m.rules ?? []).forEach((r, i) => checkSeedQuote(`${planId} rule #${i} ${r.rule}`, r.source, sections));
  for (const t of m.targets ?? []) checkSeedQuote(`${planId} target ${t.id}`, t.source, sections);
}

function main() {
  log(`reference: ${REF}`);
  const index = [];
  let defaultManifest = null;
  for (const plan of PLANS) {
    const { manifest: m, collections, report, sections } = plan.build();
    checkQuotes(plan.id, m, sections);
    const dir = join(OUT, 'plans', plan.id);
    mkdirSync(dir, { recursive: true });
    const files = {};
    const written = new Set(['plan.json']);
    for (const [key, name, always] of FILES) {
      const features = collections[key] ?? [];
      if (!always && features.length === 0) continue;
      if (always && features.length === 0 && key === 'villages') fail(`${plan.id}: no villages`);
      files[key] = name;
      writeCompact(join(dir, name), featureCollection(features));
      written.add(name);
    }
    // A file the package no longer has must not linger from an earlier run.
    for (const f of readdirSync(dir)) if (/\.(geo)?json$/.test(f) && !written.has(f)) rmSync(join(dir, f));
    writeJson(join(dir, 'plan.json'), manifestOf(m, files));
    index.push({ id: plan.id, name: m.name, url: `plans/${plan.id}/plan.json` });
    if (plan.id === DEFAULT) defaultManifest = manifestOf(m, files, `plans/${plan.id}/`);

    const v = collections.villages;
    const roles = {};
    for (const f of v) roles[f.properties.role] = (roles[f.properties.role] ?? 0) + 1;
    log(`\n== ${plan.id}: ${v.length} register entries, ${v.filter((f) => f.geometry).length} located; town seats ${collections.townSeats.length}; lines ${[...(collections.corridors ?? []), ...(collections.cultureBelts ?? [])].map((f) => f.properties.id).join(', ') || '(none)'}; water ${(collections.water ?? []).length}; clusters ${(m.clusters ?? []).length}; belts ${(m.belts ?? []).length}`);
    log(`roles: ${JSON.stringify(roles)}`);
    for (const line of report) log(line);
  }
  if (!defaultManifest) fail('no default plan');
  writeJson(join(OUT, 'plans.json'), index);
  // The old URL data/plan.json keeps working: the default package's manifest, files pointing into plans/<id>/.
  writeJson(join(OUT, 'plan.json'), defaultManifest);
  if (!existsSync(join(OUT, 'plans.json'))) fail('plans.json not written');
}

main();
