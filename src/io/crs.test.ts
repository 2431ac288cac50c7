import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  crsFromPrj,
  crsLabel,
  fromWgs84,
  gaussKrugerCode,
  gaussKrugerZone,
  guessCrs,
  isCrsId,
  proj4Definition,
  toWgs84,
  type CrsId,
  type XY,
} from './crs';

const fixture = (name: string): string => readFileSync(resolve(import.meta.dirname, '../../test/fixtures/crs', name), 'utf8');

/** Metres between two lon/lat points (equirectangular; exact enough for sub-metre checks). */
function metres(a: XY, b: XY): number {
  const R = 6_371_008.8;
  const d2r = Math.PI / 180;
  const dx = (b[0] - a[0]) * d2r * R * Math.cos(a[1] * d2r);
  const dy = (b[1] - a[1]) * d2r * R;
  return Math.hypot(dx, dy);
}

describe('Gauss–Krüger definitions generated from parameters', () => {
  // Printed by PROJ 9.1.1: `projinfo EPSG:<code> -o PROJ -q`
  const projinfo: Record<number, string> = {
    4491: '+proj=tmerc +lat_0=0 +lon_0=75 +k=1 +x_0=13500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4498: '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=20500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4499: '+proj=tmerc +lat_0=0 +lon_0=123 +k=1 +x_0=21500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4501: '+proj=tmerc +lat_0=0 +lon_0=135 +k=1 +x_0=23500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4502: '+proj=tmerc +lat_0=0 +lon_0=75 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4509: '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4512: '+proj=tmerc +lat_0=0 +lon_0=135 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4513: '+proj=tmerc +lat_0=0 +lon_0=75 +k=1 +x_0=25500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4527: '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4528: '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=40500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4533: '+proj=tmerc +lat_0=0 +lon_0=135 +k=1 +x_0=45500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4534: '+proj=tmerc +lat_0=0 +lon_0=75 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4545: '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4548: '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4549: '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
    4554: '+proj=tmerc +lat_0=0 +lon_0=135 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs',
  };
  test.each(Object.entries(projinfo))('EPSG:%s matches projinfo (plus towgs84 0)', (code, proj) => {
    const ours = proj4Definition(`EPSG:${Number(code)}`).split(' ');
    const theirs = proj.split(' ').filter((t) => t !== '+type=crs');
    expect(ours.filter((t) => t !== '+towgs84=0,0,0,0,0,0,0').sort()).toEqual([...theirs].sort());
    expect(ours).toContain('+towgs84=0,0,0,0,0,0,0');
  });

  test('all 64 codes: zone, CM and prefix agree; gaussKrugerCode inverts gaussKrugerZone', () => {
    for (let code = 4491; code <= 4554; code++) {
      const z = gaussKrugerZone(code)!;
      expect(z.centralMeridian).toBe(z.width === 3 ? 3 * z.zone : 6 * z.zone - 3);
      expect(z.falseEasting).toBe(z.prefixed ? z.zone * 1e6 + 500_000 : 500_000);
      expect(gaussKrugerCode(z.width, z.centralMeridian, z.prefixed)).toBe(code);
    }
    expect(gaussKrugerZone(4527)).toEqual({ code: 4527, width: 3, zone: 39, centralMeridian: 117, prefixed: true, falseEasting: 39_500_000 });
    expect(gaussKrugerZone(4490)).toBeNull();
    expect(gaussKrugerZone(4555)).toBeNull();
    expect(gaussKrugerCode(6, 120, false)).toBeNull(); // no 6° zone is centred on 120°E
  });
});

