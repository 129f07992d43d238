// @vitest-environment jsdom
/**
 * The progress screen's reliability section against a mocked history service (msw): the hand-worked November of
 * src/core/domain/reliability/indicators.test.ts month by month against area.json's targets, Sichuan and Chongqing
 * side by side; a year the history did not record (no 100 % shown); a recorded year without an outage; no targets
 * in the configuration; the service refusing.
 */
import { readFileSync } from 'node:fs';
import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { type AreaConfig, parseAreaConfig } from '../../../core/config/area-schema';
import { shanghaiWallToMs as sh } from '../../../core/time/shanghai';
import { mockHistoryService, renderProgressPage } from './progress-page-fixture';
import { monthlyAnswer, novemberOutages } from './reliability-fixture';

vi.mock('../../ui/charts/Chart', () => ({
  Chart: ({ ariaLabel }: { ariaLabel?: string }) => <div role="img" aria-label={ariaLabel} />,
}));

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
const NOW_MS = sh(2026, 12, 2, 12);
const CUSTOMERS = { sc: 1000, cq: 500 };
const NOV = sh(2026, 11, 1);
const fromNovember = (p: { fromMs: number; toMs: number }) => Math.max(0, (p.toMs - Math.max(p.fromMs, NOV)) / 60_000);

const health = {
  status: 'ok',
  nowMs: NOW_MS,
  recorder: {},
  db: { sizeBytes: 1 },
  coverage: { intervals: 1, firstMs: NOV, lastMs: NOW_MS },
  backfill: null,
  backup: null,
};
const series = http.get('*/api/series', ({ request }) => {
  const url = new URL(request.url);
  const from = Number(url.searchParams.get('from'));
  const to = Number(url.searchParams.get('to'));
  const points: [number, number | null][] = [];
  for (let t = from; t < to; t += 86_400_000) points.push([t, 1000]);
  return HttpResponse.json({
    metric: url.searchParams.get('metric'),
    entity: url.searchParams.get('entity'),
    unit: 'kWh',
    step: url.searchParams.get('step'),
    agg: 'sum',
    timeZone: 'Asia/Shanghai',
    from,
    to,
    points,
  });
});
const measured = http.get('*/api/reliability/monthly', ({ request }) => {
  const year = Number(new URL(request.url).searchParams.get('year'));
  return HttpResponse.json(monthlyAnswer(year, NOW_MS, novemberOutages(), CUSTOMERS, fromNovember));
});
const server = mockHistoryService(
  http.get('*/api/health', () => HttpResponse.json(health)),
  series,
  measured,
);

function renderAt(search: string, lang: 'zh' | 'en' = 'en', config: AreaConfig = area) {
  return renderProgressPage({ area: config, nowMs: NOW_MS }, search, lang);
}

async function section(state: string) {
  const s = await screen.findByTestId('reliability-section');
  await vi.waitFor(() => expect(s.getAttribute('data-state')).toBe(state));
  return s;
}

