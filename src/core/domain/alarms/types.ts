/**
 * The alarm engine's vocabulary: rules, severities, the alarm itself, the settings and the grid shape it reads. Shared
 * by the engine (./engine.ts), its rules (./rules/) and every screen and service that shows alarms.
 */
import type { AreaConfig } from '../../config/area-schema';
import type { ChargerTelemetry, FeederTelemetry, PvTelemetry, SubstationTelemetry } from '../../contract/payloads';
import type { DeviceKind, Province } from '../../contract/topics';

/** Every rule an alarm can name; each has its evaluation in ./rules/ and its words in the screens' label tables. */
export const ALARM_RULES = [
  'overload',
  'heavy-load',
  'voltage',
  'stale',
  'offline',
  'pv-trip',
  'charger-fault',
  /** A feeder's sections out after a trip until self-healing or the repair has the healthy ones back. */
  'feeder-trip',
  'source-down',
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
  /** 'source': the device stream as a whole (`source-down`), not one device. */
  deviceKind: DeviceKind | 'source';
  /** null for the device stream as a whole. */
  province: Province | null;
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

/** What an alarm is and what it measured, whatever carries it (the engine, the live topic, a screen). */
export type AlarmFacts = Pick<
  Alarm,
  'id' | 'rule' | 'severity' | 'deviceId' | 'deviceKind' | 'province' | 'feederId' | 'connectorId'
> &
  Pick<Alarm, 'value' | 'threshold' | 'peakValue' | 'unit'>;

/** An alarm's facts copied field by field (no other key rides along from the carrier it was read from). */
export function alarmFacts(a: AlarmFacts): AlarmFacts {
  return {
    id: a.id,
    rule: a.rule,
    severity: a.severity,
    deviceId: a.deviceId,
    deviceKind: a.deviceKind,
    province: a.province,
    feederId: a.feederId,
    ...(a.connectorId === undefined ? {} : { connectorId: a.connectorId }),
    value: a.value,
    threshold: a.threshold,
    peakValue: a.peakValue,
    unit: a.unit,
  };
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
  /**
   * Tell a software outage from devices going offline: while the device stream as a whole is silent, or most devices
   * go stale or offline at once (a feeds process stopped or crashed), no per-device stale/offline alarm is raised —
   * one `source-down` alarm is, cleared when the stream is back. Off in the browser's own engine.
   */
  outageDetection: boolean;
  /** At least this share of the reporting devices stale or offline at once is an outage of the source… */
  massOutageFraction: number;
  /** …when they are at least this many (a small area's one silent device is not an outage). */
  massOutageMinDevices: number;
  /**
   * Stale/offline raise only after the condition held this long on the engine's clock: a stopping feeds process
   * takes a second or two to say offline for every device, and its first statuses must not raise before the rest
   * show it is the source.
   */
  presenceGraceMs: number;
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
  outageDetection: false,
  massOutageFraction: 0.5,
  massOutageMinDevices: 10,
  presenceGraceMs: 0,
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

/** An acknowledgement as the history service returns it. */
export interface AlarmAck {
  alarmId: string;
  by: string;
  note?: string;
  atMs: number;
}
