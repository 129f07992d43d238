/**
 * The dispatcher's data grid: a virtualised body (only the visible rows are in the DOM) so 10,000 devices scroll and
 * sort smoothly. The virtualizer lives here, in the lowest component that renders rows; the table and its remembered
 * settings come from use-device-table.ts.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  type ReactNode,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
} from 'react';
import { ariaSortOf, SortableLabel } from '../../ui/components/SortableLabel';
import { useLatest } from '../../ui/hooks/use-latest';
import styles from './dispatch.module.css';
import { NO_ROWS, placeRows, type RowSlots } from './row-slots';
import type { DeviceTable, GridData, GridRow } from './use-device-table';

export interface GridHandle {
  /** Moves the selection by delta rows (leaf rows only); returns the newly selected id. */
  move(delta: number): string | null;
  /** The selected row's id, if it is in the current model. */
  selected(): string | null;
}

const ROW_HEIGHT_PX = 30;

const rowHeight = () => ROW_HEIGHT_PX;

interface GridProps<T extends GridData> {
  table: DeviceTable<T>;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen?: (id: string) => void;
  /** The rows' tooltip when a click opens them. */
  openTitle?: string;
  testId: string;
  ariaLabel: string;
  renderGroup?: (row: GridRow<T>) => ReactNode;
  rowClass?: (row: T) => string | undefined;
  handle?: Ref<GridHandle>;
  /** Called when scrolling starts and when it stops (the virtualizer's scrolling state). */
  onScrollingChange?: (scrolling: boolean) => void;
}

