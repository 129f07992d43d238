/**
 * The area's alarms, computed once, here, for every screen: the pure rule engine (core/domain/alarms) over the live
 * area's devices on every publish tick, whether or not any screen is open, with the acknowledgements dispatchers make
 * through the API. Lists are given in full (dispatchers) and masked (the public wall: no who, no note, no value); each
 * step of an alarm's life is an event for the history service to record. Pure apart from the clock it is given.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import type { AlarmEvent, LiveAlarm, LiveAlarms, PublicAlarms } from '../../core/contract/live-core';
import {
  type AlarmChange,
  type AlarmEngineState,
  createAlarmEngineState,
  evaluateAlarms,
  restoreAlarmEngineState,
} from '../../core/domain/alarms/engine';
import type { AlarmSource } from '../../core/domain/alarms/rules/rule';
import {
  type Alarm,
  type AlarmDeviceValue,
  type AlarmTuning,
  alarmFacts,
  alarmSettingsFromArea,
  alarmTopologyFromArea,
} from '../../core/domain/alarms/types';

export interface LiveAck {
  by: string;
  note: string;
  atMs: number;
}

/** Saved across a restart of the live service: the active alarms (same ids, same starts) and their acks. */
export interface LiveAlarmsState {
  active: Alarm[];
  acks: Record<string, LiveAck>;
  /** Ids of recently cleared alarms, newest last: an acknowledgement of one of them is refused as cleared. */
  clearedIds: string[];
}

export type AckResult =
  | { status: 201; alarm: LiveAlarm; event: AlarmEvent }
  | { status: 404; error: string }
  | { status: 409; error: string };

const MAX_CLEARED_IDS = 2_000;

export class LiveAreaAlarms {
  private readonly topo;
  private settings;
  private readonly baseTuning: Partial<AlarmTuning>;
  private state: AlarmEngineState = createAlarmEngineState();
  private active: readonly Alarm[] = [];
  private readonly acks = new Map<string, LiveAck>();
  private readonly clearedIds = new Set<string>();

  constructor(config: AreaConfig, tuning: Partial<AlarmTuning> = {}) {
    this.topo = alarmTopologyFromArea(config);
    // The server tells a software outage (feeds, broker) from devices going offline; see AlarmTuning.
    const feederIntervalMs = config.feedIntervalsS.feeder * 1000;
    this.baseTuning = { outageDetection: true, presenceGraceMs: Math.max(5_000, 2 * feederIntervalMs), ...tuning };
    this.settings = alarmSettingsFromArea(config, this.baseTuning);
  }

  /**
   * Another version of the thresholds, from the next evaluation on: an active alarm keeps its id and start and is
   * judged against the new values (an overload no longer over the new threshold clears after the clear time).
   */
  applyThresholds(thresholds: AreaConfig['thresholds']): void {
    this.settings = alarmSettingsFromArea({ thresholds }, this.baseTuning);
  }

  /** One evaluation; the events of what changed, in order. */
  evaluate(
    devices: readonly AlarmDeviceValue[],
    nowMs: number,
    source: AlarmSource,
  ): { changed: boolean; events: AlarmEvent[] } {
    const r = evaluateAlarms(this.state, devices, this.topo, this.settings, nowMs, source);
    this.state = r.state;
    this.active = r.active;
    for (const c of r.clearedNow) {
      this.acks.delete(c.id);
      this.rememberCleared(c.id);
    }
    return { changed: r.changed, events: r.events.map((e) => this.event(e)) };
  }

  /**
   * An acknowledgement names an alarm that exists and is active: one not raised (yet) is refused, so nobody
   * acknowledges in advance; a cleared one is refused as such.
   */
  acknowledge(alarmId: string, by: string, note: string, atMs: number): AckResult {
    const alarm = this.state.active.get(alarmId);
    if (!alarm) {
      if (this.clearedIds.has(alarmId)) return { status: 409, error: `alarm ${alarmId} is already cleared` };
      return { status: 404, error: `no active alarm ${alarmId}` };
    }
    const ack = { by, note, atMs: Math.round(atMs) };
    this.acks.set(alarmId, ack);
    const event: AlarmEvent = {
      ts: ack.atMs,
      alarmId,
      type: 'acknowledged',
      rule: alarm.rule,
      severity: alarm.severity,
      deviceId: alarm.deviceId,
      value: alarm.value,
      by,
      note,
    };
    return { status: 201, alarm: this.full(alarm), event };
  }

  /** Every active alarm in full, most severe first (dispatchers). */
  list(nowMs: number): LiveAlarms {
    return { ts: Math.round(nowMs), alarms: this.active.map((a) => this.full(a)) };
  }

  /** Masked on the server for the public wall: no who, no note, no measured value. */
  publicList(nowMs: number): PublicAlarms {
    return {
      ts: Math.round(nowMs),
      alarms: this.active.map((a) => ({
        id: a.id,
        rule: a.rule,
        severity: a.severity,
        deviceId: a.deviceId,
        startMs: Math.round(a.startMs),
        acknowledged: this.acks.has(a.id),
      })),
    };
  }

  saveState(): LiveAlarmsState {
    return {
      active: [...this.state.active.values()],
      acks: Object.fromEntries(this.acks),
      clearedIds: [...this.clearedIds],
    };
  }

  restore(saved: LiveAlarmsState): void {
    this.state = restoreAlarmEngineState(saved.active ?? []);
    this.active = [...this.state.active.values()];
    for (const [id, ack] of Object.entries(saved.acks ?? {})) if (this.state.active.has(id)) this.acks.set(id, ack);
    for (const id of saved.clearedIds ?? []) this.rememberCleared(id);
  }

  private rememberCleared(id: string): void {
    this.clearedIds.add(id);
    if (this.clearedIds.size > MAX_CLEARED_IDS) {
      const oldest = this.clearedIds.values().next().value;
      if (oldest !== undefined) this.clearedIds.delete(oldest);
    }
  }

  private full(a: Alarm): LiveAlarm {
    return {
      ...alarmFacts(a),
      startMs: Math.round(a.startMs),
      raisedMs: Math.round(a.raisedMs),
      ack: this.acks.get(a.id) ?? null,
    };
  }

  private event(e: AlarmChange): AlarmEvent {
    return {
      ts: Math.round(e.atMs),
      alarmId: e.alarm.id,
      type: e.type,
      rule: e.alarm.rule,
      severity: e.alarm.severity,
      deviceId: e.alarm.deviceId,
      value: e.alarm.value,
      by: null,
      note: null,
    };
  }
}
