/**
 * The dispatcher's alarm rule engine. Pure: (previous state, device values, topology, thresholds, now) → (new state,
 * alarms). No timers, no clock of its own, no I/O — the dispatch screen calls it on each store snapshot, tests call it
 * with hand-made values.
 *
 * Rules (DESIGN.md §4, thresholds from the area configuration):
 * - `overload` / `heavy-load`: feeder loading rate at or above the limit; cleared only `loadingHysteresisPct` below it,
 *   so a feeder hovering at the limit does not flap.
 * - `voltage`: feeder or substation voltage deviation outside ±`voltageDeviationPct` of nominal (GB/T 12325).
 * - `stale`: telemetry lost (no message for `staleAfterMissedIntervals` intervals) while the device is not offline.
 * - `offline`: the device's Last Will said offline.
 * - `pv-trip`: inverter reports `tripped`, or its output collapsed while its neighbours (same feeder, else same
 *   province) produce.
 * - `charger-fault`: a connector reports `faulted` (one alarm per connector).
 *
 * Value rules raise only after the condition held for `raiseAfterMs` AND over at least two samples (one spike is not an
 * alarm), and clear only after the clearing condition held for `clearAfterMs` over two samples. Presence rules (stale,
 * offline) already carry their own delay and follow the store's freshness directly.
 *
 * Alarm ids are `<rule>:<device>[/<connector>]:<startMs>` where the start comes from device timestamps, not from when
 * this screen happened to evaluate, so two dispatch screens watching the same stream name the same alarm the same way
 * (acknowledgements are shared by id; see `ackMatchesAlarm` for screens that joined late).
 */
import type { AreaConfig } from '../config/area-schema';
import type { ChargerTelemetry, FeederTelemetry, PvTelemetry, SubstationTelemetry } from '../contract/payloads';
import type { DeviceKind, Province } from '../contract/topics';
import { loadingRatePct, voltageDeviationPct } from './loading';

export const ALARM_RULES = [
  'overload',
  'heavy-load',
  'voltage',
  'stale',
  'offline',
  'pv-trip',
  'charger-fault',
] as const;
export type AlarmRule = (typeof ALARM_RULES)[number];

/** critical: act now (overload, a measured feeder gone); major: act soon; minor: look when there is time. */
export const ALARM_SEVERITIES = ['critical', 'major', 'minor'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];
export const SEVERITY_RANK: Record<AlarmSeverity, number> = { critical: 0, major: 1, minor: 2 };

export type AlarmStatus = 'active' | 'cleared';
export type AlarmDisplayState = 'active' | 'acknowledged' | 'cleared';

export interface Alarm {
  /** `<rule>:<deviceId>[/<connectorId>]:<startMs>`; matches the history service's alarmId pattern. */
  id: string;
  rule: AlarmRule;
  severity: AlarmSeverity;
  deviceId: string;
  deviceKind: DeviceKind;
  province: Province;
  /** Feeder the device hangs on (the feeder itself for feeders); null for substations. */
  feederId: string | null;
  /** Connector of a charger-fault alarm. */
  connectorId?: string;
  /** When the condition began (device time), ms. */
  startMs: number;
  /** When the alarm was raised (condition held long enough), ms. */
  raisedMs: number;
  status: AlarmStatus;
  clearedMs: number | null;
  /** The measured value that raised or last updated the alarm, and the limit it is compared with (units below). */
  value: number | null;
  threshold: number | null;
  /** Worst value seen while active (highest loading, largest |deviation|). */
  peakValue: number | null;
  unit: '%' | 'kV' | 'kW' | 's' | '';
}

