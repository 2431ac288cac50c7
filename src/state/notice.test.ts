import { describe, expect, it } from 'vitest';
import { loadPackage, bundledPlans } from '../../test/helpers/bundledPlan';
import { sampleNotice } from './notice';

describe('sampleNotice', () => {
  it("takes the notice's own lead-in as the badge (zh full-width colon, en ASCII colon)", () => {
    expect(sampleNotice('示例方案：本图为样例，并非官方规划。', '示例方案')).toEqual({ badge: '示例方案', text: '本图为样例，并非官方规划。' });
    expect(sampleNotice('Sample plan: an example, not the official plan.', 'Sample scenario')).toEqual({ badge: 'Sample plan', text: 'an example, not the official plan.' });
  });

  it('keeps the UI badge for a notice without a lead-in, or whose first colon comes after a sentence', () => {
    expect(sampleNotice('Not the official plan.', 'Sample scenario')).toEqual({ badge: 'Sample scenario', text: 'Not the official plan.' });
    expect(sampleNotice('本图为样例。注意：位置未核实。', '示例方案')).toEqual({ badge: '示例方案', text: '本图为样例。注意：位置未核实。' });
    expect(sampleNotice('A very long first clause that is not a label at all: text', 'Sample')).toEqual({ badge: 'Sample', text: 'A very long first clause that is not a label at all: text' });
  });

  it('every bundled sample package: the header names it a sample once, in both languages', () => {
    for (const { url } of bundledPlans()) {
      const { manifest } = loadPackage(url);
      if (!manifest.sample) continue;
      for (const [notice, badge] of [[manifest.notice.zh, '示例方案'], [manifest.notice.en, 'Sample scenario']] as const) {
        const s = sampleNotice(notice, badge);
        expect(`${s.badge} ${s.text}`.match(/示例方案|Sample (plan|scenario)/g), notice).toHaveLength(1);
      }
    }
  });
});
