/**
 * One TanStack Table v9 feature set for the dispatcher's three tables (feeders, PV sites, connectors), and the table
 * hook over stable data with settings remembered per browser. The rows are drawn by device-grid.tsx.
 */

import {
  type ColumnDef,
  type ColumnFiltersState,
  type ColumnSizingState,
  type ColumnVisibilityState,
  columnFilteringFeature,
  columnGroupingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createExpandedRowModel,
  createFilteredRowModel,
  createGroupedRowModel,
  type ExpandedState,
  type GroupingState,
  globalFilteringFeature,
  type ReactTable,
  type Row,
  type RowData,
  rowExpandingFeature,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Lang } from '../../../core/lang';
import { rowIdOf, TABLE_FILTER_FNS, TABLE_SORT_FNS } from '../../ui/components/table-fns';
import type { DispatchMessageId } from './dispatch-messages';
import { createKeyedSortedRowModel, createStableCoreRowModel } from './row-models';

/** What every column of the console says about itself: its label (header and column chooser) and unit. */
export interface GridColumnMeta {
  label: DispatchMessageId;
  unit?: string;
  /** The cell as exported text (a column without it, such as the sparkline, is not exported). */
  // biome-ignore lint/suspicious/noExplicitAny: the row type of each column; the table passes its own rows
  csv?: (row: any, lang: Lang) => string;
  /** The unit in the export's header when the screen shows it otherwise (loading as a bar: %). */
  csvUnit?: string;
  /** The column's sort order as a number per row (sort-keys.ts), for the keyed sorted row model (row-models.ts). */
  // biome-ignore lint/suspicious/noExplicitAny: the row type of each column; the table passes its own rows
  sortKeys?: (rows: readonly any[]) => Float64Array;
}

export const gridFeatures = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  columnGroupingFeature,
  rowExpandingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
  coreRowModel: createStableCoreRowModel(),
  filteredRowModel: createFilteredRowModel(),
  groupedRowModel: createGroupedRowModel(),
  sortedRowModel: createKeyedSortedRowModel(),
  expandedRowModel: createExpandedRowModel(),
  sortFns: TABLE_SORT_FNS,
  filterFns: TABLE_FILTER_FNS,
  // Type-only slot: types `columnDef.meta`.
  columnMeta: {} as GridColumnMeta,
});
export type GridFeatures = typeof gridFeatures;
/** Every grid row has a stable id (the device id) and lower-case text for the free-text filter. */
export type GridData = RowData & { id: string; search: string };
// biome-ignore lint/suspicious/noExplicitAny: columns of mixed value types
export type GridColumn<T extends GridData> = ColumnDef<GridFeatures, T, any>;
export type GridRow<T extends GridData> = Row<GridFeatures, T>;

export interface GridSettings {
  sorting: SortingState;
  columnFilters: ColumnFiltersState;
  globalFilter: string;
  columnVisibility: ColumnVisibilityState;
  columnSizing: ColumnSizingState;
  grouping: GroupingState;
}

const EMPTY_SETTINGS: GridSettings = {
  sorting: [],
  columnFilters: [],
  globalFilter: '',
  columnVisibility: {},
  columnSizing: {},
  grouping: [],
};

/** Settings from localStorage; anything unreadable falls back to the defaults (a corrupt entry never blanks a table). */
export function loadGridSettings(key: string, defaults: Partial<GridSettings>): GridSettings {
  const base = { ...EMPTY_SETTINGS, ...defaults };
  try {
    const raw = globalThis.localStorage?.getItem(key);
    if (!raw) return base;
    const saved = JSON.parse(raw) as Partial<GridSettings>;
    return {
      sorting: Array.isArray(saved.sorting) ? saved.sorting : base.sorting,
      columnFilters: Array.isArray(saved.columnFilters) ? saved.columnFilters : base.columnFilters,
      globalFilter: typeof saved.globalFilter === 'string' ? saved.globalFilter : base.globalFilter,
      columnVisibility:
        saved.columnVisibility && typeof saved.columnVisibility === 'object'
          ? saved.columnVisibility
          : base.columnVisibility,
      columnSizing:
        saved.columnSizing && typeof saved.columnSizing === 'object' ? saved.columnSizing : base.columnSizing,
      grouping: Array.isArray(saved.grouping) ? saved.grouping : base.grouping,
    };
  } catch {
    return base;
  }
}

