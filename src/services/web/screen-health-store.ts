/**
 * The screens' last health reports, in memory: nothing here is worth keeping over a restart (a live screen reports
 * again within one interval, and a screen that stopped before the restart is one nobody can vouch for either way).
 * Bounded: at most `maxScreens` entries, the one heard from longest ago evicted first, so a script inventing screen
 * ids cannot grow the server's memory or the metrics' label set.
 */
import {
  classifyScreen,
  DEFAULT_SCREEN_STATE_RULE,
  type ScreenEntry,
  type ScreenHeartbeat,
  type ScreenStateRule,
} from '../../core/contract/screen-health-api';

export const DEFAULT_MAX_SCREENS = 200;

export interface ScreenHealthStoreOptions {
  /** The server's clock (tests pass their own, to let time pass without sleeping). */
  nowMs?: () => number;
  maxScreens?: number;
  rule?: ScreenStateRule;
}

interface Held {
  key: string;
  report: ScreenHeartbeat;
  lastSeenMs: number;
  address: string;
}

/** One browser may show two screens in two tabs (the same localStorage id): each route and name is its own screen. */
export const screenKey = (r: Pick<ScreenHeartbeat, 'screenId' | 'route' | 'screenName'>): string =>
  `${r.screenName ? `${r.screenName}/` : ''}${r.screenId}${r.route}`;

export class ScreenHealthStore {
  readonly nowMs: () => number;
  readonly maxScreens: number;
  readonly rule: ScreenStateRule;
  /** Map order is recency: a report moves its screen to the end, so the first entry is the one to evict. */
  private readonly screens = new Map<string, Held>();
  evicted = 0;

  constructor(opts: ScreenHealthStoreOptions = {}) {
    this.nowMs = opts.nowMs ?? Date.now;
    this.maxScreens = Math.max(1, opts.maxScreens ?? DEFAULT_MAX_SCREENS);
    this.rule = opts.rule ?? DEFAULT_SCREEN_STATE_RULE;
  }

  get size(): number {
    return this.screens.size;
  }

  record(report: ScreenHeartbeat, address: string): void {
    const key = screenKey(report);
    this.screens.delete(key);
    while (this.screens.size >= this.maxScreens) {
      const oldest = this.screens.keys().next().value as string;
      this.screens.delete(oldest);
      this.evicted++;
    }
    this.screens.set(key, { key, report, lastSeenMs: this.nowMs(), address });
  }

  list(): ScreenEntry[] {
    const now = this.nowMs();
    return [...this.screens.values()].map((h) => {
      const reportAgeMs = Math.max(0, now - h.lastSeenMs);
      return {
        key: h.key,
        report: h.report,
        lastSeenMs: h.lastSeenMs,
        reportAgeS: Math.round(reportAgeMs / 100) / 10,
        state: classifyScreen(reportAgeMs, h.report.dataAgeS, this.rule),
        address: h.address,
      };
    });
  }
}
