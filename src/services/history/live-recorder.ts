/**
 * Records the live core (src/core/contract/live-core.ts) beside the device minutes: each scope's figures, one row per
 * scope and minute (the last received in it), and every alarm lifecycle event. The recorder hands it the messages of
 * its topics and writes what it gathered in the same flush as the device minutes.
 *
 * And the outage records (src/core/contract/reliability.ts, QoS 1): each version as published; the storage keeps the
 * newest per outage id (src/core/domain/reliability/record-version.ts), so a redelivery or a late version is harmless.
 *
 * And the dispatchers' list of active alarms, when the broker hands it over retained (on each new subscription: a start or
 * a reconnect): an alarm raised or acknowledged while the service was not yet subscribed — the live service starting
 * first, or a broker that kept no session for it — is recorded from the list (eventsOfActiveAlarm), so the log never
 * lacks an alarm the dispatchers see; one it already has is not stored twice.
 *
 * It also keeps the newest figures of each scope in memory, so /api/today answers with exactly what the live service
 * published last (what the screens show), not the figures of the last flush a few seconds earlier.
 */
import {
  type AlarmEvent,
  alarmEventSchema,
  eventsOfActiveAlarm,
  LIVE_ROOT,
  LIVE_SCOPES,
  type LiveAlarms,
  type LiveFigures,
  liveAlarmsSchema,
  liveFiguresSchema,
  liveTopics,
} from '../../core/contract/live-core';
import { type OutageRecord, outageRecordSchema, reliabilityTopics } from '../../core/contract/reliability';
import type { HistoryStorage, RecordedLiveFigures, ScopeId } from './storage/history-storage';

const FIGURES_PREFIX = `${LIVE_ROOT}/figures/`;
/** Figures older than this are not the live service recording now (it stopped, or its clock did). */
export const LIVE_FIGURES_FRESH_MS = 120_000;

export function toRecordedFigures(f: LiveFigures): RecordedLiveFigures {
  const t = f.today;
  const counts = (c: LiveFigures['coverage']['feeder']) => ({ live: c.live, held: c.held, missing: c.missing });
  return {
    scope: f.scope,
    tsMs: f.ts,
    dataTimeMs: f.dataTimeMs,
    status: f.status,
    power: {
      gridImportKw: f.power.gridImportKw,
      pvKw: f.power.pvKw,
      evKw: f.power.evKw,
      consumptionKw: f.power.consumptionKw,
    },
    today: {
      dayStartMs: t.dayStartMs,
      countedSinceMs: t.countedSinceMs,
      eImportKwh: t.eImportKwh,
      ePvKwh: t.ePvKwh,
      eEvKwh: t.eEvKwh,
      eConsumptionKwh: t.eConsumptionKwh,
      co2EmittedKg: t.co2EmittedKg,
      co2AvoidedPvKg: t.co2AvoidedPvKg,
      coalSavedKg: t.coalSavedKg,
      peakConsumptionKw: t.peakConsumptionKw,
      peakAtMs: t.peakAtMs,
    },
    coverage: { feeder: counts(f.coverage.feeder), pv: counts(f.coverage.pv), charger: counts(f.coverage.charger) },
  };
}

/** What one drain hands to the writer. */
export interface LiveCoreBatch {
  figures: RecordedLiveFigures[];
  events: AlarmEvent[];
  /** The events the retained list of active alarms stands for (most are already stored: those are not stored again). */
  listed: AlarmEvent[];
  outages: OutageRecord[];
}

export class LiveCoreRecorder {
  /** Subscribed by the recorder; the events at QoS 1 (the live service publishes them so). */
  static readonly FIGURES_FILTER = `${FIGURES_PREFIX}+`;
  static readonly EVENTS_TOPIC = liveTopics.alarmEvents;
  static readonly RECORDS_TOPIC = reliabilityTopics.records;
  /** Retained; read only as delivered for a new subscription (the events stream brings every change after). */
  static readonly ACTIVE_ALARMS_TOPIC = liveTopics.alarmsDispatch;
  /** Published at QoS 1 by the live service: a lost one would leave a hole in the alarm log or the outage history. */
  static readonly QOS1_TOPICS = [LiveCoreRecorder.EVENTS_TOPIC, LiveCoreRecorder.RECORDS_TOPIC] as const;

  static hasNews(batch: LiveCoreBatch): boolean {
    return batch.figures.length > 0 || batch.events.length > 0 || batch.listed.length > 0 || batch.outages.length > 0;
  }

  /**
   * outageRecords: versions received; staleOutageRecords: those the storage already had as new or newer;
   * alarmListsRead: retained lists of active alarms read; alarmEventsFromList: the events stored from them, that the
   * events stream had not brought.
   */
  readonly counts = {
    figures: 0,
    alarmEvents: 0,
    alarmListsRead: 0,
    alarmEventsFromList: 0,
    outageRecords: 0,
    staleOutageRecords: 0,
    rejected: 0,
  };
  private readonly latest = new Map<ScopeId, RecordedLiveFigures>();
  private pendingFigures = new Map<string, RecordedLiveFigures>();
  private pendingEvents: AlarmEvent[] = [];
  private pendingListed: AlarmEvent[] = [];
  private pendingOutages: OutageRecord[] = [];

  constructor(private readonly storage: HistoryStorage) {}

