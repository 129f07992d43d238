/** `offline`: the device's Last Will said offline. Critical for a measured feeder or substation, minor otherwise. */
import type { DeviceKind } from '../../../contract/topics';
import type { AlarmSeverity } from '../types';
import { type AlarmRuleDef, evaluator, higher } from './rule';

const severity = (k: DeviceKind): AlarmSeverity => (k === 'feeder' || k === 'substation' ? 'critical' : 'minor');

export const offlineRule: AlarmRuleDef = {
  condition: 'offline',
  rules: ['offline'],
  evaluate(d, ctx, out) {
    // Offline (Last Will) and stale (silent) are exclusive: an offline device is not also "stale".
    out.push(
      evaluator(d, ctx, ctx.key('offline'), '', true, ctx.settings.presenceGraceMs, higher, (active) =>
        // No data is not a recovery (a restarted service before the retained values arrive); while the source is
        // down, presence tells nothing of the device: an alarm it already had stays, none is raised.
        active && (d.freshness === 'no-data' || ctx.outage)
          ? { kind: 'unknown' }
          : ctx.outage
            ? { kind: 'release', value: null, threshold: null, ts: d.lastTs ?? 0 }
            : d.freshness === 'offline'
              ? {
                  kind: 'hold',
                  rule: 'offline',
                  severity: severity(d.kind),
                  value: null,
                  threshold: null,
                  ts: d.lastTs ?? 0,
                }
              : { kind: 'release', value: null, threshold: null, ts: d.lastTs ?? 0 },
      ),
    );
  },
};
