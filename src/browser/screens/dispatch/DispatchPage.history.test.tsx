// @vitest-environment jsdom
/**
 * The dispatch screen seeded from a mocked history service (msw): today's peaks with their times, the last-hour
 * sparklines and the area chart come from history on load and join the live data; when the service is unreachable the
 * table goes on from live data and a small note says so. Charts are stubbed (jsdom has no canvas) and record their
 * options; the virtualiser gets a fixed viewport.
 */
import { readFileSync } from 'node:fs';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { DataClock } from '../../../core/contract/data-clock';
import type { FeederTelemetry } from '../../../core/contract/payloads';
import { dayStartMs, shanghaiWallToMs as sh } from '../../../core/time/shanghai';
import { AreaLossesStore } from '../../live/area-losses-store';
import { LiveAlarmsStore } from '../../live/live-alarms-store';
import { LiveReliabilityStore } from '../../live/live-reliability-store';
import { LiveStatusStore } from '../../live/live-status-store';
import type { AppRuntime } from '../../live/runtime';
import { RuntimeContext } from '../../live/runtime-context';
import { TelemetryStore } from '../../live/telemetry-store';
import { ThresholdsInForceStore } from '../../live/thresholds-in-force';
import type { ChartOption } from '../../ui/charts/echarts-registry';
import { LangProvider } from '../../ui/i18n/lang-context';
import DispatchPage from './DispatchPage';

const charts = vi.hoisted(() => new Map<string, unknown>());
vi.mock('../../ui/charts/Chart', () => ({
  Chart: ({ option, testId }: { option: unknown; testId?: string }) => {
    charts.set(testId ?? '', option);
    return <div data-testid={testId} />;
  },
}));

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const NOW_MS = sh(2026, 1, 15, 14, 20, 30);
const DAY_START_MS = dayStartMs(NOW_MS);
const MIN = 60_000;
const RECENT_FROM_MS = Math.floor(NOW_MS / MIN) * MIN - 60 * MIN;
const [F1, F2, F3] = area.feeders.map((f) => f.id) as [string, string, string];

/** F1: history peak 08:30 above anything live. F2: live now is above its history peak. F3: no live data at all. */
function devicesToday() {
  return {
    kind: 'feeder',
    timeZone: 'Asia/Shanghai',
    nowMs: NOW_MS,
    dayStartMs: DAY_START_MS,
    recentFromMs: RECENT_FROM_MS,
    stepMs: MIN,
    devices: area.feeders.map((f) => ({
      id: f.id,
      province: f.province,
      peakKw: f.id === F1 ? 4321 : f.id === F2 ? 500 : f.id === F3 ? 777 : null,
      peakAtMs:
        f.id === F1
          ? sh(2026, 1, 15, 8, 30)
          : f.id === F2
            ? sh(2026, 1, 15, 9, 15)
            : f.id === F3
              ? sh(2026, 1, 15, 11, 2)
              : null,
      recentKw: Array.from({ length: 60 }, (_, i) => (f.id === F3 ? 300 + i : null)),
    })),
  };
}

function todayBody(entity: 'sc' | 'cq', kw: number) {
  const curve = (fromMs: number, toMs: number) => {
    const out: [number, number | null][] = [];
    for (let t = fromMs; t < toMs; t += MIN) out.push([t, kw]);
    return out;
  };
  const day = (startMs: number, toMs: number) => ({
    startMs,
    series: { consumptionKw: curve(startMs, toMs), gridImportKw: [], pvKw: [], evKw: [] },
    energiesKwh: {},
    peakConsumption: null,
  });
  return {
    entity,
    timeZone: 'Asia/Shanghai',
    step: '1m',
    nowMs: NOW_MS,
    today: day(DAY_START_MS, Math.ceil(NOW_MS / MIN) * MIN),
    yesterday: day(DAY_START_MS - 86_400_000, DAY_START_MS),
  };
}

