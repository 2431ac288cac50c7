import { describe, expect, it } from 'vitest';
import { atlasOptions, clampDpi, clampScale, defaultPrintForm, exportFileName, exportOptions } from './print-form.js';

describe('the print form', () => {
  const form = defaultPrintForm('2026-12-02');

  it('starts as A4 landscape at 150 dpi, as on screen, dated today, an atlas by cluster', () => {
    expect(form).toMatchObject({ paper: 'A4', orientation: 'landscape', dpi: 150, format: 'png', scale: 'view', date: '2026-12-02', atlasBy: 'cluster', corridor: '' });
    expect(form.center).toBeUndefined();
  });

  it('clamps a typed dpi and scale, and falls back on unreadable input', () => {
    expect([clampDpi('20'), clampDpi('600'), clampDpi('96.6'), clampDpi('x')]).toEqual([72, 300, 97, 150]);
    expect([clampScale('100'), clampScale('12345.6'), clampScale('')]).toEqual([500, 12346, 20_000]);
  });

  it('asks for the page in the form’s format, leaving empty texts out', () => {
    const f = { ...form, format: 'png' as const, title: 'Plan', author: '' };
    expect(exportOptions(f)).toEqual({ paper: 'A4', orientation: 'landscape', dpi: 150, format: 'png', scale: 'view', title: 'Plan', date: '2026-12-02' });
  });

  it('passes the moved centre for a fixed scale only: a print of the view frames the view', () => {
    const moved = { ...form, center: [116.1, 39.9] as [number, number] };
    expect(exportOptions({ ...moved, scale: 25_000 }).center).toEqual([116.1, 39.9]);
    expect(exportOptions(moved)).not.toHaveProperty('center');
  });

  it('asks for an atlas always as a PDF, by what the form says, without the page’s centre', () => {
    const f = { ...form, format: 'png' as const, scale: 25_000, center: [116.1, 39.9] as [number, number] };
    expect(atlasOptions({ ...f, atlasBy: 'town' })).toEqual({ paper: 'A4', orientation: 'landscape', dpi: 150, format: 'pdf', scale: 25_000, date: '2026-12-02', by: 'town' });
    expect(atlasOptions({ ...f, atlasBy: 'corridor', corridor: 'g109' })).toMatchObject({ by: 'corridor', corridor: 'g109' });
    // Every line: no corridor asked for.
    expect(atlasOptions({ ...f, atlasBy: 'corridor' })).not.toHaveProperty('corridor');
    // A line chosen before switching to "by town" is not passed.
    expect(atlasOptions({ ...f, atlasBy: 'town', corridor: 'g109' })).not.toHaveProperty('corridor');
  });

  it('names the download by what it is', () => {
    expect(exportFileName({ ...form, paper: 'A3', dpi: 300, format: 'pdf' }, 'page')).toBe('belt-map-A3-300dpi.pdf');
    expect(exportFileName({ ...form, atlasBy: 'town' }, 'atlas')).toBe('belt-map-atlas-town-150dpi.pdf');
    expect(exportFileName({ ...form, atlasBy: 'corridor', corridor: 'g109' }, 'atlas')).toBe('belt-map-atlas-corridor-g109-150dpi.pdf');
    expect(exportFileName({ ...form, atlasBy: 'corridor', corridor: 'a b/c' }, 'atlas')).toBe('belt-map-atlas-corridor-a_b_c-150dpi.pdf');
  });
});
