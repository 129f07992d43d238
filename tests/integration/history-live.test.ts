/**
 * History = live, against the real broker: the history service records the live core's figures and alarm events as
 * the live service publishes them (here the test publishes them as the `live` user, in the contract's shapes).
 * /api/today's energies equal the last published figures — also after a restart, from the stored minute — and fall
 * back to the device minutes before any figures exist; the alarm events land in the alarm log in order, one row per
 * alarm, the filters select, and the CSV export holds them under a header, safe for spreadsheets.
 */
import { describe, expect, it } from 'vitest';
import { liveFigures } from '../../src/browser/live/live-core-fixture';
import type { AlarmLogResponse, TodayResponse } from '../../src/core/contract/history-api';
import {
  type AlarmEvent,
  alarmEventSchema,
  type LiveAlarm,
  type LiveFigures,
  type LiveScope,
  liveAlarmsSchema,
  liveFiguresSchema,
  liveTopics,
} from '../../src/core/contract/live-core';
import { ALARM_LOG_CSV_HEADER } from '../../src/services/history/alarm-log';
import { readAreaConfig } from '../support/area-config';
import { setUpLiveHistoryHarness } from '../support/live-history-harness';
import { waitFor } from '../support/wait-for';

const config = readAreaConfig();
const feederA = config.feeders[0]!.id;
const feederB = config.feeders[1]!.id;
// Local midnight 2026-03-02 in Shanghai; the world's clock stands at noon.
const DAY0 = Date.UTC(2026, 2, 1, 16, 0, 0);
const NOON = DAY0 + 12 * 3_600_000;

const h = setUpLiveHistoryHarness({ config, worldMs: NOON, dbPrefix: 'gaozhu-history-live-' });
const get = <T>(path: string) => h().get<T>(path);
const liveCounts = async () =>
  (
    await get<{
      recorder: {
        state: string;
        liveCore: {
          figures: number;
          alarmEvents: number;
          alarmListsRead: number;
          alarmEventsFromList: number;
          rejected: number;
        };
      };
    }>('/api/health')
  ).body.recorder;

/** Figures of one scope at ts, their energies growing with ts; validated with the contract before they are sent. */
function figuresAt(scope: LiveScope, ts: number): LiveFigures {
  const hours = (ts - DAY0) / 3_600_000;
  const k = scope === 'area' ? 1 : scope === 'sc' ? 0.6 : 0.4;
  const eImportKwh = Math.round(k * hours * 100_000 * 1000) / 1000 + 0.123;
  const ePvKwh = Math.round(k * hours * 20_000 * 1000) / 1000 + 0.456;
  return liveFiguresSchema.parse(
    liveFigures(
      {
        ts,
        scope,
        status: 'held',
        today: {
          eImportKwh,
          ePvKwh,
          eEvKwh: k * 3_000.789,
          eConsumptionKwh: eImportKwh + ePvKwh,
          peakConsumptionKw: k * 180_000,
          peakAtMs: DAY0 + 10 * 3_600_000,
        },
      },
      DAY0,
    ),
  );
}

async function publishFigures(ts: number): Promise<Record<LiveScope, LiveFigures>> {
  const out = {} as Record<LiveScope, LiveFigures>;
  for (const scope of ['area', 'sc', 'cq'] as const) {
    out[scope] = figuresAt(scope, ts);
    await h().live.publishAsync(liveTopics.figures(scope), JSON.stringify(out[scope]), { retain: true });
  }
  return out;
}

let sentEvents = 0;
async function publishEvent(e: AlarmEvent) {
  await h().live.publishAsync(liveTopics.alarmEvents, JSON.stringify(alarmEventSchema.parse(e)), { qos: 1 });
  sentEvents++;
}

