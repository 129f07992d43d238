/**
 * Plausibility of one reading for the device that sends it (DESIGN.md §5, issue «Live core on the server» item 4).
 * The schema ranges (payloads.ts) are the same for every device of a kind; these rules use the device's own ratings
 * from the area configuration, so 10 MW from a 13 kWp PV site or 10.4 kV from a 220 kV substation is refused even
 * though either value is valid for some device.
 *
 * Pure: limits in, verdict out. The per-device state the counter rules need (the previous reading) is kept by the
 * registry (device-registry.ts), which calls these.
 *
 * Every threshold is chosen so the simulated feeds (mock-feeds/world) are never refused, including their scenarios,
 * and so a real grid's extremes are at worst flagged suspect; only readings no device could produce are refused.
 */
import type { FeederEvent } from './feeder-events';
import type { ChargerTelemetry, FeederSwitching, FeederTelemetry, PvTelemetry, SubstationTelemetry } from './payloads';
import type { Province } from './topics';

/**
 * Apparent power above this multiple of the rating is refused. Not 2×: the feeds' overload scenario drives a feeder
 * to up to 300 % (mock-feeds/world/scenarios.ts loadingPct ≤ 300). A real feeder's overcurrent protection trips well
 * before that, so beyond 3.2× the reading is a wrong unit or a broken transducer, not a load.
 */
export const MAX_LOADING_FACTOR = 3.2;
/**
 * A feeder's current may differ from S / (√3·U) by half the larger of the two, plus 5 % of its rated current. P, Q, U
 * and I are sampled at slightly different instants, and unbalance and harmonics make the phase current differ from the
 * balanced figure by a few percent; a factor of two is a unit or wiring error (20 MW with 0 A; megawatts sent as
 * kilowatts: 5 "kW" with 300 A). The 5 % floor covers transducer noise at light load. The feeds compute I exactly.
 */
export const CURRENT_RELATIVE_TOLERANCE = 0.5;
export const CURRENT_FLOOR_OF_RATED = 0.05;
/**
 * Voltage farther than ±25 % from the device's nominal level is refused. The alarm threshold is 7 % and the feeds stay
 * within about +6 % / −12 % even at 300 % overload; a real bus beyond ±25 % has tripped on under- or overvoltage, so
 * such a reading is another voltage level or unit (10.4 kV from a 220 kV substation, 5 kV on a 10 kV feeder).
 */
export const MAX_VOLTAGE_DEVIATION = 0.25;
/**
 * PV output above 1.3 × kWp + 1 kW is refused. kWp is the DC rating at standard conditions; cloud-edge irradiance
 * enhancement and cold modules can push output some 20–30 % above it for minutes, never more; the 1 kW covers the
 * meter's resolution on the smallest sites. The feeds cap output at kWp.
 */
export const PV_OUTPUT_FACTOR = 1.3;
export const PV_OUTPUT_SLACK_KW = 1;
/**
 * A connector above 1.1 × its rating + 0.5 kW (a station above 1.1 × the sum of its connectors + 1 kW) is refused: a
 * charger regulates to its rating, 10 % covers meter accuracy and brief overshoot. The feeds never exceed the rating.
 */
export const CHARGER_POWER_FACTOR = 1.1;
export const CONNECTOR_SLACK_KW = 0.5;
export const STATION_SLACK_KW = 1;
/**
 * A register may grow by at most the device's power limit (the one above) times the time since its previous reading,
 * plus 1 kWh for rounding of registers (3 decimals) and timestamps (whole ms).
 */
export const COUNTER_SLACK_KWH = 1;

export interface FeederLimits {
  kind: 'feeder';
  province: Province;
  ratedKva: number;
  ratedA: number;
  nominalKv: number;
  /** Configured sections: per section, the feeder across its tie (null: no tie). Null: no remote switching. */
  sections: readonly ({ tieFeederId: string } | null)[] | null;
}
export interface SubstationLimits {
  kind: 'substation';
  province: Province;
  ratedKva: number;
  nominalKv: number;
}
export interface PvLimits {
  kind: 'pv';
  province: Province;
  kWp: number;
}
export interface ChargerLimits {
  kind: 'charger';
  province: Province;
  /** Configured connectors: id → rated kW. */
  connectorsKw: ReadonlyMap<string, number>;
  totalRatedKw: number;
}
export type DeviceLimits = FeederLimits | SubstationLimits | PvLimits | ChargerLimits;

/** Why a reading is impossible: the field, the value and the limit, for a human. Null when it is possible. */
export type Implausible = string | null;

const SQRT3 = Math.sqrt(3);
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(3));

