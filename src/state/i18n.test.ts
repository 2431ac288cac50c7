import { describe, expect, it } from 'vitest';
import { isRegistered, localName, normaliseLang, registerTranslation, strings, textLang } from './i18n.js';

// A made-up third language for these tests only: a few keys, the rest should come from English.
const fr = { $code: 'fr', $name: 'Français', $dir: 'ltr' as const, layers: 'Couches', planChosen: (name: string) => `Chargement du plan : ${name}` };

describe('interface languages', () => {
  it('resolves tags to a registered language, else Chinese', () => {
    expect(normaliseLang('en')).toBe('en');
    expect(normaliseLang('en-GB')).toBe('en');
    expect(normaliseLang('EN_us')).toBe('en');
    expect(normaliseLang('zh-CN')).toBe('zh-CN');
    expect(normaliseLang('de')).toBe('zh-CN');
    expect(normaliseLang('not a tag!')).toBe('zh-CN');
    expect(normaliseLang(undefined)).toBe('zh-CN');
  });

  it('gives each language its own text, and functions their arguments', () => {
    expect(strings('zh-CN').layers).toBe('图层');
    expect(strings('en').layers).toBe('Layers');
    expect(strings('en').planChosen('Huairou')).toContain('Huairou');
    expect(strings('zh-CN').planChosen('怀柔')).toContain('怀柔');
    expect(strings('en').layer.villages).toBe('Villages');
  });

  it('adds a third language without code: its keys, English for the rest, English names of the data', () => {
    expect(isRegistered('fr')).toBe(false);
    registerTranslation(fr);
    expect(isRegistered('fr-CA')).toBe(true);
    expect(normaliseLang('fr-CA')).toBe('fr');
    const t = strings('fr');
    expect(t.layers).toBe('Couches');
    expect(t.planChosen('Huairou')).toBe('Chargement du plan : Huairou');
    expect(t.legend).toBe(strings('en').legend);
    expect(t.undoTitle('x')).toBe(strings('en').undoTitle('x'));
    expect(textLang('fr')).toBe('en');
    expect(localName('fr', { name: '北沟村', name_en: 'Beigou' })).toBe('Beigou');
    expect(textLang('zh-CN')).toBe('zh');
    // A key registered again replaces the earlier text.
    registerTranslation({ ...fr, layers: 'Calques' });
    expect(strings('fr').layers).toBe('Calques');
  });

  it('refuses a translation without a language code, with the reason', () => {
    expect(() => registerTranslation({ $name: 'x', $dir: 'ltr' } as never)).toThrow(/\$code/);
  });
});
