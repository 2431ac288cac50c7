/**
 * A deterministic synthetic "country" for benchmarks: ~490,000 village points spread like China's
 * settled area, towns as ~0.1° grid cells, and long meandering corridor lines through dense regions.
 * Not real data; only the statistics (density contrasts, scale) are meant to look plausible.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { R_KM, RAD } from './sphere.js';

export interface SyntheticCountryOptions {
  seed: number;
  /** Number of village points (default 490,000). */
  villages?: number;
  /** Number of corridor lines (default 4). */
  corridors?: number;
  /** Vertices per corridor (default 2,000). */
  vertices?: number;
}

export interface SyntheticCountry {
  villages: FeatureCollection<Point, { code: string; town: string }>;
  corridors: Feature<LineString>[];
  /** Names of the towns that hold at least one village, in first-seen order. */
  towns: string[];
}

/** mulberry32: small, fast, seeded 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal variate (Box–Muller) from a uniform PRNG. */
function gaussian(rand: () => number): number {
  let u = 0;
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/**
 * Population blobs: [lon, lat, sigma in degrees of latitude, weight ≈ rural population in millions].
 * Centres are real major population regions of eastern and central China.
 */
export const BLOBS: readonly (readonly [lon: number, lat: number, sigma: number, weight: number, name: string])[] = [
  // North China Plain
  [116.5, 39.6, 0.6, 22, 'Hai River plain, north'],
  [118.2, 39.7, 0.5, 8, 'Tangshan'],
  [115.2, 38.3, 0.8, 30, 'Shijiazhuang–Baoding–Hengshui'],
  [114.7, 36.6, 0.6, 16, 'Handan–Xingtai'],
  [117.0, 36.5, 0.6, 18, 'Jinan–Tai\'an'],
  [119.3, 36.6, 0.7, 20, 'Weifang–Qingdao'],
  [116.2, 35.3, 0.7, 22, 'Heze–Jining'],
  [118.3, 35.1, 0.6, 14, 'Linyi'],
  [113.7, 34.7, 0.7, 26, 'Zhengzhou–Kaifeng'],
  [114.6, 33.6, 0.8, 30, 'Zhoukou–Zhumadian'],
  [112.6, 33.0, 0.7, 16, 'Nanyang basin'],
  [116.4, 33.2, 0.7, 28, 'Huaibei plain'],
  [118.3, 33.8, 0.7, 22, 'Xuzhou–Suqian–Huai\'an'],
  // Yangtze delta and lower Yangtze
  [120.8, 31.4, 0.6, 30, 'Yangtze delta (Shanghai–Suzhou–Wuxi)'],
  [119.8, 32.5, 0.5, 14, 'Yangzhou–Taizhou–Nantong'],
  [118.5, 31.9, 0.6, 18, 'Nanjing–Ma\'anshan–Hefei'],
  [120.4, 30.0, 0.5, 18, 'Qiantang estuary and Ningshao plain'],
  [120.6, 28.3, 0.5, 12, 'Taizhou–Wenzhou'],
  // South-east coast and south
  [118.9, 25.4, 0.6, 16, 'Fujian coast (Fuzhou–Quanzhou–Xiamen)'],
  [113.3, 22.9, 0.5, 26, 'Pearl River delta'],
  [116.5, 23.4, 0.4, 12, 'Chaoshan'],
  [110.6, 21.7, 0.5, 14, 'Zhanjiang–Maoming'],
  [110.3, 19.8, 0.4, 5, 'Hainan north'],
  [108.4, 22.9, 0.6, 12, 'Nanning'],
  [110.0, 23.8, 0.7, 14, 'Guigang–Yulin–Wuzhou'],
  // Middle Yangtze
  [113.6, 30.5, 0.8, 24, 'Jianghan plain (Wuhan–Jingzhou)'],
  [112.1, 32.0, 0.5, 9, 'Xiangyang'],
  [112.9, 28.0, 0.6, 20, 'Changsha–Zhuzhou–Xiangtan'],
  [111.9, 26.9, 0.7, 18, 'Hengyang–Shaoyang'],
  [115.9, 28.6, 0.6, 16, 'Nanchang–Poyang lake'],
  [115.0, 25.9, 0.6, 10, 'Ganzhou'],
  // South-west
  [104.1, 30.7, 0.6, 26, 'Chengdu plain'],
  [105.8, 30.4, 0.7, 28, 'Sichuan basin centre (Suining–Nanchong–Neijiang)'],
  [106.6, 29.6, 0.6, 18, 'Chongqing'],
  [106.7, 26.6, 0.7, 14, 'Guiyang–Zunyi (Guizhou)'],
  [102.8, 25.1, 0.6, 12, 'Kunming (central Yunnan)'],
  [100.3, 25.6, 0.4, 5, 'Dali (west Yunnan)'],
  // North-west and north
  [108.9, 34.4, 0.5, 16, 'Guanzhong (Xi\'an–Xianyang–Weinan)'],
  [112.2, 37.3, 0.5, 8, 'Taiyuan basin'],
  [111.3, 35.7, 0.5, 8, 'Linfen–Yuncheng (Fen valley)'],
  [104.7, 35.2, 0.6, 8, 'Lanzhou–Dingxi–Tianshui'],
  [101.9, 36.6, 0.3, 3, 'Xining'],
  [106.2, 38.4, 0.3, 3, 'Yinchuan plain'],
  [111.2, 40.6, 0.4, 4, 'Hohhot–Baotou'],
  [102.6, 37.9, 0.35, 3, 'Hexi corridor east (Wuwei)'],
  [100.4, 38.9, 0.35, 2, 'Hexi corridor west (Zhangye)'],
  [87.6, 43.8, 0.4, 2, 'Urumqi (Xinjiang)'],
  // North-east plain
  [123.2, 41.6, 0.7, 14, 'Liao river plain (Shenyang–Anshan)'],
  [125.3, 43.9, 0.7, 10, 'Changchun–Siping'],
  [126.6, 45.9, 0.8, 10, 'Harbin–Songnen plain'],
];

/** Share of villages drawn from the uniform background over lon 98–124, lat 21–47. */
const BACKGROUND_SHARE = 0.06;
const LON_MIN = 73;
const LON_MAX = 135;
const LAT_MIN = 18;
const LAT_MAX = 54;
/** Town cell size in degrees (≈ 10 km). */
export const TOWN_CELL_DEG = 0.1;

/** Name of the town (grid cell) a position falls in. */
export function townOf(lon: number, lat: number): string {
  const ix = Math.floor((lon - LON_MIN) / TOWN_CELL_DEG);
  const iy = Math.floor((lat - LAT_MIN) / TOWN_CELL_DEG);
  return `T${ix}_${iy}`;
}

/** Point reached from (lon, lat) after `km` along initial bearing `brg` (radians), on a sphere. */
function destination(lon: number, lat: number, km: number, brg: number): [number, number] {
  const d = km / R_KM;
  const φ1 = lat * RAD;
  const λ1 = lon * RAD;
  const sinφ2 = Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(brg);
  const φ2 = Math.asin(sinφ2);
  const λ2 = λ1 + Math.atan2(Math.sin(brg) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * sinφ2);
  return [λ2 / RAD, φ2 / RAD];
}

/**
 * Builds the synthetic country. Same options → identical output.
 *
 * Villages: a mixture of {@link BLOBS} (Gaussian, weight ∝ population; longitude spread widened by
 * 1/cos(lat) so blobs are round on the ground) plus a thin uniform background; points outside
 * lon 73–135, lat 18–54 are redrawn. Town = 0.1° grid cell; code = 12-digit zero-padded index.
 *
 * Corridors: random walks of `vertices` vertices with 0.8–1.4 km steps (≈ 2,000–2,400 km for 2,000
 * vertices), heading changing by N(0, 4°) per step, starting at a dense blob centre and steered back
 * when they leave lon 98–124, lat 21–47.
 */
export function syntheticCountry({
  seed,
  villages = 490_000,
  corridors = 4,
  vertices = 2_000,
}: SyntheticCountryOptions): SyntheticCountry {
  const rand = mulberry32(seed);
  const totalW = BLOBS.reduce((s, b) => s + b[3], 0);
  const cum: number[] = [];
  let acc = 0;
  for (const b of BLOBS) cum.push((acc += b[3] / totalW));

  const pickBlob = (): number => {
    const u = rand();
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const features: Feature<Point, { code: string; town: string }>[] = new Array(villages);
  const townSet = new Map<string, true>();
  for (let i = 0; i < villages; i++) {
    let lon: number;
    let lat: number;
    do {
      if (rand() < BACKGROUND_SHARE) {
        lon = 98 + 26 * rand();
        lat = 21 + 26 * rand();
      } else {
        const [bx, by, s] = BLOBS[pickBlob()]!;
        lat = by + s * gaussian(rand);
        lon = bx + (s / Math.cos(by * RAD)) * gaussian(rand);
      }
    } while (lon < LON_MIN || lon > LON_MAX || lat < LAT_MIN || lat > LAT_MAX);
    // ~1e-6° (≈ 0.1 m) precision, like real published coordinates
    lon = Math.round(lon * 1e6) / 1e6;
    lat = Math.round(lat * 1e6) / 1e6;
    const town = townOf(lon, lat);
    townSet.set(town, true);
    features[i] = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { code: String(i).padStart(12, '0'), town },
    };
  }

  // Corridors start at the centres of the densest blobs (weight ≥ 20), chosen by the PRNG.
  const dense = BLOBS.filter((b) => b[3] >= 20);
  const lines: Feature<LineString>[] = [];
  for (let c = 0; c < corridors; c++) {
    const start = dense[Math.floor(rand() * dense.length)]!;
    let lon = start[0] + 0.2 * gaussian(rand);
    let lat = start[1] + 0.2 * gaussian(rand);
    let brg = rand() * 2 * Math.PI;
    const coords: [number, number][] = [[round6(lon), round6(lat)]];
    for (let v = 1; v < vertices; v++) {
      brg += 4 * RAD * gaussian(rand);
      // steer gently back towards the settled core when outside lon 98–124, lat 21–47
      if (lon < 98 || lon > 124 || lat < 21 || lat > 47) {
        const toCentre = Math.atan2((111 - lon) * Math.cos(lat * RAD), 34 - lat); // bearing, approx.
        let diff = toCentre - brg;
        diff = Math.atan2(Math.sin(diff), Math.cos(diff));
        brg += 0.1 * diff;
      }
      const step = 0.8 + 0.6 * rand();
      [lon, lat] = destination(lon, lat, step, brg);
      coords.push([round6(lon), round6(lat)]);
    }
    lines.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: coords },
      properties: { name: `corridor ${c}` },
    });
  }

  return {
    villages: { type: 'FeatureCollection', features },
    corridors: lines,
    towns: [...townSet.keys()],
  };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