describe('history = live', () => {
  it('answers /api/today from the device minutes before any live figures exist', async () => {
    const r = await get<TodayResponse>('/api/today?entity=sc');
    expect(r.status).toBe(200);
    expect(r.body.nowMs).toBe(NOON);
    expect(r.body.today.energiesFrom).toEqual({ source: 'device-minutes', atMs: null, countedSinceMs: null });
    expect(r.body.today.energiesKwh.eImportKwh).toBeNull();
  });

  it("records the figures; /api/today's energies equal the last published ones", async () => {
    const before = (await liveCounts()).liveCore.figures;
    await publishFigures(NOON - 2_000);
    await publishFigures(NOON - 1_000);
    const last = await publishFigures(NOON);
    await waitFor(async () => (await liveCounts()).liveCore.figures - before >= 9, 'the figures');
    for (const scope of ['area', 'sc', 'cq'] as const) {
      const t = (await get<TodayResponse>(`/api/today?entity=${scope}`)).body.today;
      const f = last[scope].today;
      expect(t.energiesKwh).toEqual({
        eImportKwh: f.eImportKwh,
        ePvKwh: f.ePvKwh,
        eEvKwh: f.eEvKwh,
        eConsumptionKwh: f.eConsumptionKwh,
      });
      expect(t.peakConsumption).toEqual({ consumptionKw: f.peakConsumptionKw, atMs: f.peakAtMs });
      expect(t.energiesFrom).toEqual({ source: 'live-figures', atMs: NOON, countedSinceMs: DAY0 });
    }
    expect((await liveCounts()).liveCore.rejected).toBe(0);
  });

  it('after a restart (a reload at noon) /api/today still shows the same figures, from the stored minute', async () => {
    const last = figuresAt('sc', NOON);
    await h().service!.flush();
    await h().stopService();
    // Without the retained figures the restarted service has only what it stored.
    for (const scope of ['area', 'sc', 'cq'] as const)
      await h().live.publishAsync(liveTopics.figures(scope), '', { retain: true });
    await h().startService();
    const t = (await get<TodayResponse>('/api/today?entity=sc')).body.today;
    expect(t.energiesFrom?.source).toBe('live-figures');
    expect(t.energiesKwh.eImportKwh).toBeCloseTo(last.today.eImportKwh, 3);
    expect(t.energiesKwh.ePvKwh).toBeCloseTo(last.today.ePvKwh, 3);
    expect(t.energiesKwh.eEvKwh).toBeCloseTo(last.today.eEvKwh, 3);
    expect(t.energiesKwh.eConsumptionKwh).toBeCloseTo(last.today.eConsumptionKwh, 3);
  });

  const idA = `heavy-load:${feederA}:${NOON - 60_000}`;
  const idB = `voltage:${feederB}:${NOON - 30_000}`;
  const ev = (ts: number, type: AlarmEvent['type'], over: Partial<AlarmEvent> = {}): AlarmEvent => ({
    ts,
    alarmId: idA,
    type,
    rule: 'heavy-load',
    severity: 'minor',
    deviceId: feederA,
    value: 85,
    by: null,
    note: null,
    ...over,
  });

  it('writes every alarm event into the log, in order, one row per alarm', async () => {
    await publishEvent(ev(NOON - 55_000, 'raised'));
    await publishEvent(ev(NOON - 50_000, 'escalated', { rule: 'overload', severity: 'major', value: 112.5 }));
    await publishEvent(
      ev(NOON - 25_000, 'raised', { alarmId: idB, rule: 'voltage', deviceId: feederB, value: -7.5, severity: 'major' }),
    );
    await publishEvent(
      ev(NOON - 40_000, 'acknowledged', {
        rule: 'overload',
        severity: 'major',
        value: 104,
        by: 'Wang Li',
        note: '=HYPERLINK("x"), crew sent',
      }),
    );
    await publishEvent(ev(NOON - 30_000, 'de-escalated', { value: 92 }));
    await publishEvent(ev(NOON - 10_000, 'cleared', { value: 70 }));
    await waitFor(async () => (await liveCounts()).liveCore.alarmEvents >= sentEvents, 'the alarm events');
    await h().service!.flush();

    const log = (await get<AlarmLogResponse>('/api/alarm-log')).body;
    expect(log.limited).toBe(false);
    expect(log.alarms.map((a) => a.alarmId)).toEqual([idA, idB]);
    const a = log.alarms[0]!;
    expect(a.events.map((e) => e.type)).toEqual(['raised', 'escalated', 'acknowledged', 'de-escalated', 'cleared']);
    expect(a).toMatchObject({
      rule: 'heavy-load',
      deviceId: feederA,
      state: 'cleared',
      severity: 'minor',
      peakSeverity: 'major',
      startMs: NOON - 60_000,
      raisedMs: NOON - 55_000,
      peakValue: 112.5,
      ack: { by: 'Wang Li', note: '=HYPERLINK("x"), crew sent', atMs: NOON - 40_000 },
      clearedMs: NOON - 10_000,
    });
    expect(log.alarms[1]).toMatchObject({ state: 'active', ack: null, clearedMs: null, peakValue: -7.5 });
  });

  it('filters by device, rule, state, time and limit; refuses a bad filter', async () => {
    const ids = async (q: string) =>
      (await get<AlarmLogResponse>(`/api/alarm-log?${q}`)).body.alarms.map((a) => a.alarmId);
    expect(await ids(`deviceId=${feederB}`)).toEqual([idB]);
    expect(await ids('rule=overload')).toEqual([idA]);
    expect(await ids('state=active')).toEqual([idB]);
    expect(await ids('state=cleared')).toEqual([idA]);
    expect(await ids('state=acknowledged')).toEqual([idA]);
    expect(await ids(`from=${NOON - 5_000}`)).toEqual([idB]);
    expect(await ids(`to=${NOON - 30_000}`)).toEqual([idA]);
    const limited = (await get<AlarmLogResponse>('/api/alarm-log?limit=1')).body;
    expect(limited.alarms.map((a) => a.alarmId)).toEqual([idB]);
    expect(limited.limited).toBe(true);
    const bad = await get<{ error: string }>('/api/alarm-log?state=open');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^state must be one of/);
    expect((await get<{ error: string }>('/api/alarm-log?limit=0')).status).toBe(400);
  });

  it('exports the log as CSV with a header, values escaped for spreadsheets', async () => {
    const res = await fetch(`http://127.0.0.1:${h().service!.port}/api/alarm-log.csv?deviceId=${feederA}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="gaozhu-alarm-log-2026-03-02.csv"');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe(ALARM_LOG_CSV_HEADER.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]).toBe(
      [
        idA,
        'heavy-load',
        feederA,
        'cleared',
        'minor',
        'major',
        '2026-03-02T11:59:00+08:00',
        String(NOON - 60_000),
        '2026-03-02T11:59:05+08:00',
        '112.5',
        'Wang Li',
        `"'=HYPERLINK(""x""), crew sent"`,
        '2026-03-02T11:59:20+08:00',
        '2026-03-02T11:59:50+08:00',
        '5',
      ].join(','),
    );
    const all = (await (await fetch(`http://127.0.0.1:${h().service!.port}/api/alarm-log.csv`)).text()).split('\r\n');
    expect(all).toHaveLength(4);
  });

  it('receives the events published while it was down (its broker session keeps them)', async () => {
    await h().stopService();
    const idC = `offline:${feederB}:${NOON - 5_000}`;
    await publishEvent(ev(NOON - 4_000, 'raised', { alarmId: idC, rule: 'offline', deviceId: feederB, value: null }));
    await publishEvent(ev(NOON - 3_000, 'cleared', { alarmId: idC, rule: 'offline', deviceId: feederB, value: null }));
    await h().startService();
    await waitFor(async () => (await liveCounts()).liveCore.alarmEvents >= 2, 'the queued events');
    await h().service!.flush();
    const log = (await get<AlarmLogResponse>(`/api/alarm-log?rule=offline`)).body;
    expect(log.alarms.map((a) => [a.alarmId, a.state, a.events.length])).toEqual([[idC, 'cleared', 2]]);
  });

  it("records an alarm the dispatchers' list shows that the events stream never brought (raised before it subscribed)", async () => {
    await h().stopService();
    const idD = `charger-fault:${feederA}:${NOON - 2_000}`;
    const listed = (id: string, over: Partial<LiveAlarm>): LiveAlarm => ({
      id,
      rule: 'heavy-load',
      severity: 'major',
      deviceId: feederB,
      deviceKind: 'feeder',
      province: 'sc',
      feederId: feederB,
      startMs: NOON - 30_000,
      raisedMs: NOON - 25_000,
      value: -7.5,
      threshold: 7,
      peakValue: -7.5,
      unit: '%',
      ack: null,
      ...over,
    });
    // idB was raised through the events stream (above) and is still active; idD only ever reached the list.
    const alarms = [
      listed(idB, { rule: 'voltage' }),
      listed(idD, {
        rule: 'charger-fault',
        deviceId: feederA,
        feederId: feederA,
        startMs: NOON - 2_000,
        raisedMs: NOON - 1_000,
        value: null,
        threshold: null,
        peakValue: null,
        unit: '',
        ack: { by: 'Wang Li', note: 'crew sent', atMs: NOON - 500 },
      }),
    ];
    const list = JSON.stringify(liveAlarmsSchema.parse({ ts: NOON, alarms }));
    await h().live.publishAsync(liveTopics.alarmsDispatch, list, { retain: true, qos: 1 });
    await h().startService();
    await waitFor(async () => (await liveCounts()).liveCore.alarmListsRead >= 1, 'the retained list of active alarms');
    await h().service!.flush();

    const log = (await get<AlarmLogResponse>('/api/alarm-log?state=active')).body;
    expect(log.alarms.map((a) => [a.alarmId, a.events.map((e) => e.type)])).toEqual([
      [idB, ['raised']],
      [idD, ['raised', 'acknowledged']],
    ]);
    expect(log.alarms[1]).toMatchObject({
      rule: 'charger-fault',
      deviceId: feederA,
      raisedMs: NOON - 1_000,
      ack: { by: 'Wang Li', note: 'crew sent', atMs: NOON - 500 },
    });
    expect((await liveCounts()).liveCore).toMatchObject({ alarmEventsFromList: 2, rejected: 0 });

    // Read again on the next start: nothing is stored twice.
    await h().stopService();
    await h().startService();
    await waitFor(async () => (await liveCounts()).liveCore.alarmListsRead >= 1, 'the list again');
    await h().service!.flush();
    const again = (await get<AlarmLogResponse>('/api/alarm-log?state=active')).body;
    expect(again.alarms.map((a) => a.events.length)).toEqual([1, 2]);
    expect((await liveCounts()).liveCore.alarmEventsFromList).toBe(0);
    await h().live.publishAsync(liveTopics.alarmsDispatch, '', { retain: true, qos: 1 });
  });
});
