/**
 * Supply reliability in the history, against the real broker and the real service: outage records published on
 * gaozhu/v1/live/reliability/records (QoS 1, as the live service does; here the test publishes them as the `live`
 * user) are stored, the newest version per outage whatever the order and repeats, a malformed one refused and
 * counted; GET /api/reliability/outages lists them; GET /api/reliability/monthly gives the month's indicators of the
 * hand-worked example (src/core/domain/reliability/indicators.test.ts), with the recorded time of each month, and
 * keeps them across a restart.
 */
import { describe, expect, it } from 'vitest';
import { liveFigures } from '../../src/browser/live/live-core-fixture';
import type { AreaConfig } from '../../src/core/config/area-schema';
import type { ReliabilityMonthlyResponse, ReliabilityOutagesResponse } from '../../src/core/contract/history-api';
import { liveFiguresSchema, liveTopics } from '../../src/core/contract/live-core';
import { type OutageRecord, outageRecordSchema, reliabilityTopics } from '../../src/core/contract/reliability';
import {
  NOVEMBER_A_START_MS,
  NOVEMBER_B_START_MS,
  novemberFaultA,
  novemberPlannedB,
} from '../../src/core/domain/reliability/example-outages';
import { shanghaiWallToMs } from '../../src/core/time/shanghai';
import { readAreaConfig } from '../support/area-config';
import { setUpLiveHistoryHarness } from '../support/live-history-harness';
import { waitFor } from '../support/wait-for';

const MIN = 60_000;
const NOW = shanghaiWallToMs(2026, 12, 2, 12);
const base = readAreaConfig();
const sc = base.feeders.find((f) => f.province === 'sc')!;
const cq = base.feeders.find((f) => f.province === 'cq')!;
// Known denominators: Sichuan 1000 customers, Chongqing 500, on one feeder each; the other feeders carry none.
const section = (residential: number) => ({ residential, enterprise: 0, loadSharePct: 100, tie: null });
const config: AreaConfig = {
  ...base,
  feeders: base.feeders.map((f) => {
    const { sections: _sections, ...rest } = f;
    if (f.id === sc.id) return { ...rest, sections: [section(1000)] };
    if (f.id === cq.id) return { ...rest, sections: [section(500)] };
    return rest;
  }),
};

const outageA = (state: OutageRecord['state']) =>
  outageRecordSchema.parse(novemberFaultA(state, { id: sc.id, substationId: sc.substationId }));
const outageB = outageRecordSchema.parse(novemberPlannedB({ id: cq.id, substationId: cq.substationId }));

const h = setUpLiveHistoryHarness({ config, worldMs: NOW, dbPrefix: 'gaozhu-history-reliability-' });
const get = <T>(path: string) => h().get<T>(path);
type LiveCounts = { outageRecords: number; staleOutageRecords: number; rejected: number; figures: number };
const health = async () =>
  (await get<{ nowMs: number; recorder: { state: string; liveCore: LiveCounts } }>('/api/health')).body;

const publishRecord = (r: unknown) =>
  h().live.publishAsync(reliabilityTopics.records, typeof r === 'string' ? r : JSON.stringify(r), { qos: 1 });

