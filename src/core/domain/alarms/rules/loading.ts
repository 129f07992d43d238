/**
 * `overload` / `heavy-load`: feeder loading rate at or above the limit; cleared only `loadingHysteresisPct` below it,
 * so a feeder hovering at the limit does not flap.
 */
import type { FeederTelemetry } from '../../../contract/payloads';
import { loadingRatePct } from '../../loading';
import { type AlarmRuleDef, evaluator, higher, isNum } from './rule';

function loadingRule(rule: 'overload' | 'heavy-load'): AlarmRuleDef {
  return {
    condition: rule,
    evaluate(d, ctx, out) {
      if (d.kind !== 'feeder') return;
      const s = ctx.settings;
      const rating = ctx.topo.feeders.get(d.id);
      const f = ctx.live ? (d.latest as FeederTelemetry) : null;
      const pct =
        f && rating
          ? loadingRatePct({ pKw: f.pKw, qKvar: f.qKvar, iA: f.iA, ratedMva: rating.ratedMva, ratedA: rating.ratedA })
          : null;
      const limit = rule === 'overload' ? s.overloadLoadingPct : s.heavyLoadingPct;
      const severity = rule === 'overload' ? 'critical' : 'minor';
      out.push(
        evaluator(d, ctx, ctx.key(rule), '%', false, s.raiseAfterMs, higher, (active) => {
          if (!f || !isNum(pct)) return { kind: 'unknown' };
          const holds = active ? pct >= limit - s.loadingHysteresisPct : pct >= limit;
          return holds
            ? { kind: 'hold', rule, severity, value: pct, threshold: limit, ts: f.ts }
            : { kind: 'release', value: pct, threshold: limit, ts: f.ts };
        }),
      );
    },
  };
}

export const overloadRule = loadingRule('overload');
export const heavyLoadRule = loadingRule('heavy-load');
