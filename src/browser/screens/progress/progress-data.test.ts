import { describe, expect, it } from 'vitest';
import type { HealthResponse, HistoryClient, SeriesRequest, SeriesResponse } from '../../history/history-client';
import { periodContaining } from './period';
import { busDepotsOf, loadProgress } from './progress-data';
import { totalsOf } from './progress-figures';

// A past day (Asia/Shanghai), so the whole day is asked for and shown in hours.
const DAY = periodContaining('day', Date.UTC(2026, 10, 1, 4));
const HOUR = 3_600_000;

/** A history answering every series with 1 kWh per hour, 0.25 kWh for each bus depot's meter; it logs what was asked. */
function fakeHistory(nowMs = DAY.toMs + 86_400_000) {
  const asked: SeriesRequest[] = [];
  const client = {
    async health() {
      return { nowMs } as HealthResponse;
    },
    async series(req: SeriesRequest): Promise<SeriesResponse> {
      asked.push(req);
      const per = req.metric === 'eKwh' ? 0.25 : 1;
      const points: [number, number][] = [];
      for (let t = req.fromMs; t < req.toMs; t += HOUR) points.push([t, per]);
      return { metric: req.metric, entity: req.entity, points } as unknown as SeriesResponse;
    },
  } as unknown as HistoryClient;
  return { client, asked };
}

describe('loadProgress: the bus depots', () => {
  const area = {
    chargingStations: [
      { id: 'ev-sc-1', province: 'sc', vehicles: 'bus' },
      { id: 'ev-sc-2', province: 'sc', vehicles: 'bus' },
      { id: 'ev-sc-3', province: 'sc', vehicles: 'car' },
      { id: 'ev-cq-1', province: 'cq' },
    ],
  } as unknown as Parameters<typeof busDepotsOf>[0];

  it('sums each province’s depot meters (device eKwh) beside its EV energy, and the totals carry them', async () => {
    const { client, asked } = fakeHistory();
    const depots = busDepotsOf(area);
    expect(depots).toEqual({ sc: ['ev-sc-1', 'ev-sc-2'], cq: [] });
    const loaded = await loadProgress(client, DAY, depots);
    expect(asked.filter((r) => r.metric === 'eKwh').map((r) => r.entity)).toEqual(
      expect.arrayContaining(['ev-sc-1', 'ev-sc-2']),
    );
    expect(asked.some((r) => r.entity === 'ev-sc-3' || r.entity === 'ev-cq-1')).toBe(false);
    const totals = totalsOf(loaded.current);
    // 24 hours × (0.25 + 0.25) kWh of the two depots, of the province's 24 kWh; Chongqing has none.
    expect(totals.sc.eEvBusKwh).toBe(12);
    expect(totals.sc.eEvKwh).toBe(24);
    expect(totals.cq.eEvBusKwh).toBe(0);
  });

  it('without a bus depot asks for no device and carries no bus energy (all charging as cars’)', async () => {
    const { client, asked } = fakeHistory();
    const loaded = await loadProgress(client, DAY, { sc: [], cq: [] });
    expect(asked.some((r) => r.metric === 'eKwh')).toBe(false);
    expect(loaded.current.eEvBusKwh).toBeUndefined();
    expect(totalsOf(loaded.current).sc.eEvBusKwh).toBeUndefined();
  });

  it('asks for the depots in whole hours only (their older rows are hourly), while the provinces get a 15-minute tail', async () => {
    // A month in progress, now at 10:20 on its third day (Asia/Shanghai): the provinces' tail is 15-minute rows.
    const month = periodContaining('month', Date.UTC(2026, 10, 3, 2, 20));
    const { client, asked } = fakeHistory(Date.UTC(2026, 10, 3, 2, 20));
    await loadProgress(client, month, { sc: ['ev-sc-1'], cq: [] });
    expect(asked.some((r) => r.metric === 'eImportKwh' && r.step === '15m')).toBe(true);
    const depot = asked.filter((r) => r.metric === 'eKwh');
    expect(depot.length).toBeGreaterThan(0);
    expect(depot.every((r) => r.step !== '15m' && r.toMs % HOUR === 0)).toBe(true);
  });
});
