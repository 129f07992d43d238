/**
 * Generates the plausible area model `public/config/area.json` deterministically (seeded), so the committed file can
 * be regenerated and reviewed. The model: 2 × 220 kV (one per side), 6 × 110 kV in a double chain, 40 × 10 kV feeders,
 * ~100 rooftop PV sites (~60 MWp), 30 charging stations (~300 connectors); the 2022 customers (DESIGN.md §1, from the
 * service centre's opening: 31,190 residential, 93 enterprise) over the feeders by their mix, each feeder in 2–4
 * switchable sections, and normally-open ties between feeders of neighbouring substations — three of them across the
 * provincial border between 新区中心 (Sichuan) and 高竹北 (Chongqing): the 10 kV interconnection.
 *
 *   npx tsx mock-feeds/area/generate-area.ts [out.json]
 */
import { writeFileSync } from 'node:fs';
import type { AreaConfig } from '../../src/core/config/area-schema';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { DEFAULT_RELIABILITY } from '../world/flisr';
import { createRng, pick, randomBetween } from '../world/random';
import { areaFeeder } from './area-feeder';

const rng = createRng(20220614); // the service centre's opening day

type Sub = AreaConfig['substations'][number];
/** A station of the schematic: 220 kV ones (360 MVA) on the top row, 110 kV ones (100 MVA) on the row below. */
const station = (
  id: string,
  name: Sub['name'],
  province: Sub['province'],
  voltageKv: 220 | 110,
  parentIds: string[],
  x: number,
): Sub => ({
  id,
  name,
  province,
  voltageKv,
  parentIds,
  ratedMva: voltageKv === 220 ? 360 : 100,
  x,
  y: voltageKv === 220 ? 70 : 230,
});
const substations: Sub[] = [
  station('gaotan-220', { zh: '高滩220kV变电站', en: 'Gaotan 220 kV' }, 'sc', 220, [], 250),
  station('cizhu-220', { zh: '茨竹220kV变电站', en: 'Cizhu 220 kV' }, 'cq', 220, [], 750),
  station('gaotan-110', { zh: '高滩110kV变电站', en: 'Gaotan 110 kV' }, 'sc', 110, ['gaotan-220'], 100),
  station('tantong-110', { zh: '坛同110kV变电站', en: 'Tantong 110 kV' }, 'sc', 110, ['gaotan-220'], 260),
  station(
    'xinqu-110',
    { zh: '新区中心110kV变电站', en: 'New Area Centre 110 kV' },
    'sc',
    110,
    ['gaotan-220', 'cizhu-220'],
    420,
  ),
  station(
    'gaozhu-bei-110',
    { zh: '高竹北110kV变电站', en: 'Gaozhu North 110 kV' },
    'cq',
    110,
    ['cizhu-220', 'gaotan-220'],
    580,
  ),
  station('cizhu-110', { zh: '茨竹110kV变电站', en: 'Cizhu 110 kV' }, 'cq', 110, ['cizhu-220'], 740),
  station('dawan-110', { zh: '大湾110kV变电站', en: 'Dawan 110 kV' }, 'cq', 110, ['cizhu-220'], 900),
];

type Link = AreaConfig['links'][number];
/** 110 kV lines from the 220 kV station `from` to each of its 110 kV stations `to`. */
const fed = (from: string, to: string[]): Link[] => to.map((station) => ({ from, to: station, voltageKv: 110 }));
/** 110 kV lines between neighbours along `ids`: each station written once, so the chain cannot break at a typo. */
const chain = (ids: string[]): Link[] => ids.slice(1).map((to, i) => ({ from: ids[i] as string, to, voltageKv: 110 }));

/** The 110 kV double chain ("双链"): two parallel chains linking the 220 kV stations across the provincial border. */
const links: AreaConfig['links'] = [
  ...fed('gaotan-220', ['gaotan-110', 'tantong-110', 'xinqu-110']),
  ...fed('cizhu-220', ['gaozhu-bei-110', 'cizhu-110', 'dawan-110']),
  ...chain(['gaotan-110', 'tantong-110', 'xinqu-110', 'gaozhu-bei-110', 'cizhu-110', 'dawan-110']),
  { from: 'gaotan-220', to: 'cizhu-220', voltageKv: 220 },
];

