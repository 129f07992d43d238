/**
 * How many charging connectors are in each state, summed over stations, provinces or shards: the one rule for the
 * live figures' `chargers` block (its total is every connector counted, the unknown ones too).
 */
import type { ConnectorState } from '../contract/payloads';

/** Connectors per state; `unknown`: a configured connector no status has been heard for. */
export type ConnectorCounts = Record<ConnectorState | 'unknown', number>;

const KEYS = [
  'charging',
  'available',
  'faulted',
  'unavailable',
  'unknown',
] as const satisfies readonly (keyof ConnectorCounts)[];

export const noConnectors = (): ConnectorCounts => ({
  charging: 0,
  available: 0,
  faulted: 0,
  unavailable: 0,
  unknown: 0,
});

export function sumConnectorCounts<T>(parts: readonly T[], countsOf: (part: T) => ConnectorCounts): ConnectorCounts {
  const out = noConnectors();
  for (const part of parts) {
    const c = countsOf(part);
    for (const k of KEYS) out[k] += c[k];
  }
  return out;
}

/** The figures' `chargers` block: the total and the count per state. */
export function chargersFigure(counts: ConnectorCounts): { connectors: number } & ConnectorCounts {
  return { connectors: KEYS.reduce((s, k) => s + counts[k], 0), ...counts };
}
