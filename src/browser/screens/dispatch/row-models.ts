/**
 * Row models of the dispatcher's tables for 10,000 live rows, in TanStack Table's own slots (`coreRowModel`,
 * `sortedRowModel`). The data changes once a second (use-sampled-devices.ts), a few thousand rows of it; the stock
 * models then rebuilt 10,000 row objects and re-sorted through every row's value cache (`sortUndefined` makes each
 * comparison read two cached values), ≈ 60 ms and 40–200 ms a refresh on this project's machine.
 *
 * - The core model keeps the row object of every data item that is the same object as before (rows-cache.ts keeps
 *   those), so only changed rows are new: their value caches and cells are the only ones rebuilt, and the grid's
 *   memoised rows skip every row whose object is unchanged.
 * - The sorted model sorts by keys computed once per sort (a number per row and sorted column, `meta.sortKeys`):
 *   names by their rank in the pinyin order, computed once per name (sort-keys.ts), not by `Intl.Collator` per
 *   comparison. When no key changed (the sorted column's values did not), the last order is kept with the new rows.
 *   Grouped rows (by substation) and columns without keys go to TanStack's own sorted model.
 */
import { constructRow, createSortedRowModel, type RowModel, tableMemo } from '@tanstack/react-table';
import type { GridColumnMeta } from './use-device-table';

// biome-ignore lint/suspicious/noExplicitAny: the slots' own signature ((table: any) => () => RowModel<any, any>)
type AnyTable = any;
// biome-ignore lint/suspicious/noExplicitAny: rows of any table
type AnyRow = any;
type Model = RowModel<AnyRow, AnyRow>;

/** TanStack's core row model, reusing the row of every data item that is the same object at the same index. */
export function createStableCoreRowModel() {
  return (table: AnyTable) => {
    let last: AnyRow[] = [];
    return tableMemo({
      feature: 'coreRowModelsFeature',
      table,
      fnName: 'table.getCoreRowModel',
      memoDeps: () => [table.options.data],
      fn: (): Model => {
        const data: readonly AnyRow[] = table.options.data;
        const rows: AnyRow[] = new Array(data.length);
        const rowsById: Record<string, AnyRow> = Object.create(null);
        for (let i = 0; i < data.length; i++) {
          const original = data[i];
          const old = last[i];
          const row =
            old !== undefined && old.original === original
              ? old
              : constructRow(table, table.getRowId(original, i), original, i, 0);
          rows[i] = row;
          rowsById[row.id] = row;
        }
        last = rows;
        return { rows, flatRows: rows, rowsById };
      },
    });
  };
}

interface SortEntry {
  desc: boolean;
  keys: Float64Array;
}

interface LastSort {
  sorting: unknown;
  /** The pre-sorted rows' data indices and each entry's keys, position by position. */
  indices: Int32Array;
  keys: Float64Array[];
  /** The sorted order, as positions in the pre-sorted rows. */
  order: number[];
}

const sameKeys = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
};

/**
 * The positions 0..n-1 ordered by the entries' keys (each ascending or descending), ties by the row's data index as
 * TanStack's own sort does.
 */
export function sortPositions(entries: readonly SortEntry[], dataIndex: ArrayLike<number>): number[] {
  const order = Array.from({ length: dataIndex.length }, (_, i) => i);
  const [first] = entries;
  if (entries.length === 1 && first) {
    const k = first.keys;
    const dir = first.desc ? -1 : 1;
    order.sort((a, b) => {
      const x = k[a] as number;
      const y = k[b] as number;
      return x < y ? -dir : x > y ? dir : (dataIndex[a] as number) - (dataIndex[b] as number);
    });
    return order;
  }
  order.sort((a, b) => {
    for (const e of entries) {
      const x = e.keys[a] as number;
      const y = e.keys[b] as number;
      if (x < y) return e.desc ? 1 : -1;
      if (x > y) return e.desc ? -1 : 1;
    }
    return (dataIndex[a] as number) - (dataIndex[b] as number);
  });
  return order;
}

/** TanStack's sorted row model, by precomputed keys (see the top of this file). */
export function createKeyedSortedRowModel() {
  return (table: AnyTable) => {
    const stock = createSortedRowModel()(table);
    let last: LastSort | null = null;
    return tableMemo({
      feature: 'rowSortingFeature',
      table,
      fnName: 'table.getSortedRowModel',
      memoDeps: () => [table.atoms.sorting?.get(), table.getPreSortedRowModel()],
      fn: (): Model => {
        const pre: Model = table.getPreSortedRowModel();
        const sorting: { id: string; desc: boolean }[] = table.atoms.sorting?.get() ?? [];
        const rows = pre.rows;
        const columns = sorting.map((s) => table.getColumn(s.id)).filter((c) => c?.getCanSort());
        if (!rows.length || !columns.length) return pre;
        const metas = columns.map((c) => c.columnDef.meta as GridColumnMeta | undefined);
        // Grouped rows: TanStack's own model sorts the groups and the rows inside each.
        if (metas.some((m) => !m?.sortKeys) || rows.some((r: AnyRow) => r.subRows.length > 0)) return stock();
        const n = rows.length;
        const originals: unknown[] = new Array(n);
        const indices = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const row: AnyRow = rows[i];
          originals[i] = row.original;
          indices[i] = row.index;
        }
        const entries: SortEntry[] = columns.map((c, i) => ({
          desc: Boolean(sorting.find((s) => s.id === c.id)?.desc),
          keys: (metas[i] as Required<GridColumnMeta>).sortKeys(originals),
        }));
        const prev = last;
        const unchanged =
          prev !== null &&
          prev.sorting === sorting &&
          sameKeys(prev.indices, indices) &&
          entries.every((e, i) => prev.keys[i] !== undefined && sameKeys(prev.keys[i] as Float64Array, e.keys));
        const order = unchanged && prev ? prev.order : sortPositions(entries, indices);
        last = { sorting, indices, keys: entries.map((e) => e.keys), order };
        const sorted: AnyRow[] = order.map((p) => rows[p]);
        return { rows: sorted, flatRows: sorted, rowsById: pre.rowsById };
      },
    });
  };
}