const lineNames: Record<string, { zh: string; en: string }> = {
  'gaotan-110': { zh: '高滩', en: 'Gaotan' },
  'tantong-110': { zh: '坛同', en: 'Tantong' },
  'xinqu-110': { zh: '新区', en: 'Xinqu' },
  'gaozhu-bei-110': { zh: '高竹北', en: 'Gaozhu North' },
  'cizhu-110': { zh: '茨竹', en: 'Cizhu' },
  'dawan-110': { zh: '大湾', en: 'Dawan' },
};

const feeders: AreaConfig['feeders'] = [];
const subs110 = substations.filter((s) => s.voltageKv === 110);
const perSub = [7, 7, 6, 7, 7, 6];
subs110.forEach((sub, si) => {
  const n = perSub[si] ?? 6;
  for (let k = 0; k < n; k++) {
    const mix = pick(rng, [
      'industrial',
      'industrial',
      'industrial',
      'commercial',
      'residential',
      'residential',
    ] as const);
    const ratedMva = pick(rng, [6, 7, 8]);
    // Base peak 62–88 % of rating at pf 0.95: weekday area peaks of ~150 MW (spring, autumn) to ~180 MW (summer),
    // a few feeders heavy at their peak, none overloaded without a scenario.
    const basePeakKw = Math.round(ratedMva * 1000 * 0.95 * randomBetween(rng, 0.62, 0.88));
    const num = k + 1;
    const names = lineNames[sub.id] ?? { zh: sub.name.zh, en: sub.name.en };
    feeders.push(
      areaFeeder({
        id: `${sub.id.replace(/-110$/, '')}-f${String(num).padStart(2, '0')}`,
        line: { zh: `${names.zh}${num}号线`, en: `${names.en} line ${num}` },
        substation: sub,
        ratedMva,
        mix,
        basePeakKw,
        x: Math.round(sub.x - 70 + (140 * k) / Math.max(1, n - 1)),
        y: 420 + (k % 2) * 90,
      }),
    );
  }
});

type Name = AreaConfig['pvSites'][number]['name'];
/**
 * What a PV site and a charging station have alike: the i-th one's id is its prefix and number (`pv-001`, `ev-01`),
 * its name the service centre's own for the first, else its kind's with its number, and it takes its province from
 * the feeder it is on.
 */
const numberedOnFeeder = (
  prefix: 'pv' | 'ev',
  i: number,
  digits: number,
  serviceCentre: Name,
  kind: Name,
  feeder: AreaConfig['feeders'][number],
) => {
  const num = String(i + 1).padStart(digits, '0');
  return {
    id: `${prefix}-${num}`,
    name: i === 0 ? serviceCentre : { zh: `${kind.zh}${num}`, en: `${kind.en} ${num}` },
    province: feeder.province,
    feederId: feeder.id,
  };
};

const pvSites: AreaConfig['pvSites'] = [];
const PV_COUNT = 100;
const rawKwp = Array.from({ length: PV_COUNT }, () => Math.exp(randomBetween(rng, Math.log(5), Math.log(5000))));
const scale = 60_000 / rawKwp.reduce((a, b) => a + b, 0);
const roofKinds = [
  { zh: '厂房屋顶光伏', en: 'Factory rooftop PV' },
  { zh: '仓储屋顶光伏', en: 'Warehouse rooftop PV' },
  { zh: '商业屋顶光伏', en: 'Commercial rooftop PV' },
  { zh: '公共建筑光伏', en: 'Public building PV' },
];
for (let i = 0; i < PV_COUNT; i++) {
  const feeder = i === 0 ? (feeders.find((f) => f.substationId === 'xinqu-110') ?? feeders[0]!) : pick(rng, feeders);
  const kWp = i === 0 ? 120 : Math.round(Math.min(5000, Math.max(5, (rawKwp[i] ?? 100) * scale)));
  const kind = pick(rng, roofKinds);
  pvSites.push({
    ...numberedOnFeeder('pv', i, 3, { zh: '供电服务中心屋顶光伏', en: 'Service centre rooftop PV' }, kind, feeder),
    kWp,
  });
}

