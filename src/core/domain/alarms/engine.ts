/**
 * The alarm rule engine. Pure: (previous state, device values, topology, thresholds, now) → (new state, alarms). No
 * timers, no clock of its own, no I/O — the caller runs it on each snapshot, tests call it with hand-made values.
 *
 * The rules are in ./rules/ (registered in ./rules/registry.ts, thresholds from the area configuration, DESIGN.md §4).
 * Value rules raise only after the condition held for `raiseAfterMs` AND over at least two samples (one spike is not an
 * alarm), and clear only after the clearing condition held for `clearAfterMs` over two samples. Presence rules (stale,
 * offline) already carry their own delay and follow the store's freshness directly.
 *
 * Alarm ids are `<rule>:<device>[/<connector>]:<startMs>` where the start comes from device timestamps, not from when
 * the engine happened to evaluate, so two engines watching the same stream name the same alarm the same way
 * (acknowledgements are shared by id; see `ackMatchesAlarm` in ./acks.ts for screens that joined late).
 */
import { ALARM_RULE_DEFS } from './rules/registry';
import { type AlarmSource, type AreaContext, type DeviceContext, type Evaluator, isNum } from './rules/rule';
import type { Alarm, AlarmDeviceValue, AlarmRule, AlarmSettings, AlarmTopology } from './types';
import { SEVERITY_RANK } from './types';

/** Tracking of one (condition, device[, connector]). */
interface Tracker {
  /** Device time at which the raising condition began (null while not holding). */
  holdSinceMs: number | null;
  holdSamples: number;
  lastSampleTs: number | null;
  /** Device time at which the clearing condition began, while an alarm is active. */
  clearSinceMs: number | null;
  clearSamples: number;
  /** Engine time a presence condition began (its grace counts from here), while pending. */
  seenSinceMs: number | null;
  /** While active: the rule the condition moved to (escalating or de-escalating), since when, over how many samples. */
  shiftRule: AlarmRule | null;
  shiftSinceMs: number | null;
  shiftSamples: number;
  alarm: Alarm | null;
}

export interface AlarmEngineState {
  readonly trackers: ReadonlyMap<string, Tracker>;
  /** Active alarms by id. */
  readonly active: ReadonlyMap<string, Alarm>;
  /** Cleared alarms, newest first, bounded by maxCleared. */
  readonly cleared: readonly Alarm[];
  /**
   * Memo: device values (immutable objects) already evaluated under `memo.topo`/`memo.settings` whose trackers were
   * left settled (no condition, or an alarm that holds and is not clearing), with those trackers' keys. The verdicts
   * of every rule but the PV collapse depend on the value alone, and a settled tracker changes only with a new value,
   * so the same object needs no second look: with 10,000 devices, even in an alarm storm, only the devices that
   * changed since the last evaluation (and those waiting out a minimum duration) are evaluated.
   */
  readonly settled?: WeakMap<object, readonly string[]>;
  readonly memo?: {
    topo: AlarmTopology;
    settings: AlarmSettings;
    outage: boolean;
    keys: Map<string, Map<string, string>>;
  };
}

export function createAlarmEngineState(): AlarmEngineState {
  return { trackers: new Map(), active: new Map(), cleared: [] };
}

/** One step in an alarm's life, as this evaluation saw it (acknowledgements are the caller's). */
export interface AlarmChange {
  type: 'raised' | 'escalated' | 'de-escalated' | 'cleared';
  /** The alarm after the step. */
  alarm: Alarm;
  /** When it happened (the evaluation's clock), ms. */
  atMs: number;
}

export interface AlarmEvaluation {
  state: AlarmEngineState;
  /** Active alarms, most severe first, then newest. Same array as before when nothing changed. */
  active: readonly Alarm[];
  /** Alarms raised by this evaluation. */
  raised: readonly Alarm[];
  /** Alarms cleared by this evaluation. */
  clearedNow: readonly Alarm[];
  /** Every raise, escalation, de-escalation and clearing of this evaluation, in order. */
  events: readonly AlarmChange[];
  changed: boolean;
}

export function compareAlarms(a: Alarm, b: Alarm): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.startMs - a.startMs || (a.id < b.id ? -1 : 1);
}

function feederOf(d: AlarmDeviceValue, topo: AlarmTopology): string | null {
  if (d.kind === 'feeder') return d.id;
  if (d.kind === 'pv') return topo.pvSites.get(d.id)?.feederId ?? null;
  if (d.kind === 'charger') return topo.chargers.get(d.id)?.feederId ?? null;
  return null;
}

