/**
 * The admin screen's tables (users, audit log): one TanStack Table v9 feature set, sorting by a header's button and
 * filtering by a column's value, as the dispatcher's console does it (dispatch/use-device-table.ts) and with the same
 * named sort and filter functions (ui/components/table-fns.ts), without its virtualiser and remembered settings: a few
 * hundred users and a bounded audit page draw as plain rows. Columns are module-level constants of the tab that owns
 * them (CONVENTIONS: never rebuilt per render).
 */
import {
  type ColumnDef,
  type ColumnFiltersState,
  columnFilteringFeature,
  createFilteredRowModel,
  createSortedRowModel,
  type RowData,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { useState } from 'react';
import { ariaSortOf, SortableLabel } from '../../ui/components/SortableLabel';
import { rowIdOf, TABLE_FILTER_FNS, TABLE_SORT_FNS } from '../../ui/components/table-fns';
import { useLang } from '../../ui/i18n/lang-context';
import styles from './admin.module.css';
import { type AdminMessageId, adminTr } from './admin-messages';

/** What every column says about itself: its header's words. */
export interface AdminColumnMeta {
  label: AdminMessageId;
}

export const adminTableFeatures = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  sortFns: TABLE_SORT_FNS,
  filterFns: TABLE_FILTER_FNS,
  // Type-only slot: types `columnDef.meta`.
  columnMeta: {} as AdminColumnMeta,
});
export type AdminRowData = RowData & { id: string };
// biome-ignore lint/suspicious/noExplicitAny: columns of mixed value types
export type AdminColumn<T extends AdminRowData> = ColumnDef<typeof adminTableFeatures, T, any> & {
  meta: AdminColumnMeta;
};

/** A header from the column's meta, in the page's language. */
export function HeaderLabel({ id }: { id: AdminMessageId }) {
  return <>{adminTr(useLang())(id)}</>;
}

/** A column definition less what adminColumn fills in, kept per kind of column (accessor, display). */
type ColumnRest<C> = C extends unknown ? Omit<C, 'id' | 'meta' | 'header'> : never;

/** A column labelled by a message id, its header those words: how a tab declares each of its columns. */
export function adminColumn<T extends AdminRowData>(
  id: string,
  label: AdminMessageId,
  rest: ColumnRest<AdminColumn<T>>,
): AdminColumn<T> {
  return { id, meta: { label }, header: () => <HeaderLabel id={label} />, ...rest } as AdminColumn<T>;
}

interface Props<T extends AdminRowData> {
  columns: AdminColumn<T>[];
  data: T[];
  testId: string;
  ariaLabel: string;
  initialSorting: SortingState;
  /** Owned by the tab (its toolbar sets them); empty when the tab has no filter. */
  columnFilters?: ColumnFiltersState;
  /** Told how many rows pass the filters, for the tab's count. */
  footer?: (shownRows: number) => React.ReactNode;
}

const NO_FILTERS: ColumnFiltersState = [];

export function AdminTable<T extends AdminRowData>({
  columns,
  data,
  testId,
  ariaLabel,
  initialSorting,
  columnFilters = NO_FILTERS,
  footer,
}: Props<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const table = useTable({
    features: adminTableFeatures,
    columns,
    data,
    getRowId: rowIdOf,
    state: { sorting, columnFilters },
    onSortingChange: setSorting,
    enableSortingRemoval: false,
  });
  const rows = table.getRowModel().rows;
  const headers = table.getFlatHeaders();
  return (
    <>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid={testId} aria-label={ariaLabel}>
          <thead>
            <tr>
              {headers.map((h) => {
                const sorted = h.column.getIsSorted();
                return (
                  <th key={h.id} className={styles.th} aria-sort={ariaSortOf(sorted)}>
                    <SortableLabel column={h.column} tableTestId={testId} classes={styles}>
                      <table.FlexRender header={h} />
                    </SortableLabel>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={styles.tr} data-testid={`${testId}-row`} data-row-id={row.id}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={styles.td} data-col={cell.column.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {footer ? footer(rows.length) : null}
    </>
  );
}