describe('positions against PROJ (cs2cs 9.1.1)', () => {
  // Forward, printed by:  echo "<lat> <lon>" | cs2cs -d 4 EPSG:4490 EPSG:<code>
  // (EPSG axis order: latitude first in, northing first out; EPSG:4326 → EPSG:4490 is a no-op in PROJ:
  //  `projinfo -s EPSG:4326 -t EPSG:4490 -o PROJ -q` prints `+proj=noop`.)
  // Rows: [code, place, lon, lat, easting, northing] — easting/northing reordered to [x, y].
  const forward: [number, string, number, number, number, number][] = [
    [4527, 'Tiananmen, Beijing', 116.3912, 39.9067, 39447941.3582, 4419347.0208],
    [4527, 'Mentougou district seat', 116.102, 39.9405, 39423249.2413, 4423308.653],
    [4527, 'Zhaitang, Mentougou', 115.6836, 39.9736, 39387542.4986, 4427427.7539],
    [4548, 'Tiananmen, Beijing', 116.3912, 39.9067, 447941.3582, 4419347.0208],
    [4548, 'Mentougou district seat', 116.102, 39.9405, 423249.2413, 4423308.653],
    [4548, 'Zhaitang, Mentougou', 115.6836, 39.9736, 387542.4986, 4427427.7539],
    [4545, "Xi'an", 108.9398, 34.3416, 586475.5546, 3801953.6909],
    [4545, 'Nanning', 108.32, 22.817, 532851.3907, 2524307.2338],
    [4498, 'Tiananmen, Beijing (6° zone 20)', 116.3912, 39.9067, 20447941.3582, 4419347.0208],
    [4498, 'Zhaitang, Mentougou (6° zone 20)', 115.6836, 39.9736, 20387542.4986, 4427427.7539],
    [4509, 'Tiananmen, Beijing (6° CM 117)', 116.3912, 39.9067, 447941.3582, 4419347.0208],
    [4528, 'West Lake, Hangzhou', 120.1551, 30.2741, 40514923.7343, 3350508.8698],
    [4549, 'West Lake, Hangzhou', 120.1551, 30.2741, 514923.7343, 3350508.8698],
    [4529, 'Zhenhai, Ningbo', 121.713, 29.952, 41375757.1622, 3315489.2591],
    [4499, 'West Lake, Hangzhou (6° zone 21)', 120.1551, 30.2741, 21226207.9439, 3353927.2232],
    [4499, 'Zhenhai, Ningbo (6° zone 21)', 121.713, 29.952, 21375757.1622, 3315489.2591],
    [4513, 'Kashgar (zone 25)', 75.99, 39.47, 25585190.7034, 4371151.2495],
    [4491, 'Kashgar (6° zone 13)', 75.99, 39.47, 13585190.7034, 4371151.2495],
    [4534, 'Kashgar (CM 75)', 75.99, 39.47, 585190.7034, 4371151.2495],
    [4554, 'Fuyuan (CM 135)', 134.29, 48.36, 447385.8265, 5358701.0033],
  ];
  test.each(forward)('fromWgs84 EPSG:%i, %s: within 1 mm of cs2cs', (code, _place, lon, lat, e, n) => {
    const [[x, y]] = fromWgs84(`EPSG:${code}`, [[lon, lat]]) as [XY];
    expect(Math.abs(x - e)).toBeLessThan(0.001);
    expect(Math.abs(y - n)).toBeLessThan(0.001);
  });

  // Inverse, printed by:  echo "<northing> <easting>" | cs2cs -d 10 EPSG:<code> EPSG:4490
  // (inputs are the forward figures rounded to the millimetre, as a planner's file holds them).
  // Rows: [code, easting, northing, lon, lat].
  const inverse: [number, number, number, number, number][] = [
    [4527, 39447941.358, 4419347.021, 116.3911999974, 39.9067000015],
    [4527, 39423249.241, 4423308.653, 116.1019999969, 39.9405000002],
    [4527, 39387542.499, 4427427.754, 115.6836000049, 39.9736000012],
    [4548, 447941.358, 4419347.021, 116.3911999974, 39.9067000015],
    [4548, 387542.499, 4427427.754, 115.6836000049, 39.9736000012],
    [4545, 586475.555, 3801953.691, 108.9398000044, 34.341600001],
    [4545, 532851.391, 2524307.234, 108.3200000034, 22.8170000015],
    [4498, 20447941.358, 4419347.021, 116.3911999974, 39.9067000015],
    [4509, 447941.358, 4419347.021, 116.3911999974, 39.9067000015],
    [4528, 40514923.734, 3350508.87, 120.155099997, 30.2741000014],
    [4549, 514923.734, 3350508.87, 120.155099997, 30.2741000014],
    [4529, 41375757.162, 3315489.259, 121.7129999981, 29.9519999987],
    [4499, 21226207.944, 3353927.223, 120.1551000015, 30.2740999982],
    [4499, 21375757.162, 3315489.259, 121.7129999981, 29.9519999987],
    [4513, 25585190.703, 4371151.25, 75.9899999952, 39.4700000048],
    [4554, 447385.827, 5358701.003, 134.2900000062, 48.3599999976],
  ];
  test.each(inverse)('toWgs84 EPSG:%i (%f, %f): within 1e-8° of cs2cs', (code, e, n, lon, lat) => {
    const [[x, y]] = toWgs84(`EPSG:${code}`, [[e, n]]) as [XY];
    expect(Math.abs(x - lon)).toBeLessThan(1e-8);
    expect(Math.abs(y - lat)).toBeLessThan(1e-8);
  });

  test('WGS84, CGCS2000, EPSG:4326 and EPSG:4490 pass positions through (CGCS2000 treated as WGS84), as copies', () => {
    const input: XY[] = [[116.3912, 39.9067]];
    for (const crs of ['WGS84', 'CGCS2000', 'EPSG:4326', 'EPSG:4490'] as CrsId[]) {
      const out = toWgs84(crs, input);
      expect(out).toEqual(input);
      expect(out[0]).not.toBe(input[0]);
      expect(fromWgs84(crs, input)).toEqual(input);
    }
  });

  test('10,000 points convert quickly, inputs untouched', () => {
    const pts: XY[] = Array.from({ length: 10_000 }, (_, i) => [39_400_000 + (i % 100) * 500, 4_400_000 + Math.floor(i / 100) * 500]);
    const copy = structuredClone(pts);
    const t0 = performance.now();
    const out = toWgs84('EPSG:4527', pts);
    const ms = performance.now() - t0;
    expect(out).toHaveLength(10_000);
    expect(pts).toEqual(copy);
    expect(ms).toBeLessThan(1000);
    const back = fromWgs84('EPSG:4527', out);
    expect(Math.abs(back[9999]![0] - pts[9999]![0])).toBeLessThan(1e-6);
    expect(Math.abs(back[9999]![1] - pts[9999]![1])).toBeLessThan(1e-6);
  });
});