type Updater<S> = S | ((old: S) => S);
const apply = <S>(u: Updater<S>, old: S): S => (typeof u === 'function' ? (u as (o: S) => S)(old) : u);

const globalSearch = (row: GridRow<GridData>, _columnId: string, filterValue: unknown) => {
  const q = String(filterValue ?? '')
    .trim()
    .toLowerCase();
  return q === '' || row.original.search.includes(q);
};

/** A table over stable `data` with remembered settings. `columns` must be module-level constants. */
export function useDeviceTable<T extends GridData>(
  columns: GridColumn<T>[],
  data: readonly T[],
  storageKey: string,
  defaults: Partial<GridSettings>,
) {
  const [settings, setSettings] = useState<GridSettings>(() => loadGridSettings(storageKey, defaults));
  const [expanded, setExpanded] = useState<ExpandedState>(true);
  // What this page last read or wrote: a settings object that is new but equal (a table re-render, a data update)
  // must not write, or a second dispatch screen in the same browser would overwrite the first one's filter with its
  // own unchanged settings. Only a real change by this page's user is saved.
  const lastSavedJson = useRef<string | null>(null);
  const pending = useRef<{ json: string; timer: ReturnType<typeof setTimeout> } | null>(null);
  const save = useCallback(
    (json: string) => {
      try {
        globalThis.localStorage?.setItem(storageKey, json);
        lastSavedJson.current = json;
      } catch {
        /* storage full or disabled: settings last for this session only */
      }
    },
    [storageKey],
  );
  useEffect(() => {
    const json = JSON.stringify(settings);
    if (lastSavedJson.current === null) lastSavedJson.current = json;
    // A re-render with equal settings keeps the save already scheduled (it must not postpone it for ever).
    if (pending.current?.json === json) return;
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    if (json === lastSavedJson.current) return;
    // Debounced: column resizing fires on every pointer move.
    const timer = setTimeout(() => {
      pending.current = null;
      save(json);
    }, 300);
    pending.current = { json, timer };
  }, [settings, save]);
  // A change still waiting when the page goes away (reload, navigation, tab closed) is saved then.
  useEffect(() => {
    const flush = () => {
      const p = pending.current;
      if (!p) return;
      clearTimeout(p.timer);
      pending.current = null;
      save(p.json);
    };
    globalThis.addEventListener?.('pagehide', flush);
    return () => {
      globalThis.removeEventListener?.('pagehide', flush);
      flush();
    };
  }, [save]);
  const setter = useCallback(
    <K extends keyof GridSettings>(k: K) =>
      (u: Updater<GridSettings[K]>) =>
        setSettings((s) => ({ ...s, [k]: apply(u, s[k]) })),
    [],
  );
  const handlers = useMemo(
    () => ({
      onSortingChange: setter('sorting'),
      onColumnFiltersChange: setter('columnFilters'),
      onGlobalFilterChange: setter('globalFilter'),
      onColumnVisibilityChange: setter('columnVisibility'),
      onColumnSizingChange: setter('columnSizing'),
      onGroupingChange: setter('grouping'),
    }),
    [setter],
  );
  const table = useTable({
    features: gridFeatures,
    columns,
    data: data as T[],
    getRowId: rowIdOf,
    state: { ...settings, expanded },
    ...handlers,
    onExpandedChange: setExpanded,
    globalFilterFn: globalSearch as never,
    getColumnCanGlobalFilter: () => true,
    columnResizeMode: 'onChange',
    groupedColumnMode: false,
    autoResetExpanded: false,
    enableSortingRemoval: true,
  });
  const reset = useCallback(() => setSettings({ ...EMPTY_SETTINGS, ...defaults }), [defaults]);
  return { table, settings, setSettings, reset };
}

// biome-ignore lint/suspicious/noExplicitAny: the selected state shape is the full state
export type DeviceTable<T extends GridData> = ReactTable<GridFeatures, T, any>;
