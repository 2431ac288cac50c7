/** File names that every system accepts, Windows included. */

/** Characters Windows forbids in a file name, and control characters. */
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A safe stem for a file name: the characters Windows forbids (`/ \ : * ? " < > |` and control
 * characters) become `-`, white space runs become one space, leading and trailing spaces, dots and
 * dashes go, a device name (CON, NUL, COM1 …) gets a leading `_`, and a stem longer than `max`
 * characters (code points, never half a surrogate pair) is cut and ends with `…`.
 *
 * @param text - the wanted name (a plan's name, a table's title)
 * @param options - `max` characters (default 40); `fallback` when nothing is left (default `'belt-map'`)
 * @returns the stem, without an extension
 * @example
 * ```ts
 * safeFileStem('怀柔区、门头沟区乡村振兴示范带（示例方案）', { max: 8 }); // '怀柔区、门头沟区…'
 * safeFileStem('a/b: c?'); // 'a-b- c'
 * ```
 */
export function safeFileStem(text: string, { max = 40, fallback = 'belt-map' }: { max?: number; fallback?: string } = {}): string {
  let s = String(text ?? '')
    .replace(FORBIDDEN, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.-]+$/g, '');
  const chars = Array.from(s);
  if (chars.length > max) s = `${chars.slice(0, Math.max(1, max)).join('').replace(/[\s.-]+$/, '')}…`;
  if (s === '') return fallback;
  return RESERVED.test(s) ? `_${s}` : s;
}
