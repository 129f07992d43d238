/**
 * The history API under a flood of heavy reads (series, CSV exports, the alarm log), on a real SQLite file backfilled
 * by the world model: the heavy reads are bounded (one running, here one waiting), the next one is turned away with
 * 503 + Retry-After and counted on /metrics, and /api/health answers while heavy reads are in flight. The test holds
 * the one slot itself (RunningHistoryService.heavyReads.hold) so what waits and what is refused follows from the
 * order of the requests, not from how fast a query runs.
 */
import { describe, expect, it } from 'vitest';
import type { BackfillState } from '../../src/services/history/storage/history-storage';
import { readAreaConfig } from '../support/area-config';
import { startBackfilledHistory } from '../support/backfilled-history';
import { startedForFile } from '../support/for-file';

const config = readAreaConfig();

const history = startedForFile('the backfilled history', () =>
  startBackfilledHistory(
    config,
    'gaozhu-history-flood-',
    { seed: 3, days: 2, deviceMinuteDays: 1 },
    { heavyReads: { maxConcurrent: 1, maxQueued: 1, retryAfterS: 2 } },
  ),
);

const rejectedCount = async (): Promise<number> => {
  const { base } = history();
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = /^history_heavy_reads_rejected_total\{[^}]*\} (\d+)$/m.exec(text);
  if (!m) throw new Error('history_heavy_reads_rejected_total missing from /metrics');
  return Number(m[1]);
};

/** Waits (a bounded number of turns of the event loop) until `n` heavy reads wait for the slot. */
async function untilQueued(n: number): Promise<void> {
  const { service } = history();
  for (let i = 0; i < 500 && service.heavyReads.queued < n; i++) await new Promise((r) => setTimeout(r, 10));
  expect(service.heavyReads.queued).toBe(n);
}

describe('heavy reads under a flood', () => {
  it('queues up to the bound, refuses the next with 503 + Retry-After (counted), and health answers meanwhile', async () => {
    const { service, base, backfill } = history();
    const csvUrl = `${base}/api/series.csv?metric=consumptionKw&entity=area&from=${backfill.fromMs}&to=${backfill.toMs}&step=1m&agg=avg`;
    const rejectedBefore = await rejectedCount();
    const release = await service.heavyReads.hold();
    let queuedSettled = false;
    const queued = fetch(csvUrl).then(async (res) => {
      const body = await res.text();
      queuedSettled = true;
      return { status: res.status, body };
    });
    try {
      await untilQueued(1);

      // The queue is full: every heavy route refuses at once, says when to come back, and the refusals are counted.
      for (const path of [
        `/api/series?metric=pvKw&entity=sc&from=${backfill.fromMs}&to=${backfill.toMs}&step=1h&agg=avg`,
        `/api/alarm-log.csv?from=${backfill.fromMs}&to=${backfill.toMs}`,
      ]) {
        const res = await fetch(`${base}${path}`);
        expect(res.status, path).toBe(503);
        expect(res.headers.get('retry-after')).toBe('2');
        expect(((await res.json()) as { error: string }).error).toMatch(/too many heavy/);
      }
      expect(await rejectedCount()).toBe(rejectedBefore + 2);

      // Health is not a heavy read: it answers while the queued read (started before it) has not finished.
      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { backfill: BackfillState }).backfill.state).toBe('done');
      expect(queuedSettled).toBe(false);
    } finally {
      release();
    }

    // Once the slot is free the queued read runs and answers in full.
    const done = await queued;
    expect(done.status).toBe(200);
    const lines = done.body.trim().split('\r\n');
    expect(lines[0]).toBe('time_asia_shanghai,ts_ms,consumptionKw_avg_kW');
    expect(lines.length - 1).toBe((backfill.toMs - backfill.fromMs) / 60_000);
    expect(service.heavyReads.queued).toBe(0);
    expect(service.heavyReads.inProgress).toBe(0);
  });

  it('a refused client that retries after the queue drains is served', async () => {
    const { base, backfill } = history();
    const res = await fetch(`${base}/api/alarm-log?from=${backfill.fromMs}&to=${backfill.toMs}`);
    expect(res.status).toBe(200);
  });
});
