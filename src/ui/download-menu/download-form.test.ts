import { describe, expect, it } from 'vitest';
import { commandsPlan } from '../../../test/helpers/handPlan';
import { EXPORT_FORMATS, exportPlan } from '../../io/exportPlan';
import { DownloadController, type DownloadCrsChoice } from '../controllers/download-controller';
import { DOWNLOAD_FORMATS, crsAllowed, effectiveCrs } from './download-form';

/** The menu's choices for a plan between `west` and `east` (the controller's, loaded with the crs module). */
async function choicesFor(west: number, east: number): Promise<DownloadCrsChoice[]> {
  const c = new DownloadController({ addController: () => undefined, requestUpdate: () => undefined, removeController: () => undefined, updateComplete: Promise.resolve(true), exportPlan: () => Promise.reject(new Error('unused')) });
  await c.loadCrsChoices(west, east);
  return c.crsChoices;
}

describe('the download menu’s choices', () => {
  it('offers every format the engine writes, in menu order', () => {
    expect([...DOWNLOAD_FORMATS].sort()).toEqual([...EXPORT_FORMATS].sort());
  });

  it('offers the geographic systems and the CGCS2000 3° zones over the plan’s longitudes (with and without the zone number)', async () => {
    // Beijing's Huairou and Mentougou (115.4°E–117.5°E): zones 38 (114°E) and 39 (117°E).
    expect((await choicesFor(115.4, 117.5)).map((c) => c.id)).toEqual(['WGS84', 'CGCS2000', 'GCJ-02', 'BD-09', 'EPSG:4526', 'EPSG:4527', 'EPSG:4547', 'EPSG:4548']);
    // Hangzhou Xihu (about 120°E): zone 40 alone.
    expect((await choicesFor(119.9, 120.2)).filter((c) => c.projected).map((c) => [c.id, c.group, c.label.en])).toEqual([
      ['EPSG:4528', 'gk3', 'CGCS2000 3° Gauss–Krüger zone 40 (EPSG:4528)'],
      ['EPSG:4549', 'gk3cm', 'CGCS2000 3° Gauss–Krüger CM 120°E (EPSG:4549)'],
    ]);
    // Outside China's zones: the geographic systems only.
    expect((await choicesFor(2, 3)).every((c) => !c.projected)).toBe(true);
  });

  it('allows exactly the format and system pairs the engine writes (a disabled choice is one it refuses)', async () => {
    const plan = commandsPlan();
    const choices = await choicesFor(114, 118);
    for (const format of DOWNLOAD_FORMATS)
      for (const crs of choices) {
        let writes = true;
        try {
          exportPlan(plan, { format, crs: crs.id });
        } catch {
          writes = false;
        }
        // The package takes CGCS2000 too (the same frame), but the menu offers it in WGS84 only.
        if (format === 'zip' && crs.id === 'CGCS2000') expect(crsAllowed(format, crs)).toBe(false);
        else expect(crsAllowed(format, crs), `${format} ${crs.id}`).toBe(writes);
      }
  });

  it('downloads in WGS84 when the chosen system does not fit the format, and keeps the choice otherwise', () => {
    const gk = { id: 'EPSG:4527' as const, projected: true };
    expect(effectiveCrs('zip', gk)).toBe('WGS84');
    expect(effectiveCrs('kml', gk)).toBe('WGS84');
    expect(effectiveCrs('kml', { id: 'GCJ-02', projected: false })).toBe('GCJ-02');
    expect(effectiveCrs('shp', gk)).toBe('EPSG:4527');
    expect(effectiveCrs('csv', undefined)).toBe('WGS84');
  });
});
