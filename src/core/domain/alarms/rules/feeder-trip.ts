/**
 * `feeder-trip`: a feeder with remote switching has sections out that are not switched out on purpose — from the trip
 * of its head breaker until self-healing (or the repair) has every healthy section back. The isolated faulted section
 * waiting for its repair, and planned work, raise nothing: the outage record says those. Follows the reported switch
 * states at once (one reading is a trip; a protection operation is not a noisy measurement).
 */
import type { FeederTelemetry } from '../../../contract/payloads';
import { type AlarmRuleDef, evaluator, higher } from './rule';

export const feederTripRule: AlarmRuleDef = {
  condition: 'feeder-trip',
  rules: ['feeder-trip'],
  evaluate(d, ctx, out) {
    if (d.kind !== 'feeder') return;
    const f = ctx.live ? (d.latest as FeederTelemetry) : null;
    if (ctx.topo.feeders.get(d.id) === undefined) return;
    out.push(
      evaluator(d, ctx, ctx.key('feeder-trip'), '', true, 0, higher, () => {
        const sw = f?.switching;
        if (!f || !sw) return { kind: 'unknown' };
        let waiting = 0;
        for (let k = 0; k < sw.energised.length; k++) if (!sw.energised[k] && !sw.isolated?.[k]) waiting++;
        return waiting > 0
          ? { kind: 'hold', rule: 'feeder-trip', severity: 'critical', value: waiting, threshold: null, ts: f.ts }
          : { kind: 'release', value: 0, threshold: null, ts: f.ts };
      }),
    );
  },
};