/** Timings and margins the configuration does not carry; engine defaults, overridable per call. */
export interface AlarmTuning {
  /** Loading must fall this many percentage points below a limit to clear it. */
  loadingHysteresisPct: number;
  /** Voltage deviation must come this many percentage points inside the band to clear. */
  voltageHysteresisPct: number;
  /** A value condition must hold this long (and over ≥ 2 samples) to raise. */
  raiseAfterMs: number;
  /** The clearing condition must hold this long (and over ≥ 2 samples) to clear. */
  clearAfterMs: number;
  /** PV collapse: own specific yield below this fraction of the neighbours' median. */
  pvCollapseRatio: number;
  /** PV collapse is judged only when the neighbours' median yield is at least this (kW per kWp): daylight. */
  pvMinNeighbourYield: number;
  /** PV collapse needs this many producing neighbours. */
  pvMinNeighbours: number;
  /** PV collapse must hold this long: a passing cloud shades neighbours too, but not at the same second. */
  pvCollapseAfterMs: number;
  /** Cleared alarms kept for the history (newest first), at most. */
  maxCleared: number;
}

export const DEFAULT_ALARM_TUNING: AlarmTuning = {
  loadingHysteresisPct: 5,
  voltageHysteresisPct: 1,
  raiseAfterMs: 5_000,
  clearAfterMs: 5_000,
  pvCollapseRatio: 0.2,
  pvMinNeighbourYield: 0.1,
  pvMinNeighbours: 2,
  pvCollapseAfterMs: 60_000,
  maxCleared: 500,
};

export type AlarmThresholds = Pick<
  AreaConfig['thresholds'],
  'heavyLoadingPct' | 'overloadLoadingPct' | 'voltageDeviationPct' | 'staleAfterMissedIntervals'
>;

export interface AlarmSettings extends AlarmThresholds, AlarmTuning {}

export function alarmSettingsFromArea(area: Pick<AreaConfig, 'thresholds'>, tuning: Partial<AlarmTuning> = {}) {
  const t = area.thresholds;
  return {
    heavyLoadingPct: t.heavyLoadingPct,
    overloadLoadingPct: t.overloadLoadingPct,
    voltageDeviationPct: t.voltageDeviationPct,
    staleAfterMissedIntervals: t.staleAfterMissedIntervals,
    ...DEFAULT_ALARM_TUNING,
    ...tuning,
  } satisfies AlarmSettings;
}

/** What the engine needs to know of the grid's shape and ratings. */
export interface AlarmTopology {
  feeders: ReadonlyMap<string, { ratedMva: number; ratedA: number; nominalKv: number }>;
  substations: ReadonlyMap<string, { nominalKv: number }>;
  pvSites: ReadonlyMap<string, { feederId: string; kWp: number }>;
  chargers: ReadonlyMap<string, { feederId: string }>;
}

export function alarmTopologyFromArea(area: AreaConfig): AlarmTopology {
  return {
    feeders: new Map(
      area.feeders.map((f) => [f.id, { ratedMva: f.ratedMva, ratedA: f.ratedA, nominalKv: f.nominalKv }]),
    ),
    substations: new Map(area.substations.map((s) => [s.id, { nominalKv: s.voltageKv }])),
    pvSites: new Map(area.pvSites.map((p) => [p.id, { feederId: p.feederId, kWp: p.kWp }])),
    chargers: new Map(area.chargingStations.map((c) => [c.id, { feederId: c.feederId }])),
  };
}

/** The per-device values the engine reads: the store's DeviceView satisfies this structurally. */
export interface AlarmDeviceValue {
  id: string;
  kind: DeviceKind;
  province: Province;
  latest: FeederTelemetry | SubstationTelemetry | PvTelemetry | ChargerTelemetry | null;
  lastTs: number | null;
  freshness: 'live' | 'stale' | 'offline' | 'no-data';
  intervalMs: number;
}

/** Tracking of one (rule, device[, connector]) condition. */
interface Tracker {
  /** Device time at which the raising condition began (null while not holding). */
  holdSinceMs: number | null;
  holdSamples: number;
  lastSampleTs: number | null;
  /** Device time at which the clearing condition began, while an alarm is active. */
  clearSinceMs: number | null;
  clearSamples: number;
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
  readonly memo?: { topo: AlarmTopology; settings: AlarmSettings; keys: Map<string, RuleKeys> };
}

export function createAlarmEngineState(): AlarmEngineState {
  return { trackers: new Map(), active: new Map(), cleared: [] };
}

