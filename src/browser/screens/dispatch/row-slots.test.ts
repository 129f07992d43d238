import { describe, expect, it } from 'vitest';
import { NO_ROWS, placeRows, type RowSlots } from './row-slots';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const slots = (s: RowSlots) => s.rows.map((r) => r.slot);
const indices = (s: RowSlots) => s.rows.map((r) => r.index);

describe('placeRows', () => {
  it('gives each first-rendered row an element of its own, in index order', () => {
    const first = placeRows(NO_ROWS, range(0, 5), false);
    expect(first.rows).toEqual(range(0, 5).map((i) => ({ index: i, slot: i })));
    expect(first.nextSlot).toBe(5);
  });

  it('while scrolling, the rows entering take the elements of the rows leaving, and no element moves', () => {
    const rest = placeRows(NO_ROWS, range(0, 5), false);
    const down = placeRows(rest, range(2, 7), true);
    // Rows 0 and 1 left the top: their elements (0, 1) now show rows 5 and 6, in the same DOM places.
    expect(slots(down)).toEqual([0, 1, 2, 3, 4]);
    expect(indices(down)).toEqual([5, 6, 2, 3, 4]);
    expect(down.nextSlot).toBe(5); // no element made
    const further = placeRows(down, range(4, 9), true);
    expect(slots(further)).toEqual([0, 1, 2, 3, 4]);
    expect(indices(further)).toEqual([5, 6, 7, 8, 4]);
  });

  it('a fling past every rendered row still makes no element', () => {
    const rest = placeRows(NO_ROWS, range(0, 5), false);
    const far = placeRows(rest, range(500, 505), true);
    expect(slots(far)).toEqual([0, 1, 2, 3, 4]);
    expect(indices(far)).toEqual(range(500, 505));
    expect(far.nextSlot).toBe(5);
  });

  it('at rest, the DOM order is the on-screen order again, each row keeping its element', () => {
    const scrolled = placeRows(placeRows(NO_ROWS, range(0, 5), false), range(3, 8), true);
    const rest = placeRows(scrolled, range(3, 8), false);
    expect(indices(rest)).toEqual(range(3, 8));
    expect(slots(rest)).toEqual([3, 4, 0, 1, 2]);
  });

  it('more rows make new elements, placed last while scrolling; fewer drop the spare ones', () => {
    const rest = placeRows(NO_ROWS, range(0, 3), false);
    const grown = placeRows(rest, range(1, 6), true);
    expect(indices(grown)).toEqual([3, 1, 2, 4, 5]);
    expect(slots(grown)).toEqual([0, 1, 2, 3, 4]);
    const shrunk = placeRows(grown, range(4, 6), false);
    expect(shrunk.rows).toEqual([
      { index: 4, slot: 3 },
      { index: 5, slot: 4 },
    ]);
    const regrown = placeRows(shrunk, range(4, 7), false);
    expect(regrown.rows.at(-1)).toEqual({ index: 6, slot: 5 }); // a dropped element's number is not reused
  });

  it('keys stay unique through any sequence of windows', () => {
    let s = NO_ROWS;
    const windows: [number, number, boolean][] = [
      [0, 36, false],
      [4, 40, true],
      [100, 140, true],
      [9990, 10000, true],
      [9964, 10000, false],
      [0, 0, false],
      [10, 46, true],
    ];
    for (const [from, to, scrolling] of windows) {
      s = placeRows(s, range(from, to), scrolling);
      expect(new Set(slots(s)).size).toBe(to - from);
      expect([...indices(s)].sort((a, b) => a - b)).toEqual(range(from, to));
    }
  });
});
