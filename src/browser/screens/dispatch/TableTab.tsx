/**
 * One table of the console with its toolbar: free-text filter (`/`), select filters, grouping, column chooser, row
 * count and reset. The table instance lives here so only the visible tab does table work.
 */
import { type Ref, type RefObject, useMemo } from 'react';
import { useAreaConfig, useRuntime } from '../../live/runtime-context';
import { saveCsv } from '../../ui/format/csv';
import { useLang } from '../../ui/i18n/lang-context';
import { DeviceGrid, type GridHandle } from './device-grid';
import styles from './dispatch.module.css';
import { leafRowsInOrder, tableCsv, tableCsvFileName } from './dispatch-csv';
import { dt } from './dispatch-messages';
import { selectFilters, TAB_LABEL, type TableSpec } from './dispatch-tables';
import { type GridData, useDeviceTable } from './use-device-table';

/** What the page gives every table: the keyboard's handles and the selection. */
export interface TableTabHandlers {
  gridRef: Ref<GridHandle>;
  /** Told when the dispatcher starts and stops scrolling the table. */
  onScrollingChange?: (scrolling: boolean) => void;
  filterInputRef: RefObject<HTMLInputElement | null>;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
}

interface Props<T extends GridData> extends TableTabHandlers {
  spec: TableSpec<T>;
  data: readonly T[];
}

const EMPTY_LABEL = { feeders: 'empty.feeders', pv: 'empty.pv', connectors: 'empty.connectors' } as const;

export function TableTab<T extends GridData>(props: Props<T>) {
  const lang = useLang();
  const area = useAreaConfig();
  const { clock } = useRuntime();
  const { spec } = props;
  const { table, settings, reset } = useDeviceTable(spec.columns, props.data, spec.storageKey, spec.defaults);
  const filters = useMemo(() => selectFilters(spec, area, lang), [spec, area, lang]);
  const groupBy = spec.bySubstation ? 'substation' : undefined;
  const filterValue = (id: string) =>
    (settings.columnFilters.find((f) => f.id === id)?.value as string | undefined) ?? '';
  const grouped = groupBy ? settings.grouping.includes(groupBy) : false;
  const filteredCount = table.getFilteredRowModel().rows.length;
  const filtered = settings.globalFilter !== '' || settings.columnFilters.length > 0;
  // What the filters are, in words, for the empty state: the typed text and each chosen select's option.
  const filterWords = [
    settings.globalFilter ? `“${settings.globalFilter}”` : null,
    ...filters.map((f) => f.options.find((o) => o.value === filterValue(f.columnId))?.label ?? null),
  ].filter((w): w is string => w !== null);
  const clearFilters = () => {
    table.setGlobalFilter('');
    table.setColumnFilters([]);
  };
  const exportCsv = () => {
    const columns = table
      .getVisibleLeafColumns()
      .flatMap((c) => (c.columnDef.meta ? [{ id: c.id, meta: c.columnDef.meta }] : []));
    const rows = leafRowsInOrder(table.getSortedRowModel().rows);
    saveCsv(tableCsv(columns, rows, lang), tableCsvFileName(spec.tab, clock.now()));
  };

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
          data-testid={`${spec.testId}-filter`}
          aria-label={dt(lang, 'filter.placeholder')}
        />
        {filters.map((f) => (
          <select
            key={f.columnId}
            className={styles.select}
            value={filterValue(f.columnId)}
            onChange={(e) => table.getColumn(f.columnId)?.setFilterValue(e.target.value || undefined)}
            data-testid={`${spec.testId}-filter-${f.columnId}`}
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
        {groupBy ? (
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={grouped}
              onChange={(e) => table.setGrouping(e.target.checked ? [groupBy] : [])}
              data-testid={`${spec.testId}-group`}
            />
            {dt(lang, 'filter.groupBySubstation')}
          </label>
        ) : null}
        <details className={styles.columnsMenu}>
          <summary data-testid={`${spec.testId}-columns`}>{dt(lang, 'filter.columns')}</summary>
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
                    data-testid={`${spec.testId}-col-${c.id}`}
                  />
                  {c.columnDef.meta ? dt(lang, c.columnDef.meta.label) : c.id}
                </label>
              ))}
          </div>
        </details>
        <button type="button" className={styles.smallButton} onClick={reset}>
          {dt(lang, 'filter.reset')}
        </button>
        <button
          type="button"
          className={styles.smallButton}
          onClick={exportCsv}
          disabled={filteredCount === 0}
          title={dt(lang, 'export.csvTitle')}
          data-testid={`${spec.testId}-csv`}
        >
          {dt(lang, 'export.csv')}
        </button>
        <span className={styles.openHint} data-testid={`${spec.testId}-open-hint`}>
          {dt(lang, 'drill.openHint')}
        </span>
        <span className={`${styles.rowCount} num`} data-testid={`${spec.testId}-count`}>
          {filteredCount} / {props.data.length} {dt(lang, 'filter.rows')}
        </span>
      </div>
      {filteredCount === 0 && filtered && props.data.length > 0 ? (
        <div className={styles.noMatch} role="status" data-testid={`${spec.testId}-no-match`}>
          <span>
            {dt(lang, EMPTY_LABEL[spec.tab as keyof typeof EMPTY_LABEL])}: {filterWords.join(' · ')}
          </span>
          <button
            type="button"
            className={styles.smallButton}
            onClick={clearFilters}
            data-testid={`${spec.testId}-clear-filter`}
          >
            {dt(lang, 'filter.clear')}
          </button>
        </div>
      ) : null}
      <DeviceGrid
        table={table}
        handle={props.gridRef}
        selectedId={props.selectedId}
        onSelect={props.onSelect}
        onOpen={props.onOpen}
        openTitle={dt(lang, 'drill.openHint')}
        testId={spec.testId}
        ariaLabel={dt(lang, TAB_LABEL[spec.tab])}
        renderGroup={spec.renderGroup}
        rowClass={spec.rowClass}
        onScrollingChange={props.onScrollingChange}
      />
    </div>
  );
}
