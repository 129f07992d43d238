/**
 * Live-core payloads for unit tests (the store's and the screens'): valid by the contract's schemas, with every figure
 * set to a value a test can override.
 */
import type { KindCoverage, LiveFigures, LiveScope, LiveStatus } from '../../core/contract/live-core';

export const coverageOf = (configured: number, over: Partial<KindCoverage> = {}): KindCoverage => ({
  configured,
  live: configured,
  held: 0,
  missing: 0,
  heldSinceMs: null,
  ...over,
});

export interface FiguresOverrides {
  ts?: number;
  scope?: LiveScope;
  status?: LiveFigures['status'];
  coverage?: Partial<LiveFigures['coverage']>;
  power?: Partial<LiveFigures['power']>;
  today?: Partial<LiveFigures['today']>;
  chargers?: Partial<LiveFigures['chargers']>;
}

export function liveFigures(o: FiguresOverrides = {}, dayStartMs = Date.UTC(2025, 5, 1, -8)): LiveFigures {
  const ts = o.ts ?? dayStartMs + 12 * 3600_000;
  return {
    ts,
    dataTimeMs: ts,
    scope: o.scope ?? 'area',
    status: o.status ?? 'complete',
    coverage: { feeder: coverageOf(40), pv: coverageOf(100), charger: coverageOf(30), ...o.coverage },
    power: {
      gridImportKw: 100_000,
      pvKw: 50_000,
      evKw: 2_000,
      consumptionKw: 150_000,
      cleanSharePct: 40,
      localGreenSharePct: 33.3,
      ...o.power,
    },
    today: {
      dayStartMs,
      countedSinceMs: dayStartMs,
      eImportKwh: 1_000_000,
      ePvKwh: 200_000,
      eEvKwh: 20_000,
      eConsumptionKwh: 1_200_000,
      cleanSharePct: 35,
      localGreenSharePct: 16.7,
      co2EmittedKg: 500_000,
      co2AvoidedPvKg: 100_000,
      coalSavedKg: 60_000,
      evSubstitution: { km: 100_000, petrolAvoidedL: 7_000, co2NetAvoidedKg: 5_000 },
      evSessions: 321,
      peakConsumptionKw: 180_000,
      peakAtMs: dayStartMs + 10 * 3600_000,
      ...o.today,
    },
    chargers: { connectors: 100, charging: 40, available: 55, faulted: 3, unavailable: 2, unknown: 0, ...o.chargers },
    factor: { efKgPerKwh: 0.5, year: 2023, source: 'test' },
  };
}

export const liveStatus = (o: Partial<LiveStatus> = {}): LiveStatus => ({
  ts: Date.UTC(2025, 5, 1, 4),
  state: 'online',
  source: 'ok',
  lastDeviceMessageMs: null,
  publishIntervalMs: 1_000,
  ...o,
});

export const encode = (x: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(x));
