/**
 * Asks the history service once for today's registers (GET /api/devices/day-registers) and seeds the live area with
 * them (LiveArea.seedFromHistory), so a live service started mid-day counts today from midnight as the history does.
 * When the history is not up yet (the launcher starts both together) it tries again every few seconds for about
 * 30 s, in the background: the live service publishes meanwhile, honestly "counted since" its start. When the
 * history cannot answer at all, that is how today stays, and the log says so.
 */
import { dayRegistersResponseSchema } from '../../core/contract/history-api';
import { type LiveArea, NO_READINGS, type SeedOutcome } from './live-area';
import { stoppable } from './stoppable';

const RETRY_MS = 3_000;
const REQUEST_TIMEOUT_MS = 5_000;

export interface HistorySeedOptions {
  historyUrl: string;
  area: LiveArea;
  /** Local day start by the live service's clock at the time of the answer (the simulation clock may arrive late). */
  todayStartMs: () => number;
  log: (line: string) => void;
  /** How long to keep trying, ms (default 30 000). */
  forMs?: number;
}

export interface HistorySeeding {
  /** The outcome once seeded, or null when the history could not answer (or it was stopped). */
  readonly done: Promise<SeedOutcome | null>;
  stop(): void;
}

export function seedFromHistoryService(opts: HistorySeedOptions): HistorySeeding {
  const url = `${opts.historyUrl.replace(/\/+$/, '')}/api/devices/day-registers`;
  const untilMs = Date.now() + (opts.forMs ?? 30_000);
  const life = stoppable();
  let lastError = '';

  const attempt = async (): Promise<SeedOutcome | 'retry'> => {
    let body: unknown;
    try {
      const res = await fetch(url, {
        signal: AbortSignal.any([life.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = await res.json();
    } catch (e) {
      if (life.stopped) throw e;
      lastError = (e as Error).message;
      return 'retry';
    }
    const parsed = dayRegistersResponseSchema.safeParse(body);
    if (!parsed.success) throw new Error(`unexpected answer: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const h = parsed.data;
    // Both clocks are the world's (the simulation clock when the feeds publish one). Another day is not today's: asked
    // again, since right after the start this service may not have the retained simulation clock yet.
    if (h.dayStartMs !== opts.todayStartMs()) {
      lastError = `its day starts ${new Date(h.dayStartMs).toISOString()}, ours ${new Date(opts.todayStartMs()).toISOString()}`;
      return 'retry';
    }
    return opts.area.seedFromHistory(h);
  };

  const run = async (): Promise<SeedOutcome | null> => {
    try {
      while (!life.stopped) {
        const r = await attempt();
        // Devices whose readings the history has not written yet (it writes every few seconds; a backfill writes
        // energies but no readings): asked again while there is time, the seeded ones are left as they are.
        const waiting = r !== 'retry' && r.skipped.some((s) => s.reason === NO_READINGS);
        if (waiting && Date.now() + RETRY_MS <= untilMs) {
          lastError = 'some devices have no register readings in the history yet';
          await life.sleep(RETRY_MS);
          continue;
        }
        if (r !== 'retry') {
          const since = r.seeded ? '' : ' (today stays counted since start)';
          opts.log(
            `today's registers seeded from the history: ${r.seeded} devices, ${r.skipped.length} left counted since start${since}` +
              (r.skipped.length ? `; e.g. ${r.skipped[0]?.id}: ${r.skipped[0]?.reason}` : ''),
          );
          return r;
        }
        if (Date.now() + RETRY_MS > untilMs) break;
        await life.sleep(RETRY_MS);
      }
      if (!life.stopped) opts.log(`history ${url} did not answer (${lastError}): today counts since start`);
    } catch (e) {
      if (!life.stopped)
        opts.log(`no seeding from the history ${url}: ${(e as Error).message}; today counts since start`);
    }
    return null;
  };

  const done = run();
  return { done, stop: life.stop };
}
