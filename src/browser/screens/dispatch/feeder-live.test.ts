import { describe, expect, it } from 'vitest';
import type { FeederTelemetry } from '../../../core/contract/payloads';
import { appendFeederSample, emptyFeederLive, LIVE_POINTS, livePairs } from './feeder-live';

const sample = (ts: number, pKw = 100): FeederTelemetry =>
  ({ ts, pKw, qKvar: 30, iA: 6, uKv: 10.3, eImportKwh: 0, eExportKwh: 0 }) as FeederTelemetry;
const rating = { ratedMva: 1, ratedA: 60 };

describe('feeder live tail', () => {
  it('appends newer samples only, and starts again for another feeder', () => {
    const a = appendFeederSample(emptyFeederLive('f1'), 'f1', sample(1000), rating);
    expect(a.ts).toEqual([1000]);
    expect(appendFeederSample(a, 'f1', sample(1000), rating)).toBe(a);
    const b = appendFeederSample(a, 'f1', sample(2000, 200), rating);
    expect(b.p).toEqual([100, 200]);
    expect(a.p).toEqual([100]);
    expect(appendFeederSample(b, 'f2', sample(3000), rating)).toMatchObject({ id: 'f2', ts: [3000] });
    expect(appendFeederSample(b, 'f1', null, rating)).toBe(b);
  });

  it('keeps the last LIVE_POINTS samples', () => {
    let live = emptyFeederLive('f1');
    for (let k = 0; k < LIVE_POINTS + 5; k++) live = appendFeederSample(live, 'f1', sample(k * 5000), rating);
    expect(live.ts).toHaveLength(LIVE_POINTS);
    expect(live.ts[0]).toBe(5 * 5000);
  });

  it('a value that could not be computed is a gap', () => {
    const live = { ...emptyFeederLive('f1'), ts: [1, 2], l: [50, Number.NaN] };
    expect(livePairs(live, live.l)).toEqual([
      [1, 50],
      [2, null],
    ]);
  });
});