const chargingStations: AreaConfig['chargingStations'] = [];
const placeKinds = [
  { zh: '产业园充电站', en: 'Industrial park charging' },
  { zh: '商业中心充电站', en: 'Shopping centre charging' },
  { zh: '小区充电站', en: 'Residential charging' },
  { zh: '公交场站充电站', en: 'Bus depot charging' },
  { zh: '高速服务区充电站', en: 'Expressway service area charging' },
];
for (let i = 0; i < 30; i++) {
  const feeder =
    i === 0 ? (pvSites[0] ? feeders.find((f) => f.id === pvSites[0]?.feederId)! : feeders[0]!) : pick(rng, feeders);
  const kind = pick(rng, placeKinds);
  const n = 6 + Math.floor(rng() * 9); // 6–14 connectors
  const connectors: AreaConfig['chargingStations'][number]['connectors'] = [];
  for (let c = 0; c < n; c++) {
    const r = rng();
    const type = r < 0.55 ? 'ac' : 'dc';
    const ratedKw = type === 'ac' ? 7 : r < 0.85 ? 60 : 120;
    connectors.push({ id: `c${String(c + 1).padStart(2, '0')}`, type, ratedKw });
  }
  chargingStations.push({
    ...numberedOnFeeder('ev', i, 2, { zh: '供电服务中心充电站', en: 'Service centre charging' }, kind, feeder),
    ...(i > 0 && kind.en.startsWith('Bus') ? { vehicles: 'bus' as const } : {}),
    connectors,
  });
}

// ---- customers, sections and ties: drawn from a stream of their own, so the devices above stay as they were.
const secRng = createRng(20220614 ^ 0x5ec7);
const CUSTOMERS_2022 = { residential: 31_190, enterprise: 93 };
/** Relative customer density per kW of base peak by mix: homes are many and small, enterprises few and large. */
const RESIDENTIAL_WEIGHT = { industrial: 0.15, commercial: 0.6, residential: 2.2 } as const;
const ENTERPRISE_WEIGHT = { industrial: 3, commercial: 2, residential: 0.1 } as const;

/** Splits a whole total over weights exactly (largest remainder), so the sums match the configured totals. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = order[k]![1];
    out[i] = (out[i] as number) + 1;
  }
  return out;
}

const resByFeeder = apportion(
  CUSTOMERS_2022.residential,
  feeders.map((f) => f.basePeakKw * RESIDENTIAL_WEIGHT[f.mix]),
);
const entByFeeder = apportion(
  CUSTOMERS_2022.enterprise,
  feeders.map((f) => f.basePeakKw * ENTERPRISE_WEIGHT[f.mix]),
);
for (const [i, f] of feeders.entries()) {
  const n = 2 + Math.floor(secRng() * 3); // 2–4 sections
  const weights = Array.from({ length: n }, () => randomBetween(secRng, 0.6, 1.4));
  const sharesPermille = apportion(1000, weights);
  const res = apportion(resByFeeder[i] as number, sharesPermille);
  const ent = apportion(entByFeeder[i] as number, sharesPermille);
  f.sections = sharesPermille.map((pm, k) => ({
    residential: res[k] as number,
    enterprise: ent[k] as number,
    loadSharePct: pm / 10,
    tie: null,
  }));
}

/**
 * Ties between the far ends of feeders on neighbouring 110 kV substations ("手拉手"): three pairs across each boundary,
 * the feeders nearest the boundary on the schematic. New-area centre ↔ Gaozhu North is the provincial border.
 */
