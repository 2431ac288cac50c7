import { describe, expect, it } from 'vitest';
import { clampDpi, clampScale, defaultPrintForm, exportFileName, exportOptions } from './print-form.js';

describe('the print form', () => {
  const form = defaultPrintForm('2026-12-02');

  it('starts as A4 landscape at 150 dpi, as on screen, dated today', () => {
    expect(form).toMatchObject({ paper: 'A4', orientation: 'landscape', dpi: 150, format: 'png', scale: 'view', date: '2026-12-02' });
  });

  it('clamps a typed dpi and scale, and falls back on unreadable input', () => {
    expect([clampDpi('20'), clampDpi('600'), clampDpi('96.6'), clampDpi('x')]).toEqual([72, 300, 97, 150]);
    expect([clampScale('100'), clampScale('12345.6'), clampScale('')]).toEqual([500, 12346, 20_000]);
  });

  it('asks for the page in the form’s format and for an atlas always as a PDF, leaving empty texts out', () => {
    const f = { ...form, format: 'png' as const, title: 'Plan', author: '' };
    expect(exportOptions(f, 'page')).toEqual({ paper: 'A4', orientation: 'landscape', dpi: 150, format: 'png', scale: 'view', title: 'Plan', date: '2026-12-02' });
    expect(exportOptions(f, 'cluster').format).toBe('pdf');
  });

  it('names the download by what it is', () => {
    expect(exportFileName({ ...form, paper: 'A3', dpi: 300, format: 'pdf' }, 'page')).toBe('belt-map-A3-300dpi.pdf');
    expect(exportFileName(form, 'corridor')).toBe('belt-map-atlas-corridor-150dpi.pdf');
  });
});
