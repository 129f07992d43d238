/**
 * The whole area reporting as the feeds would, each feeder at a loading rate the test chooses: for the tests that
 * drive the live service's alarm engine and thresholds over the real broker.
 */
import type { MqttClient } from 'mqtt';
import type { AreaConfig } from '../../src/core/config/area-schema';
import { deviceTopic } from '../../src/core/contract/topics';
import { loadingRatePct } from '../../src/core/domain/loading';

type Feeder = AreaConfig['feeders'][number];

/** The feeders' 10 kV bus voltage in these streams, kV. */
export const STREAM_U_KV = 10.2;
/** Q as a share of P in these streams (a power factor of about 0.98). */
const Q_PER_P = 0.2;

/** Feeder-head P (kW) for `pct` % loading on `feeder`, with Q = 0.2 P and I = S / (√3·U): loading scales with P. */
export function pKwAtLoading(feeder: Feeder, pct: number): number {
  const at1Mw = loadingRatePct({
    pKw: 1000,
    qKvar: 1000 * Q_PER_P,
    iA: Math.hypot(1000, 1000 * Q_PER_P) / (Math.sqrt(3) * STREAM_U_KV),
    ratedMva: feeder.ratedMva,
    ratedA: feeder.ratedA,
  }) as number;
  return (1000 * pct) / at1Mw;
}

/** One report from every feeder (at `loadingPctOf(feeder)`), PV site (a third of kWp) and idle charging station. */
export function publishAreaAtLoading(
  feeds: MqttClient,
  config: AreaConfig,
  tsMs: number,
  loadingPctOf: (feeder: Feeder) => number,
): void {
  const pub = (kind: 'feeder' | 'pv' | 'charger', province: 'sc' | 'cq', id: string, body: object) =>
    feeds.publish(deviceTopic({ kind, province, deviceId: id, channel: 'telemetry' }), JSON.stringify(body));
  for (const f of config.feeders) {
    const pKw = pKwAtLoading(f, loadingPctOf(f));
    const qKvar = pKw * Q_PER_P;
    const iA = Math.hypot(pKw, qKvar) / (Math.sqrt(3) * STREAM_U_KV);
    pub('feeder', f.province, f.id, { ts: tsMs, pKw, qKvar, iA, uKv: STREAM_U_KV, eImportKwh: 5000, eExportKwh: 0 });
  }
  for (const p of config.pvSites)
    pub('pv', p.province, p.id, { ts: tsMs, pKw: Math.round(p.kWp / 3), eKwh: 100, state: 'producing' });
  for (const c of config.chargingStations) {
    const connectors = c.connectors.map((k) => ({ id: k.id, state: 'available', pKw: 0, sessionKwh: 0 }));
    pub('charger', c.province, c.id, { ts: tsMs, pKw: 0, eKwh: 50, sessionsTotal: 10, connectors });
  }
}