const acks = http.get('*/api/alarms', () => HttpResponse.json({ alarms: [] }));
const server = setupServer();
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // A viewport for the virtualiser (jsdom lays nothing out).
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(2000);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1600);
});
beforeEach(() => {
  localStorage.clear();
  charts.clear();
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => {
  server.close();
  vi.restoreAllMocks();
});

function feeder(pKw: number, ts: number): FeederTelemetry {
  return { ts, pKw, qKvar: 100, iA: 100, uKv: 10.2, eImportKwh: 1000, eExportKwh: 0 };
}

function renderPage() {
  const store = new TelemetryStore(area, { dayStartMs });
  // Live: F1 and F2 report now (F2 above its history peak); F3 says nothing.
  store.applyTelemetry('feeder', F1, feeder(1200, NOW_MS - 5_000), NOW_MS - 5_000);
  store.applyTelemetry('feeder', F2, feeder(2500, NOW_MS - 5_000), NOW_MS - 5_000);
  store.commit(NOW_MS);
  const runtime = {
    area,
    runtime: { historyBaseUrl: '/api' },
    store,
    liveAlarms: new LiveAlarmsStore(),
    liveStatus: new LiveStatusStore(),
    thresholds: new ThresholdsInForceStore(area.thresholds),
    reliability: new LiveReliabilityStore(new DataClock(() => NOW_MS)),
    areaLosses: new AreaLossesStore(),
    clock: { now: () => NOW_MS },
  } as unknown as AppRuntime;
  return render(
    <RuntimeContext.Provider value={runtime}>
      <LangProvider lang="en">
        <DispatchPage />
      </LangProvider>
    </RuntimeContext.Provider>,
  );
}

const row = (id: string) => document.querySelector(`[data-row-id="${id}"]`) as HTMLElement;
const cell = (id: string, col: string) => row(id).querySelector(`[data-col="${col}"]`)?.textContent;

type AreaSeries = { data: [number, number | null][] }[];

describe('dispatch screen seeded from history', () => {
  it("shows today's peaks with their times, history sparklines and a day of the area chart", async () => {
    server.use(
      acks,
      http.get('*/api/devices/today', ({ request }) => {
        expect(new URL(request.url).searchParams.get('kind')).toBe('feeder');
        return HttpResponse.json(devicesToday());
      }),
      http.get('*/api/today', ({ request }) => {
        const entity = new URL(request.url).searchParams.get('entity') as 'sc' | 'cq';
        return HttpResponse.json(todayBody(entity, entity === 'sc' ? 3000 : 5000));
      }),
    );
    renderPage();
    await waitFor(() => expect(cell(F1, 'peakAt')).toBe('08:30'));
    expect(cell(F1, 'peak')).toBe('4,321');
    // Live above history: the live value and its time.
    expect(cell(F2, 'peak')).toBe('2,500');
    expect(cell(F2, 'peakAt')).toBe('14:20');
    // No live data: the history peak, and the sparkline drawn from history alone.
    expect(cell(F3, 'peakAt')).toBe('11:02');
    expect(within(row(F3)).getByTestId('sparkline').querySelector('path')?.getAttribute('d')).toMatch(
      /^M1\.6,19\.0(L[\d.]+,[\d.]+){58}L96\.0,1\.0$/, // 60 rising minutes, the last at the right edge
    );
    expect(screen.queryByTestId('history-note')).toBeNull();

    const option = charts.get('area-province-chart') as ChartOption & { series: AreaSeries };
    const [sc, cq] = option.series;
    // Since local midnight (14 h 20 m of minutes), Sichuan and Chongqing on the same instants for stacking.
    expect(sc!.data[0]![0]).toBe(DAY_START_MS);
    expect(sc!.data.length).toBeGreaterThan(14 * 60);
    expect(sc!.data.map((p) => p[0])).toEqual(cq!.data.map((p) => p[0]));
    expect(sc!.data[0]![1]).toBe(3);
    expect(cq!.data[0]![1]).toBe(5);
  });

  it('goes on from live data when the service is unreachable, and says so quietly', async () => {
    server.use(
      acks,
      http.get('*/api/devices/today', () => HttpResponse.error()),
      http.get('*/api/today', () => HttpResponse.error()),
    );
    renderPage();
    const note = await screen.findByTestId('history-note');
    await waitFor(() => expect(note.dataset.status).toBe('unavailable'));
    expect(note.textContent).toMatch(/History service unreachable/);
    expect(note.getAttribute('title')).toMatch(/unreachable/);
    // Live peaks only: F1's peak is what this page saw, F3 has none.
    expect(cell(F1, 'peak')).toBe('1,200');
    expect(cell(F1, 'peakAt')).toBe('14:20');
    expect(cell(F3, 'peak')).toBe('—');
    expect(cell(F3, 'spark')).toBe('—');
    expect(screen.queryByRole('alert')).toBeNull();
    const option = charts.get('area-province-chart') as ChartOption & { series: AreaSeries };
    expect(option.series[0]!.data.every((p) => p[0] >= NOW_MS - 3_600_000)).toBe(true);
  });
});