describe('GCJ-02 and BD-09 (gcoord)', () => {
  const cities: [string, XY][] = [
    ['Beijing', [116.3912, 39.9067]],
    ['Hangzhou', [120.1551, 30.2741]],
    ['Ningbo', [121.544, 29.8683]],
    ['Kunming', [102.8329, 24.8801]],
    ['Harbin', [126.535, 45.8038]],
  ];

  test('Tiananmen: WGS84 (116.3912, 39.9067) → GCJ-02 (116.39744, 39.90810), ≈ 530 m east (PROVENANCE.md)', () => {
    const [[lon, lat]] = fromWgs84('GCJ-02', [[116.3912, 39.9067]]) as [XY];
    expect(lon).toBeCloseTo(116.39744, 5);
    expect(lat).toBeCloseTo(39.9081, 5);
    const east = metres([116.3912, 39.9067], [lon, 39.9067]);
    expect(east).toBeGreaterThan(450);
    expect(east).toBeLessThan(600);
    expect(metres([116.3912, 39.9067], [lon, lat])).toBeGreaterThan(450);
    // And back from the published GCJ-02 figure.
    const [[wl, wa]] = toWgs84('GCJ-02', [[116.39744, 39.9081]]) as [XY];
    expect(metres([wl, wa], [116.3912, 39.9067])).toBeLessThan(2); // the published figure has 5 decimals (≈ 1 m)
  });

  test.each(cities)('%s: WGS84 → GCJ-02 → WGS84 and WGS84 → BD-09 → WGS84 within 0.5 m', (_city, p) => {
    const gcj = fromWgs84('GCJ-02', [p]);
    expect(metres(p, gcj[0]!)).toBeGreaterThan(300); // really shifted
    expect(metres(p, toWgs84('GCJ-02', gcj)[0]!)).toBeLessThan(0.5);
    const bd = fromWgs84('BD-09', [p]);
    expect(metres(p, bd[0]!)).toBeGreaterThan(300);
    expect(metres(p, toWgs84('BD-09', bd)[0]!)).toBeLessThan(0.5);
  });

  test('round trips stay within 0.5 m on a 1° grid over China', () => {
    const grid: XY[] = [];
    for (let lon = 74; lon <= 134; lon += 1) for (let lat = 19; lat <= 53; lat += 1) grid.push([lon + 0.37, lat + 0.41]);
    for (const crs of ['GCJ-02', 'BD-09'] as CrsId[]) {
      const back = toWgs84(crs, fromWgs84(crs, grid));
      const worst = Math.max(...grid.map((p, i) => metres(p, back[i]!)));
      expect(worst).toBeLessThan(0.5);
    }
  });
});