describe('ProgressPage: supply reliability', () => {
  it('shows November month by month against the targets, the provinces side by side', async () => {
    renderAt('?period=month&date=2026-11-01');
    const s = await section('measured');
    expect(within(s).getByRole('heading', { name: 'Supply reliability · 2026 month by month' })).toBeTruthy();
    // Customer-min 24 000 / 1500 = 16 min; RS-1 = (1 − 16/43 200) × 100 = 99.96296 %, shown cut to 99.9629;
    // target 2026 99.975 % (area.json).
    expect(screen.getByTestId('rel-rs1-2026-11-area').textContent).toBe('99.9629');
    expect(screen.getByTestId('rel-saidi-2026-11-area').textContent).toBe('16.00');
    expect(screen.getByTestId('rel-rs1-2026-11-sc').textContent).toBe('99.9583');
    expect(screen.getByTestId('rel-rs1-2026-11-cq').textContent).toBe('99.9722');
    expect(screen.getByTestId('rel-saidi-2026-11-cq').textContent).toBe('12.00');
    expect(screen.getByTestId('rel-faults-2026-11').textContent).toBe('1 / 1');
    const nov = screen.getByTestId('rel-row-2026-11');
    expect(nov.textContent).toContain('99.975 ✗ off target');
    // The SAIDI target's share of November: 131 × 43 200 / 525 600 = 10.77 min.
    expect(nov.textContent).toContain('10.77 ✗ off target');
    expect(nov.textContent).toContain('40 s');
    // October was not recorded: no figure, no 100 %.
    const oct = screen.getByTestId('rel-row-2026-10');
    expect(oct.getAttribute('data-recorded')).toBe('none');
    expect(screen.getByTestId('rel-rs1-2026-10-area').textContent).toBe('—');
    expect(screen.getByTestId('rel-recorded-2026-10').textContent).toBe('not recorded');
    // Year to date: recorded in part (1 Nov on: 31.5 of 335.5 days), so shown but not judged against the targets.
    expect(screen.getByTestId('rel-recorded-ytd').textContent).toBe('9% (partial)');
    expect(screen.getByTestId('rel-partial').textContent).toContain('The history recorded 9% of 2026');
    expect(screen.getByTestId('rel-row-ytd').textContent).not.toMatch(/on target|off target/);
    expect(screen.getByTestId('rel-kpi-rs1-target').textContent).toBe('target 99.975%');
    expect(screen.getByTestId('rel-kpi-healed-detail').textContent).toBe('1 of 1, mean restoration 40 s');
    expect(screen.getByTestId('rel-kpi-rs1-target').textContent).toContain('target 99.975%');
    expect(screen.getByTestId('rel-reference').textContent).toContain('2023');
    expect(screen.getByTestId('rel-reference').textContent).toContain('99.911%');
    expect((screen.getByTestId('csv-reliability') as HTMLButtonElement).disabled).toBe(false);
    expect(within(s).getByRole('img', { name: 'SAIDI by month (min per customer)' })).toBeTruthy();
    expect(within(s).getByRole('img', { name: 'RS-1 by month' })).toBeTruthy();
    expect(s.textContent).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('in Chinese', async () => {
    renderAt('?period=month&date=2026-11-01', 'zh');
    const s = await section('measured');
    expect(within(s).getByRole('heading', { name: '供电可靠性 · 2026年逐月' })).toBeTruthy();
    expect(screen.getByTestId('rel-recorded-2026-10').textContent).toBe('未记录');
    expect(screen.getByTestId('rel-row-2026-11').textContent).toContain('未达标');
  });

  it('a year the history did not record says so and shows no RS-1', async () => {
    server.use(
      http.get('*/api/reliability/monthly', ({ request }) =>
        HttpResponse.json(
          monthlyAnswer(Number(new URL(request.url).searchParams.get('year')), NOW_MS, [], CUSTOMERS, () => 0),
        ),
      ),
    );
    renderAt('?period=year&date=2025-01-01');
    const s = await section('not-recorded');
    expect(screen.getByTestId('rel-not-recorded').textContent).toContain('did not record the live service in 2025');
    expect(screen.getByTestId('rel-kpi-rs1-value').textContent).toBe('—');
    expect(s.textContent).not.toContain('100.0');
    // Nothing to chart.
    expect(within(s).queryAllByRole('img')).toHaveLength(0);
  });

  it('a recorded year without an outage says so: RS-1 100 % over the time recorded', async () => {
    server.use(
      http.get('*/api/reliability/monthly', ({ request }) =>
        HttpResponse.json(
          monthlyAnswer(Number(new URL(request.url).searchParams.get('year')), NOW_MS, [], CUSTOMERS, fromNovember),
        ),
      ),
    );
    renderAt('?period=month&date=2026-12-01');
    await section('no-outage');
    expect(screen.getByTestId('rel-no-outage').textContent).toContain(
      'No outage recorded in 2026 so far (9% of the year',
    );
    expect(screen.getByTestId('rel-kpi-rs1-value').textContent).toBe('100.0000');
  });

  it('says "no target set" when area.json has none', async () => {
    const { rs1PctByYear: _r, saidiMinByYear: _s, ...targets } = area.targets;
    renderAt('?period=month&date=2026-11-01', 'en', { ...area, targets });
    await section('measured');
    expect(screen.getByTestId('rel-kpi-rs1-target').textContent).toBe('no target set');
    expect(screen.getByTestId('rel-kpi-saidi-target').textContent).toBe('no target set');
  });

  it('says when the service refuses', async () => {
    server.use(
      http.get('*/api/reliability/monthly', () => HttpResponse.json({ error: 'year must be a year' }, { status: 400 })),
    );
    renderAt('?period=month&date=2026-11-01');
    const s = await section('error');
    expect(s.textContent).toContain('year must be a year');
    expect((screen.getByTestId('csv-reliability') as HTMLButtonElement).disabled).toBe(true);
  });
});