/**
 * Tracker keys of a device, made once per device and kept: the same string objects every evaluation, so the tracker
 * map lookups hash each key once (a key built afresh each time is a new string to hash, 10,000 devices × 5 rules a
 * second in an alarm storm).
 */
function keyOf(cache: Map<string, Map<string, string>>, id: string, condition: string): string {
  let byCondition = cache.get(id);
  if (!byCondition) {
    byCondition = new Map();
    cache.set(id, byCondition);
  }
  let k = byCondition.get(condition);
  if (k === undefined) {
    k = `${condition}:${id}`;
    byCondition.set(condition, k);
  }
  return k;
}

const EMPTY_TRACKER: Tracker = {
  holdSinceMs: null,
  holdSamples: 0,
  lastSampleTs: null,
  clearSinceMs: null,
  clearSamples: 0,
  seenSinceMs: null,
  shiftRule: null,
  shiftSinceMs: null,
  shiftSamples: 0,
  alarm: null,
};

/**
 * One evaluation over every device. Trackers exist only for conditions that hold or alarms that are active, so the
 * state stays small however many devices are normal. Returns new state objects; the previous state is not mutated.
 */
export function evaluateAlarms(
  prev: AlarmEngineState,
  devices: Iterable<AlarmDeviceValue>,
  topo: AlarmTopology,
  settings: AlarmSettings,
  nowMs: number,
  source?: AlarmSource,
): AlarmEvaluation {
  const list = Array.isArray(devices) ? (devices as AlarmDeviceValue[]) : [...devices];
  let reporting = 0;
  let down = 0;
  for (const d of list) {
    if (d.freshness === 'no-data') continue;
    reporting++;
    if (d.freshness !== 'live') down++;
  }
  const mass = down >= settings.massOutageMinDevices && down >= reporting * settings.massOutageFraction;
  const outage = settings.outageDetection && (source?.silent === true || mass);
  const prepared = ALARM_RULE_DEFS.map((r) => r.prepare?.(list, topo));
  const trackers = new Map<string, Tracker>();
  const active = new Map<string, Alarm>();
  const raised: Alarm[] = [];
  const clearedNow: Alarm[] = [];
  const events: AlarmChange[] = [];
  let changed = false;
  let stateChanged = false;
  const seen = new Set<string>();
  const memoValid =
    prev.settled && prev.memo?.topo === topo && prev.memo?.settings === settings && prev.memo?.outage === outage;
  const settled = memoValid ? (prev.settled as WeakMap<object, readonly string[]>) : new WeakMap<object, string[]>();
  const memo =
    memoValid && prev.memo
      ? prev.memo
      : { topo, settings, outage, keys: prev.memo?.keys ?? new Map<string, Map<string, string>>() };
  const keep = (key: string, before: Tracker, t: Tracker) => {
    trackers.set(key, t);
    if (
      before.holdSinceMs !== t.holdSinceMs ||
      before.holdSamples !== t.holdSamples ||
      before.lastSampleTs !== t.lastSampleTs ||
      before.clearSinceMs !== t.clearSinceMs ||
      before.clearSamples !== t.clearSamples ||
      before.seenSinceMs !== t.seenSinceMs ||
      before.shiftRule !== t.shiftRule ||
      before.shiftSinceMs !== t.shiftSinceMs ||
      before.shiftSamples !== t.shiftSamples ||
      before.alarm !== t.alarm
    )
      stateChanged = true;
  };
  const step = (ev: Evaluator): void => {
    const before = prev.trackers.get(ev.key) ?? EMPTY_TRACKER;
    // Only keys that had a tracker matter to the vanished-device check below.
    if (before !== EMPTY_TRACKER) seen.add(ev.key);
    const t: Tracker = { ...before };
    const v = ev.verdict(t.alarm);
    if (v.kind === 'unknown') {
      if (t.alarm !== null || t.holdSinceMs !== null) trackers.set(ev.key, before);
      if (before.alarm) active.set(before.alarm.id, before.alarm);
      return;
    }
    const newSample = t.lastSampleTs === null || v.ts > t.lastSampleTs;
    t.lastSampleTs = v.ts;

    if (t.alarm === null) {
      if (v.kind === 'hold') {
        if (t.holdSinceMs === null) {
          t.holdSinceMs = v.ts;
          t.holdSamples = 1;
          if (ev.immediate && ev.raiseAfterMs > 0) t.seenSinceMs = nowMs;
        } else if (newSample) t.holdSamples++;
        const held = ev.immediate
          ? t.seenSinceMs === null || nowMs - t.seenSinceMs >= ev.raiseAfterMs
          : nowMs - t.holdSinceMs >= ev.raiseAfterMs && t.holdSamples >= 2;
        if (held) {
          const alarm: Alarm = {
            id: `${v.rule}:${ev.subject}:${Math.round(t.holdSinceMs)}`,
            rule: v.rule,
            severity: v.severity,
            deviceId: ev.deviceId,
            deviceKind: ev.deviceKind,
            province: ev.province,
            feederId: ev.feederId,
            ...(ev.connectorId ? { connectorId: ev.connectorId } : {}),
            startMs: t.holdSinceMs,
            raisedMs: nowMs,
            status: 'active',
            clearedMs: null,
            value: v.value,
            threshold: v.threshold,
            peakValue: v.value,
            unit: ev.unit,
          };
          t.alarm = alarm;
          t.clearSinceMs = null;
          t.clearSamples = 0;
          t.seenSinceMs = null;
          raised.push(alarm);
          events.push({ type: 'raised', alarm, atMs: nowMs });
          changed = true;
        }
        keep(ev.key, before, t);
      } else if (before.holdSinceMs !== null) {
        stateChanged = true; // a pending condition vanished before it raised: no alarm (no flapping)
      }
      if (t.alarm) active.set(t.alarm.id, t.alarm);
      return;
    }

    // Active alarm: refresh its value, move it to another level of its condition, or count towards clearing.
    let alarm = t.alarm;
    if (v.kind === 'hold') {
      t.clearSinceMs = null;
      t.clearSamples = 0;
      const peak = isNum(v.value) && (!isNum(alarm.peakValue) || ev.worse(v.value, alarm.peakValue));
      if (v.value !== alarm.value || peak) {
        alarm = { ...alarm, value: v.value, peakValue: peak ? v.value : alarm.peakValue };
        t.alarm = alarm;
        changed = true;
      }
      if (v.rule === alarm.rule) {
        t.shiftRule = null;
        t.shiftSinceMs = null;
        t.shiftSamples = 0;
      } else {
        // Up takes what a raise takes, down what a clearing takes: one sample is not a level.
        if (t.shiftRule !== v.rule) {
          t.shiftRule = v.rule;
          t.shiftSinceMs = v.ts;
          t.shiftSamples = 1;
        } else if (newSample) t.shiftSamples++;
        const up = SEVERITY_RANK[v.severity] < SEVERITY_RANK[alarm.severity];
        const afterMs = up ? ev.raiseAfterMs : settings.clearAfterMs;
        const since = t.shiftSinceMs as number;
        if (ev.immediate || (nowMs - since >= afterMs && t.shiftSamples >= 2)) {
          // Same id, same start: the alarm the dispatcher already has, at its new level.
          alarm = { ...alarm, rule: v.rule, severity: v.severity, threshold: v.threshold, value: v.value };
          t.alarm = alarm;
          t.shiftRule = null;
          t.shiftSinceMs = null;
          t.shiftSamples = 0;
          events.push({ type: up ? 'escalated' : 'de-escalated', alarm, atMs: nowMs });
          changed = true;
        }
      }
      keep(ev.key, before, t);
      active.set(alarm.id, alarm);
      return;
    }
    t.shiftRule = null;
    t.shiftSinceMs = null;
    t.shiftSamples = 0;
    if (t.clearSinceMs === null) {
      t.clearSinceMs = v.ts;
      t.clearSamples = 1;
    } else if (newSample) t.clearSamples++;
    const cleared = ev.immediate || (nowMs - t.clearSinceMs >= settings.clearAfterMs && t.clearSamples >= 2);
    if (cleared) {
      const done: Alarm = { ...alarm, status: 'cleared', clearedMs: nowMs, value: v.value };
      clearedNow.push(done);
      events.push({ type: 'cleared', alarm: done, atMs: nowMs });
      changed = true;
      // Tracker dropped: the next episode starts afresh with a new id.
      return;
    }
    keep(ev.key, before, t);
    active.set(alarm.id, alarm);
  };

  const evs: Evaluator[] = [];

  for (const d of list) {
    const settledKeys = ALARM_RULE_DEFS.some((r) => r.alwaysEvaluate?.(d)) ? undefined : settled.get(d);
    if (settledKeys?.every((k) => prev.trackers.has(k))) {
      for (const k of settledKeys) {
        const t = prev.trackers.get(k) as Tracker;
        trackers.set(k, t);
        if (t.alarm) active.set(t.alarm.id, t.alarm);
      }
      continue;
    }
    const ctx: DeviceContext = {
      topo,
      settings,
      feederId: feederOf(d, topo),
      live: d.freshness === 'live' && d.latest !== null,
      key: (condition) => keyOf(memo.keys, d.id, condition),
      outage,
    };
    evs.length = 0;
    for (let i = 0; i < ALARM_RULE_DEFS.length; i++)
      (ALARM_RULE_DEFS[i] as (typeof ALARM_RULE_DEFS)[number]).evaluate(d, ctx, evs, prepared[i]);
    const keysOfDevice: string[] = [];
    for (const ev of evs) {
      keysOfDevice.push(ev.key);
      step(ev);
    }
    const kept = keysOfDevice.filter((k) => trackers.has(k));
    if (kept.every((k) => isSettled(trackers.get(k) as Tracker))) settled.set(d, kept);
  }

  const areaCtx: AreaContext = { settings, nowMs, outage, down, reporting, source };
  for (const r of ALARM_RULE_DEFS) {
    if (!r.evaluateArea) continue;
    evs.length = 0;
    r.evaluateArea(areaCtx, evs);
    for (const ev of evs) {
      const before = prev.trackers.get(ev.key);
      if (before) seen.add(ev.key);
      step(ev);
    }
  }

  // Devices (or connectors) that vanished from the input: their alarms clear.
  for (const [key, t] of prev.trackers) {
    if (seen.has(key) || trackers.has(key)) continue;
    if (t.alarm) {
      const done: Alarm = { ...t.alarm, status: 'cleared', clearedMs: nowMs };
      clearedNow.push(done);
      events.push({ type: 'cleared', alarm: done, atMs: nowMs });
      changed = true;
    } else stateChanged = true;
  }

  if (!changed && !stateChanged && memoValid)
    return { state: prev, active: sortedActive(prev), raised, clearedNow, events, changed };
  const cleared = clearedNow.length
    ? [...clearedNow.sort((a, b) => b.startMs - a.startMs), ...prev.cleared].slice(0, settings.maxCleared)
    : prev.cleared;
  // Same active set as before: keep the previous sorted array so views don't re-render for tracker bookkeeping.
  const state: AlarmEngineState = { trackers, active: changed ? active : prev.active, cleared, settled, memo };
  return { state, active: sortedActive(state, prev), raised, clearedNow, events, changed };
}

