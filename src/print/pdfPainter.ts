/**
 * The PDF painter: jsPDF in millimetres, the page exactly the paper size, all text real (selectable,
 * searchable) in the embedded faces of the print font stack (src/print/fonts.ts), each a subset of the
 * glyphs used; everything but a basemap's pixels as vectors.
 */
import { GState, jsPDF } from 'jspdf';
import type { PrintFonts } from './fonts.js';
import type { Box } from './types.js';
import { MM_PER_PT, paintColour, placeText, textOrigin, type ImageSource, type Painter, type ShapeStyle, type TextStyle } from './painter.js';

export { placeMapTiles } from './painter.js';

/** JPEG quality of map pixels in the PDF. */
const JPEG_QUALITY = 0.92;
/** Fake bold (the font has one weight): the glyphs are also stroked, this fraction of an em wide. */
const BOLD_STROKE_EM = 0.035;

export interface PdfDocument {
  painter: Painter;
  /** Starts a new page of the same size; the painter then draws on it. */
  addPage(): void;
  save(): Blob;
  doc: jsPDF;
}

/**
 * Creates a one-page PDF of exactly `page` (mm) with the faces of `fonts` registered (Identity-H,
 * subset on save); a text is drawn run by run, each run in the face that has its glyphs.
 *
 * @example
 * const fonts = await loadPrintFonts(collectTexts([plan, strings('zh-CN')]));
 * const pdf = createPdf({ widthMm: 594, heightMm: 841 }, fonts);
 * await drawExhibit(pdf.painter, page, (p, box) => placeMapTiles(p, box, page.mapPx, tiles));
 * const blob = pdf.save();
 */