const TIES_PER_BOUNDARY = 3;
for (let b = 0; b + 1 < subs110.length; b++) {
  const left = feeders
    .filter((f) => f.substationId === subs110[b]!.id && f.sections!.at(-1)!.tie === null)
    .sort((x, y) => y.x - x.x);
  const right = feeders
    .filter((f) => f.substationId === subs110[b + 1]!.id && f.sections!.at(-1)!.tie === null)
    .sort((x, y) => x.x - y.x);
  for (let k = 0; k < TIES_PER_BOUNDARY && k < left.length && k < right.length; k++) {
    const a = left[k]!;
    const c = right[k]!;
    const aSec = a.sections!.length - 1;
    const cSec = c.sections!.length - 1;
    const tieId = `tie-${a.id}-${c.id}`;
    a.sections![aSec]!.tie = { id: tieId, feederId: c.id, section: cSec };
    c.sections![cSec]!.tie = { id: tieId, feederId: a.id, section: aSec };
  }
}

const MEE_2024 =
  'Ministry of Ecology and Environment & National Bureau of Statistics, 2022 electricity CO₂ emission factors (notice of 2024-12-20)';
type EmissionFactor = AreaConfig['emissionFactors']['national'];
/** All four emission factors are that notice's 2022 figures; `source` adds a caveat where one is due. */
const mee2022Factor = (name: EmissionFactor['name'], kgCo2PerKwh: number, source = MEE_2024): EmissionFactor => ({
  name,
  kgCo2PerKwh,
  year: 2022,
  source,
});

const config: AreaConfig = {
  version: 1,
  name: { zh: '川渝高竹新区', en: 'Sichuan–Chongqing Gaozhu New Area' },
  timezone: 'Asia/Shanghai',
  location: { latDeg: 30.3, lonDeg: 106.9 },
  provinces: [
    { id: 'sc', name: { zh: '四川 · 邻水', en: 'Sichuan · Linshui' }, townsZh: ['高滩镇', '坛同镇'], areaKm2: 138 },
    { id: 'cq', name: { zh: '重庆 · 渝北', en: 'Chongqing · Yubei' }, townsZh: ['茨竹镇', '大湾镇'], areaKm2: 124 },
  ],
  substations,
  links,
  feeders,
  pvSites,
  chargingStations,
  thresholds: {
    heavyLoadingPct: 80,
    overloadLoadingPct: 100,
    voltageDeviationPct: 7,
    frequencyNominalHz: 50,
    frequencyTolerationHz: 0.2,
    staleAfterMissedIntervals: 3,
    holdLastGoodS: 120,
  },
  emissionFactors: {
    sc: mee2022Factor({ zh: '四川电网平均排放因子', en: 'Sichuan grid average' }, 0.1404),
    cq: mee2022Factor(
      { zh: '重庆电网平均排放因子', en: 'Chongqing grid average' },
      0.5227,
      `${MEE_2024}, as reproduced in secondary sources; verify before publishing`,
    ),
    national: mee2022Factor({ zh: '全国电网平均排放因子', en: 'National grid average' }, 0.5366),
    fossil: mee2022Factor({ zh: '全国化石能源电力排放因子', en: 'National fossil-only' }, 0.8325),
  },
  evAssumptions: {
    kwhPer100Km: 15,
    petrolLPer100Km: 7,
    petrolKgCo2PerL: 2.3,
    year: 2022,
    source: 'Assumptions of this product (typical passenger cars); configurable',
    bus: {
      kwhPer100Km: 150,
      dieselLPer100Km: 32.6,
      dieselKgCo2PerL: 2.68,
      year: 2016,
      source:
        '12 m city e-bus 150 kWh/100 km: within 138–175 kWh/100 km measured on the road, charging losses included (Zhou et al., Energy 96, 603–613, 2016); diesel city bus 32.6 L/100 km, Beijing on-road average (Zhang et al., Applied Energy 113, 1645–1655, 2014); diesel 2.68 kg CO₂/L = 74,100 kg CO₂/TJ × 43.0 TJ/Gg (IPCC 2006 Guidelines vol. 2, tables 1.2 and 1.4) × 0.84 kg/L',
    },
  },
  coal: {
    gcePerKwh: 305.5,
    year: 2020,
    source: 'National average coal consumption per kWh supplied, 2020 (China Electricity Council)',
  },
  pvReplayYield: {
    kwhPerKwpYear: 950,
    year: 2026,
    source:
      "Assumption of this product, unconfirmed: rooftop PV in the Sichuan basin (Chengdu–Chongqing, one of China's lowest solar resources) is usually quoted at 900–1,000 kWh/kWp a year; no primary source held yet — confirm (Global Solar Atlas PVOUT or the China Meteorological Administration's annual solar resource bulletin) before publishing",
  },
  targets: {
    cleanSharePctByYear: { '2024': 55, '2025': 58, '2026': 62, '2027': 66, '2028': 70, '2030': 78, '2035': 100 },
    co2BudgetTByYear: { '2025': 330000, '2026': 310000, '2027': 290000, '2028': 265000, '2030': 215000 },
    zeroCarbonYear: 2035,
    // RS-1 and SAIDI together: SAIDI = (1 − RS-1) × 8,760 h, so the two targets say the same thing.
    rs1PctByYear: { '2024': 99.965, '2025': 99.97, '2026': 99.975, '2027': 99.98, '2028': 99.985, '2030': 99.99 },
    saidiMinByYear: { '2024': 184, '2025': 158, '2026': 131, '2027': 105, '2028': 79, '2030': 53 },
    reliabilitySource:
      'Product assumption: a path from the B-class (RS-1 ≥ 99.965 %, ≤ 3 h a customer-year) to the A-class (RS-1 ≥ 99.990 %, ≤ 52 min) supply areas of DL/T 5729-2016 (配电网规划设计技术导则) by 2030, for the "高供电可靠性" aim; not an official target of the service centre',
  },
  customers: {
    ...CUSTOMERS_2022,
    year: 2022,
    source:
      'State Grid Gaozhu New Area power service centre, 2022 (about 93 enterprise and 31,190 residential customers)',
  },
  reliability: {
    ...DEFAULT_RELIABILITY,
    source:
      'Simulation assumptions, not measured: 2 permanent faults and 1 planned outage per feeder-year with 2–5 h repairs (3–6 h works); a simulated year (mock-feeds/world/reliability-year.ts, seeds 1 and 2, 2026; run 2026-12-02) gives 85–87 faults, 68–69 of them self-healed, and SAIDI 259–359 min a customer-year (RS-1 99.93–99.95 %), between the B and C classes of DL/T 5729-2016 — short of the targets, as a new area may start; feeder automation (FTU) isolates in seconds and transfers across a tie within 2 min, as the "全自愈" grid aims',
  },
  feedIntervalsS: { substation: 5, feeder: 5, pv: 10, charger: 30 },
  privacy: { maskAlarmDetailsOnWall: true },
};