/**
 * A tracker that cannot change without a new value of its device: no pending condition waiting out its minimum
 * duration (a pending one with fewer than two samples waits for a new sample), no active alarm counting towards
 * clearing.
 */
function isSettled(t: Tracker): boolean {
  if (t.alarm) return t.clearSinceMs === null && t.shiftSinceMs === null;
  if (t.seenSinceMs !== null) return false; // a presence condition waiting out its grace
  return t.holdSinceMs === null || t.holdSamples < 2;
}

const sortedCache = new WeakMap<ReadonlyMap<string, Alarm>, readonly Alarm[]>();
/**
 * Active alarms, most severe first, then newest. The order depends on severity, start and id only, never on the value,
 * so when the same alarms are active as before with new values, the previous order is reused (no re-sort of thousands
 * of alarms every evaluation of an alarm storm).
 */
function sortedActive(state: AlarmEngineState, prev?: AlarmEngineState): readonly Alarm[] {
  let s = sortedCache.get(state.active);
  if (s) return s;
  const before = prev ? sortedCache.get(prev.active) : undefined;
  if (before && before.length === state.active.size) {
    const same: Alarm[] = [];
    for (const a of before) {
      const now = state.active.get(a.id);
      if (!now) break;
      same.push(now);
    }
    if (same.length === before.length) s = same;
  }
  s ??= [...state.active.values()].sort(compareAlarms);
  sortedCache.set(state.active, s);
  return s;
}

/**
 * An engine state holding these active alarms as they were (same ids, starts, levels), for a service restarted while
 * they were on: the condition carries on where it was instead of raising a new alarm with a new start.
 */
export function restoreAlarmEngineState(
  activeAlarms: readonly Alarm[],
  cleared: readonly Alarm[] = [],
): AlarmEngineState {
  const trackers = new Map<string, Tracker>();
  const active = new Map<string, Alarm>();
  for (const alarm of activeAlarms) {
    const def = ALARM_RULE_DEFS.find((r) => r.rules.includes(alarm.rule));
    if (!def || alarm.status !== 'active') continue;
    const subject = alarm.connectorId ? `${alarm.deviceId}/${alarm.connectorId}` : alarm.deviceId;
    trackers.set(`${def.condition}:${subject}`, {
      ...EMPTY_TRACKER,
      holdSinceMs: alarm.startMs,
      holdSamples: 2,
      alarm,
    });
    active.set(alarm.id, alarm);
  }
  return { trackers, active, cleared };
}
