// @vitest-environment jsdom
/**
 * The progress screen against a mocked history service (msw): a normal period, loading, empty, unreachable, a refused
 * request and a capped range. Charts are stubbed (jsdom has no canvas); their options are unit-tested on their own.
 */
import { readFileSync } from 'node:fs';
import { screen, within } from '@testing-library/react';
import { delay, HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { shanghaiWallToMs as sh } from '../../../core/time/shanghai';
import { AreaLossesStore } from '../../live/area-losses-store';
import { mockHistoryService, renderProgressPage } from './progress-page-fixture';
import { monthlyAnswer } from './reliability-fixture';

vi.mock('../../ui/charts/Chart', () => ({
  Chart: ({ ariaLabel }: { ariaLabel?: string }) => <div role="img" aria-label={ariaLabel} />,
}));

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const NOW_MS = sh(2026, 11, 26, 12, 19);
const DAY_MS = 86_400_000;

/** kWh per day per metric and province: easy to check by hand (March has 31 days). */
const PER_DAY: Record<string, Record<string, number>> = {
  eImportKwh: { sc: 1_000_000, cq: 1_000_000 },
  ePvKwh: { sc: 50_000, cq: 100_000 },
  eEvKwh: { sc: 10_000, cq: 20_000 },
};

function health(overrides: Record<string, unknown> = {}) {
  return {
    status: 'ok',
    nowMs: NOW_MS,
    recorder: {},
    db: { sizeBytes: 1 },
    coverage: { intervals: 1, firstMs: sh(2025, 10, 1), lastMs: NOW_MS },
    backfill: { state: 'done', fromMs: sh(2025, 10, 1), toMs: NOW_MS, doneToMs: NOW_MS },
    ...overrides,
  };
}

function seriesBody(url: URL, value: (metric: string, entity: string, ts: number) => number | null) {
  const metric = url.searchParams.get('metric') ?? '';
  const entity = url.searchParams.get('entity') ?? '';
  const step = url.searchParams.get('step') ?? '1d';
  const from = Number(url.searchParams.get('from'));
  const to = Number(url.searchParams.get('to'));
  const stepMs = step === '1d' ? DAY_MS : step === '1h' ? 3_600_000 : 900_000;
  const points: [number, number | null][] = [];
  for (let t = from; t < to; t += stepMs)
    points.push([
      t,
      value(metric, entity, t) === null ? null : (value(metric, entity, t) as number) * (stepMs / DAY_MS),
    ]);
  return { metric, entity, unit: 'kWh', step, agg: 'sum', timeZone: 'Asia/Shanghai', from, to, points };
}

const normalSeries = http.get('*/api/series', ({ request }) =>
  HttpResponse.json(seriesBody(new URL(request.url), (m, e) => PER_DAY[m]?.[e] ?? null)),
);
const server = mockHistoryService(
  http.get('*/api/health', () => HttpResponse.json(health())),
  normalSeries,
  // The reliability section (its own tests: ReliabilitySection.test.tsx) asks for the period's year.
  http.get('*/api/reliability/monthly', ({ request }) =>
    HttpResponse.json(
      monthlyAnswer(Number(new URL(request.url).searchParams.get('year')), NOW_MS, [], { sc: 1, cq: 1 }, () => 0),
    ),
  ),
);

function renderAt(search: string, lang: 'zh' | 'en' = 'en') {
  return renderProgressPage({ area, nowMs: NOW_MS, areaLosses: new AreaLossesStore() }, search, lang);
}

describe('ProgressPage', () => {
  it('shows a month of figures per area and province, against last year, with the factor of each', async () => {
    renderAt('?period=month&date=2026-03-01');
    expect(screen.getByTestId('period-label').textContent).toBe('2026-03');
    await screen.findByTestId('progress-report');
    // 31 days × (2 000 000 import + 150 000 PV) = 66.65 GWh consumption for the area.
    expect(screen.getByTestId('kpi-consumption-value').textContent).toBe('66.7');
    expect(screen.getByTestId('cell-consumption-area').textContent).toBe('66.7 GWh');
    expect(screen.getByTestId('cell-gridImport-sc').textContent).toBe('31.0 GWh');
    // CO₂: 31 GWh × 0.1404 = 4 352.4 t (Sichuan), 31 GWh × 0.5227 = 16 203.7 t (Chongqing).
    expect(screen.getByTestId('cell-co2Emitted-sc').textContent).toBe('4.35 kt');
    expect(screen.getByTestId('cell-co2Emitted-cq').textContent).toBe('16.2 kt');
    // Same data last year: comparable, no change.
    expect(screen.getByTestId('kpi-gridImport-change').textContent).toBe('■ 0.0%');
    expect(screen.getByTestId('kpi-co2Emitted-factor').textContent).toContain('EF Sichuan 0.1404 kg/kWh (2022, MEE)');
    expect(screen.getByTestId('kpi-co2Emitted-factor').textContent).toContain(
      'EF Chongqing 0.5227 kg/kWh (2022, MEE*)',
    );
    expect(screen.getByTestId('kpi-coalSaved-factor').textContent).toBe('305.5 gce/kWh (2020, CEC)');
    const table = screen.getByTestId('progress-table');
    expect(within(table).getByText(/EF Sichuan 0\.1404/)).toBeTruthy();
    expect(within(screen.getByTestId('progress-report')).getAllByRole('img')).toHaveLength(4);
    expect(within(screen.getByTestId('carbon-path')).getAllByRole('img')).toHaveLength(1);
    expect(screen.getByTestId('period-windows').textContent).toContain('2025-03-01 – 2025-03-31');
    expect(document.body.textContent).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('says it is loading, with the period it is reading', async () => {
    server.use(
      http.get('*/api/health', async () => {
        await delay('infinite');
        return HttpResponse.json(health());
      }),
    );
    renderAt('?period=year&date=2026-01-01');
    const loading = await screen.findByTestId('progress-loading');
    expect(loading.textContent).toContain('Reading 2026-01-01 – 2026-12-31 from the history service');
  });

  it('says when the period has no data, and what the service holds', async () => {
    server.use(
      http.get('*/api/series', ({ request }) => HttpResponse.json(seriesBody(new URL(request.url), () => null))),
    );
    renderAt('?period=month&date=2024-03-01');
    const empty = await screen.findByTestId('progress-empty');
    expect(empty.textContent).toContain('No history for the selected period (2024-03-01 – 2024-03-31)');
    expect(empty.textContent).toContain('holds data from 2025-10-01 00:00');
    expect((screen.getByTestId('csv-detail') as HTMLButtonElement).disabled).toBe(true);
  });

  it('says when the service cannot be reached, and retries', async () => {
    server.use(http.get('*/api/health', () => HttpResponse.error()));
    renderAt('?period=month&date=2026-03-01', 'zh');
    const error = await screen.findByTestId('progress-error');
    expect(error.getAttribute('data-kind')).toBe('unreachable');
    expect(error.textContent).toContain('无法连接历史服务（/api）');
    server.resetHandlers();
    screen.getByTestId('retry').click();
    await screen.findByTestId('progress-report');
  });

  it('shows the service’s own message when it refuses a request', async () => {
    server.use(http.get('*/api/series', () => HttpResponse.json({ error: 'from must be before to' }, { status: 400 })));
    renderAt('?period=month&date=2026-03-01');
    const error = await screen.findByTestId('progress-error');
    expect(error.getAttribute('data-kind')).toBe('bad-request');
    expect(error.textContent).toContain('from must be before to');
  });

  it('says when the service capped a range, and when last year is incomplete', async () => {
    server.use(
      http.get('*/api/series', ({ request }) => {
        const url = new URL(request.url);
        const body = seriesBody(url, (m, e, ts) => (ts < sh(2025, 10, 1) ? null : (PER_DAY[m]?.[e] ?? null)));
        return HttpResponse.json({
          ...body,
          capped: { reason: 'the range needs about 30000 points', maxPoints: 20000 },
        });
      }),
    );
    renderAt('?period=year&date=2026-01-01');
    // The page also loads the dual-carbon path's years (CarbonPathSection): more requests than the report's alone.
    await screen.findByTestId('progress-report', {}, { timeout: 5000 });
    expect(screen.getByTestId('notice-capped').textContent).toContain('the range needs about 30000 points');
    expect(screen.getByTestId('notice-partial-last-year').textContent).toMatch(/Last year covers only 2 of 11 months/);
    expect(screen.getByTestId('kpi-consumption-change').textContent).toBe('no YoY');
  });

  it('says when the service answers outside its contract', async () => {
    server.use(http.get('*/api/series', () => HttpResponse.json({ points: 'nope' })));
    renderAt('?period=month&date=2026-03-01');
    const error = await screen.findByTestId('progress-error');
    expect(error.getAttribute('data-kind')).toBe('invalid-response');
  });
});
