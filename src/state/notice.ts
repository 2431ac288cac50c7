/**
 * A sample plan's notice, split for the header: the package's own lead-in ("示例方案：…",
 * "Sample plan: …") becomes the badge, so the header never says "示例方案 示例方案：…"; a notice
 * without a lead-in keeps the UI's badge.
 *
 * @param notice - the notice in the UI language
 * @param badge - the UI's "sample plan" badge, used when the notice has no lead-in
 * @returns the badge to show and the rest of the notice
 * @example
 * ```ts
 * sampleNotice('示例方案：本图为样例。', '示例方案'); // { badge: '示例方案', text: '本图为样例。' }
 * sampleNotice('Not the official plan.', 'Sample scenario'); // { badge: 'Sample scenario', text: 'Not the official plan.' }
 * ```
 */
export function sampleNotice(notice: string, badge: string): { badge: string; text: string } {
  // A lead-in is a short label before the first colon (full-width or ASCII), with no sentence end in it.
  const m = /^\s*([^：:。.!?！？\n]{1,24}?)\s*[：:]\s*(\S[\s\S]*)$/u.exec(notice);
  return m ? { badge: m[1]!, text: m[2]! } : { badge, text: notice.trim() };
}
