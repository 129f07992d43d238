/** `voltage`: feeder or substation voltage deviation outside ±`voltageDeviationPct` of nominal (GB/T 12325). */
import type { FeederTelemetry, SubstationTelemetry } from '../../../contract/payloads';
import { voltageDeviationPct } from '../../loading';
import { type AlarmRuleDef, evaluator, fartherFromZero, isNum } from './rule';

export const voltageRule: AlarmRuleDef = {
  condition: 'voltage',
  rules: ['voltage'],
  evaluate(d, ctx, out) {
    if (d.kind !== 'feeder' && d.kind !== 'substation') return;
    const s = ctx.settings;
    const nominalKv =
      d.kind === 'feeder' ? ctx.topo.feeders.get(d.id)?.nominalKv : ctx.topo.substations.get(d.id)?.nominalKv;
    const u = ctx.live ? (d.latest as FeederTelemetry | SubstationTelemetry) : null;
    out.push(
      evaluator(d, ctx, ctx.key('voltage'), '%', false, s.raiseAfterMs, fartherFromZero, (active) => {
        const dev = u ? voltageDeviationPct(u.uKv, nominalKv) : null;
        if (!u || !isNum(dev)) return { kind: 'unknown' };
        const limit = active ? s.voltageDeviationPct - s.voltageHysteresisPct : s.voltageDeviationPct;
        const holds = Math.abs(dev) > limit + 1e-9;
        return holds
          ? { kind: 'hold', rule: 'voltage', severity: 'major', value: dev, threshold: s.voltageDeviationPct, ts: u.ts }
          : { kind: 'release', value: dev, threshold: s.voltageDeviationPct, ts: u.ts };
      }),
    );
  },
};
