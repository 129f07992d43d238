/**
 * The configured devices as the edge judge sees them: built once from the area configuration, it answers "is this a
 * configured device of that kind and province" and "is this reading possible for it" (plausibility.ts). The counter
 * rules need the device's previous reading, kept here: one entry per configured device, so the state is bounded by
 * the configuration whatever arrives.
 *
 * One registry per judge (browser worker or main-thread ingest, recorder, live service): its counter state follows
 * the messages that judge has accepted.
 */
import type { AreaConfig } from '../config/area-schema';
import type { FeederEvent } from './feeder-events';
import type { ChargerTelemetry, FeederTelemetry, PvTelemetry, SubstationTelemetry, TelemetryByKind } from './payloads';
import {
  type ChargerLimits,
  checkCharger,
  checkFeeder,
  checkFeederEvent,
  checkPv,
  checkSubstation,
  type DeviceLimits,
  maxCounterStepKwh,
  maxFlowKw,
  maxPvKw,
  maxStationKw,
} from './plausibility';
import type { DeviceKind, Province } from './topics';

/**
 * Accepted, but worth counting: what a real grid can show and the domain rules handle. A register that went down is a
 * replaced meter (core/domain/counters.ts takes it as a reset). A register that jumped, and then carried on from the
 * new value, is taken as a new baseline on its second consistent reading, so a meter swap to a higher reading does not
 * shut the device out for good.
 */
export const SUSPECT_REASONS = ['counter-backwards', 'counter-rebased'] as const;
export type SuspectReason = (typeof SUSPECT_REASONS)[number];

export interface Suspect {
  reason: SuspectReason;
  detail: string;
}

export type PlausibilityVerdict = { ok: true; suspect?: Suspect } | { ok: false; detail: string };

interface Register {
  field: string;
  value: number;
  /** Power limit the register integrates, kW; null = not an energy register (sessions): only direction is checked. */
  maxKw: number | null;
}

interface Reading {
  ts: number;
  registers: Register[];
}

interface DeviceEntry {
  limits: DeviceLimits;
  /** The last accepted reading with registers. */
  last: Reading | null;
  /** The last reading refused for a register jump: a second reading consistent with it makes it the new baseline. */
  jumped: Reading | null;
}

function registersOf(kind: DeviceKind, data: TelemetryByKind[DeviceKind], limits: DeviceLimits): Register[] {
  switch (kind) {
    case 'feeder': {
      const d = data as FeederTelemetry;
      const maxKw = maxFlowKw(limits as Extract<DeviceLimits, { kind: 'feeder' }>);
      return [
        { field: 'eImportKwh', value: d.eImportKwh, maxKw },
        { field: 'eExportKwh', value: d.eExportKwh, maxKw },
      ];
    }
    case 'pv':
      return [
        {
          field: 'eKwh',
          value: (data as PvTelemetry).eKwh,
          maxKw: maxPvKw(limits as Extract<DeviceLimits, { kind: 'pv' }>),
        },
      ];
    case 'charger': {
      const d = data as ChargerTelemetry;
      return [
        { field: 'eKwh', value: d.eKwh, maxKw: maxStationKw(limits as ChargerLimits) },
        { field: 'sessionsTotal', value: d.sessionsTotal, maxKw: null },
      ];
    }
    default:
      return [];
  }
}

type Step = { kind: 'ok' } | { kind: 'backwards'; detail: string } | { kind: 'jump'; detail: string };

/** How the registers moved from prev to next (next is newer). A jump outranks a drop: it is the one refused. */
function stepOf(prev: Reading, next: Reading): Step {
  const elapsedMs = next.ts - prev.ts;
  let backwards: string | null = null;
  for (let i = 0; i < next.registers.length; i++) {
    const n = next.registers[i] as Register;
    const p = prev.registers[i] as Register;
    const delta = n.value - p.value;
    if (delta < 0) backwards ??= `${n.field} went down from ${p.value} to ${n.value}`;
    else if (n.maxKw !== null) {
      const maxKwh = maxCounterStepKwh(n.maxKw, elapsedMs);
      if (delta > maxKwh)
        return {
          kind: 'jump',
          detail: `${n.field} grew ${delta.toFixed(1)} kWh in ${(elapsedMs / 1000).toFixed(0)} s; at most ${maxKwh.toFixed(1)} kWh at ${n.maxKw.toFixed(0)} kW`,
        };
    }
  }
  return backwards ? { kind: 'backwards', detail: backwards } : { kind: 'ok' };
}

export type EventVerdict = { ok: true } | { ok: false; reason: 'implausible' | 'out-of-order'; detail: string };

export class DeviceRegistry {
  private readonly devices = new Map<string, DeviceEntry>();
  /** Per feeder, the last accepted event (bounded by the configured feeders). */
  private readonly lastEvent = new Map<string, { ts: number; seq: number }>();
  /** Readings accepted but flagged, by reason (reset never: counts since the registry was built). */
  readonly suspect = Object.fromEntries(SUSPECT_REASONS.map((r) => [r, 0])) as Record<SuspectReason, number>;

