/**
 * drawVectorMap: a MapLibre style evaluated feature by feature into painter calls in page mm.
 * Fixtures are synthetic (a hand-made style and GeoJSON near 116°E 40°N), so each expected figure
 * follows from the style spec and Web Mercator by hand.
 */
import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import type { Painter, ShapeStyle, TextStyle } from './painter';
import { clipLine, clipRing, drawVectorMap, projector, type MapFrame } from './vectorMap';

type Call = { op: string; style?: ShapeStyle | TextStyle; text?: string; x?: number; y?: number; r?: number; points?: readonly (readonly [number, number])[] };

/** Records what is drawn; a character measures 1 em (as CJK does). */
function recorder(): { painter: Painter; calls: Call[] } {
  const calls: Call[] = [];
  const painter: Painter = {
    rect: (_b, style) => calls.push({ op: 'rect', style }),
    line: (points, style) => calls.push({ op: 'line', points, style }),
    polygon: (_r, style) => calls.push({ op: 'polygon', style }),
    circle: (x, y, r, style) => calls.push({ op: 'circle', x, y, r, style }),
    text: (text, x, y, style) => calls.push({ op: 'text', text, x, y, style }),
    measureText: (s, st) => [...s].length * st.sizePt * (25.4 / 72),
    image: async () => {},
    clip: async (_b, draw) => {
      calls.push({ op: 'clip' });
      await draw();
      calls.push({ op: 'unclip' });
    },
  };
  return { painter, calls };
}

const PX = 25.4 / 96;
const frame: MapFrame = { box: { x: 10, y: 10, w: 200, h: 150 }, center: [116, 40], zoom: 10, mmPerPx: PX };

function style(layers: StyleSpecification['layers'], data: GeoJSON.FeatureCollection): StyleSpecification {
  return { version: 8, sources: { s: { type: 'geojson', data } }, layers };
}
const fc = (...features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });
const pt = (lon: number, lat: number, properties: Record<string, unknown> = {}): GeoJSON.Feature => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [lon, lat] } });

describe('projector', () => {
  it('puts the centre at the middle of the frame and 1 world px at zoom z = mmPerPx mm', () => {
    const p = projector(frame);
    expect(p([116, 40])).toEqual([110, 85]);
    // At zoom 10 the world is 512·2^10 px; 360° / that = 0.000686646… ° per px.
    const [x] = p([116 + 360 / (512 * 1024), 40]);
    expect(x - 110).toBeCloseTo(PX, 9);
  });
});