export interface AlarmEvaluation {
  state: AlarmEngineState;
  /** Active alarms, most severe first, then newest. Same array as before when nothing changed. */
  active: readonly Alarm[];
  /** Alarms raised by this evaluation. */
  raised: readonly Alarm[];
  /** Alarms cleared by this evaluation. */
  clearedNow: readonly Alarm[];
  changed: boolean;
}

const SEVERITY: Record<AlarmRule, (kind: DeviceKind) => AlarmSeverity> = {
  overload: () => 'critical',
  'heavy-load': () => 'minor',
  voltage: () => 'major',
  stale: (k) => (k === 'feeder' || k === 'substation' ? 'major' : 'minor'),
  offline: (k) => (k === 'feeder' || k === 'substation' ? 'critical' : 'minor'),
  'pv-trip': () => 'major',
  'charger-fault': () => 'minor',
};

export function compareAlarms(a: Alarm, b: Alarm): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.startMs - a.startMs || (a.id < b.id ? -1 : 1);
}

type Verdict =
  /** Condition holds (raising side; or, when active, not yet clearing). */
  | { kind: 'hold'; value: number | null; threshold: number | null; ts: number }
  /** Condition does not hold (clearing side when active). */
  | { kind: 'release'; value: number | null; threshold: number | null; ts: number }
  /** Unknown (no data): keep whatever the state is. */
  | { kind: 'unknown' };