export function DeviceGrid<T extends GridData>({
  table,
  selectedId,
  onSelect,
  onOpen,
  openTitle,
  testId,
  ariaLabel,
  renderGroup,
  rowClass,
  handle,
  onScrollingChange,
}: GridProps<T>) {
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  // Items keyed by position (the virtualizer's default), not by row id: every row has the same fixed height, so no
  // measurement belongs to a row, and a re-sort or refresh (a new rows array each second) does not make the
  // virtualizer rebuild its 10,000 measurements as keying by id did (use-row-virtualizer.ts).
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement, estimateSize: rowHeight, overscan: 8 });
  const scrolling = virtualizer.isScrolling;
  useEffect(() => onScrollingChange?.(scrolling), [scrolling, onScrollingChange]);
  const virtualItems = virtualizer.getVirtualItems();
  // Which pooled <tr> shows which row (row-slots.ts): rows scrolling in reuse the elements of rows scrolling out.
  const placedRef = useRef<RowSlots>(NO_ROWS);
  const placed = placeRows(
    placedRef.current,
    virtualItems.map((item) => item.index),
    scrolling,
  );
  useLayoutEffect(() => {
    placedRef.current = placed;
  });
  const firstIndex = virtualItems[0]?.index ?? 0;
  const headers = table.getFlatHeaders().filter((h) => h.column.getIsVisible());
  // Column widths as CSS variables on the grid root: cells read them, so a resize does not re-render every cell.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the visible columns' ids and sizes
  const widthVars = useMemo(() => {
    const vars: Record<string, string> = {};
    for (const h of headers) vars[`--col-${h.column.id}`] = `${h.getSize()}px`;
    return vars;
  }, [headers.map((h) => `${h.column.id}:${h.getSize()}`).join()]);
  const totalWidth = headers.reduce((s, h) => s + h.getSize(), 0);
  const colsKey = headers.map((h) => h.column.id).join();
  // What the header row shows: columns, widths, sort and resize state. Scrolling re-renders the grid every frame;
  // the header re-renders only when this changes.
  const headerKey = headers
    .map((h) => `${h.column.id}:${h.getSize()}:${h.column.getIsSorted() || ''}:${h.column.getIsResizing() ? 1 : 0}`)
    .join();

  const rowsRef = useLatest(rows);
  const selectedRef = useLatest(selectedId);
  useImperativeHandle(
    handle,
    () => ({
      move(delta) {
        const rs = rowsRef.current;
        if (rs.length === 0) return null;
        const cur = rs.findIndex((r) => r.id === selectedRef.current);
        let i = cur === -1 ? (delta > 0 ? 0 : rs.length - 1) : cur + delta;
        // Skip group header rows: the selection is always a device.
        while (i >= 0 && i < rs.length && (rs[i] as GridRow<T>).getIsGrouped()) i += delta > 0 ? 1 : -1;
        i = Math.max(0, Math.min(rs.length - 1, i));
        const row = rs[i] as GridRow<T>;
        if (row.getIsGrouped()) return selectedRef.current;
        onSelect(row.id);
        virtualizer.scrollToIndex(i, { align: 'auto' });
        return row.id;
      },
      selected: () => (rowsRef.current.some((r) => r.id === selectedRef.current) ? selectedRef.current : null),
    }),
    [onSelect, virtualizer],
  );

  return (
    <div ref={scrollRef} className={styles.gridScroll} data-testid={testId} style={widthVars}>
      <table className={styles.table} aria-label={ariaLabel} aria-rowcount={rows.length + 1 /* with the header row */}>
        <GridHeader table={table} testId={testId} headerKey={headerKey} totalWidth={totalWidth} />
        <tbody className={styles.tbody} style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
          {placed.rows.map(({ index, slot }) => {
            const item = virtualItems[index - firstIndex] as (typeof virtualItems)[number];
            const row = rows[index] as GridRow<T>;
            const key = `s:${slot}`;
            if (row.getIsGrouped()) {
              return (
                <tr
                  key={key}
                  aria-rowindex={index + 2}
                  className={styles.groupRow}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT_PX }}
                >
                  <td className={styles.groupCell}>
                    <button type="button" className={styles.groupToggle} onClick={row.getToggleExpandedHandler()}>
                      {row.getIsExpanded() ? '▾' : '▸'}
                    </button>
                    {renderGroup ? renderGroup(row) : String(row.groupingValue)}
                  </td>
                </tr>
              );
            }
            return (
              <GridRowView
                key={key}
                table={table}
                row={row}
                rowIndex={index}
                start={item.start}
                selected={row.id === selectedId}
                colsKey={colsKey}
                onSelect={onSelect}
                onOpen={onOpen}
                openTitle={openTitle}
                rowClass={rowClass}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface HeaderProps<T extends GridData> {
  table: DeviceTable<T>;
  testId: string;
  /** Changes whenever anything the header shows changes (see DeviceGrid). */
  headerKey: string;
  totalWidth: number;
}

/** The header row: sort buttons and resize handles. Memoised on `headerKey`, so scrolling does not re-render it. */
const GridHeader = memo(function GridHeader<T extends GridData>({ table, testId, totalWidth }: HeaderProps<T>) {
  const headers = table.getFlatHeaders().filter((h) => h.column.getIsVisible());
  return (
    <thead className={styles.gridHead}>
      <tr className={styles.headRow} style={{ width: totalWidth }}>
        {headers.map((h) => {
          const sorted = h.column.getIsSorted();
          return (
            <th
              key={h.id}
              aria-sort={ariaSortOf(sorted)}
              className={styles.th}
              style={{ width: `var(--col-${h.column.id})` }}
              data-col={h.column.id}
            >
              <SortableLabel column={h.column} tableTestId={testId} classes={styles}>
                <table.FlexRender header={h} />
              </SortableLabel>
              {h.column.getCanResize() ? (
                // biome-ignore lint/a11y/noStaticElementInteractions: a pointer affordance; widths are also kept per browser
                <div
                  className={styles.resizer}
                  onMouseDown={h.getResizeHandler()}
                  onTouchStart={h.getResizeHandler()}
                  onDoubleClick={() => h.column.resetSize()}
                  data-resizing={h.column.getIsResizing() || undefined}
                />
              ) : null}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}) as <T extends GridData>(props: HeaderProps<T>) => ReactNode;

interface RowViewProps<T extends GridData> {
  table: DeviceTable<T>;
  row: GridRow<T>;
  /** The row's place in the grid's rows (0-based); the DOM order differs while the grid scrolls (row-slots.ts). */
  rowIndex: number;
  start: number;
  selected: boolean;
  /** Visible column ids: a row re-renders when they change, not when the grid scrolls. */
  colsKey: string;
  onSelect: (id: string) => void;
  onOpen?: (id: string) => void;
  /** The row's tooltip: what a click does. */
  openTitle?: string;
  rowClass?: (row: T) => string | undefined;
}

/**
 * One body row, memoised: while scrolling, rows already on screen keep their props (same row object, same offset),
 * so only the rows scrolling into view render. A row re-renders when its data (row object) or selection changes.
 */
const GridRowView = memo(function GridRowView<T extends GridData>({
  table,
  row,
  rowIndex,
  start,
  selected,
  onSelect,
  onOpen,
  openTitle,
  rowClass,
}: RowViewProps<T>) {
  return (
    <tr
      aria-selected={selected}
      aria-rowindex={rowIndex + 2 /* 1-based, after the header row */}
      data-row-id={row.id}
      data-opens={onOpen ? '' : undefined}
      className={`${styles.tr} ${selected ? styles.selected : ''} ${rowClass?.(row.original) ?? ''}`}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT_PX }}
      // One click selects and opens the row's feeder (Enter does the same from the keyboard); the cursor and the
      // toolbar's hint say so — a double-click with no cue was found by no one.
      onClick={() => {
        onSelect(row.id);
        onOpen?.(row.id);
      }}
      title={openTitle}
    >
      {row.getVisibleCells().map((cell) => (
        <td
          key={cell.column.id}
          className={styles.td}
          data-col={cell.column.id}
          style={{ width: `var(--col-${cell.column.id})` }}
        >
          <table.FlexRender cell={cell} />
        </td>
      ))}
    </tr>
  );
}) as <T extends GridData>(props: RowViewProps<T>) => ReactNode;
