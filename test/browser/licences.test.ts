/**
 * The built files carry the licences of what they bundle: geojson-validation is LGPL-3, whose §4 asks
 * a combined work to say it uses the library and to carry the LGPL and GPL texts. Reads the build
 * (BELT_DIST or dist/); no browser.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const assets = join(DIST, 'assets');
const text = (file: string) => readFile(file, 'utf8');

describe('licences in the build', () => {
  it('geojson-validation is in a bundle, so its notice is needed', async () => {
    const js = (await readdir(assets)).filter((f) => f.endsWith('.js'));
    const found = await Promise.all(js.map(async (f) => (await text(join(assets, f))).includes('must have a member with the name')));
    expect(found.some(Boolean)).toBe(true);
  });

  it('ships its notice (with the bundled version), the LGPL-3 text and the GPL-3 text beside the bundles', async () => {
    const { version } = JSON.parse(await text(join(ROOT, 'node_modules/geojson-validation/package.json'))) as { version: string };
    const notice = await text(join(assets, 'geojson-validation-NOTICE.txt'));
    expect(notice).toContain(`geojson-validation ${version}`);
    expect(notice).toContain('GNU Lesser General Public License version 3');
    expect(await text(join(assets, 'geojson-validation-LICENSE.txt'))).toBe(await text(join(ROOT, 'node_modules/geojson-validation/LICENSE.txt')));
    expect(await text(join(assets, 'geojson-validation-LICENSE.txt'))).toMatch(/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3/);
    expect(await text(join(assets, 'geojson-validation-GPL-3.0.txt'))).toMatch(/^\s*GNU GENERAL PUBLIC LICENSE\s+Version 3, 29 June 2007/);
  });

  it('and the print font its OFL', async () => {
    expect(await text(join(assets, 'noto-sans-sc-LICENSE.txt'))).toMatch(/SIL OPEN FONT LICENSE/i);
  });
});
