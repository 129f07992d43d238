/** Test helper: a store filled with plausible telemetry for every configured device (unit tests only). */
import { readFileSync } from 'node:fs';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { dayStartMs } from '../../../core/time/shanghai';
import { TelemetryStore } from '../../live/telemetry-store';

export const config = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'public/config/area.json');
export const T0 = Date.UTC(2026, 10, 26, 4, 0, 0); // 12:00 in Shanghai

export interface FillOptions {
  /** Device ids that stop reporting after the first message. */
  silent?: string[];
  /** Seconds of reporting to simulate (one message per device interval). */
  seconds?: number;
  feederPKw?: (id: string) => number;
}

/** Fills a store from T0 for `seconds`, every device at its own interval; returns the store committed at the end. */
export function filledStore(opts: FillOptions = {}): { store: TelemetryStore; nowMs: number } {
  const store = new TelemetryStore(config, { dayStartMs });
  const seconds = opts.seconds ?? 120;
  const silent = new Set(opts.silent ?? []);
  const counters = new Map<string, number>();
  const bump = (id: string, kwh: number) => {
    const v = (counters.get(id) ?? 1000) + kwh;
    counters.set(id, v);
    return v;
  };
  for (let s = 0; s <= seconds; s += 5) {
    const ts = T0 + s * 1000;
    for (const f of config.feeders) {
      if (silent.has(f.id) && s > 0) continue;
      const pKw = opts.feederPKw?.(f.id) ?? 2000;
      store.applyTelemetry(
        'feeder',
        f.id,
        { ts, pKw, qKvar: pKw * 0.3, iA: 150, uKv: 10.3, eImportKwh: bump(f.id, (pKw * 5) / 3600), eExportKwh: 0 },
        ts,
      );
    }
    for (const sub of config.substations) {
      if (silent.has(sub.id) && s > 0) continue;
      store.applyTelemetry('substation', sub.id, { ts, pKw: 30_000, qKvar: 5_000, uKv: sub.voltageKv, fHz: 50 }, ts);
    }
    if (s % 10 === 0)
      for (const p of config.pvSites) {
        if (silent.has(p.id) && s > 0) continue;
        const pKw = p.kWp * 0.5;
        store.applyTelemetry('pv', p.id, { ts, pKw, eKwh: bump(p.id, (pKw * 10) / 3600), state: 'producing' }, ts);
      }
    if (s % 30 === 0)
      for (const c of config.chargingStations) {
        if (silent.has(c.id) && s > 0) continue;
        const connectors = c.connectors.map((k, i) => ({
          id: k.id,
          state: (i % 3 === 0 ? 'charging' : i % 7 === 6 ? 'faulted' : 'available') as
            | 'charging'
            | 'faulted'
            | 'available',
          pKw: i % 3 === 0 ? k.ratedKw * 0.8 : 0,
          sessionKwh: i % 3 === 0 ? 5 : 0,
        }));
        const pKw = connectors.reduce((a, k) => a + k.pKw, 0);
        store.applyTelemetry(
          'charger',
          c.id,
          { ts, pKw, eKwh: bump(c.id, (pKw * 30) / 3600), sessionsTotal: 100 + s / 30, connectors },
          ts,
        );
      }
  }
  const nowMs = T0 + seconds * 1000 + 1000;
  store.commit(nowMs);
  return { store, nowMs };
}
