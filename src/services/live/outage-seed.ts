/**
 * Asks the history service for this year's outage records (GET /api/reliability/outages) when the live service starts
 * without its own (no state file of them), so the year-to-date indicators do not start from zero after a restart. Like
 * ./history-seed.ts it retries every few seconds for about 30 s in the background while the history is not up yet;
 * when it cannot answer, the year counts from the live service's start, and the log says so.
 */
import { reliabilityOutagesResponseSchema } from '../../core/contract/history-api';
import type { OutageRecord } from '../../core/contract/reliability';
import { yearStartMs } from '../../core/time/shanghai';
import { stoppable } from './stoppable';

const RETRY_MS = 3_000;
const REQUEST_TIMEOUT_MS = 5_000;
/** The most the history answers at once (RELIABILITY_OUTAGES_LIMITS.max): more than a plausible year. */
const LIMIT = 5_000;
const DAY_MS = 86_400_000;
const READY_WAIT_MS = 10_000;

export interface OutageSeedOptions {
  historyUrl: string;
  /** The live service's data clock: the year is the data's year (a sped-up world runs ahead of the wall). */
  nowMs: () => number;
  onRecords: (records: OutageRecord[]) => void;
  /**
   * True once the data clock is settled (a device message arrived, so a simulation clock, subscribed first, is known):
   * the year asked for is the data's. Asked anyway after READY_WAIT_MS.
   */
  ready?: () => boolean;
  log: (line: string) => void;
  forMs?: number;
}

export function seedOutagesFromHistory(opts: OutageSeedOptions): { done: Promise<boolean>; stop(): void } {
  const base = opts.historyUrl.replace(/\/+$/, '');
  const untilMs = Date.now() + (opts.forMs ?? 30_000);
  const life = stoppable();
  let lastError = '';

  const attempt = async (): Promise<boolean> => {
    const now = opts.nowMs();
    // From the start of the year (records that were still out then too), to a day ahead of the data clock.
    const params = new URLSearchParams({
      from: String(yearStartMs(now)),
      to: String(Math.round(now + DAY_MS)),
      scope: 'area',
      limit: String(LIMIT),
    });
    const res = await fetch(`${base}/api/reliability/outages?${params}`, {
      signal: AbortSignal.any([life.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const parsed = reliabilityOutagesResponseSchema.safeParse(await res.json());
    if (!parsed.success) throw new Error(`answer not in the contract: ${parsed.error.issues[0]?.message}`);
    opts.onRecords(parsed.data.outages);
    return true;
  };

  const done = (async () => {
    const readyBy = Date.now() + READY_WAIT_MS;
    while (!life.stopped && opts.ready && !opts.ready() && Date.now() < readyBy) await life.sleep(100);
    while (!life.stopped) {
      try {
        return await attempt();
      } catch (e) {
        if (life.stopped) return false;
        lastError = (e as Error).message;
      }
      if (Date.now() >= untilMs) break;
      await life.sleep(RETRY_MS);
    }
    if (!life.stopped)
      opts.log(`outage records: the history service did not answer (${lastError}); the year counts from now`);
    return false;
  })();
  return { done, stop: life.stop };
}
