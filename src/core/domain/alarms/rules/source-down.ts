/**
 * `source-down`: the device stream as a whole is gone — silent (no device message for the stale time) or most devices
 * stale or offline at once (a feeds process stopped: it says offline for every device within a second or two). One
 * critical alarm for the source instead of a flood of per-device ones; cleared when the stream is back. Only with
 * `outageDetection` (the live service).
 */
import type { AlarmRuleDef } from './rule';

/** The subject of the source alarm: not a device, the stream of all of them. */
export const SOURCE_SUBJECT = 'device-stream';

export const sourceDownRule: AlarmRuleDef = {
  condition: 'source-down',
  rules: ['source-down'],
  evaluate() {},
  evaluateArea(ctx, out) {
    if (!ctx.settings.outageDetection) return;
    // Start from the data: the newest reading before the stream went silent; for a mass offline, now.
    const sinceMs = ctx.source?.silent ? (ctx.source.lastDataMs ?? ctx.nowMs) : ctx.nowMs;
    out.push({
      key: `source-down:${SOURCE_SUBJECT}`,
      subject: SOURCE_SUBJECT,
      deviceId: SOURCE_SUBJECT,
      deviceKind: 'source',
      province: null,
      feederId: null,
      connectorId: undefined,
      unit: '',
      immediate: true,
      raiseAfterMs: 0,
      worse: (a, b) => a > b,
      verdict: () =>
        ctx.outage
          ? { kind: 'hold', rule: 'source-down', severity: 'critical', value: ctx.down, threshold: null, ts: sinceMs }
          : { kind: 'release', value: ctx.down, threshold: null, ts: ctx.nowMs },
    });
  },
};