describe('supply reliability in the history', () => {
  it('stores the newest version of each outage whatever the order; a malformed record is refused and counted', async () => {
    const before = (await health()).recorder.liveCore;
    // The live service was publishing in November: three minutes of its area figures recorded.
    for (const ts of [NOVEMBER_A_START_MS - MIN, NOVEMBER_A_START_MS, NOVEMBER_B_START_MS])
      await h().live.publishAsync(
        liveTopics.figures('area'),
        JSON.stringify(liveFiguresSchema.parse(liveFigures({ ts, scope: 'area' }, shanghaiWallToMs(2026, 11, 10)))),
      );
    await publishRecord(outageA('tripped'));
    await publishRecord(outageA('repaired'));
    // Late and repeated versions (a redelivery after a reconnect): they change nothing.
    await publishRecord(outageA('isolated'));
    await publishRecord(outageA('repaired'));
    await publishRecord(outageB);
    await publishRecord({ ...outageB, id: '', customersAffected: -1 });
    await publishRecord('not json');
    await waitFor(async () => {
      const c = (await health()).recorder.liveCore;
      return c.outageRecords - before.outageRecords >= 5 && c.rejected - before.rejected >= 2 && c.figures >= 3;
    }, 'the records');
    await h().service!.flush();
    const after = (await health()).recorder.liveCore;
    expect(after.outageRecords - before.outageRecords).toBe(5);
    expect(after.rejected - before.rejected).toBe(2);
    // tripped, repaired (A) and B stored; isolated and the second repaired were not newer.
    expect(after.staleOutageRecords - before.staleOutageRecords).toBe(2);

    const r = await get<ReliabilityOutagesResponse>('/api/reliability/outages?from=2026-11-01&to=2026-12-01');
    expect(r.status).toBe(200);
    expect(r.body.outages).toEqual([outageA('repaired'), outageB]);
    expect(r.body.limited).toBe(false);
    const onlyCq = await get<ReliabilityOutagesResponse>(
      '/api/reliability/outages?from=2026-11-01&to=2026-12-01&scope=cq',
    );
    expect(onlyCq.body.outages.map((o) => o.id)).toEqual([outageB.id]);
    const limited = await get<ReliabilityOutagesResponse>(
      '/api/reliability/outages?from=2026-11-01&to=2026-12-01&limit=1',
    );
    expect(limited.body.outages).toHaveLength(1);
    expect(limited.body.limited).toBe(true);
  });

  it("gives November's indicators of the hand-worked example, and says which months were recorded", async () => {
    const r = await get<ReliabilityMonthlyResponse>('/api/reliability/monthly?year=2026');
    expect(r.status).toBe(200);
    expect(r.body.months.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    const nov = r.body.months[10]!;
    // November: 30 days = 43 200 min; three minutes of live figures recorded in it.
    expect(nov.periodMin).toBe(43_200);
    expect(nov.recordedMin).toBe(3);
    expect(r.body.months[9]!.recordedMin).toBe(0);
    const area = nov.byScope.area!;
    // Customer-min 200 × 90 + 50 × 120 = 24 000 over 1500 customers: SAIDI 16 min, SAIFI 250/1500, CAIDI 96 min.
    expect(area.all.customersServed).toBe(1500);
    expect(area.all.interruptions).toBe(250);
    expect(area.all.saidiMin).toBeCloseTo(16, 9);
    expect(area.all.saifi).toBeCloseTo(250 / 1500, 12);
    expect(area.all.caidiMin).toBeCloseTo(96, 9);
    expect(area.all.rs1Pct).toBeCloseTo((1 - 16 / 43_200) * 100, 9);
    expect(area.all.momentaryInterruptions).toBe(100);
    // Faults only: 18 000 / 1500 = 12 min.
    expect(area.unplanned.saidiMin).toBeCloseTo(12, 9);
    expect(area.faults).toBe(1);
    expect(area.selfHealedFaults).toBe(1);
    expect(area.meanSelfHealingS).toBeCloseTo(40, 9);
    expect(nov.byScope.sc!.all.saidiMin).toBeCloseTo(18, 9);
    expect(nov.byScope.cq!.all.saidiMin).toBeCloseTo(12, 9);
    // December (so far) has none; the year to date carries November's interruptions over Jan 1 → now.
    expect(r.body.months[11]!.byScope.area!.all.interruptions).toBe(0);
    const ytd = r.body.yearToDate;
    expect(ytd.toMs).toBe(NOW);
    expect(ytd.byScope.area!.all.interruptions).toBe(250);
    expect(ytd.byScope.area!.all.customerMinutes).toBeCloseTo(24_000, 9);
    expect(ytd.byScope.area!.all.rs1Pct).toBeCloseTo((1 - 16 / ytd.periodMin) * 100, 9);
    const only = await get<ReliabilityMonthlyResponse>('/api/reliability/monthly?year=2026&scope=sc');
    expect(Object.keys(only.body.months[10]!.byScope)).toEqual(['sc']);
  });

  it('refuses bad parameters with the reason', async () => {
    const noYear = await get<{ error: string }>('/api/reliability/monthly');
    expect(noYear.status).toBe(400);
    expect(noYear.body.error).toMatch(/year/);
    expect((await get<{ error: string }>('/api/reliability/monthly?year=26')).status).toBe(400);
    expect((await get<{ error: string }>('/api/reliability/monthly?year=2026&scope=x')).status).toBe(400);
    const noFrom = await get<{ error: string }>('/api/reliability/outages?to=2026-12-01');
    expect(noFrom.status).toBe(400);
    expect(noFrom.body.error).toMatch(/from/);
    expect((await get('/api/reliability/outages?from=2026-12-01&to=2026-11-01')).status).toBe(400);
  });

  it('keeps the records across a restart, and receives those published while it was down', async () => {
    await h().stopService();
    // Published while the history is away: its broker session (QoS 1) keeps the record for it.
    const cStart = shanghaiWallToMs(2026, 11, 25, 14);
    const outageC = outageRecordSchema.parse({
      ...outageB,
      id: `${cq.id}-${cStart}`,
      cause: 'fault',
      startMs: cStart,
      isolatedAtMs: cStart + 10_000,
      repairedAtMs: cStart + 30 * MIN,
      sections: [{ ...outageB.sections[0]!, outAtMs: cStart, restoredAtMs: cStart + 30 * MIN }],
      customerMinutes: 1_500,
    });
    await publishRecord(outageC);
    await h().startService();
    await waitFor(async () => {
      const r = await get<ReliabilityOutagesResponse>('/api/reliability/outages?from=2026-11-01&to=2026-12-01');
      return r.body.outages.some((o) => o.id === outageC.id);
    }, 'the record published while the history was down');
    const r = await get<ReliabilityMonthlyResponse>('/api/reliability/monthly?year=2026&scope=area');
    // 24 000 + 50 × 30 = 25 500 customer-min over 1500 customers = 17 min.
    expect(r.body.months[10]!.byScope.area!.all.saidiMin).toBeCloseTo(17, 9);
    expect(r.body.months[10]!.byScope.area!.faults).toBe(2);
  });
});
