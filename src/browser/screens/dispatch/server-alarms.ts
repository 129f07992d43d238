/**
 * The dispatcher's alarms as the live service publishes them (gaozhu/v1/live/alarms/dispatch): pure, no React.
 * - One alarm per condition and device; its id, start time and escalation come from the server, so every screen and a
 *   reloaded page show the same alarms with the same start times and durations.
 * - An alarm that leaves the published list has cleared: it is kept (newest first, bounded) for "show cleared", with
 *   the time of the first list without it. A reloaded page starts with none; the alarm log holds every one.
 * - Attention (the "新的严重告警" banner): the first list this page receives is what was already on when it opened, never
 *   news. After it, a critical alarm calls for attention when it is unacknowledged and either new (first seen, raised
 *   no earlier than a minute before the page's first list) or escalated to critical while the page watched. So a reload
 *   never brings the banner back, whether the alarm was acknowledged or not.
 */
import type { LiveAlarm, LiveAlarms } from '../../../core/contract/live-core';
import {
  ALARM_RULES,
  type Alarm,
  type AlarmAck,
  type AlarmRule,
  type AlarmSeverity,
  alarmFacts,
  SEVERITY_RANK,
} from '../../../core/domain/alarms/types';

export interface ServerAck {
  by: string;
  note: string;
  atMs: number;
}

/** An alarm with the acknowledgement the server holds for it. */
export interface ServerAlarm extends Alarm {
  ack: ServerAck | null;
}

export interface ServerAlarmsView {
  /** Data time of the first list this page received (what it opened on); null before. */
  firstListTs: number | null;
  /** Data time of the latest list. */
  lastListTs: number | null;
  /** Sorted: severity, then newest start first. */
  active: readonly ServerAlarm[];
  /** Cleared while this page watched, newest first. */
  cleared: readonly ServerAlarm[];
  /** Severity each active alarm had in the latest list (tells an escalation to critical). */
  severities: ReadonlyMap<string, AlarmSeverity>;
  /** Alarms that call for attention since the previous list (newest start first). */
  attention: readonly ServerAlarm[];
  /** Alarms of rules this build does not know (a newer live service), left out and counted. */
  unknownRules: number;
}

export const EMPTY_SERVER_ALARMS: ServerAlarmsView = {
  firstListTs: null,
  lastListTs: null,
  active: [],
  cleared: [],
  severities: new Map(),
  attention: [],
  unknownRules: 0,
};

/** Cleared alarms kept for "show cleared". */
export const MAX_CLEARED = 500;
/** An alarm raised this long before the page's first list was already on when the page opened. */
export const ATTENTION_GRACE_MS = 60_000;

const isRule = (r: string): r is AlarmRule => (ALARM_RULES as readonly string[]).includes(r);

export function compareServerAlarms(a: Alarm, b: Alarm): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.startMs - a.startMs || (a.id < b.id ? -1 : 1);
}

/** The contract's alarm as the screen's alarm type; null for a rule this build has no words for. */
export function toServerAlarm(a: LiveAlarm): ServerAlarm | null {
  if (!isRule(a.rule)) return null;
  return {
    ...alarmFacts({ ...a, rule: a.rule }),
    startMs: a.startMs,
    raisedMs: a.raisedMs,
    status: 'active',
    clearedMs: null,
    ack: a.ack,
  };
}

export function nextServerAlarms(prev: ServerAlarmsView, list: LiveAlarms, maxCleared = MAX_CLEARED): ServerAlarmsView {
  const active: ServerAlarm[] = [];
  let unknownRules = 0;
  for (const la of list.alarms) {
    const a = toServerAlarm(la);
    if (a) active.push(a);
    else unknownRules++;
  }
  active.sort(compareServerAlarms);
  const severities = new Map(active.map((a) => [a.id, a.severity]));

  const attention: ServerAlarm[] = [];
  const firstListTs = prev.firstListTs ?? list.ts;
  if (prev.firstListTs !== null) {
    for (const a of active) {
      if (a.severity !== 'critical' || a.ack) continue;
      const before = prev.severities.get(a.id);
      const isNew = before === undefined && a.raisedMs >= prev.firstListTs - ATTENTION_GRACE_MS;
      const escalated = before !== undefined && before !== 'critical';
      if (isNew || escalated) attention.push(a);
    }
  }

  const nowCleared: ServerAlarm[] = [];
  for (const a of prev.active)
    if (!severities.has(a.id)) nowCleared.push({ ...a, status: 'cleared', clearedMs: list.ts });
  const cleared = nowCleared.length
    ? [...nowCleared.sort((a, b) => b.startMs - a.startMs), ...prev.cleared.filter((c) => !severities.has(c.id))].slice(
        0,
        maxCleared,
      )
    : prev.cleared;

  return { firstListTs, lastListTs: list.ts, active, cleared, severities, attention, unknownRules };
}

/** An acknowledgement as the screen shows it: false while only this screen knows it (the service not reached yet). */
export interface LocalAck extends AlarmAck {
  shared: boolean;
}

/** The acknowledgement to show: the server's, else this screen's answered one, else a pending one. */
export function ackToShow(
  alarm: Alarm & { ack?: ServerAck | null },
  answered: ReadonlyMap<string, LocalAck>,
  pending: ReadonlyMap<string, LocalAck>,
): LocalAck | null {
  if (alarm.ack)
    return { alarmId: alarm.id, by: alarm.ack.by, note: alarm.ack.note, atMs: alarm.ack.atMs, shared: true };
  return answered.get(alarm.id) ?? pending.get(alarm.id) ?? null;
}
