/**
 * A load-test area: the new area's own devices plus extra 10 kV feeders on extra 110 kV substations, up to a total
 * feeder count (10,000 for the dispatcher's "thousands of devices" case). It is not the new area — its totals are
 * those of a province, not of 川渝高竹 — but every service takes it like any area file: the launcher validates it, the
 * feeds simulate and publish every feeder (world model, one MQTT connection and Last Will each), the history service
 * records them, and the browser loads the same file.
 *
 *   npm run area:big                                  # 10,000 feeders → .data/area-10k.json
 *   npm run area:big -- --feeders 5000 --out /tmp/area-5k.json
 *   npm start -- --config .data/area-10k.json         # then open /dispatch
 *
 * The dispatch benchmark builds its area with the same function (without the new area's PV sites and chargers).
 */
import type { AreaConfig } from '../../src/core/config/area-schema';
import { parseAreaConfig } from '../../src/core/config/area-schema';
import { areaFeeder } from './area-feeder';

export interface BigAreaOptions {
  /** Total feeders in the result (the base area's count included). */
  feeders: number;
  /** Extra 110 kV substations the extra feeders hang on, each under an extra 220 kV one (default: 50 feeders each). */
  substations?: number;
  /** Keep the base area's PV sites and charging stations (default true). */
  keepPvAndChargers?: boolean;
}

const MIXES = ['industrial', 'industrial', 'commercial', 'residential'] as const;

export function bigArea(base: AreaConfig, opts: BigAreaOptions): AreaConfig {
  const total = Math.floor(opts.feeders);
  if (!(total >= base.feeders.length && total <= 100_000))
    throw new Error(`feeders ${opts.feeders}: must be between ${base.feeders.length} (the area's own) and 100000`);
  const extra = total - base.feeders.length;
  // 50 feeders a 110 kV substation, each under a 220 kV one of its own: what a substation carries stays inside the
  // contract's plausible range (600 MW), so the load test does not turn into a stream of out-of-range rejections.
  const subCount = opts.substations ?? Math.max(1, Math.ceil(extra / 50));
  const parents = Array.from({ length: subCount }, (_, i) => {
    const province = i % 2 ? ('cq' as const) : ('sc' as const);
    return {
      id: `load-sub220-${i}`,
      name: { zh: `负荷测试${i}号220kV变电站`, en: `Load test ${i} 220 kV` },
      province,
      voltageKv: 220 as const,
      parentIds: [],
      ratedMva: 720,
      x: (i * 9) % 1000,
      y: 100 + (i % 40) * 2,
    };
  });
  const extraSubs = parents.map((parent, i) => ({
    id: `load-sub-${i}`,
    name: { zh: `负荷测试${i}号110kV变电站`, en: `Load test ${i} 110 kV` },
    province: parent.province,
    voltageKv: 110 as const,
    parentIds: [parent.id],
    ratedMva: 400,
    x: (i * 9) % 1000,
    y: 200 + (i % 40) * 5,
  }));
  const extraFeeders = Array.from({ length: extra }, (_, i) => {
    const sub = extraSubs[i % subCount]!;
    const mix = MIXES[i % MIXES.length]!;
    const ratedMva = 6 + (i % 3);
    return areaFeeder({
      id: `load-f${i}`,
      line: { zh: `负荷测试馈线${i}`, en: `Load test feeder ${i}` },
      substation: sub,
      ratedMva,
      mix,
      // 55–88 % of rating at pf 0.95, spread by index: some heavy at their peak, like the area's own feeders.
      basePeakKw: Math.round(ratedMva * 1000 * 0.95 * (0.55 + ((i * 37) % 34) / 100)),
      x: (i * 7) % 1000,
      y: (i * 3) % 600,
    });
  });
  const keep = opts.keepPvAndChargers ?? true;
  return parseAreaConfig(
    {
      ...base,
      substations: [...base.substations, ...parents, ...extraSubs],
      feeders: [...base.feeders, ...extraFeeders],
      pvSites: keep ? base.pvSites : [],
      chargingStations: keep ? base.chargingStations : [],
    },
    `load-test area (${total} feeders)`,
  );
}
