/**
 * Where the parts of a print exhibit (规划展板) sit on the page. Every size is a fixed fraction of
 * the page's short side, so a layout scales with the paper: A3 is A4 × √2, A1 is A4 × √8, A0 is A4 × 4
 * (to the millimetre ISO 216 rounds to), and so do the font sizes. Pure: no DOM.
 *
 * ```
 * landscape                               portrait
 * ┌──────────────── title ─────────────┐  ┌───────── title ─────────┐
 * │┌──────────────────────┐ ┌ legend ┐│  │┌───────────────────────┐│
 * ││                      │ │        ││  ││                       ││
 * ││         map          │ ├ inset ─┤│  ││          map          ││
 * ││                      │ │        ││  ││                       ││
 * ││                      │ ├N┬scale─┤│  │└───────────────────────┘│
 * │└──────────────────────┘ └─┴──────┘│  │┌ legend ─┐┌ inset ┐┌ N ┐│
 * │[审图号]  credits                    │  │└─────────┘└───────┘└scale│
 * └────────────────────────────────────┘  │[审图号]  credits         │
 *                                         └─────────────────────────┘
 * ```
 */
import { pageMm } from './paper.js';
import type { Box, Orientation, PaperSize, PrintLayout } from './types.js';

/** Fractions of the page's short side. */
const F = {
  /** Page margin (2.5 %; 5.25 mm on A4). */
  margin: 0.025,
  /** Space between boxes. */
  gap: 0.01,
  /** Title block: title, subtitle, date, author. */
  title: 0.08,
  /** Credits strip and approval box along the bottom. */
  credits: 0.035,
  /** Approval-number (审图号) box width. */
  approval: 0.3,
  /** Landscape: the side column's width. */
  side: 0.26,
  /** Portrait: the bottom band's height. */
  band: 0.25,
  /** Portrait: the inset's width in the band. */
  bandInset: 0.29,
  /** Portrait: the north-arrow and scale-bar column's width in the band. */
  bandTools: 0.2,
  /** North arrow and scale bar height. */
  tool: 0.07,
} as const;

/** Font sizes at A4 (short side 210 mm), pt. */
const FONT_A4 = { title: 20, subtitle: 13, body: 9, small: 7 } as const;
const A4_SHORT_MM = 210;

/** Font sizes of an exhibit, pt. */
export interface FontSizes {
  title: number;
  subtitle: number;
  body: number;
  small: number;
}

const box = (x: number, y: number, w: number, h: number): Box => ({ x, y, w, h });

export interface LayoutOptions {
  /** The height (mm) the credits need at the credits strip's width (mm); the strip grows to it. */
  creditsHeight?: (widthMm: number) => number;
}

/**
 * The layout of an exhibit page, mm from the page's top-left corner: the title block across the top,
 * the map frame taking most of the page (≥ 60 % of its area), a side column (landscape) or bottom band
 * (portrait) with the legend, the inset, the north arrow and the scale bar, and along the bottom the
 * approval-number (审图号) box at the lower left and the credits strip beside it. Boxes lie inside the
 * margins and do not overlap.
 *
 * @param paper - ISO 216 size, `A4` … `A0`
 * @param orientation - `portrait` or `landscape`
 * @returns the {@link PrintLayout}
 * @example
 * ```ts
 * const l = printLayout('A4', 'landscape');
 * l.page; // { widthMm: 297, heightMm: 210 }
 * l.approval.x; // 5.25 (the left margin)
 * ```
 */
export function printLayout(paper: PaperSize, orientation: Orientation, options: LayoutOptions = {}): PrintLayout {
  const page = pageMm(paper, orientation);
  const { widthMm: W, heightMm: H } = page;
  const s = Math.min(W, H);
  const m = F.margin * s;
  const g = F.gap * s;
  const innerW = W - 2 * m;

  const title = box(m, m, innerW, F.title * s);
  const creditsW = innerW - F.approval * s - g;
  // As tall as the credits need (up to a quarter of the page), at least the standard strip.
  const bottomH = Math.min(0.25 * H, Math.max(F.credits * s, options.creditsHeight?.(creditsW) ?? 0));
  const bottomY = H - m - bottomH;
  const approval = box(m, bottomY, F.approval * s, Math.min(bottomH, F.credits * s));
  const credits = box(m + approval.w + g, bottomY, creditsW, bottomH);

  /** The space between the title block and the bottom strip. */
  const top = title.y + title.h + g;
  const bottom = bottomY - g;
  const toolH = F.tool * s;

  if (orientation === 'landscape') {
    const sideW = F.side * s;
    const map = box(m, top, innerW - sideW - g, bottom - top);
    const sx = map.x + map.w + g;
    const toolsY = bottom - toolH;
    const north = box(sx, toolsY, toolH, toolH);
    const scaleBar = box(sx + toolH + g, toolsY, sideW - toolH - g, toolH);
    const insetH = sideW * 0.85;
    const inset = box(sx, toolsY - g - insetH, sideW, insetH);
    const legend = box(sx, top, sideW, inset.y - g - top);
    return { page, map, title, legend, scaleBar, north, inset, credits, approval };
  }

  const bandH = F.band * s;
  const bandY = bottom - bandH;
  const map = box(m, top, innerW, bandY - g - top);
  const toolsW = F.bandTools * s;
  const insetW = F.bandInset * s;
  const toolsX = m + innerW - toolsW;
  const scaleBar = box(toolsX, bandY + bandH - toolH, toolsW, toolH);
  const north = box(toolsX, bandY, toolsW, bandH - toolH - g);
  const inset = box(toolsX - g - insetW, bandY, insetW, bandH);
  const legend = box(m, bandY, inset.x - g - m, bandH);
  return { page, map, title, legend, scaleBar, north, inset, credits, approval };
}

/**
 * Font sizes for a layout, pt: 20 / 13 / 9 / 7 on A4, scaled with the page's short side
 * (A0: 80 / 52 / 36 / 28), rounded to 0.5 pt.
 *
 * @param layout - a layout from {@link printLayout}
 * @returns title, subtitle, body and small (credits) sizes
 * @example
 * ```ts
 * fontSizes(printLayout('A3', 'portrait')).title; // 28.5
 * ```
 */
export function fontSizes(layout: PrintLayout): FontSizes {
  const k = Math.min(layout.page.widthMm, layout.page.heightMm) / A4_SHORT_MM;
  const pt = (a4: number) => Math.round(a4 * k * 2) / 2;
  return { title: pt(FONT_A4.title), subtitle: pt(FONT_A4.subtitle), body: pt(FONT_A4.body), small: pt(FONT_A4.small) };
}
