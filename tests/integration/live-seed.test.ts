/**
 * History = live from midnight, against the real broker: the history records the morning's stream; a live service
 * started at 09:00 without a state file seeds today's registers from the history (GET /api/devices/day-registers)
 * and publishes today's energies equal to /api/today's (from the device minutes) — counted since midnight, not since
 * its start — and they stay equal to the history's device minutes as the stream goes on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { AreaConfig } from '../../src/core/config/area-schema';
import type { DayRegistersResponse, SeriesResponse, TodayResponse } from '../../src/core/contract/history-api';
import { deviceTopic, PROVINCES, SIM_CLOCK_TOPIC } from '../../src/core/contract/topics';
import type { RunningLiveService } from '../../src/services/live/live-service';
import { readAreaConfig } from '../support/area-config';
import { startTestLiveService } from '../support/live-fixture';
import { setUpLiveHistoryHarness } from '../support/live-history-harness';
import { oneCarConnectors } from '../support/telemetry-fixture';
import { waitFor as waitUntil } from '../support/wait-for';

const base = readAreaConfig();
// One feeder, PV site and charging station per province: every configured device is in the stream, so the figures are
// complete and say from when they count.
const feeders = PROVINCES.map((p) => base.feeders.find((f) => f.province === p)!);
const config: AreaConfig = {
  ...base,
  substations: base.substations.filter((s) => feeders.some((f) => f.substationId === s.id)),
  feeders,
  pvSites: PROVINCES.map((p) => base.pvSites.find((s) => s.province === p)!),
  chargingStations: PROVINCES.map((p) => base.chargingStations.find((s) => s.province === p)!),
};

// Local midnight 2026-03-02 in Shanghai; the morning's stream runs 00:00–08:59 once a minute.
const DAY0 = Date.UTC(2026, 2, 1, 16, 0, 0);
const MIN = 60_000;
const HOUR = 3_600_000;
const MORNING_MIN = 9 * 60;

// The broker, the history recording it (on the clock at 09:00, still) and a client as the feeds publishing the stream.
const harness = setUpLiveHistoryHarness({ config, worldMs: DAY0 + MORNING_MIN * MIN, dbPrefix: 'gaozhu-seed-' });
const history = () => harness().service!;
let live: RunningLiveService | null = null;
const logs: string[] = [];

/** Constant powers, so the registers are P × t: feeders import 1.2–1.5 MW and export 10 kW, PV at a third of kWp. */
function publishAll(tsMs: number) {
  const hours = (tsMs - DAY0) / HOUR;
  const pub = (kind: 'feeder' | 'pv' | 'charger', province: 'sc' | 'cq', id: string, body: object) =>
    harness().feeds.publish(deviceTopic({ kind, province, deviceId: id, channel: 'telemetry' }), JSON.stringify(body));
  config.feeders.forEach((f, i) => {
    const pKw = 1200 + 300 * i;
    const iA = Math.hypot(pKw, 100) / (Math.sqrt(3) * 10.2);
    pub('feeder', f.province, f.id, {
      ts: tsMs,
      pKw,
      qKvar: 100,
      iA,
      uKv: 10.2,
      eImportKwh: 50_000 + (pKw + 10) * hours,
      eExportKwh: 700 + 10 * hours,
    });
  });
  for (const p of config.pvSites) {
    const pKw = p.kWp / 3;
    pub('pv', p.province, p.id, { ts: tsMs, pKw, eKwh: 3_000 + pKw * hours, state: 'producing' });
  }
  for (const c of config.chargingStations) {
    const connectors = oneCarConnectors(c);
    pub('charger', c.province, c.id, { ts: tsMs, pKw: 7, eKwh: 900 + 7 * hours, sessionsTotal: 10, connectors });
  }
  return config.feeders.length + config.pvSites.length + config.chargingStations.length;
}

async function setClock(worldMs: number) {
  await harness().feeds.publishAsync(SIM_CLOCK_TOPIC, JSON.stringify({ wallMs: Date.now(), worldMs, speed: 0 }), {
    retain: true,
  });
}

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${history().port}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

const waitFor = (cond: () => Promise<boolean> | boolean, what: string) => waitUntil(cond, what, 15_000);

const received = async () =>
  (await get<{ recorder: { state: string; counts: { received?: number } } }>('/api/health')).recorder;

/** The history's device-minute energies of today for the area (the Σ of /api/series at step 1d). */
async function seriesToday() {
  const out: Record<string, number | null> = {};
  for (const metric of ['eImportKwh', 'ePvKwh', 'eEvKwh'])
    out[metric] =
      (
        await get<SeriesResponse>(
          `/api/series?metric=${metric}&entity=area&from=${DAY0}&to=${DAY0 + 86_400_000}&step=1d&agg=sum`,
        )
      ).points[0]?.[1] ?? null;
  return out;
}

