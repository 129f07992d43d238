/** `stale`: telemetry lost (no message for `staleAfterMissedIntervals` intervals) while the device is not offline. */
import { type AlarmRuleDef, presenceEvaluator, presenceSeverity } from './rule';

export const staleRule: AlarmRuleDef = {
  condition: 'stale',
  rules: ['stale'],
  evaluate(d, ctx, out) {
    const staleAfterMs = d.intervalMs * ctx.settings.staleAfterMissedIntervals;
    out.push(
      presenceEvaluator(d, ctx, 'stale', 's', () =>
        d.freshness === 'stale' && d.lastTs !== null
          ? // Start = the moment the device became stale, from its data: the same on every screen.
            {
              kind: 'hold',
              rule: 'stale',
              severity: presenceSeverity(d.kind, 'major'),
              value: null,
              threshold: staleAfterMs / 1000,
              ts: d.lastTs + staleAfterMs,
            }
          : { kind: 'release', value: null, threshold: staleAfterMs / 1000, ts: d.lastTs ?? 0 },
      ),
    );
  },
};
