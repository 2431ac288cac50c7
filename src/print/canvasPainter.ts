/**
 * The canvas painter (PNG exports): the Painter in millimetres on a canvas 2D context of
 * `pxPerMm` pixels per millimetre. Text geometry matches the PDF painter (same em-box baselines,
 * same fake bold), so PNG and PDF pages look alike.
 */
import type { Box } from './types.js';
import { MM_PER_PT, placeText, textOrigin, type ImageSource, type Painter, type ShapeStyle, type TextStyle } from './painter.js';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Fake bold, as in the PDF: the glyphs are also stroked, this fraction of an em wide. */
const BOLD_STROKE_EM = 0.035;

/**
 * @param ctx - where to draw; its transform is left as found
 * @param pxPerMm - canvas pixels per page millimetre (dpi / 25.4)
 * @param fontFamily - a loaded font family (e.g. registered with `FontFace` from the bundled WOFF)
 */
export function createCanvasPainter(ctx: Context2D, pxPerMm: number, fontFamily: string): Painter {
  const k = pxPerMm;
  const fontFor = (sizePt: number) => `${sizePt * MM_PER_PT * k}px "${fontFamily}", sans-serif`;

  /** Runs `draw` with the style applied, then fills and/or strokes the current path. */
  const paint = (style: ShapeStyle, path: () => void, evenOdd = false) => {
    ctx.save();
    path();
    if (style.fill) {
      ctx.globalAlpha = style.fillOpacity ?? 1;
      ctx.fillStyle = style.fill;
      ctx.fill(evenOdd ? 'evenodd' : 'nonzero');
    }
    if (style.stroke) {
      ctx.globalAlpha = style.strokeOpacity ?? 1;
      ctx.strokeStyle = style.stroke;
      ctx.lineWidth = (style.lineWidthMm ?? 0.25) * k;
      ctx.lineCap = style.lineCap ?? 'butt';
      ctx.lineJoin = style.lineJoin ?? 'miter';
      ctx.setLineDash((style.dash ?? []).map((d) => d * k));
      ctx.stroke();
    }
    ctx.restore();
  };

  const measureText: Painter['measureText'] = (str, style) => {
    ctx.save();
    ctx.font = fontFor(style.sizePt);
    const w = ctx.measureText(str).width / k;
    ctx.restore();
    return w;
  };

  const painter: Painter = {
    rect(box, style) {
      paint(style, () => {
        ctx.beginPath();
        ctx.rect(box.x * k, box.y * k, box.w * k, box.h * k);
      });
    },
    line(points, style) {
      if (points.length < 2) return;
      paint({ ...style, fill: undefined }, () => {
        ctx.beginPath();
        points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x * k, y * k) : ctx.lineTo(x * k, y * k)));
      });
    },
    polygon(rings, style) {
      paint(
        style,
        () => {
          ctx.beginPath();
          for (const ring of rings) {
            if (ring.length < 3) continue;
            ring.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x * k, y * k) : ctx.lineTo(x * k, y * k)));
            ctx.closePath();
          }
        },
        true,
      );
    },
    circle(cx, cy, r, style) {
      paint(style, () => {
        ctx.beginPath();
        ctx.arc(cx * k, cy * k, r * k, 0, 2 * Math.PI);
      });
    },
    text(str, x, y, style: TextStyle) {
      if (!str) return;
      const { sizePt, left } = placeText(painter, str, x, style);
      const o = textOrigin(x, y, left, sizePt, style);
      ctx.save();
      // The text's own frame: its baseline's left end at the origin, turned by the angle.
      ctx.translate(o.x * k, o.y * k);
      if (style.angle) ctx.rotate((style.angle * Math.PI) / 180);
      const px = 0;
      const py = 0;
      ctx.font = fontFor(sizePt);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'alphabetic';
      if (style.halo && style.halo.widthMm > 0) {
        ctx.strokeStyle = style.halo.color;
        ctx.lineWidth = style.halo.widthMm * 2 * k;
        ctx.lineJoin = 'round';
        ctx.setLineDash([]);
        ctx.strokeText(str, px, py);
      }
      ctx.fillStyle = style.color ?? '#000000';
      ctx.fillText(str, px, py);
      if (style.bold) {
        ctx.strokeStyle = style.color ?? '#000000';
        ctx.lineWidth = sizePt * MM_PER_PT * BOLD_STROKE_EM * k;
        ctx.lineJoin = 'round';
        ctx.setLineDash([]);
        ctx.strokeText(str, px, py);
      }
      ctx.restore();
    },
    measureText,
    async image(source: ImageSource, box: Box) {
      const drawable = source instanceof Uint8Array ? await createImageBitmap(new Blob([source as Uint8Array<ArrayBuffer>])) : source;
      ctx.drawImage(drawable, box.x * k, box.y * k, box.w * k, box.h * k);
      if (source instanceof Uint8Array) (drawable as ImageBitmap).close();
    },
    async clip(box, draw) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(box.x * k, box.y * k, box.w * k, box.h * k);
      ctx.clip();
      try {
        await draw();
      } finally {
        ctx.restore();
      }
    },
  };
  return painter;
}
