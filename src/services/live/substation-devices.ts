/**
 * The substations' device documents (src/core/contract/substation-devices.ts) a region's dispatcher reads instead of the
 * raw stream, at a bounded rate: each publish tick takes a rotating share of the substations (as a shard does with its
 * substation snapshots) and publishes those of them whose devices changed since their last document (a new reading
 * or presence). The share is sized so that at most DEVICE_DOCS_PER_S device entries go out a second: an area of a
 * few hundred devices gets every changed substation every tick, 52,000 devices (a province shard of the 100,000-device
 * area) each substation every 6 s at most. Published only in substation scope: on one PC nothing changes.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import {
  type SubstationDevices,
  type SubstationMember,
  substationMembers,
} from '../../core/contract/substation-devices';
import type { LiveArea } from './live-area';

/** Device entries published a second at most, all substations together (about 2.5 MB/s of documents). */
export const DEVICE_DOCS_PER_S = 10_000;

/** In how many ticks every substation gets its turn: 1 while every device fits the budget of one tick. */
export function deviceDocsRotation(devices: number, publishIntervalMs: number, perS = DEVICE_DOCS_PER_S): number {
  const perTick = Math.max(1, (perS * publishIntervalMs) / 1000);
  return Math.max(1, Math.ceil(devices / perTick));
}

export class SubstationDevicesDocs {
  private readonly substations: { id: string; members: SubstationMember[] }[];
  /** What each device was at its substation's last document: its reading (by identity) and presence. */
  private readonly sent = new Map<string, { latest: unknown; presence: string }>();
  readonly rotation: number;

  constructor(
    config: Pick<AreaConfig, 'substations' | 'feeders' | 'pvSites' | 'chargingStations'>,
    publishIntervalMs: number,
    perS = DEVICE_DOCS_PER_S,
  ) {
    this.substations = [...substationMembers(config)].map(([id, members]) => ({ id, members }));
    const devices = this.substations.reduce((n, s) => n + s.members.length, 0);
    this.rotation = deviceDocsRotation(devices, publishIntervalMs, perS);
  }

  /** The documents due at this tick: this turn's substations whose devices changed since their last document. */
  due(tick: number, area: LiveArea, nowMs: number): SubstationDevices[] {
    const turn = tick % this.rotation;
    const out: SubstationDevices[] = [];
    for (let i = turn; i < this.substations.length; i += this.rotation) {
      const s = this.substations[i]!;
      let changed = false;
      for (const m of s.members) {
        const d = area.device(m.id);
        const before = this.sent.get(m.id);
        if (d && (!before || before.latest !== d.latest || before.presence !== d.presence)) changed = true;
      }
      if (!changed) continue;
      out.push({
        ts: Math.round(nowMs),
        substationId: s.id,
        devices: s.members.map((m) => {
          const d = area.device(m.id);
          this.sent.set(m.id, { latest: d?.latest ?? null, presence: d?.presence ?? 'unknown' });
          return { ...m, presence: d?.presence ?? 'unknown', telemetry: d?.latest ?? null };
        }),
      });
    }
    return out;
  }
}
