// Validates every derived plan package with the app's own validator (src/plan/validate.ts).
//
//   npx tsx data/derive/check.ts            (the committed data/)
//   npx tsx data/derive/check.ts /scratch   (a BELT_OUT folder)
//
// Exits 1 if any package (or data/plan.json, the default one at the old URL) has a problem.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPackage } from '../../src/plan/validate.ts';
import { PLAN_FILE_KEYS } from '../../src/types/plan.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '..'));
const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));

/** Reads a package from disk: plan.json and the files it names, relative to it. */
function readFromDisk(manifestPath: string) {
  const manifest = readJson(manifestPath) as { files: Record<string, string> };
  const files: Record<string, unknown> = {};
  for (const key of PLAN_FILE_KEYS) if (manifest.files[key]) files[key] = readJson(join(dirname(manifestPath), manifest.files[key]));
  return readPackage({ manifest, files });
}

const index = readJson(join(root, 'plans.json')) as { id: string; url: string }[];
let bad = 0;
for (const path of [...index.map((p) => p.url), 'plan.json']) {
  const { plan, problems } = readFromDisk(join(root, path));
  const n = plan ? `${plan.villages.features.length} villages, ${plan.clusters.length} clusters, ${plan.targets.length} targets` : 'not loaded';
  console.log(`${path}: ${problems.length} problems (${n})`);
  for (const p of problems) console.log(`  ${JSON.stringify(p)}`);
  if (problems.length > 0) bad++;
}
process.exit(bad > 0 ? 1 : 0);