function voltage(uKv: number, nominalKv: number): Implausible {
  const dev = Math.abs(uKv - nominalKv) / nominalKv;
  if (dev <= MAX_VOLTAGE_DEVIATION) return null;
  const lo = nominalKv * (1 - MAX_VOLTAGE_DEVIATION);
  const hi = nominalKv * (1 + MAX_VOLTAGE_DEVIATION);
  return `uKv ${fmt(uKv)} kV is outside ${fmt(lo)}–${fmt(hi)} kV (nominal ${nominalKv} kV ±${MAX_VOLTAGE_DEVIATION * 100} %)`;
}

function apparentPower(pKw: number, qKvar: number, ratedKva: number): Implausible {
  const sKva = Math.hypot(pKw, qKvar);
  const maxKva = MAX_LOADING_FACTOR * ratedKva;
  if (sKva <= maxKva) return null;
  return `apparent power ${fmt(sKva)} kVA (pKw ${fmt(pKw)}, qKvar ${fmt(qKvar)}) exceeds ${MAX_LOADING_FACTOR} × the rated ${fmt(ratedKva)} kVA`;
}

/** Highest power a feeder or substation can carry for the counter rule, kW. */
export const maxFlowKw = (l: FeederLimits | SubstationLimits) => MAX_LOADING_FACTOR * l.ratedKva;
export const maxPvKw = (l: PvLimits) => PV_OUTPUT_FACTOR * l.kWp + PV_OUTPUT_SLACK_KW;
export const maxStationKw = (l: ChargerLimits) => CHARGER_POWER_FACTOR * l.totalRatedKw + STATION_SLACK_KW;

/**
 * Power through an open head breaker above this share of the rating (+ 1 kW) is refused: an open breaker carries none;
 * the margin covers the transducer's zero offset.
 */
export const OPEN_BREAKER_FLOW_OF_RATED = 0.01;

/** Switch states that contradict the feeder's configured sections or themselves. */
export function checkSwitching(sw: FeederSwitching, l: FeederLimits): Implausible {
  const n = l.sections?.length ?? 0;
  if (n === 0) return 'switching reported, but the feeder has no configured sections';
  if (sw.energised.length !== n || sw.tiesClosed.length !== n || sw.sectionalisersClosed.length !== n - 1)
    return `switching describes ${sw.energised.length} sections (${sw.sectionalisersClosed.length} sectionalisers, ${sw.tiesClosed.length} ties); the feeder has ${n}`;
  for (let k = 0; k < n; k++) {
    const hasTie = l.sections?.[k] !== null;
    if ((sw.tiesClosed[k] !== null) !== hasTie)
      return `section ${k} ${hasTie ? 'has a tie switch but reports none' : 'reports a tie switch it does not have'}`;
  }
  if (sw.isolated && sw.isolated.length !== n)
    return `isolated lists ${sw.isolated.length} sections; the feeder has ${n}`;
  const deadIsolated = sw.isolated?.findIndex((x, k) => x && sw.energised[k]) ?? -1;
  if (deadIsolated >= 0) return `section ${deadIsolated} is reported isolated and live`;
  // What the head reaches through closed switches must be live; a live section must reach the head or a closed tie.
  const fromHead: boolean[] = [];
  for (let k = 0; k < n; k++)
    fromHead[k] = k === 0 ? sw.breakerClosed : !!fromHead[k - 1] && !!sw.sectionalisersClosed[k - 1];
  for (let k = 0; k < n; k++) {
    if (fromHead[k] && !sw.energised[k])
      return `section ${k} is connected to the closed head breaker but reported dead`;
    if (!sw.energised[k] || fromHead[k]) continue;
    let fed = false;
    for (let j = k, open = false; j >= 0 && !open; j--) {
      if (sw.tiesClosed[j]) fed = true;
      open = j > 0 && !sw.sectionalisersClosed[j - 1];
    }
    for (let j = k, open = false; j < n && !open && !fed; j++) {
      if (sw.tiesClosed[j]) fed = true;
      open = j + 1 < n && !sw.sectionalisersClosed[j];
    }
    if (!fed) return `section ${k} is reported live with no closed path to the head or a tie`;
  }
  return null;
}

