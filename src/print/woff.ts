/**
 * WOFF 1.0 → TrueType/OpenType (sfnt) conversion, for jsPDF, which embeds TTF only. The bundled
 * CJK font ships as WOFF (zlib-compressed tables); this inflates each table and writes the sfnt back.
 * Runs in browsers and Node ≥ 18 (`DecompressionStream`).
 */

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF2_SIGNATURE = 0x774f4632; // 'wOF2'
const WOFF_HEADER_SIZE = 44;
const WOFF_ENTRY_SIZE = 20;
const SFNT_HEADER_SIZE = 12;
const SFNT_ENTRY_SIZE = 16;

interface WoffTable {
  tag: number;
  offset: number;
  compLength: number;
  origLength: number;
  checksum: number;
}

/**
 * Converts a WOFF 1.0 font to the sfnt (TTF/OTF) it wraps.
 *
 * @param woff - the bytes of a `.woff` file
 * @returns the bytes of the sfnt: same flavour (0x00010000 for TrueType outlines), same tables in
 *   the same order, each table 4-byte aligned
 * @throws Error when the input is not WOFF 1.0 (WOFF2 included) or is truncated
 * @example
 * const ttf = await woffToTtf(await (await fetch('fonts/noto-sans-sc-400.woff')).arrayBuffer());
 */
export async function woffToTtf(woff: ArrayBuffer): Promise<ArrayBuffer> {
  const view = new DataView(woff);
  if (woff.byteLength < WOFF_HEADER_SIZE) throw new Error(`woffToTtf: not a WOFF font (${woff.byteLength} bytes, too short for a WOFF header)`);
  const signature = view.getUint32(0);
  if (signature === WOFF2_SIGNATURE) throw new Error('woffToTtf: WOFF2 is not supported; give a WOFF 1.0 font');
  if (signature !== WOFF_SIGNATURE) throw new Error(`woffToTtf: not a WOFF font (signature 0x${signature.toString(16).padStart(8, '0')}, expected 0x774f4646 "wOFF")`);
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  if (numTables === 0 || WOFF_HEADER_SIZE + numTables * WOFF_ENTRY_SIZE > woff.byteLength) {
    throw new Error(`woffToTtf: truncated WOFF table directory (${numTables} tables)`);
  }

  const tables: WoffTable[] = [];
  for (let i = 0; i < numTables; i++) {
    const o = WOFF_HEADER_SIZE + i * WOFF_ENTRY_SIZE;
    const table = { tag: view.getUint32(o), offset: view.getUint32(o + 4), compLength: view.getUint32(o + 8), origLength: view.getUint32(o + 12), checksum: view.getUint32(o + 16) };
    if (table.offset + table.compLength > woff.byteLength || table.compLength > table.origLength) {
      throw new Error(`woffToTtf: table "${tagName(table.tag)}" lies outside the file or is larger compressed than original`);
    }
    tables.push(table);
  }

  const data = await Promise.all(
    tables.map(async (t) => {
      const bytes = new Uint8Array(woff, t.offset, t.compLength);
      if (t.compLength === t.origLength) return bytes; // stored uncompressed
      const out = await inflate(bytes);
      if (out.byteLength !== t.origLength) throw new Error(`woffToTtf: table "${tagName(t.tag)}" inflated to ${out.byteLength} bytes, expected ${t.origLength}`);
      return out;
    }),
  );

  let size = SFNT_HEADER_SIZE + numTables * SFNT_ENTRY_SIZE;
  for (const t of tables) size += pad4(t.origLength);
  const out = new ArrayBuffer(size);
  const ov = new DataView(out);
  const bytes = new Uint8Array(out);
  // sfnt header: searchRange etc. from the largest power of two ≤ numTables.
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  ov.setUint32(0, flavor);
  ov.setUint16(4, numTables);
  ov.setUint16(6, searchRange);
  ov.setUint16(8, entrySelector);
  ov.setUint16(10, numTables * 16 - searchRange);
  let offset = SFNT_HEADER_SIZE + numTables * SFNT_ENTRY_SIZE;
  tables.forEach((t, i) => {
    const o = SFNT_HEADER_SIZE + i * SFNT_ENTRY_SIZE;
    ov.setUint32(o, t.tag);
    ov.setUint32(o + 4, t.checksum);
    ov.setUint32(o + 8, offset);
    ov.setUint32(o + 12, t.origLength);
    bytes.set(data[i]!, offset);
    offset += pad4(t.origLength);
  });
  return out;
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  // WOFF tables are zlib streams, which DecompressionStream calls 'deflate'.
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function tagName(tag: number): string {
  return String.fromCharCode((tag >>> 24) & 255, (tag >>> 16) & 255, (tag >>> 8) & 255, tag & 255);
}
