/**
 * One table of the console with its toolbar: free-text filter (`/`), select filters, grouping, column chooser, row
 * count and reset. The table instance lives here so only the visible tab does table work.
 */
import type { ReactNode, Ref, RefObject } from 'react';
import { useLang } from '../../ui/i18n/lang-context';
import {
  DeviceGrid,
  type GridColumn,
  type GridData,
  type GridHandle,
  type GridRow,
  type GridSettings,
  useDeviceTable,
} from './device-grid';
import styles from './dispatch.module.css';
import { type DispatchMessageId, dt } from './dispatch-messages';

export interface SelectFilter {
  columnId: string;
  allLabel: DispatchMessageId;
  options: readonly { value: string; label: string }[];
}

interface Props<T extends GridData> {
  testId: string;
  ariaLabel: string;
  columns: GridColumn<T>[];
  data: readonly T[];
  storageKey: string;
  defaults: Partial<GridSettings>;
  filters: readonly SelectFilter[];
  /** Column id to group by when "group" is ticked. */
  groupBy?: string;
  renderGroup?: (row: GridRow<T>) => ReactNode;
  rowClass?: (row: T) => string | undefined;
  gridRef: Ref<GridHandle>;
  /** Told when the dispatcher starts and stops scrolling the table. */
  onScrollingChange?: (scrolling: boolean) => void;
  filterInputRef: RefObject<HTMLInputElement | null>;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  /** Shown at the end of the toolbar (e.g. the tab switcher lives outside; this is for extras). */
  extra?: ReactNode;
}

export function TableTab<T extends GridData>(props: Props<T>) {
  const lang = useLang();
  const { table, settings, reset } = useDeviceTable(props.columns, props.data, props.storageKey, props.defaults);
  const filterValue = (id: string) =>
    (settings.columnFilters.find((f) => f.id === id)?.value as string | undefined) ?? '';
  const grouped = props.groupBy ? settings.grouping.includes(props.groupBy) : false;
  const filteredCount = table.getFilteredRowModel().rows.length;

  return (
    <div className={styles.tableTab}>
      <div className={styles.toolbar} role="toolbar">
        <input
          ref={props.filterInputRef}
          className={styles.filterInput}
          type="text"
          placeholder={dt(lang, 'filter.placeholder')}
          value={settings.globalFilter}
          onChange={(e) => table.setGlobalFilter(e.target.value)}
          data-testid={`${props.testId}-filter`}
          aria-label={dt(lang, 'filter.placeholder')}
        />
        {props.filters.map((f) => (
          <select
            key={f.columnId}
            className={styles.select}
            value={filterValue(f.columnId)}
            onChange={(e) => table.getColumn(f.columnId)?.setFilterValue(e.target.value || undefined)}
            data-testid={`${props.testId}-filter-${f.columnId}`}
            aria-label={dt(lang, f.allLabel)}
          >
            <option value="">{dt(lang, f.allLabel)}</option>
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ))}
        {props.groupBy ? (
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={grouped}
              onChange={(e) => table.setGrouping(e.target.checked ? [props.groupBy as string] : [])}
              data-testid={`${props.testId}-group`}
            />
            {dt(lang, 'filter.groupBySubstation')}
          </label>
        ) : null}
        <details className={styles.columnsMenu}>
          <summary data-testid={`${props.testId}-columns`}>{dt(lang, 'filter.columns')}</summary>
          <div className={styles.columnsPopup}>
            {table
              .getAllLeafColumns()
              .filter((c) => c.getCanHide())
              .map((c) => (
                <label key={c.id} className={styles.check}>
                  <input
                    type="checkbox"
                    checked={c.getIsVisible()}
                    onChange={c.getToggleVisibilityHandler()}
                    data-testid={`${props.testId}-col-${c.id}`}
                  />
                  {dt(lang, `col.${c.id}` as DispatchMessageId)}
                </label>
              ))}
          </div>
        </details>
        <button type="button" className={styles.smallButton} onClick={reset}>
          {dt(lang, 'filter.reset')}
        </button>
        <span className={`${styles.rowCount} num`} data-testid={`${props.testId}-count`}>
          {filteredCount} / {props.data.length} {dt(lang, 'filter.rows')}
        </span>
        {props.extra}
      </div>
      <DeviceGrid
        table={table}
        handle={props.gridRef}
        selectedId={props.selectedId}
        onSelect={props.onSelect}
        onOpen={props.onOpen}
        testId={props.testId}
        ariaLabel={props.ariaLabel}
        renderGroup={props.renderGroup}
        rowClass={props.rowClass}
        onScrollingChange={props.onScrollingChange}
      />
    </div>
  );
}
