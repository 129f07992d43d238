// @vitest-environment jsdom
/**
 * The feeder table's row models (row-models.ts) through the table hook the screen uses: the order a dispatcher sees
 * for each kind of column, the same as TanStack's own sort of the same columns gives, and row objects kept across a
 * refresh for the feeders whose data did not change.
 */
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { feederColumns } from './columns';
import type { FeederRow } from './dispatch-rows';
import { sortPositions } from './row-models';
import { type GridSettings, useDeviceTable } from './use-device-table';

const feeder = (id: string, nameZh: string, loadingPct: number | null, substationId = 'sub-a'): FeederRow => ({
  id,
  nameZh,
  nameEn: id,
  substationId,
  substationZh: substationId,
  substationEn: substationId,
  province: 'sc',
  pKw: loadingPct === null ? null : loadingPct * 10,
  qKvar: null,
  iA: null,
  uKv: null,
  powerFactor: null,
  loadingPct,
  state: loadingPct === null ? 'no-data' : 'normal',
  stateRank: loadingPct === null ? 5 : 4,
  peakKw: null,
  peakAtMs: null,
  lastTs: null,
  search: `${nameZh} ${id}`.toLowerCase(),
});

const DATA = [
  feeder('f1', '高竹10线', 40),
  feeder('f2', '北碚站', null),
  feeder('f3', '高竹2线', 90),
  feeder('f4', '重庆站', 40),
  feeder('f5', '安居站', 12),
];

function useTable(data: readonly FeederRow[], defaults: Partial<GridSettings>) {
  return useDeviceTable(feederColumns, data, `test.row-models.${Math.random()}`, defaults).table;
}

const order = (table: ReturnType<typeof useTable>) => table.getRowModel().rows.map((r) => r.id);

describe('the keyed sorted row model', () => {
  it('sorts loading descending with equal values in their data order and feeders without data last', () => {
    const { result } = renderHook(() => useTable(DATA, { sorting: [{ id: 'loading', desc: true }] }));
    expect(order(result.current)).toEqual(['f3', 'f1', 'f4', 'f5', 'f2']);
  });

  it('sorts names by pinyin, numbers in names by value, both ways', () => {
    const { result } = renderHook(() => useTable(DATA, { sorting: [{ id: 'name', desc: false }] }));
    // 安居 ān, 北碚 běi, 重庆 chóng, 高竹 gāo (2 before 10).
    expect(order(result.current)).toEqual(['f5', 'f2', 'f4', 'f3', 'f1']);
    act(() => result.current.setSorting([{ id: 'name', desc: true }]));
    expect(order(result.current)).toEqual(['f1', 'f3', 'f4', 'f2', 'f5']);
  });

  it('gives the order of each column’s own comparator (TanStack’s sort, used for grouped rows)', () => {
    for (const c of feederColumns.filter((c) => c.enableSorting !== false)) {
      for (const desc of [false, true]) {
        const { result } = renderHook(() => useTable(DATA, { sorting: [{ id: c.id as string, desc }] }));
        const cmp = c.sortFn as (a: { original: FeederRow }, b: { original: FeederRow }) => number;
        const want = DATA.map((original, index) => ({ original, index }))
          .sort((a, b) => (desc ? -1 : 1) * cmp(a, b) || a.index - b.index)
          .map((r) => r.original.id);
        expect(order(result.current), `${c.id} ${desc ? 'desc' : 'asc'}`).toEqual(want);
      }
    }
  });

  it('sorts by a second column where the first ties', () => {
    const { result } = renderHook(() =>
      useTable(DATA, {
        sorting: [
          { id: 'loading', desc: true },
          { id: 'name', desc: false },
        ],
      }),
    );
    // f1 (高竹10线) and f4 (重庆站) tie at 40 %: 重庆 before 高竹.
    expect(order(result.current)).toEqual(['f3', 'f4', 'f1', 'f5', 'f2']);
  });

  it('re-sorts when a refresh changes the sorted values, and keeps the rows of the feeders that did not change', () => {
    const { result, rerender } = renderHook(
      ({ data }) => useTable(data, { sorting: [{ id: 'loading', desc: true }] }),
      {
        initialProps: { data: DATA },
      },
    );
    const before = new Map(result.current.getRowModel().rows.map((r) => [r.id, r]));
    const next = DATA.map((r) => (r.id === 'f5' ? feeder('f5', '安居站', 99) : r));
    rerender({ data: next });
    const rows = result.current.getRowModel().rows;
    expect(rows.map((r) => r.id)).toEqual(['f5', 'f3', 'f1', 'f4', 'f2']);
    for (const r of rows) {
      if (r.id === 'f5') expect(r).not.toBe(before.get('f5'));
      else expect(r).toBe(before.get(r.id));
    }
    expect(rows[0]?.getValue('loading')).toBe(99);
  });

  it('grouped by substation, sorts the feeders inside each group', () => {
    const data = [...DATA, feeder('f6', '东站', 70, 'sub-b'), feeder('f7', '西站', 30, 'sub-b')];
    const { result } = renderHook(() =>
      useTable(data, { sorting: [{ id: 'loading', desc: true }], grouping: ['substation'] }),
    );
    const groups = result.current.getRowModel().rows.filter((r) => r.getIsGrouped());
    expect(groups.map((g) => g.subRows.map((r) => r.id))).toEqual([
      ['f3', 'f1', 'f4', 'f5', 'f2'],
      ['f6', 'f7'],
    ]);
  });
});

describe('sortPositions', () => {
  it('orders positions by keys, ties by data index, descending per entry', () => {
    const keys = Float64Array.of(2, 1, 2, Number.NEGATIVE_INFINITY);
    expect(sortPositions([{ keys, desc: false }], [0, 1, 2, 3])).toEqual([3, 1, 0, 2]);
    expect(sortPositions([{ keys, desc: true }], [0, 1, 2, 3])).toEqual([0, 2, 1, 3]);
    expect(sortPositions([{ keys, desc: true }], [9, 1, 2, 3])).toEqual([2, 0, 1, 3]);
  });
});