const checked = parseAreaConfig(config, 'generated area config');
const out = process.argv[2] ?? new URL('../../public/config/area.json', import.meta.url).pathname;
writeFileSync(out, `${JSON.stringify(checked, null, 2)}\n`);
const kwp = checked.pvSites.reduce((a, p) => a + p.kWp, 0);
const conns = checked.chargingStations.reduce((a, s) => a + s.connectors.length, 0);
const peak = checked.feeders.reduce((a, f) => a + f.basePeakKw, 0);
const tieCount = checked.feeders.reduce((a, f) => a + (f.sections?.filter((x) => x.tie).length ?? 0), 0) / 2;
const crossTies = checked.feeders.filter((f) =>
  f.sections?.some((x) => x.tie && checked.feeders.find((o) => o.id === x.tie?.feederId)?.province !== f.province),
).length;
console.log(
  `${checked.feeders.reduce((a, f) => a + (f.sections?.length ?? 1), 0)} sections, ${tieCount} ties (${crossTies / 2} across the provincial border), ${checked.customers?.residential} residential + ${checked.customers?.enterprise} enterprise customers`,
);
console.log(
  `wrote ${out}: ${checked.substations.length} substations, ${checked.feeders.length} feeders (Σ base peak ${Math.round(peak / 1000)} MW), ${checked.pvSites.length} PV sites (${Math.round(kwp / 1000)} MWp), ${checked.chargingStations.length} stations / ${conns} connectors`,
);