  handles(topic: string): boolean {
    return (
      topic.startsWith(FIGURES_PREFIX) ||
      topic === LiveCoreRecorder.EVENTS_TOPIC ||
      topic === LiveCoreRecorder.RECORDS_TOPIC ||
      topic === LiveCoreRecorder.ACTIVE_ALARMS_TOPIC
    );
  }

  /**
   * Takes one live-core message; anything that does not match its topic's schema is counted and dropped. `retained`:
   * the broker delivered it for a new subscription (MQTT's retain flag on delivery).
   */
  onMessage(topic: string, payload: Buffer, retained = false): void {
    if (topic === LiveCoreRecorder.ACTIVE_ALARMS_TOPIC && !retained) return;
    const taken = this.take(topic, payload);
    if (taken === null) this.counts.rejected++;
    else if (taken.topic === 'alarms') {
      this.pendingListed.push(...taken.data.alarms.flatMap(eventsOfActiveAlarm));
      this.counts.alarmListsRead++;
    } else if (taken.topic === 'events') {
      this.pendingEvents.push(taken.data);
      this.counts.alarmEvents++;
    } else if (taken.topic === 'records') {
      this.pendingOutages.push(taken.data);
      this.counts.outageRecords++;
    } else this.takeFigures(taken.data);
  }

  /** The message checked against its topic's schema (figures: for the scope its topic names); null when refused. */
  private take(
    topic: string,
    payload: Buffer,
  ):
    | { topic: 'events'; data: AlarmEvent }
    | { topic: 'alarms'; data: LiveAlarms }
    | { topic: 'records'; data: OutageRecord }
    | { topic: 'figures'; data: LiveFigures }
    | null {
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      return null;
    }
    if (topic === LiveCoreRecorder.EVENTS_TOPIC) {
      const r = alarmEventSchema.safeParse(json);
      return r.success ? { topic: 'events', data: r.data } : null;
    }
    if (topic === LiveCoreRecorder.ACTIVE_ALARMS_TOPIC) {
      const r = liveAlarmsSchema.safeParse(json);
      return r.success ? { topic: 'alarms', data: r.data } : null;
    }
    if (topic === LiveCoreRecorder.RECORDS_TOPIC) {
      const r = outageRecordSchema.safeParse(json);
      return r.success ? { topic: 'records', data: r.data } : null;
    }
    const scope = topic.slice(FIGURES_PREFIX.length);
    const r = liveFiguresSchema.safeParse(json);
    if (!r.success || r.data.scope !== scope || !(LIVE_SCOPES as readonly string[]).includes(scope)) return null;
    return { topic: 'figures', data: r.data };
  }

  private takeFigures(figures: LiveFigures): void {
    const f = toRecordedFigures(figures);
    this.counts.figures++;
    const newest = this.latest.get(f.scope);
    if (!newest || f.tsMs >= newest.tsMs) this.latest.set(f.scope, f);
    const key = `${f.scope}:${Math.floor(f.tsMs / 60_000)}`;
    const pending = this.pendingFigures.get(key);
    if (!pending || f.tsMs >= pending.tsMs) this.pendingFigures.set(key, f);
  }

  /**
   * What arrived since the last drain: the last figures per scope and minute, the events and the outage record
   * versions in arrival order.
   */
  drain(): LiveCoreBatch {
    const out = {
      figures: [...this.pendingFigures.values()],
      events: this.pendingEvents,
      listed: this.pendingListed,
      outages: this.pendingOutages,
    };
    this.pendingFigures = new Map();
    this.pendingEvents = [];
    this.pendingListed = [];
    this.pendingOutages = [];
    return out;
  }

  /** Writes a drain (figures, events, outage records); empty parts cost nothing. */
  async write(batch: LiveCoreBatch): Promise<void> {
    if (batch.figures.length) await this.storage.recordLiveFigures(batch.figures);
    if (batch.events.length) await this.storage.recordAlarmEvents(batch.events);
    // After the stream's own events: an event both brought is stored as the stream had it, and not counted here.
    if (batch.listed.length)
      this.counts.alarmEventsFromList += (await this.storage.recordAlarmEvents(batch.listed)).stored;
    if (batch.outages.length) {
      const { stale } = await this.storage.recordOutages(batch.outages);
      this.counts.staleOutageRecords += stale;
    }
  }

  /**
   * The newest figures of a scope for the day starting dayStartMs, if the live service is recording: received (or
   * stored) within LIVE_FIGURES_FRESH_MS of nowMs, counting that day. Null sends /api/today back to the device minutes.
   */
  async today(scope: ScopeId, dayStartMs: number, nowMs: number): Promise<RecordedLiveFigures | null> {
    const fromMs = Math.max(dayStartMs, nowMs - LIVE_FIGURES_FRESH_MS);
    // The live service's clock may run a little ahead of the recorder's: allow a few seconds.
    const toMs = nowMs + 10_000;
    const usable = (f: RecordedLiveFigures | null | undefined): f is RecordedLiveFigures =>
      !!f && f.tsMs >= fromMs && f.tsMs <= toMs && f.today.dayStartMs === dayStartMs && f.today.countedSinceMs !== null;
    const inMemory = this.latest.get(scope);
    if (usable(inMemory)) return inMemory;
    const stored = await this.storage.latestLiveFigures(scope, fromMs, toMs);
    return usable(stored) ? stored : null;
  }
}
