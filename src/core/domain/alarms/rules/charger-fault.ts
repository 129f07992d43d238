/** `charger-fault`: a connector reports `faulted` (one alarm per connector). */
import type { ChargerTelemetry } from '../../../contract/payloads';
import { type AlarmRuleDef, evaluator, higher } from './rule';

export const chargerFaultRule: AlarmRuleDef = {
  condition: 'charger-fault',
  rules: ['charger-fault'],
  evaluate(d, ctx, out) {
    if (d.kind !== 'charger') return;
    const ch = ctx.live ? (d.latest as ChargerTelemetry) : null;
    if (!ch) return;
    for (const c of ch.connectors) {
      out.push(
        evaluator(
          d,
          ctx,
          `charger-fault:${d.id}/${c.id}`,
          '',
          true,
          0,
          higher,
          () =>
            c.state === 'faulted'
              ? { kind: 'hold', rule: 'charger-fault', severity: 'minor', value: null, threshold: null, ts: ch.ts }
              : { kind: 'release', value: null, threshold: null, ts: ch.ts },
          c.id,
        ),
      );
    }
  },
};