/** An event impossible for the feeder's sections and ties (the order is the registry's: device-registry.ts). */
export function checkFeederEvent(e: FeederEvent, l: FeederLimits): Implausible {
  const n = l.sections?.length ?? 0;
  if (n === 0) return 'event from a feeder with no configured sections';
  if (e.section !== null && e.section >= n) return `section ${e.section} out of range (the feeder has ${n})`;
  const bad = e.sections.find((k) => k >= n);
  if (bad !== undefined) return `section ${bad} out of range (the feeder has ${n})`;
  if (new Set(e.sections).size !== e.sections.length) return 'a section is listed twice';
  if (e.ts < e.outageStartMs) return 'event before the start of its outage';
  switch (e.type) {
    case 'tripped':
      if (e.cause !== 'fault') return 'only a fault trips the breaker';
      if (e.via !== null || e.tieFeederId !== null) return 'a trip restores nothing';
      if (e.ts !== e.outageStartMs) return 'a trip starts its outage (ts = outageStartMs)';
      return null;
    case 'isolated':
      if (e.section === null) return 'isolation names the section it isolates';
      if (e.via !== null || e.tieFeederId !== null) return 'isolation restores nothing';
      if (!e.sections.includes(e.section)) return 'the isolated section must be among those left out';
      return null;
    case 'restored': {
      if (e.via !== 'upstream' && e.via !== 'tie') return 'restored is via upstream or tie';
      if (e.section !== null && e.sections.includes(e.section))
        return 'the faulted section is not restored before repair';
      if (e.via === 'upstream') return e.tieFeederId === null ? null : 'restored upstream names no tie feeder';
      const ties = new Set(e.sections.map((k) => l.sections?.[k]?.tieFeederId).filter((x) => x !== undefined));
      if (e.tieFeederId === null || !ties.has(e.tieFeederId))
        return `restored via tie from "${e.tieFeederId}", not a tie of sections ${e.sections.join(', ')}`;
      return null;
    }
    case 'repaired':
      if (e.via !== 'repair' || e.tieFeederId !== null) return 'repaired is via repair';
      return null;
  }
}

export function checkFeeder(d: FeederTelemetry, l: FeederLimits): Implausible {
  const v = voltage(d.uKv, l.nominalKv);
  if (v) return v;
  const s = apparentPower(d.pKw, d.qKvar, l.ratedKva);
  if (s) return s;
  if (d.switching) {
    const sw = checkSwitching(d.switching, l);
    if (sw) return sw;
    const maxOpenKw = OPEN_BREAKER_FLOW_OF_RATED * l.ratedKva + 1;
    if (!d.switching.breakerClosed && Math.abs(d.pKw) > maxOpenKw)
      return `pKw ${fmt(d.pKw)} kW through an open head breaker (at most ${fmt(maxOpenKw)} kW of zero offset)`;
  }
  const expectedA = Math.hypot(d.pKw, d.qKvar) / (SQRT3 * d.uKv);
  const toleranceA = CURRENT_RELATIVE_TOLERANCE * Math.max(expectedA, d.iA) + CURRENT_FLOOR_OF_RATED * l.ratedA;
  if (Math.abs(d.iA - expectedA) <= toleranceA) return null;
  return `iA ${fmt(d.iA)} A contradicts S / (√3·U) = ${fmt(expectedA)} A (pKw ${fmt(d.pKw)}, qKvar ${fmt(d.qKvar)}, uKv ${fmt(d.uKv)}; tolerance ±${fmt(toleranceA)} A)`;
}

export function checkSubstation(d: SubstationTelemetry, l: SubstationLimits): Implausible {
  return voltage(d.uKv, l.nominalKv) ?? apparentPower(d.pKw, d.qKvar, l.ratedKva);
}

export function checkPv(d: PvTelemetry, l: PvLimits): Implausible {
  const maxKw = maxPvKw(l);
  if (d.pKw <= maxKw) return null;
  return `pKw ${fmt(d.pKw)} kW exceeds ${PV_OUTPUT_FACTOR} × ${l.kWp} kWp + ${PV_OUTPUT_SLACK_KW} kW = ${fmt(maxKw)} kW`;
}

export function checkCharger(d: ChargerTelemetry, l: ChargerLimits): Implausible {
  if (d.connectors.length > l.connectorsKw.size)
    return `${d.connectors.length} connectors reported, the station has ${l.connectorsKw.size}`;
  const seen = new Set<string>();
  for (const c of d.connectors) {
    const ratedKw = l.connectorsKw.get(c.id);
    if (ratedKw === undefined) return `connector "${c.id}" is not one of the station's ${l.connectorsKw.size}`;
    if (seen.has(c.id)) return `connector "${c.id}" is reported twice`;
    seen.add(c.id);
    const maxKw = CHARGER_POWER_FACTOR * ratedKw + CONNECTOR_SLACK_KW;
    if (c.pKw > maxKw) return `connector "${c.id}" pKw ${fmt(c.pKw)} kW exceeds its rated ${ratedKw} kW`;
  }
  const maxKw = maxStationKw(l);
  if (d.pKw <= maxKw) return null;
  return `pKw ${fmt(d.pKw)} kW exceeds the connectors' rated ${fmt(l.totalRatedKw)} kW in total`;
}

/**
 * Largest plausible growth of a register over elapsedMs for a device whose power is at most maxKw, kWh.
 */
export const maxCounterStepKwh = (maxKw: number, elapsedMs: number) =>
  (maxKw * elapsedMs) / 3_600_000 + COUNTER_SLACK_KWH;
