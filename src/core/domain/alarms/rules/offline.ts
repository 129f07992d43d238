/** `offline`: the device's Last Will said offline. Critical for a measured feeder or substation, minor otherwise. */
import { type AlarmRuleDef, presenceEvaluator, presenceSeverity } from './rule';

export const offlineRule: AlarmRuleDef = {
  condition: 'offline',
  rules: ['offline'],
  evaluate(d, ctx, out) {
    // Offline (Last Will) and stale (silent) are exclusive: an offline device is not also "stale".
    out.push(
      presenceEvaluator(d, ctx, 'offline', '', () =>
        d.freshness === 'offline'
          ? {
              kind: 'hold',
              rule: 'offline',
              severity: presenceSeverity(d.kind, 'critical'),
              value: null,
              threshold: null,
              ts: d.lastTs ?? 0,
            }
          : { kind: 'release', value: null, threshold: null, ts: d.lastTs ?? 0 },
      ),
    );
  },
};