describe('drawVectorMap', () => {
  it('draws circles with data-driven colour and zoom-interpolated radius, the stroke outside the radius', async () => {
    const { painter, calls } = recorder();
    const s = style(
      [{
        id: 'c', type: 'circle', source: 's',
        paint: {
          'circle-color': ['match', ['get', 'role'], 'core', '#ff0000', '#0000ff'],
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 4, 12, 8],
          'circle-stroke-width': 2, 'circle-stroke-color': '#ffffff',
        },
      }],
      fc(pt(116, 40, { role: 'core' }), pt(116.01, 40, { role: 'x' })),
    );
    const drawn = await drawVectorMap(painter, s, frame);
    const circles = calls.filter((c) => c.op === 'circle');
    // zoom 10 → radius 6 px; fills first then a stroke circle of r + 1 px, 2 px wide.
    expect(circles.map((c) => [c.style?.['fill' as keyof typeof c.style] ?? null, +(c.r! / PX).toFixed(6)])).toEqual([
      ['rgba(255,0,0,1)', 6], [null, 7], ['rgba(0,0,255,1)', 6], [null, 7],
    ]);
    expect((circles[1]!.style as ShapeStyle).lineWidthMm).toBeCloseTo(2 * PX, 9);
    expect(drawn.get('c')).toHaveLength(2);
  });

  it('scales dashes by the line width (MapLibre units) and honours the filter', async () => {
    const { painter, calls } = recorder();
    const line = (kind: string): GeoJSON.Feature => ({ type: 'Feature', properties: { kind }, geometry: { type: 'LineString', coordinates: [[115.95, 40], [116.05, 40]] } });
    const s = style(
      [{ id: 'l', type: 'line', source: 's', filter: ['==', ['get', 'kind'], 'road'], layout: { 'line-cap': 'round' }, paint: { 'line-width': 4, 'line-dasharray': [2, 1], 'line-color': '#333333' } }],
      fc(line('road'), line('river')),
    );
    const drawn = await drawVectorMap(painter, s, frame);
    const lines = calls.filter((c) => c.op === 'line');
    expect(lines).toHaveLength(1);
    const st = lines[0]!.style as ShapeStyle;
    expect(st.lineWidthMm).toBeCloseTo(4 * PX, 9);
    expect(st.dash![0]).toBeCloseTo(8 * PX, 9);
    expect(st.dash![1]).toBeCloseTo(4 * PX, 9);
    expect(st.lineCap).toBe('round');
    expect(drawn.get('l')!.map((f) => f.properties!.kind)).toEqual(['road']);
  });

  it('skips hidden layers, layers out of their zoom range, and features outside the frame', async () => {
    const { painter, calls } = recorder();
    const s = style(
      [
        { id: 'hidden', type: 'circle', source: 's', layout: { visibility: 'none' } },
        { id: 'tooFar', type: 'circle', source: 's', minzoom: 11 },
        { id: 'shown', type: 'circle', source: 's' },
      ],
      fc(pt(116, 40), pt(100, 20)),
    );
    const drawn = await drawVectorMap(painter, s, frame);
    expect([...drawn.keys()]).toEqual(['shown']);
    expect(calls.filter((c) => c.op === 'circle')).toHaveLength(1);
    // Everything is drawn inside one clip of the frame.
    expect(calls[0]!.op).toBe('clip');
    expect(calls[calls.length - 1]!.op).toBe('unclip');
  });

  it('labels an area once, at its pole of inaccessibility, however large the frame', async () => {
    const { painter, calls } = recorder();
    // An L-shaped area: its label must sit inside the L, not at the centroid of its bbox.
    const area: GeoJSON.Feature = { type: 'Feature', properties: { name: '某片区' }, geometry: { type: 'Polygon', coordinates: [[[115.9, 39.95], [116.1, 39.95], [116.1, 39.97], [115.92, 39.97], [115.92, 40.05], [115.9, 40.05], [115.9, 39.95]]] } };
    const s = style([{ id: 'lab', type: 'symbol', source: 's', layout: { 'text-field': ['get', 'name'], 'text-size': 12 } }], fc(area));
    await drawVectorMap(painter, s, { ...frame, box: { x: 0, y: 0, w: 1189, h: 841 }, zoom: 11 });
    const texts = calls.filter((c) => c.op === 'text');
    expect(texts.map((t) => t.text)).toEqual(['某片区']);
  });

  it('leaves out a label that would overlap one placed by a higher layer, unless overlap is allowed', async () => {
    const draw = async (overlap: boolean) => {
      const { painter, calls } = recorder();
      const s = style(
        [
          { id: 'low', type: 'symbol', source: 's', layout: { 'text-field': '低层', 'text-size': 12, 'text-allow-overlap': overlap } },
          { id: 'high', type: 'symbol', source: 's', layout: { 'text-field': '高层', 'text-size': 12 } },
        ],
        fc(pt(116, 40)),
      );
      await drawVectorMap(painter, s, frame);
      return calls.filter((c) => c.op === 'text').map((c) => c.text);
    };
    expect(await draw(false)).toEqual(['高层']);
    // Drawn in layer order: the lower layer's label first.
    expect(await draw(true)).toEqual(['低层', '高层']);
  });

  it('sizes text from style px (px × mmPerPx ÷ pt), offsets in ems and gives halos in mm', async () => {
    const { painter, calls } = recorder();
    const s = style(
      [{ id: 't', type: 'symbol', source: 's', layout: { 'text-field': '村', 'text-size': 11, 'text-offset': [0, 1], 'text-anchor': 'top' }, paint: { 'text-halo-width': 1.5, 'text-halo-color': '#ffffff', 'text-color': '#222222' } }],
      fc(pt(116, 40)),
    );
    await drawVectorMap(painter, s, { ...frame, mmPerPx: 2 * PX });
    const [t] = calls.filter((c) => c.op === 'text');
    const st = t!.style as TextStyle;
    // 11 px at 2 × 1/96 in per px = 22/96 in = 16.5 pt.
    expect(st.sizePt).toBeCloseTo(16.5, 9);
    expect(t!.y! - 85).toBeCloseTo(11 * 2 * PX, 9);
    expect(st.baseline).toBe('top');
    expect(st.halo!.widthMm).toBeCloseTo(1.5 * 2 * PX, 9);
  });

  it('labels a line along its longest visible stretch, turned with it and kept upright', async () => {
    const { painter, calls } = recorder();
    // Drawn from lower right to upper left: on the page it falls to the right, and the text must read
    // left to right along it (turned clockwise, under 90°), not upside down.
    const road: GeoJSON.Feature = { type: 'Feature', properties: { name: '国道' }, geometry: { type: 'LineString', coordinates: [[116.05, 39.96], [115.95, 40.04]] } };
    const s = style([{ id: 'r', type: 'symbol', source: 's', layout: { 'text-field': ['get', 'name'], 'symbol-placement': 'line-center', 'text-size': 12 } }], fc(road));
    await drawVectorMap(painter, s, frame);
    const [t] = calls.filter((c) => c.op === 'text');
    const angle = (t!.style as TextStyle).angle!;
    // tan(angle) = the line's slope on the page: 0.08° of latitude ≈ 0.1043 mercator units of 0.1° of longitude.
    const p = projector(frame);
    const [a, b] = [p([115.95, 40.04]), p([116.05, 39.96])];
    expect(angle).toBeCloseTo((Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI, 6);
    expect(angle).toBeGreaterThan(0);
    expect(angle).toBeLessThan(90);
  });
});

describe('clipLine', () => {
  const box = { x: 0, y: 0, w: 10, h: 10 };
  it('keeps the stretches inside, split where the line leaves and comes back', () => {
    const parts = clipLine([[-5, 5], [5, 5], [5, 15], [8, 5], [8, 2]], box);
    expect(parts).toEqual([[[0, 5], [5, 5], [5, 10]], [[6.5, 10], [8, 5], [8, 2]]].map((p) => p.map(([x, y]) => [expect.closeTo(x!, 9), expect.closeTo(y!, 9)])));
  });
  it('returns nothing for a line outside', () => {
    expect(clipLine([[20, 20], [30, 30]], box)).toEqual([]);
  });
});

describe('clipRing', () => {
  it('cuts a ring to the rectangle, running along its edge where the ring is outside', () => {
    const ring: [number, number][] = [[-5, -5], [5, -5], [5, 5], [-5, 5]];
    const out = clipRing(ring, { x: 0, y: 0, w: 10, h: 10 });
    // The square's quarter inside: (0,0)–(5,0)–(5,5)–(0,5), in some rotation.
    const key = (p: [number, number]) => `${p[0]},${p[1]}`;
    expect(new Set(out.map(key))).toEqual(new Set(['0,0', '5,0', '5,5', '0,5']));
  });
  it('returns nothing for a ring outside', () => {
    expect(clipRing([[20, 20], [30, 20], [30, 30]], { x: 0, y: 0, w: 10, h: 10 })).toEqual([]);
  });
});
