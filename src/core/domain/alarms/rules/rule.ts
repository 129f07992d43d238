/**
 * What a rule is to the engine (../engine.ts): a condition that, per device, yields evaluators — one per thing it can
 * alarm on (a device, a connector) — each giving a verdict on the latest value. The engine owns the timing (minimum
 * duration, two samples, clearing delay), the ids and the lifecycle; a rule only says whether its condition holds.
 */
import type { DeviceKind } from '../../../contract/topics';
import type { Alarm, AlarmDeviceValue, AlarmRule, AlarmSettings, AlarmSeverity, AlarmTopology } from '../types';

export type Verdict =
  /** Condition holds at `rule` (raising side; or, when active, not yet clearing). */
  | {
      kind: 'hold';
      rule: AlarmRule;
      severity: AlarmSeverity;
      value: number | null;
      threshold: number | null;
      ts: number;
    }
  /** Condition does not hold (clearing side when active). */
  | { kind: 'release'; value: number | null; threshold: number | null; ts: number }
  /** Unknown (no data): keep whatever the state is. */
  | { kind: 'unknown' };

export interface Evaluator {
  /** Tracker key: `<condition>:<subject>`, the same string object every evaluation (see the engine's key cache). */
  key: string;
  /** `<deviceId>[/<connectorId>]`: the middle of the alarm id. */
  subject: string;
  deviceId: string;
  deviceKind: Alarm['deviceKind'];
  province: Alarm['province'];
  feederId: string | null;
  connectorId: string | undefined;
  unit: Alarm['unit'];
  /**
   * Presence rules follow freshness immediately (after `raiseAfterMs` of grace on the engine's clock); value rules
   * need `raiseAfterMs` of data time and two samples.
   */
  immediate: boolean;
  raiseAfterMs: number;
  /** Larger is worse, for peakValue. */
  worse: (a: number, b: number) => boolean;
  /** `active`: the alarm this condition has raised and not cleared, if any (for hysteresis). */
  verdict: (active: Alarm | null) => Verdict;
}

/** What a rule knows of one device while evaluating it. */
export interface DeviceContext {
  topo: AlarmTopology;
  settings: AlarmSettings;
  /** Feeder the device hangs on (the feeder itself), null for substations. */
  feederId: string | null;
  /** The device reports and has a value. */
  live: boolean;
  /** The cached tracker key of this device for a condition. */
  key: (condition: string) => string;
  /** The source is down (see AlarmTuning.outageDetection): presence says nothing of the device itself. */
  outage: boolean;
}

/** What a rule knows of the area as a whole (rules on the device stream rather than one device). */
export interface AreaContext {
  settings: AlarmSettings;
  nowMs: number;
  outage: boolean;
  /** Devices that reported and are now stale or offline, and those that reported at all. */
  down: number;
  reporting: number;
  source: AlarmSource | undefined;
}

/** The device stream as the caller sees it (the live service's status). */
export interface AlarmSource {
  /** No device message for the stale time. */
  silent: boolean;
  /** Newest device reading (data time), null before any. */
  lastDataMs: number | null;
}

export interface AlarmRuleDef<P = unknown> {
  /** The condition's name, the prefix of its tracker keys. */
  readonly condition: string;
  /** The rules this condition's alarm can name, least severe first (more than one: it escalates in place). */
  readonly rules: readonly AlarmRule[];
  /** Once per evaluation, before the devices (e.g. the PV neighbourhood); the result reaches `evaluate`. */
  prepare?(devices: readonly AlarmDeviceValue[], topo: AlarmTopology): P;
  /** A device whose verdict depends on other devices too: evaluated every time, even when its value is unchanged. */
  alwaysEvaluate?(d: AlarmDeviceValue): boolean;
  evaluate(d: AlarmDeviceValue, ctx: DeviceContext, out: Evaluator[], prepared: P): void;
  /** Evaluators on the area as a whole, once per evaluation. */
  evaluateArea?(ctx: AreaContext, out: Evaluator[]): void;
}

export const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
export const higher = (a: number, b: number) => a > b;
export const lower = (a: number, b: number) => a < b;
export const fartherFromZero = (a: number, b: number) => Math.abs(a) > Math.abs(b);

/** Every evaluator has the same shape (one object layout for the engine's hot loop). */
export function evaluator(
  d: AlarmDeviceValue,
  ctx: DeviceContext,
  key: string,
  unit: Alarm['unit'],
  immediate: boolean,
  raiseAfterMs: number,
  worse: (a: number, b: number) => boolean,
  verdict: (active: Alarm | null) => Verdict,
  connectorId?: string,
): Evaluator {
  const subject = connectorId ? `${d.id}/${connectorId}` : d.id;
  return {
    key,
    subject,
    deviceId: d.id,
    deviceKind: d.kind,
    province: d.province,
    feederId: ctx.feederId,
    connectorId,
    unit,
    immediate,
    raiseAfterMs,
    worse,
    verdict,
  };
}

/**
 * The evaluator of a presence rule (offline, stale): it follows freshness at once, after the presence grace, and
 * `present` gives the verdict while presence means something.
 */
export function presenceEvaluator(
  d: AlarmDeviceValue,
  ctx: DeviceContext,
  condition: string,
  unit: Alarm['unit'],
  present: () => Verdict,
): Evaluator {
  return evaluator(d, ctx, ctx.key(condition), unit, true, ctx.settings.presenceGraceMs, higher, (active) =>
    // No data is not a recovery (a restarted service before the retained values arrive); while the source is
    // down, presence tells nothing of the device: an alarm it already had stays, none is raised.
    active && (d.freshness === 'no-data' || ctx.outage)
      ? { kind: 'unknown' }
      : ctx.outage
        ? { kind: 'release', value: null, threshold: null, ts: d.lastTs ?? 0 }
        : present(),
  );
}

/** A measured feeder or substation gone weighs `gridSeverity`; a PV site or charging station gone is minor. */
export const presenceSeverity = (k: DeviceKind, gridSeverity: AlarmSeverity): AlarmSeverity =>
  k === 'feeder' || k === 'substation' ? gridSeverity : 'minor';