describe('crsFromPrj', () => {
  test.each([
    ['cgcs2000-3deg-gk-zone39.esri.prj', 'EPSG:4527'],
    ['cgcs2000-3deg-gk-cm117e.esri.prj', 'EPSG:4548'],
    ['cgcs2000-3deg-gk-cm108e.esri.prj', 'EPSG:4545'],
    ['cgcs2000-6deg-gk-zone20.esri.prj', 'EPSG:4498'],
    ['cgcs2000-6deg-gk-cm117e.esri.prj', 'EPSG:4509'],
    ['cgcs2000-geographic.esri.prj', 'CGCS2000'],
    ['wgs84-geographic.esri.prj', 'WGS84'],
    ['cgcs2000-3deg-gk-zone39.ogc.prj', 'EPSG:4527'],
    ['cgcs2000-3deg-gk-cm120e.ogc.prj', 'EPSG:4549'],
    ['cgcs2000-geographic.ogc.prj', 'CGCS2000'],
    ['cgcs2000-6deg-gk-zone21.wkt2.prj', 'EPSG:4499'],
    ['cgcs2000-custom-tm-zone38.handwritten.prj', 'EPSG:4526'],
    ['cgcs2000-local-cm119.5.handwritten.prj', null],
    ['xian1980-3deg-gk-zone39.esri.prj', null],
    ['beijing1954-3deg-gk-cm117e.esri.prj', null],
    ['wgs84-utm50n.esri.prj', null],
  ])('%s → %s', (file, expected) => {
    expect(crsFromPrj(fixture(file))).toBe(expected);
  });

  const esri4548 = fixture('cgcs2000-3deg-gk-cm117e.esri.prj');
  test('the parameters decide, not the name; contradictions and other units give null', () => {
    // A 3°-named file whose false easting carries prefix 40 and CM 120 → zone 40.
    const renamed = esri4548.replace('"False_Easting",500000.0', '"False_Easting",40500000.0').replace('"Central_Meridian",117.0', '"Central_Meridian",120.0');
    expect(crsFromPrj(renamed)).toBe('EPSG:4528');
    // Prefix 39 with CM 120 fits no zone.
    expect(crsFromPrj(esri4548.replace('"False_Easting",500000.0', '"False_Easting",39500000.0').replace('117.0', '120.0'))).toBeNull();
    // Scale factor 0.9996 (UTM-like), false northing, feet.
    expect(crsFromPrj(esri4548.replace('"Scale_Factor",1.0', '"Scale_Factor",0.9996'))).toBeNull();
    expect(crsFromPrj(esri4548.replace('"False_Northing",0.0', '"False_Northing",-3000000.0'))).toBeNull();
    expect(crsFromPrj(esri4548.replace('UNIT["Meter",1.0]]', 'UNIT["Foot_US",0.3048006096012192]]'))).toBeNull();
    // An authority code that contradicts the parameters.
    const ogc = fixture('cgcs2000-3deg-gk-cm120e.ogc.prj');
    expect(crsFromPrj(ogc.replace('AUTHORITY["EPSG","4549"]]', 'AUTHORITY["EPSG","4548"]]'))).toBeNull();
    // The authority code picks the 6° code for an unprefixed CM.
    expect(crsFromPrj(fixture('cgcs2000-3deg-gk-zone39.ogc.prj').replace('39500000', '500000').replace('"EPSG","4527"]]', '"EPSG","4509"]]'))).toBe('EPSG:4509');
    // No name hint for an unprefixed CM → the 3° code (same projection as the 6° one).
    expect(crsFromPrj(esri4548.replace('CGCS2000_3_Degree_GK_CM_117E', 'unnamed'))).toBe('EPSG:4548');
  });

  test('malformed or empty text gives null; a non-string throws naming wkt', () => {
    expect(crsFromPrj('')).toBeNull();
    expect(crsFromPrj('   \n')).toBeNull();
    expect(crsFromPrj('PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS[')).toBeNull();
    expect(crsFromPrj('not a prj')).toBeNull();
    expect(crsFromPrj('GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toBeNull();
    // A CGCS2000 datum name with the wrong ellipsoid is not trusted.
    expect(crsFromPrj(fixture('cgcs2000-geographic.esri.prj').replace('6378137.0,298.257222101', '6378245.0,298.3'))).toBeNull();
    expect(() => crsFromPrj(42 as unknown as string)).toThrow(/^wkt: /);
  });
});

describe('guessCrs', () => {
  test('longitude/latitude → WGS84, saying the file never says GCJ-02/BD-09', () => {
    const g = guessCrs([
      [116.3912, 39.9067],
      [116.102, 39.9405],
    ]);
    expect(g.crs).toBe('WGS84');
    expect(g.why).toMatch(/GCJ-02/);
    expect(g.why).toMatch(/BD-09/);
    expect(g.swapXY).toBeUndefined();
    expect(guessCrs([[116.3912, 39.9067]], { lang: 'zh-CN' }).why).toMatch(/高德/);
    const swapped = guessCrs([[39.9067, 116.3912]]);
    expect(swapped).toMatchObject({ crs: 'WGS84', swapXY: true });
  });

  test('8-digit eastings → the zone from the prefix (3° 25–45, 6° 13–23)', () => {
    expect(guessCrs([[39447941.358, 4419347.021], [39387542.499, 4427427.754]])).toMatchObject({ crs: 'EPSG:4527' });
    expect(guessCrs([[39447941.358, 4419347.021]]).why).toMatch(/prefix 39/);
    expect(guessCrs([[40514923.734, 3350508.87]]).crs).toBe('EPSG:4528');
    expect(guessCrs([[20447941.358, 4419347.021]]).crs).toBe('EPSG:4498');
    expect(guessCrs([[21375757.162, 3315489.259]]).crs).toBe('EPSG:4499');
    // Surveyors' X = northing, Y = easting.
    expect(guessCrs([[4419347.021, 39447941.358]])).toMatchObject({ crs: 'EPSG:4527', swapXY: true });
    // Prefix 24 is neither; mixed prefixes fit no single system.
    expect(guessCrs([[24447941.358, 4419347.021]]).crs).toBeNull();
    const mixed = guessCrs([[39447941.358, 4419347.021], [40514923.734, 3350508.87]]);
    expect(mixed.crs).toBeNull();
    expect(mixed.why).toMatch(/39, 40/);
  });

  test('6-digit eastings → null asking the user, unless a longitude hint picks the 3° CM', () => {
    const g = guessCrs([[447941.358, 4419347.021], [387542.499, 4427427.754]]);
    expect(g.crs).toBeNull();
    expect(g.why).toMatch(/choose/);
    expect(guessCrs([[447941.358, 4419347.021]], { lang: 'zh-CN' }).why).toMatch(/请选择/);
    expect(guessCrs([[447941.358, 4419347.021]], { hint: { lon: 116.1 } }).crs).toBe('EPSG:4548');
    expect(guessCrs([[514923.734, 3350508.87]], { hint: { lon: 120.4 } }).crs).toBe('EPSG:4549');
    expect(guessCrs([[586475.555, 3801953.691]], { hint: { lon: 108.9 } }).crs).toBe('EPSG:4545');
    expect(guessCrs([[447941.358, 4419347.021]], { hint: { lon: 10 } }).crs).toBeNull();
  });

  test('anything else → null (e.g. Web Mercator metres); empty → null', () => {
    expect(guessCrs([[12956678.4, 4853529.2]]).crs).toBeNull();
    expect(guessCrs([]).crs).toBeNull();
  });

  test('bad input throws naming the argument', () => {
    expect(() => guessCrs('x' as unknown as XY[])).toThrow(/^positions: /);
    expect(() => guessCrs([[1, 2], [Number.NaN, 2]])).toThrow(/^positions\[1\]: /);
    expect(() => guessCrs([[1, 2]], { hint: { lon: Number.NaN } })).toThrow(/^options\.hint\.lon: /);
    expect(() => guessCrs([[1, 2]], { lang: 'fr' as 'en' })).toThrow(/^options\.lang: /);
  });
});

describe('crsLabel and CrsId checks', () => {
  test('labels', () => {
    expect(crsLabel('EPSG:4527', 'zh-CN')).toBe('CGCS2000 3° 高斯-克吕格 39 带（EPSG:4527）');
    expect(crsLabel('EPSG:4527', 'en')).toBe('CGCS2000 3° Gauss–Krüger zone 39 (EPSG:4527)');
    expect(crsLabel('EPSG:4548', 'zh-CN')).toBe('CGCS2000 3° 高斯-克吕格 中央经线 117°E（EPSG:4548）');
    expect(crsLabel('EPSG:4498', 'en')).toBe('CGCS2000 6° Gauss–Krüger zone 20 (EPSG:4498)');
    expect(crsLabel('EPSG:4509', 'en')).toBe('CGCS2000 6° Gauss–Krüger CM 117°E (EPSG:4509)');
    expect(crsLabel('CGCS2000', 'en')).toMatch(/treated as WGS84/);
    expect(crsLabel('GCJ-02', 'zh-CN')).toMatch(/高德/);
    expect(crsLabel('BD-09', 'zh-CN')).toMatch(/百度/);
    expect(crsLabel('WGS84', 'en')).toMatch(/EPSG:4326/);
  });

  test('isCrsId', () => {
    for (const ok of ['WGS84', 'CGCS2000', 'GCJ-02', 'BD-09', 'EPSG:4326', 'EPSG:4490', 'EPSG:4491', 'EPSG:4554']) expect(isCrsId(ok)).toBe(true);
    for (const bad of ['EPSG:3857', 'EPSG:4555', 'gcj02', 'EPSG:4527 ', 4527, null]) expect(isCrsId(bad)).toBe(false);
  });

  test('bad input throws naming the argument', () => {
    expect(() => toWgs84('EPSG:3857', [[0, 0]])).toThrow(/^crs: "EPSG:3857" is not a supported/);
    expect(() => fromWgs84('GCJ02' as CrsId, [[0, 0]])).toThrow(/^crs: /);
    expect(() => crsLabel('EPSG:1' as CrsId, 'en')).toThrow(/^crs: /);
    expect(() => crsLabel('WGS84', 'de' as 'en')).toThrow(/^lang: /);
    expect(() => toWgs84('WGS84', null as unknown as XY[])).toThrow(/^positions: /);
    expect(() => toWgs84('WGS84', [[116, 39], [116] as unknown as XY])).toThrow(/^positions\[1\]: /);
    expect(() => toWgs84('WGS84', [[200, 39]])).toThrow(/^positions\[0\]: .*longitude/);
    expect(() => fromWgs84('EPSG:4527', [[39447941.358, 4419347.021]])).toThrow(/^positions\[0\]: /);
    // A 6-digit easting in a prefixed system, and an 8-digit one in an unprefixed one, name the fix.
    expect(() => toWgs84('EPSG:4527', [[447941.358, 4419347.021]])).toThrow(/^positions\[0\]: .*prefix 39.*EPSG:4548/);
    expect(() => toWgs84('EPSG:4548', [[39447941.358, 4419347.021]])).toThrow(/^positions\[0\]: .*EPSG:4527/);
    expect(() => proj4Definition('GCJ-02')).toThrow(/^crs: /);
  });
});
