/**
 * The one owner, in the browser, of "the thresholds in force": the loading and voltage limits that the live service
 * applies right now. Every screen that colours loading or counts heavy/overloaded feeders itself reads them here, never
 * area.json's directly, so a screen and the server's alarms never disagree about what is overloaded.
 *
 * Why the live status, and area.json's only as a fallback: an administrator changes thresholds on the live service at
 * run time (src/core/contract/thresholds-api.ts); area.json keeps the version-0 values the page was built with. The
 * live service publishes what it applies in its retained status (liveStatusSchema.thresholds), so once a status with
 * thresholds has arrived that is the truth. Before any (no service yet, or a page that loaded while it was down) the
 * only thing known is area.json's, which is also what the service applies until someone changes them.
 * A status without thresholds (the Last Will says only "offline") keeps the last ones received: the service keeps an
 * administrator's version on disk and applies it again when it comes back.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import type { LiveStatus } from '../../core/contract/live-core';

export interface ThresholdsInForce {
  /** 'live': from the live service's status; 'area': area.json's (no status with thresholds received yet). */
  source: 'live' | 'area';
  /** The live service's version (0: area.json's); null when not from the service. */
  version: number | null;
  heavyLoadingPct: number;
  overloadLoadingPct: number;
  voltageDeviationPct: number;
}

type AreaThresholds = Pick<AreaConfig['thresholds'], 'heavyLoadingPct' | 'overloadLoadingPct' | 'voltageDeviationPct'>;

export function areaThresholdsInForce(area: AreaThresholds): ThresholdsInForce {
  return {
    source: 'area',
    version: null,
    heavyLoadingPct: area.heavyLoadingPct,
    overloadLoadingPct: area.overloadLoadingPct,
    voltageDeviationPct: area.voltageDeviationPct,
  };
}

const same = (a: ThresholdsInForce, b: ThresholdsInForce) =>
  a.source === b.source &&
  a.version === b.version &&
  a.heavyLoadingPct === b.heavyLoadingPct &&
  a.overloadLoadingPct === b.overloadLoadingPct &&
  a.voltageDeviationPct === b.voltageDeviationPct;

/**
 * The thresholds in force after a status (null: none received). Returns `prev` itself when nothing changed, so memos
 * and incremental rows keyed on the object are rebuilt only on a real change, not on every status message.
 */
export function selectThresholdsInForce(status: LiveStatus | null, prev: ThresholdsInForce): ThresholdsInForce {
  const t = status?.thresholds;
  if (!t) return prev;
  const next: ThresholdsInForce = {
    source: 'live',
    version: t.version,
    heavyLoadingPct: t.heavyLoadingPct,
    overloadLoadingPct: t.overloadLoadingPct,
    voltageDeviationPct: t.voltageDeviationPct,
  };
  return same(next, prev) ? prev : next;
}

export class ThresholdsInForceStore {
  private readonly listeners = new Set<() => void>();
  private current: ThresholdsInForce;

  constructor(area: AreaThresholds) {
    this.current = areaThresholdsInForce(area);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ThresholdsInForce => this.current;

  /** A status validated by its reader: the public runtime's live-core store, the dispatcher's live-status store. */
  update(status: LiveStatus | null): void {
    const next = selectThresholdsInForce(status, this.current);
    if (next === this.current) return;
    this.current = next;
    for (const l of this.listeners) l();
  }
}
