import { describe, expect, it } from 'vitest';
import { chargersFigure, noConnectors, sumConnectorCounts } from './connector-counts';

describe('connector counts', () => {
  it('sums the parts state by state and totals every connector, the unknown ones too', () => {
    const parts = [
      { c: { charging: 3, available: 5, faulted: 1, unavailable: 0, unknown: 2 } },
      { c: { charging: 1, available: 0, faulted: 0, unavailable: 4, unknown: 0 } },
    ];
    const sum = sumConnectorCounts(parts, (p) => p.c);
    expect(sum).toEqual({ charging: 4, available: 5, faulted: 1, unavailable: 4, unknown: 2 });
    expect(chargersFigure(sum)).toEqual({ connectors: 16, ...sum });
    expect(chargersFigure(sumConnectorCounts([], () => noConnectors()))).toEqual({ connectors: 0, ...noConnectors() });
  });
});
