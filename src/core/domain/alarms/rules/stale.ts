/** `stale`: telemetry lost (no message for `staleAfterMissedIntervals` intervals) while the device is not offline. */
import type { DeviceKind } from '../../../contract/topics';
import type { AlarmSeverity } from '../types';
import { type AlarmRuleDef, evaluator, higher } from './rule';

const severity = (k: DeviceKind): AlarmSeverity => (k === 'feeder' || k === 'substation' ? 'major' : 'minor');

export const staleRule: AlarmRuleDef = {
  condition: 'stale',
  rules: ['stale'],
  evaluate(d, ctx, out) {
    const staleAfterMs = d.intervalMs * ctx.settings.staleAfterMissedIntervals;
    out.push(
      evaluator(d, ctx, ctx.key('stale'), 's', true, ctx.settings.presenceGraceMs, higher, (active) =>
        // No data is not a recovery (a restarted service before the retained values arrive); while the source is
        // down, presence tells nothing of the device: an alarm it already had stays, none is raised.
        active && (d.freshness === 'no-data' || ctx.outage)
          ? { kind: 'unknown' }
          : ctx.outage
            ? { kind: 'release', value: null, threshold: null, ts: d.lastTs ?? 0 }
            : d.freshness === 'stale' && d.lastTs !== null
              ? // Start = the moment the device became stale, from its data: the same on every screen.
                {
                  kind: 'hold',
                  rule: 'stale',
                  severity: severity(d.kind),
                  value: null,
                  threshold: staleAfterMs / 1000,
                  ts: d.lastTs + staleAfterMs,
                }
              : { kind: 'release', value: null, threshold: staleAfterMs / 1000, ts: d.lastTs ?? 0 },
      ),
    );
  },
};