/** The live service's published figures of today for the area (after a publish of its own). */
async function liveToday() {
  const before = live!.counts.published;
  await waitFor(() => live!.counts.published > before, 'the live service to publish');
  return live!.lastSnapshot()!.figures.area.today;
}

const within = (a: number, b: number, rel: number) => Math.abs(a - b) <= Math.abs(b) * rel + 1e-9;

afterAll(async () => {
  await live?.close();
});

describe('live service seeded from the history', () => {
  it("counts today from midnight: its energies equal /api/today's from the device minutes", async () => {
    const before = (await received()).counts.received ?? 0;
    let sent = 0;
    for (let m = 0; m < MORNING_MIN; m++) sent += publishAll(DAY0 + m * MIN);
    await waitFor(async () => ((await received()).counts.received ?? 0) - before >= sent, 'the morning stream');
    await history().flush();

    const regs = await get<DayRegistersResponse>('/api/devices/day-registers');
    expect(regs.dayStartMs).toBe(DAY0);
    expect(regs.countedSinceMs).toBe(DAY0);
    const f0 = regs.devices.find((d) => d.id === config.feeders[0]!.id)!;
    // 1,200 kW net for the 8 h 59 min between the first and the last reading; the registers as last sent.
    expect(f0.todayKwh).toBeCloseTo((1200 * (MORNING_MIN - 1)) / 60, 1);
    expect(f0.lastTs).toBe(DAY0 + (MORNING_MIN - 1) * MIN);
    expect(f0.countersKwh[0]).toBeCloseTo(50_000 + (1210 * (MORNING_MIN - 1)) / 60, 6);

    const morning = await get<TodayResponse>('/api/today?entity=area');
    expect(morning.today.energiesFrom?.source).toBe('device-minutes');

    live = await startTestLiveService(harness().broker, config, {
      historyUrl: `http://127.0.0.1:${history().port}`,
      log: (line) => logs.push(line),
    });
    const outcome = await live.historySeed;
    expect(outcome, logs.join('\n')).toEqual({ seeded: 6, skipped: [] });

    // Nothing read by the live service yet: today is the history's, counted since midnight.
    const seeded = await liveToday();
    expect(seeded.dayStartMs).toBe(DAY0);
    expect(seeded.countedSinceMs).toBe(DAY0);
    const e = morning.today.energiesKwh;
    expect(within(seeded.eImportKwh, e.eImportKwh!, 0.001)).toBe(true);
    expect(within(seeded.ePvKwh, e.ePvKwh!, 0.001)).toBe(true);
    expect(within(seeded.eEvKwh, e.eEvKwh!, 0.001)).toBe(true);
    // To the kWh, in fact.
    expect(Math.abs(seeded.eImportKwh - e.eImportKwh!)).toBeLessThan(1);
  });

  it('goes on counting as the history does: the next readings add the same energy to both', async () => {
    const before = (await received()).counts.received ?? 0;
    await setClock(DAY0 + (MORNING_MIN + 2) * MIN);
    let sent = publishAll(DAY0 + MORNING_MIN * MIN + 5_000);
    sent += publishAll(DAY0 + (MORNING_MIN + 1) * MIN);
    await waitFor(async () => ((await received()).counts.received ?? 0) - before >= sent, 'the next readings');
    await waitFor(
      () => live!.area.contribution(config.feeders[0]!.id, DAY0 + (MORNING_MIN + 2) * MIN) !== 'missing',
      'the live service to read them',
    );
    await history().flush();

    const t = await liveToday();
    const h = await seriesToday();
    expect(t.countedSinceMs).toBe(DAY0);
    expect(within(t.eImportKwh, h.eImportKwh!, 0.001)).toBe(true);
    expect(within(t.ePvKwh, h.ePvKwh!, 0.001)).toBe(true);
    expect(within(t.eEvKwh, h.eEvKwh!, 0.001)).toBe(true);
    expect(Math.abs(t.eImportKwh - h.eImportKwh!)).toBeLessThan(1);
    // And /api/today, now from the recorded live figures, says since midnight too.
    await waitFor(async () => {
      const today = await get<TodayResponse>('/api/today?entity=area');
      return today.today.energiesFrom?.source === 'live-figures' && today.today.energiesFrom.countedSinceMs === DAY0;
    }, '/api/today to read the live figures');
  });
});
