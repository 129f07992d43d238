/**
 * `pv-trip`: the inverter reports `tripped`, or its output collapsed while its neighbours (same feeder, else same
 * province) produce.
 */
import type { PvTelemetry } from '../../../contract/payloads';
import type { Province } from '../../../contract/topics';
import type { AlarmDeviceValue, AlarmTopology } from '../types';
import { type AlarmRuleDef, evaluator, isNum, lower } from './rule';

type Neighbourhood = {
  byFeeder: Map<string, { id: string; y: number }[]>;
  byProvince: Map<Province, { id: string; y: number }[]>;
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/**
 * Specific yield (kW/kWp) of producing PV sites, by feeder and by province, for the collapse rule. Sites that are
 * tripped, stale or offline are not neighbours: they are what we are looking for.
 */
function pvNeighbourhood(devices: readonly AlarmDeviceValue[], topo: AlarmTopology): Neighbourhood {
  const byFeeder = new Map<string, { id: string; y: number }[]>();
  const byProvince = new Map<Province, { id: string; y: number }[]>();
  for (const d of devices) {
    if (d.kind !== 'pv' || d.freshness !== 'live' || !d.latest) continue;
    const pv = d.latest as PvTelemetry;
    const site = topo.pvSites.get(d.id);
    if (!site || pv.state === 'tripped' || !isNum(pv.pKw)) continue;
    const entry = { id: d.id, y: pv.pKw / site.kWp };
    const f = byFeeder.get(site.feederId) ?? [];
    f.push(entry);
    byFeeder.set(site.feederId, f);
    const p = byProvince.get(d.province) ?? [];
    p.push(entry);
    byProvince.set(d.province, p);
  }
  return { byFeeder, byProvince };
}

export const pvTripRule: AlarmRuleDef<Neighbourhood> = {
  condition: 'pv-trip',
  rules: ['pv-trip'],
  prepare: pvNeighbourhood,
  // PV collapse depends on the neighbours too: PV sites are always evaluated.
  alwaysEvaluate: (d) => d.kind === 'pv',
  evaluate(d, ctx, out, nbh) {
    if (d.kind !== 'pv') return;
    const s = ctx.settings;
    const pv = ctx.live ? (d.latest as PvTelemetry) : null;
    const site = ctx.topo.pvSites.get(d.id);
    const hold = (value: number, threshold: number | null, ts: number) =>
      ({ kind: 'hold', rule: 'pv-trip', severity: 'major', value, threshold, ts }) as const;
    out.push(
      evaluator(d, ctx, ctx.key('pv-trip'), 'kW', false, s.pvCollapseAfterMs, lower, () => {
        if (!pv || !site) return { kind: 'unknown' };
        if (pv.state === 'tripped') return hold(pv.pKw, null, pv.ts);
        // Neighbours: same feeder when it has enough producing sites, else the province.
        const pick = (xs: { id: string; y: number }[] | undefined) => (xs ?? []).filter((x) => x.id !== d.id);
        let nb = pick(nbh.byFeeder.get(site.feederId));
        if (nb.length < s.pvMinNeighbours) nb = pick(nbh.byProvince.get(d.province));
        if (nb.length < s.pvMinNeighbours) return { kind: 'release', value: pv.pKw, threshold: null, ts: pv.ts };
        const nbYield = median(nb.map((x) => x.y));
        const expectedKw = nbYield * site.kWp;
        if (nbYield < s.pvMinNeighbourYield)
          return { kind: 'release', value: pv.pKw, threshold: expectedKw * s.pvCollapseRatio, ts: pv.ts };
        const collapsed = pv.pKw < expectedKw * s.pvCollapseRatio;
        return collapsed
          ? hold(pv.pKw, expectedKw * s.pvCollapseRatio, pv.ts)
          : { kind: 'release', value: pv.pKw, threshold: expectedKw * s.pvCollapseRatio, ts: pv.ts };
      }),
    );
  },
};