interface Evaluator {
  key: string;
  rule: AlarmRule;
  device: AlarmDeviceValue;
  feederId: string | null;
  connectorId: string | undefined;
  unit: Alarm['unit'];
  /** Presence rules follow freshness immediately; value rules need duration and two samples. */
  immediate: boolean;
  raiseAfterMs: number;
  /** Larger is worse, for peakValue. */
  worse: (a: number, b: number) => boolean;
  verdict: (active: boolean) => Verdict;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function feederOf(d: AlarmDeviceValue, topo: AlarmTopology): string | null {
  if (d.kind === 'feeder') return d.id;
  if (d.kind === 'pv') return topo.pvSites.get(d.id)?.feederId ?? null;
  if (d.kind === 'charger') return topo.chargers.get(d.id)?.feederId ?? null;
  return null;
}

/**
 * Specific yield (kW/kWp) of producing PV sites, by feeder and by province, for the collapse rule. Sites that are
 * tripped, stale or offline are not neighbours: they are what we are looking for.
 */
function pvNeighbourhood(devices: readonly AlarmDeviceValue[], topo: AlarmTopology) {
  const byFeeder = new Map<string, { id: string; y: number }[]>();
  const byProvince = new Map<Province, { id: string; y: number }[]>();
  for (const d of devices) {
    if (d.kind !== 'pv' || d.freshness !== 'live' || !d.latest) continue;
    const pv = d.latest as PvTelemetry;
    const site = topo.pvSites.get(d.id);
    if (!site || pv.state === 'tripped' || !isNum(pv.pKw)) continue;
    const entry = { id: d.id, y: pv.pKw / site.kWp };
    const f = byFeeder.get(site.feederId) ?? [];
    f.push(entry);
    byFeeder.set(site.feederId, f);
    const p = byProvince.get(d.province) ?? [];
    p.push(entry);
    byProvince.set(d.province, p);
  }
  return { byFeeder, byProvince };
}

/**
 * Tracker keys of a device, made once per device and kept: the same string objects every evaluation, so the tracker
 * map lookups hash each key once (a key built afresh each time is a new string to hash, 10,000 devices × 5 rules a
 * second in an alarm storm).
 */
type RuleKeys = Record<Exclude<AlarmRule, 'charger-fault'>, string>;
function ruleKeysOf(cache: Map<string, RuleKeys>, id: string): RuleKeys {
  let k = cache.get(id);
  if (!k) {
    k = {
      overload: `overload:${id}`,
      'heavy-load': `heavy-load:${id}`,
      voltage: `voltage:${id}`,
      stale: `stale:${id}`,
      offline: `offline:${id}`,
      'pv-trip': `pv-trip:${id}`,
    };
    cache.set(id, k);
  }
  return k;
}

const higher = (a: number, b: number) => a > b;
const lower = (a: number, b: number) => a < b;
const fartherFromZero = (a: number, b: number) => Math.abs(a) > Math.abs(b);

/** Every evaluator has the same shape (one object layout for the engine's hot loop). */
function evaluator(
  d: AlarmDeviceValue,
  feederId: string | null,
  key: string,
  rule: AlarmRule,
  unit: Alarm['unit'],
  immediate: boolean,
  raiseAfterMs: number,
  worse: (a: number, b: number) => boolean,
  verdict: (active: boolean) => Verdict,
  connectorId?: string,
): Evaluator {
  return { key, rule, device: d, feederId, connectorId, unit, immediate, raiseAfterMs, worse, verdict };
}

function evaluatorsFor(
  d: AlarmDeviceValue,
  topo: AlarmTopology,
  s: AlarmSettings,
  nbh: ReturnType<typeof pvNeighbourhood>,
  keys: RuleKeys,
): Evaluator[] {
  const out: Evaluator[] = [];
  const feederId = feederOf(d, topo);
  const live = d.freshness === 'live' && d.latest !== null;

  // Presence: offline (Last Will) and stale (silent) are exclusive: an offline device is not also "stale".
  out.push(
    evaluator(d, feederId, keys.offline, 'offline', '', true, s.raiseAfterMs, higher, () =>
      d.freshness === 'offline'
        ? { kind: 'hold', value: null, threshold: null, ts: d.lastTs ?? 0 }
        : { kind: 'release', value: null, threshold: null, ts: d.lastTs ?? 0 },
    ),
  );
  const staleAfterMs = d.intervalMs * s.staleAfterMissedIntervals;
  out.push(
    evaluator(d, feederId, keys.stale, 'stale', 's', true, s.raiseAfterMs, higher, () =>
      d.freshness === 'stale' && d.lastTs !== null
        ? // Start = the moment the device became stale, from its data: the same on every screen.
          { kind: 'hold', value: null, threshold: staleAfterMs / 1000, ts: d.lastTs + staleAfterMs }
        : { kind: 'release', value: null, threshold: staleAfterMs / 1000, ts: d.lastTs ?? 0 },
    ),
  );

  if (d.kind === 'feeder') {
    const rating = topo.feeders.get(d.id);
    const f = live ? (d.latest as FeederTelemetry) : null;
    const pct =
      f && rating
        ? loadingRatePct({ pKw: f.pKw, qKvar: f.qKvar, iA: f.iA, ratedMva: rating.ratedMva, ratedA: rating.ratedA })
        : null;
    const loadingRule = (rule: 'overload' | 'heavy-load', limit: number): Evaluator =>
      evaluator(d, feederId, keys[rule], rule, '%', false, s.raiseAfterMs, higher, (active) => {
        if (!f || !isNum(pct)) return { kind: 'unknown' };
        const holds = active ? pct >= limit - s.loadingHysteresisPct : pct >= limit;
        return { kind: holds ? 'hold' : 'release', value: pct, threshold: limit, ts: f.ts };
      });
    out.push(loadingRule('overload', s.overloadLoadingPct), loadingRule('heavy-load', s.heavyLoadingPct));
  }

  if (d.kind === 'feeder' || d.kind === 'substation') {
    const nominalKv = d.kind === 'feeder' ? topo.feeders.get(d.id)?.nominalKv : topo.substations.get(d.id)?.nominalKv;
    const u = live ? (d.latest as FeederTelemetry | SubstationTelemetry) : null;
    out.push(
      evaluator(d, feederId, keys.voltage, 'voltage', '%', false, s.raiseAfterMs, fartherFromZero, (active) => {
        const dev = u ? voltageDeviationPct(u.uKv, nominalKv) : null;
        if (!u || !isNum(dev)) return { kind: 'unknown' };
        const limit = active ? s.voltageDeviationPct - s.voltageHysteresisPct : s.voltageDeviationPct;
        const holds = Math.abs(dev) > limit + 1e-9;
        return { kind: holds ? 'hold' : 'release', value: dev, threshold: s.voltageDeviationPct, ts: u.ts };
      }),
    );
  }

  if (d.kind === 'pv') {
    const pv = live ? (d.latest as PvTelemetry) : null;
    const site = topo.pvSites.get(d.id);
    out.push(
      evaluator(d, feederId, keys['pv-trip'], 'pv-trip', 'kW', false, s.pvCollapseAfterMs, lower, () => {
        if (!pv || !site) return { kind: 'unknown' };
        if (pv.state === 'tripped') return { kind: 'hold', value: pv.pKw, threshold: null, ts: pv.ts };
        // Neighbours: same feeder when it has enough producing sites, else the province.
        const pick = (xs: { id: string; y: number }[] | undefined) => (xs ?? []).filter((x) => x.id !== d.id);
        let nb = pick(nbh.byFeeder.get(site.feederId));
        if (nb.length < s.pvMinNeighbours) nb = pick(nbh.byProvince.get(d.province));
        if (nb.length < s.pvMinNeighbours) return { kind: 'release', value: pv.pKw, threshold: null, ts: pv.ts };
        const nbYield = median(nb.map((x) => x.y));
        const expectedKw = nbYield * site.kWp;
        if (nbYield < s.pvMinNeighbourYield)
          return { kind: 'release', value: pv.pKw, threshold: expectedKw * s.pvCollapseRatio, ts: pv.ts };
        const collapsed = pv.pKw < expectedKw * s.pvCollapseRatio;
        return {
          kind: collapsed ? 'hold' : 'release',
          value: pv.pKw,
          threshold: expectedKw * s.pvCollapseRatio,
          ts: pv.ts,
        };
      }),
    );
  }

  if (d.kind === 'charger') {
    const ch = live ? (d.latest as ChargerTelemetry) : null;
    for (const c of ch?.connectors ?? []) {
      out.push(
        evaluator(
          d,
          feederId,
          `charger-fault:${d.id}/${c.id}`,
          'charger-fault',
          '',
          true,
          s.raiseAfterMs,
          higher,
          () =>
            c.state === 'faulted'
              ? { kind: 'hold', value: null, threshold: null, ts: (ch as ChargerTelemetry).ts }
              : { kind: 'release', value: null, threshold: null, ts: (ch as ChargerTelemetry).ts },
          c.id,
        ),
      );
    }
  }
  return out;
}

const EMPTY_TRACKER: Tracker = {
  holdSinceMs: null,
  holdSamples: 0,
  lastSampleTs: null,
  clearSinceMs: null,
  clearSamples: 0,
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
): AlarmEvaluation {
  const list = Array.isArray(devices) ? (devices as AlarmDeviceValue[]) : [...devices];
  const nbh = pvNeighbourhood(list, topo);
  const trackers = new Map<string, Tracker>();
  const active = new Map<string, Alarm>();
  const raised: Alarm[] = [];
  const clearedNow: Alarm[] = [];
  let changed = false;
  let stateChanged = false;
  const seen = new Set<string>();
  const memoValid = prev.settled && prev.memo?.topo === topo && prev.memo?.settings === settings;
  const settled = memoValid ? (prev.settled as WeakMap<object, readonly string[]>) : new WeakMap<object, string[]>();
  const memo = memoValid && prev.memo ? prev.memo : { topo, settings, keys: new Map<string, RuleKeys>() };
  const keep = (key: string, before: Tracker, t: Tracker) => {
    trackers.set(key, t);
    if (
      before.holdSinceMs !== t.holdSinceMs ||
      before.holdSamples !== t.holdSamples ||
      before.lastSampleTs !== t.lastSampleTs ||
      before.clearSinceMs !== t.clearSinceMs ||
      before.clearSamples !== t.clearSamples ||
      before.alarm !== t.alarm
    )
      stateChanged = true;
  };

  for (const d of list) {
    // PV collapse depends on the neighbours too: PV sites are always evaluated.
    const settledKeys = d.kind === 'pv' ? undefined : settled.get(d);
    if (settledKeys?.every((k) => prev.trackers.has(k))) {
      for (const k of settledKeys) {
        const t = prev.trackers.get(k) as Tracker;
        trackers.set(k, t);
        if (t.alarm) active.set(t.alarm.id, t.alarm);
      }
      continue;
    }
    const keysOfDevice: string[] = [];
    for (const ev of evaluatorsFor(d, topo, settings, nbh, ruleKeysOf(memo.keys, d.id))) {
      keysOfDevice.push(ev.key);
      const before = prev.trackers.get(ev.key) ?? EMPTY_TRACKER;
      // Only keys that had a tracker matter to the vanished-device check below.
      if (before !== EMPTY_TRACKER) seen.add(ev.key);
      const t: Tracker = { ...before };
      const isActive = t.alarm !== null;
      const v = ev.verdict(isActive);
      if (v.kind === 'unknown') {
        if (isActive || t.holdSinceMs !== null) trackers.set(ev.key, before);
        if (before.alarm) active.set(before.alarm.id, before.alarm);
        continue;
      }
      const newSample = t.lastSampleTs === null || v.ts > t.lastSampleTs;
      t.lastSampleTs = v.ts;

      if (!isActive) {
        if (v.kind === 'hold') {
          if (t.holdSinceMs === null) {
            t.holdSinceMs = v.ts;
            t.holdSamples = 1;
          } else if (newSample) t.holdSamples++;
          const held = ev.immediate || (nowMs - t.holdSinceMs >= ev.raiseAfterMs && t.holdSamples >= 2);
          if (held) {
            const alarm: Alarm = {
              id: `${ev.key}:${Math.round(t.holdSinceMs)}`,
              rule: ev.rule,
              severity: SEVERITY[ev.rule](d.kind),
              deviceId: d.id,
              deviceKind: d.kind,
              province: d.province,
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
            raised.push(alarm);
            changed = true;
          }
          keep(ev.key, before, t);
        } else if (before.holdSinceMs !== null) {
          stateChanged = true; // a pending condition vanished before it raised: no alarm (no flapping)
        }
        if (t.alarm) active.set(t.alarm.id, t.alarm);
        continue;
      }

      // Active alarm: refresh its value, or count towards clearing.
      let alarm = t.alarm as Alarm;
      if (v.kind === 'hold') {
        t.clearSinceMs = null;
        t.clearSamples = 0;
        const peak = isNum(v.value) && (!isNum(alarm.peakValue) || ev.worse(v.value, alarm.peakValue));
        if (v.value !== alarm.value || peak) {
          alarm = { ...alarm, value: v.value, peakValue: peak ? v.value : alarm.peakValue };
          t.alarm = alarm;
          changed = true;
        }
        keep(ev.key, before, t);
        active.set(alarm.id, alarm);
        continue;
      }
      if (t.clearSinceMs === null) {
        t.clearSinceMs = v.ts;
        t.clearSamples = 1;
      } else if (newSample) t.clearSamples++;
      const cleared = ev.immediate || (nowMs - t.clearSinceMs >= settings.clearAfterMs && t.clearSamples >= 2);
      if (cleared) {
        const done: Alarm = { ...alarm, status: 'cleared', clearedMs: nowMs, value: v.value };
        clearedNow.push(done);
        changed = true;
        // Tracker dropped: the next episode starts afresh with a new id.
        continue;
      }
      keep(ev.key, before, t);
      active.set(alarm.id, alarm);
    }
    const kept = keysOfDevice.filter((k) => trackers.has(k));
    if (kept.every((k) => isSettled(trackers.get(k) as Tracker))) settled.set(d, kept);
  }

  // Devices (or connectors) that vanished from the input: their alarms clear.
  for (const [key, t] of prev.trackers) {
    if (seen.has(key) || trackers.has(key)) continue;
    if (t.alarm) {
      clearedNow.push({ ...t.alarm, status: 'cleared', clearedMs: nowMs });
      changed = true;
    } else stateChanged = true;
  }

  if (!changed && !stateChanged && memoValid)
    return { state: prev, active: sortedActive(prev), raised, clearedNow, changed };
  const cleared = clearedNow.length
    ? [...clearedNow.sort((a, b) => b.startMs - a.startMs), ...prev.cleared].slice(0, settings.maxCleared)
    : prev.cleared;
  // Same active set as before: keep the previous sorted array so views don't re-render for tracker bookkeeping.
  const state: AlarmEngineState = { trackers, active: changed ? active : prev.active, cleared, settled, memo };
  return { state, active: sortedActive(state, prev), raised, clearedNow, changed };
}

/**
 * A tracker that cannot change without a new value of its device: no pending condition waiting out its minimum
 * duration (a pending one with fewer than two samples waits for a new sample), no active alarm counting towards
 * clearing.
 */
function isSettled(t: Tracker): boolean {
  if (t.alarm) return t.clearSinceMs === null;
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

/** An acknowledgement as the history service returns it. */
export interface AlarmAck {
  alarmId: string;
  by: string;
  note?: string;
  atMs: number;
}

/** Splits `<rule>:<device>[/<connector>]:<startMs>`; null when the id is not one of ours. */
export function parseAlarmId(id: string): { key: string; startMs: number } | null {
  const i = id.lastIndexOf(':');
  if (i <= 0) return null;
  const startMs = Number(id.slice(i + 1));
  if (!Number.isFinite(startMs)) return null;
  return { key: id.slice(0, i), startMs };
}

/**
 * Does this acknowledgement acknowledge this alarm? The same id always does. A screen opened while the alarm was
 * already on sees its first sample later than the screens that watched it begin, so its start (and id) is later; an
 * ack of the same rule and device whose episode began earlier still covers it, unless this screen saw that episode
 * clear since (then the ack was for an older episode).
 */
export function ackMatchesAlarm(ack: AlarmAck, alarm: Alarm, lastClearedMsOfKey: number | null): boolean {
  if (ack.alarmId === alarm.id) return true;
  const a = parseAlarmId(ack.alarmId);
  const b = parseAlarmId(alarm.id);
  if (!a || !b || a.key !== b.key) return false;
  if (a.startMs > b.startMs) return false;
  return lastClearedMsOfKey === null || lastClearedMsOfKey < a.startMs;
}

/** active → acknowledged (someone took it) → cleared (the condition went away; acknowledged or not). */
export function alarmDisplayState(alarm: Alarm, ack: AlarmAck | null | undefined): AlarmDisplayState {
  if (alarm.status === 'cleared') return 'cleared';
  return ack ? 'acknowledged' : 'active';
}

/** Acknowledgements grouped by rule+device key (`parseAlarmId(...).key`), so matching an alarm is cheap. */
export function indexAcksByKey<A extends AlarmAck>(acks: Iterable<A>): Map<string, A[]> {
  const m = new Map<string, A[]>();
  for (const a of acks) {
    const key = parseAlarmId(a.alarmId)?.key;
    if (!key) continue;
    const list = m.get(key);
    if (list) list.push(a);
    else m.set(key, [a]);
  }
  return m;
}

/**
 * The acknowledgement of this alarm: the one with its id, else the most recent one of the same rule and device that
 * covers this episode (`ackMatchesAlarm`); null when none. Shared by every screen that mirrors acknowledgements.
 */
export function findAck<A extends AlarmAck>(
  alarm: Alarm,
  byId: ReadonlyMap<string, A>,
  byKey: ReadonlyMap<string, readonly A[]>,
  lastClearedMsOfKey: number | null,
): A | null {
  const exact = byId.get(alarm.id);
  if (exact) return exact;
  const key = parseAlarmId(alarm.id)?.key;
  const candidates = key ? byKey.get(key) : undefined;
  if (!candidates) return null;
  let best: A | null = null;
  for (const a of candidates)
    if (ackMatchesAlarm(a, alarm, lastClearedMsOfKey) && (!best || a.atMs > best.atMs)) best = a;
  return best;
}
