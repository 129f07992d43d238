import { describe, expect, it } from 'vitest';
import { partlyCoveredMinutes } from './partly-covered-minutes';

const MIN = 60_000;
const at = (min: number, sec = 0) => min * MIN + sec * 1000;

describe('partlyCoveredMinutes', () => {
  it('names the minute a session began in and the one it ended in, when off a boundary', () => {
    // Recorded 10:00:40 → 10:05:20: minute 10 has 20 s, minute 15 has 20 s; 11–14 are whole.
    expect(partlyCoveredMinutes([{ startMs: at(10, 40), endMs: at(15, 20) }], 0, 100)).toEqual([10, 15]);
  });

  it('a session on minute boundaries leaves no minute partial', () => {
    expect(partlyCoveredMinutes([{ startMs: at(10), endMs: at(15) }], 0, 100)).toEqual([]);
  });

  it('a restart inside a minute makes that minute partial; one that resumes in the same second does not', () => {
    const down = [
      { startMs: at(10), endMs: at(20, 30) },
      { startMs: at(25, 10), endMs: at(30) },
    ];
    expect(partlyCoveredMinutes(down, 0, 100)).toEqual([20, 25]);
    const seamless = [
      { startMs: at(10), endMs: at(20, 30) },
      { startMs: at(20, 30), endMs: at(30) },
    ];
    expect(partlyCoveredMinutes(seamless, 0, 100)).toEqual([]);
  });

  it('a session shorter than a minute, inside one minute, names it once', () => {
    expect(partlyCoveredMinutes([{ startMs: at(7, 5), endMs: at(7, 50) }], 0, 100)).toEqual([7]);
  });

  it('keeps only the minutes of the asked range, in order, whatever the order of the intervals', () => {
    const intervals = [
      { startMs: at(50, 1), endMs: at(60, 1) },
      { startMs: at(10, 1), endMs: at(20, 1) },
    ];
    expect(partlyCoveredMinutes(intervals, 15, 55)).toEqual([20, 50]);
  });
});