  constructor(config: AreaConfig) {
    const add = (id: string, limits: DeviceLimits) => this.devices.set(id, { limits, last: null, jumped: null });
    for (const s of config.substations)
      add(s.id, { kind: 'substation', province: s.province, ratedKva: s.ratedMva * 1000, nominalKv: s.voltageKv });
    for (const f of config.feeders)
      add(f.id, {
        kind: 'feeder',
        province: f.province,
        ratedKva: f.ratedMva * 1000,
        ratedA: f.ratedA,
        nominalKv: f.nominalKv,
        sections: f.sections?.map((x) => (x.tie ? { tieFeederId: x.tie.feederId } : null)) ?? null,
      });
    for (const p of config.pvSites) add(p.id, { kind: 'pv', province: p.province, kWp: p.kWp });
    for (const c of config.chargingStations)
      add(c.id, {
        kind: 'charger',
        province: c.province,
        connectorsKw: new Map(c.connectors.map((k) => [k.id, k.ratedKw])),
        totalRatedKw: c.connectors.reduce((s, k) => s + k.ratedKw, 0),
      });
  }

  get size(): number {
    return this.devices.size;
  }

  /** True when the id is a configured device of that kind and province (else the judge says 'unknown-device'). */
  knows = (kind: DeviceKind, province: Province, id: string): boolean => {
    const d = this.devices.get(id);
    return d !== undefined && d.limits.kind === kind && d.limits.province === province;
  };

  /** The device's limits (tests, diagnostics); undefined for an unconfigured id. */
  limitsOf(id: string): DeviceLimits | undefined {
    return this.devices.get(id)?.limits;
  }

  /**
   * Judges one schema-valid reading of a known device and, when it is accepted, remembers it as the device's previous
   * reading. Readings not newer than the previous one are judged on their own values only and not remembered: they
   * are duplicates or late, and the stores drop them.
   */
  check(kind: DeviceKind, deviceId: string, data: TelemetryByKind[DeviceKind]): PlausibilityVerdict {
    const entry = this.devices.get(deviceId);
    if (!entry || entry.limits.kind !== kind) return { ok: false, detail: `"${deviceId}" is not a configured ${kind}` };
    const wrong = instantCheck(data, entry.limits);
    if (wrong) return { ok: false, detail: wrong };
    const registers = registersOf(kind, data, entry.limits);
    if (registers.length === 0) return { ok: true };
    const next: Reading = { ts: data.ts, registers };
    const prev = entry.last;
    if (prev === null) {
      entry.last = next;
      return { ok: true };
    }
    if (next.ts <= prev.ts) return { ok: true };
    const step = stepOf(prev, next);
    if (step.kind === 'jump') {
      const jumped = entry.jumped;
      if (jumped !== null && next.ts > jumped.ts && stepOf(jumped, next).kind === 'ok') {
        entry.last = next;
        entry.jumped = null;
        return this.flag('counter-rebased', `registers carry on from a jump (${step.detail}): new baseline`);
      }
      entry.jumped = next;
      return { ok: false, detail: step.detail };
    }
    entry.last = next;
    entry.jumped = null;
    return step.kind === 'backwards' ? this.flag('counter-backwards', step.detail) : { ok: true };
  }

  /**
   * Judges one schema-valid feeder event: impossible for the feeder (plausibility.ts checkFeederEvent), or out of
   * order — not after the last accepted event of the feeder by device time, then seq (a QoS 1 redelivery is a
   * duplicate: out of order too). An accepted event becomes the feeder's last.
   */
  checkEvent(feederId: string, e: FeederEvent): EventVerdict {
    const entry = this.devices.get(feederId);
    if (entry?.limits.kind !== 'feeder')
      return { ok: false, reason: 'implausible', detail: `"${feederId}" is not a configured feeder` };
    const wrong = checkFeederEvent(e, entry.limits);
    if (wrong) return { ok: false, reason: 'implausible', detail: wrong };
    const last = this.lastEvent.get(feederId);
    if (last && (e.ts < last.ts || (e.ts === last.ts && e.seq <= last.seq)))
      return {
        ok: false,
        reason: 'out-of-order',
        detail: `event ${e.type} at ${e.ts} seq ${e.seq} is not after the last accepted (${last.ts} seq ${last.seq})`,
      };
    this.lastEvent.set(feederId, { ts: e.ts, seq: e.seq });
    return { ok: true };
  }

  private flag(reason: SuspectReason, detail: string): PlausibilityVerdict {
    this.suspect[reason]++;
    return { ok: true, suspect: { reason, detail } };
  }
}

function instantCheck(data: TelemetryByKind[DeviceKind], limits: DeviceLimits): string | null {
  switch (limits.kind) {
    case 'feeder':
      return checkFeeder(data as FeederTelemetry, limits);
    case 'substation':
      return checkSubstation(data as SubstationTelemetry, limits);
    case 'pv':
      return checkPv(data as PvTelemetry, limits);
    case 'charger':
      return checkCharger(data as ChargerTelemetry, limits);
    default:
      return null;
  }
}
