/**
 * `heavy-load` → `overload`: one condition per feeder, its loading rate at or above the heavy limit. At or above the
 * overload limit the same alarm escalates (critical); back below it, it de-escalates in place (minor) — one alarm to
 * acknowledge, not two. Each limit is left only `loadingHysteresisPct` below it, so a feeder hovering at a limit does
 * not flap.
 */
import type { FeederTelemetry } from '../../../contract/payloads';
import { loadingRatePct } from '../../loading';
import { type AlarmRuleDef, evaluator, higher, isNum } from './rule';

export const loadingRule: AlarmRuleDef = {
  condition: 'loading',
  rules: ['heavy-load', 'overload'],
  evaluate(d, ctx, out) {
    if (d.kind !== 'feeder') return;
    const s = ctx.settings;
    const rating = ctx.topo.feeders.get(d.id);
    const f = ctx.live ? (d.latest as FeederTelemetry) : null;
    const pct =
      f && rating
        ? loadingRatePct({ pKw: f.pKw, qKvar: f.qKvar, iA: f.iA, ratedMva: rating.ratedMva, ratedA: rating.ratedA })
        : null;
    out.push(
      evaluator(d, ctx, ctx.key('loading'), '%', false, s.raiseAfterMs, higher, (active) => {
        if (!f || !isNum(pct)) return { kind: 'unknown' };
        const hyst = s.loadingHysteresisPct;
        const over = active?.rule === 'overload' ? pct >= s.overloadLoadingPct - hyst : pct >= s.overloadLoadingPct;
        if (over)
          return {
            kind: 'hold',
            rule: 'overload',
            severity: 'critical',
            value: pct,
            threshold: s.overloadLoadingPct,
            ts: f.ts,
          };
        const heavy = active ? pct >= s.heavyLoadingPct - hyst : pct >= s.heavyLoadingPct;
        if (heavy)
          return {
            kind: 'hold',
            rule: 'heavy-load',
            severity: 'minor',
            value: pct,
            threshold: s.heavyLoadingPct,
            ts: f.ts,
          };
        return { kind: 'release', value: pct, threshold: active?.threshold ?? s.heavyLoadingPct, ts: f.ts };
      }),
    );
  },
};