export function createPdf(page: { widthMm: number; heightMm: number }, fonts: Pick<PrintFonts, 'faces' | 'runs'>): PdfDocument {
  const doc = new jsPDF({
    unit: 'mm',
    format: [page.widthMm, page.heightMm],
    // jsPDF swaps the format to match the orientation: say the one the size already has.
    orientation: page.widthMm > page.heightMm ? 'landscape' : 'portrait',
    compress: true,
    putOnlyUsedFonts: true,
    // Coordinates to 0.001 pt (0.35 µm), not jsPDF's 16 digits: a vector map's paths are a third the size.
    floatPrecision: 3,
  });
  if (fonts.faces.length === 0) throw new Error('createPdf: no font face');
  for (const face of fonts.faces) {
    doc.addFileToVFS(`${face.name}.ttf`, toBase64(face.ttf));
    doc.addFont(`${face.name}.ttf`, face.name, 'normal', 'Identity-H');
  }
  const primary = fonts.faces[0]!.name;
  doc.setFont(primary, 'normal');

  const gStates = new Map<string, GState>();
  let currentGState = '1/1';
  const setOpacity = (fill: number, stroke: number) => {
    const key = `${round(fill)}/${round(stroke)}`;
    if (key === currentGState) return;
    let g = gStates.get(key);
    if (!g) {
      g = new GState({ opacity: round(fill), 'stroke-opacity': round(stroke) });
      gStates.set(key, g);
    }
    doc.setGState(g);
    currentGState = key;
  };

  /** Sets colours, width, dash and opacity; returns the jsPDF paint operator ('' = nothing to paint). */
  const applyStyle = (style: ShapeStyle): 'F' | 'S' | 'FD' | '' => {
    const fill = style.fill ? paintColour(style.fill) : undefined;
    const stroke = style.stroke ? paintColour(style.stroke) : undefined;
    if (fill) doc.setFillColor(fill.r, fill.g, fill.b);
    if (stroke) {
      doc.setDrawColor(stroke.r, stroke.g, stroke.b);
      doc.setLineWidth(style.lineWidthMm ?? 0.25);
      doc.setLineCap(style.lineCap ?? 'butt');
      doc.setLineJoin(style.lineJoin ?? 'miter');
      doc.setLineDashPattern(style.dash ?? [], 0);
    }
    setOpacity((fill?.a ?? 1) * (style.fillOpacity ?? 1), (stroke?.a ?? 1) * (style.strokeOpacity ?? 1));
    return fill && stroke ? 'FD' : fill ? 'F' : stroke ? 'S' : '';
  };

  /** Width of a run in its face, in ems. */
  const runEm = (run: { face: number; text: string }) => {
    doc.setFont(fonts.faces[run.face]!.name, 'normal');
    return doc.getStringUnitWidth(run.text);
  };
  const measureText: Painter['measureText'] = (str, style) => fonts.runs(str).reduce((w, run) => w + runEm(run), 0) * style.sizePt * MM_PER_PT;

  /** Draws `str` from the baseline origin `o` along its angle, a run at a time. */
  const drawRuns = (str: string, o: { x: number; y: number; cos: number; sin: number }, sizePt: number, options: Record<string, unknown>) => {
    let advance = 0;
    for (const run of fonts.runs(str)) {
      const em = runEm(run);
      doc.setFontSize(sizePt);
      doc.text(run.text, o.x + advance * o.cos, o.y + advance * o.sin, { baseline: 'alphabetic', ...options });
      advance += em * sizePt * MM_PER_PT;
    }
  };

  const painter: Painter = {
    rect(box, style) {
      const op = applyStyle(style);
      if (op) doc.rect(box.x, box.y, box.w, box.h, op);
    },
    line(points, style) {
      const op = applyStyle({ ...style, fill: undefined });
      if (!op || points.length < 2) return;
      points.forEach(([x, y], i) => (i === 0 ? doc.moveTo(x, y) : doc.lineTo(x, y)));
      doc.stroke();
    },
    polygon(rings, style) {
      const op = applyStyle(style);
      if (!op) return;
      let any = false;
      for (const ring of rings) {
        if (ring.length < 3) continue;
        ring.forEach(([x, y], i) => (i === 0 ? doc.moveTo(x, y) : doc.lineTo(x, y)));
        doc.close();
        any = true;
      }
      if (!any) return;
      if (op === 'FD') doc.fillStrokeEvenOdd();
      else if (op === 'F') doc.fillEvenOdd();
      else doc.stroke();
    },
    circle(cx, cy, r, style) {
      const op = applyStyle(style);
      if (op) doc.circle(cx, cy, r, op);
    },
    text(str, x, y, style: TextStyle) {
      if (!str) return;
      const { sizePt, left } = placeText(painter, str, x, style);
      const o = textOrigin(x, y, left, sizePt, style);
      const color = paintColour(style.color ?? '#000000');
      // jsPDF turns text counter-clockwise; the page's angle is clockwise.
      const angle = style.angle ? { angle: -style.angle } : {};
      if (style.halo && style.halo.widthMm > 0) {
        // The halo: the glyphs stroked twice its width (half of it falls inside, under the fill).
        const halo = paintColour(style.halo.color);
        doc.setDrawColor(halo.r, halo.g, halo.b);
        doc.setLineWidth(style.halo.widthMm * 2);
        doc.setLineDashPattern([], 0);
        doc.setLineJoin('round');
        setOpacity(halo.a, halo.a);
        drawRuns(str, o, sizePt, { renderingMode: 'stroke', ...angle });
      }
      doc.setTextColor(color.r, color.g, color.b);
      if (style.bold) {
        doc.setDrawColor(color.r, color.g, color.b);
        doc.setLineWidth(sizePt * MM_PER_PT * BOLD_STROKE_EM);
        doc.setLineDashPattern([], 0);
        doc.setLineJoin('round');
      }
      setOpacity(color.a, color.a);
      drawRuns(str, o, sizePt, { renderingMode: style.bold ? 'fillThenStroke' : 'fill', ...angle });
    },
    measureText,
    async image(source: ImageSource, box: Box) {
      const { data, format } = await encodeImage(source);
      setOpacity(1, 1);
      doc.addImage(data, format, box.x, box.y, box.w, box.h, undefined, 'NONE');
    },
    async clip(box, draw) {
      const savedGState = currentGState;
      doc.saveGraphicsState();
      doc.rect(box.x, box.y, box.w, box.h, null);
      doc.clip();
      doc.discardPath();
      try {
        await draw();
      } finally {
        doc.restoreGraphicsState();
        // The restored state has the opacity from before the clip.
        currentGState = savedGState;
      }
    },
  };

  return {
    painter,
    addPage() {
      doc.addPage([page.widthMm, page.heightMm], page.widthMm > page.heightMm ? 'landscape' : 'portrait');
      doc.setFont(primary, 'normal');
      currentGState = '1/1';
    },
    save: () => doc.output('blob'),
    doc,
  };
}

function round(v: number): number {
  return Math.round(Math.max(0, Math.min(1, v)) * 1000) / 1000;
}

/** Pixels as bytes jsPDF embeds: PNG/JPEG bytes pass through; canvases and bitmaps become JPEG. */
async function encodeImage(source: ImageSource): Promise<{ data: Uint8Array | string; format: 'PNG' | 'JPEG' }> {
  if (source instanceof Uint8Array) {
    if (source[0] === 0x89 && source[1] === 0x50 && source[2] === 0x4e && source[3] === 0x47) return { data: source, format: 'PNG' };
    if (source[0] === 0xff && source[1] === 0xd8) return { data: source, format: 'JPEG' };
    throw new Error('createPdf: image bytes are neither PNG nor JPEG');
  }
  if (typeof HTMLCanvasElement !== 'undefined' && source instanceof HTMLCanvasElement) {
    return { data: source.toDataURL('image/jpeg', JPEG_QUALITY), format: 'JPEG' };
  }
  if (typeof OffscreenCanvas !== 'undefined' && source instanceof OffscreenCanvas) {
    const blob = await source.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
    return { data: new Uint8Array(await blob.arrayBuffer()), format: 'JPEG' };
  }
  // An ImageBitmap: draw it on a canvas first.
  const bitmap = source as ImageBitmap;
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    return encodeImage(canvas);
  }
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  return encodeImage(canvas);
}

/** Base64 of bytes, without Node's Buffer (chunked: String.fromCharCode takes limited arguments). */
function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
